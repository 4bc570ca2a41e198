package io.hansim.device.cot;

import java.util.Comparator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A technical specification version such as IHDTS "5.0" or PPMIDTS "4.2" (R56.6), ordered by major
 * then minor.
 *
 * @param major 0..999
 * @param minor 0..999
 */
public record SpecVersion(int major, int minor) implements Comparable<SpecVersion> {
    private static final Pattern FORM = Pattern.compile("v?(\\d{1,3})\\.(\\d{1,3})");
    private static final Comparator<SpecVersion> ORDER =
            Comparator.comparingInt(SpecVersion::major).thenComparingInt(SpecVersion::minor);

    public SpecVersion {
        if (major < 0 || major > 999 || minor < 0 || minor > 999) {
            throw new IllegalArgumentException("version " + major + "." + minor + " out of range 0..999");
        }
    }

    /**
     * Parses "major.minor" (an optional leading "v", as in the SECMP0056 report's "v5.0").
     *
     * @throws SpecVersionFormatException naming the text and what is wrong
     */
    public static SpecVersion parse(String text) {
        if (text == null) {
            throw new SpecVersionFormatException("null", "no version given");
        }
        Matcher m = FORM.matcher(text);
        if (!m.matches()) {
            throw new SpecVersionFormatException(text, "expected major.minor, e.g. 5.0");
        }
        return new SpecVersion(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
    }

    public boolean isAtLeast(SpecVersion other) {
        return compareTo(other) >= 0;
    }

    @Override
    public int compareTo(SpecVersion o) {
        return ORDER.compare(this, o);
    }

    @Override
    public String toString() {
        return major + "." + minor;
    }
}
