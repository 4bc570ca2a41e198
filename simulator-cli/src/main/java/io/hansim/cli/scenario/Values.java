package io.hansim.cli.scenario;

import java.time.Duration;
import java.util.Collection;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The scalar notations of the scenario format (docs/scenario-format.md "Values"). Each parser
 * returns null and leaves the message in {@link #error} when the text does not fit, so the loader
 * can keep going and report every mistake.
 */
public final class Values {
    private Values() {}

    private static final Pattern DURATION = Pattern.compile("([+-]?)(\\d{1,12})(ms|s|m|h|d)");
    private static final Pattern SIZE = Pattern.compile("(\\d{1,12})\\s*(B|KiB|MiB|GiB)?");
    private static final Pattern PERCENT = Pattern.compile("(\\d{1,6}(?:\\.\\d{1,9})?)\\s*%");
    private static final Pattern FRACTION = Pattern.compile("\\d{1,6}(?:\\.\\d{1,9})?");

    /** Parses decimal or 0x-hex (underscores allowed) within 0..max; null with a reason otherwise. */
    static Long number(String text, long max, StringBuilder error) {
        String t = text.trim().replace("_", "");
        long v;
        try {
            if (t.startsWith("0x") || t.startsWith("0X")) {
                if (t.length() > 18) {
                    error.append("'").append(text).append("' is out of range 0..").append(hex(max));
                    return null;
                }
                v = Long.parseUnsignedLong(t.substring(2), 16);
                if (v < 0) {
                    error.append("'").append(text).append("' is out of range 0..").append(hex(max));
                    return null;
                }
            } else {
                if (!t.matches("-?\\d{1,30}")) {
                    error.append("expected a number (decimal or 0x-hex), got '").append(text).append("'");
                    return null;
                }
                if (t.length() > 19) {
                    error.append("'").append(text).append("' is out of range 0..").append(hex(max));
                    return null;
                }
                v = Long.parseLong(t);
            }
        } catch (NumberFormatException e) {
            error.append("expected a number (decimal or 0x-hex), got '").append(text).append("'");
            return null;
        }
        if (v < 0 || v > max) {
            error.append("'").append(text).append("' is out of range 0..").append(hex(max));
            return null;
        }
        return v;
    }

    static String hex(long max) {
        return String.format("0x%X", max);
    }

    /** An EUI-64: exactly 16 hex digits, most significant first. */
    static Long eui64(String text, StringBuilder error) {
        String t = text.trim();
        if (!t.matches("[0-9A-Fa-f]{16}")) {
            error.append("expected an EUI-64 (16 hex digits, e.g. 00DB1234567890A2), got '").append(text).append("'");
            return null;
        }
        return Long.parseUnsignedLong(t, 16);
    }

    /** A duration: a whole number with a unit ms, s, m, h or d; a leading + is allowed, - is not. */
    static Duration duration(String text, StringBuilder error) {
        Matcher m = DURATION.matcher(text.trim());
        if (!m.matches()) {
            error.append("expected a duration such as 500ms, 30s, 10m, 2h or 1d, got '").append(text).append("'");
            return null;
        }
        if (m.group(1).equals("-")) {
            error.append("a duration must not be negative, got '").append(text).append("'");
            return null;
        }
        long n = Long.parseLong(m.group(2));
        return switch (m.group(3)) {
            case "ms" -> Duration.ofMillis(n);
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofDays(n);
        };
    }

    /** A size in octets: a number, optionally with B, KiB, MiB or GiB. */
    static Long size(String text, long max, StringBuilder error) {
        Matcher m = SIZE.matcher(text.trim());
        if (!m.matches()) {
            error.append("expected a size such as 4096, 256KiB or 1MiB, got '").append(text).append("'");
            return null;
        }
        long n = Long.parseLong(m.group(1));
        int shift = m.group(2) == null ? 0 : switch (m.group(2)) {
            case "KiB" -> 10;
            case "MiB" -> 20;
            case "GiB" -> 30;
            default -> 0;
        };
        if (n > (max >> shift)) {
            error.append("size '").append(text).append("' is out of range 0..").append(max).append(" octets");
            return null;
        }
        return n << shift;
    }

    /** A percentage 0..100: {@code 5%} or a fraction {@code 0.05}. */
    static Double percent(String text, StringBuilder error) {
        String t = text.trim();
        double v;
        Matcher m = PERCENT.matcher(t);
        if (m.matches()) {
            v = Double.parseDouble(m.group(1));
        } else if (FRACTION.matcher(t).matches()) {
            v = Double.parseDouble(t) * 100;
        } else {
            error.append("expected a percentage such as 5% or a fraction such as 0.05, got '").append(text)
                    .append("'");
            return null;
        }
        if (v > 100) {
            error.append("'").append(text).append("' is out of range 0%..100% (a bare number is a fraction: 0.05 = 5%)");
            return null;
        }
        return v;
    }

    /** true or false. */
    static Boolean bool(String text, StringBuilder error) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        if (t.equals("true")) {
            return true;
        }
        if (t.equals("false")) {
            return false;
        }
        error.append("expected true or false, got '").append(text).append("'");
        return null;
    }

    /** The closest of {@code options} to {@code got}, if close enough to be a likely typo. */
    static String didYouMean(String got, Collection<String> options) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        String g = got.toLowerCase(Locale.ROOT);
        for (String o : options) {
            int d = distance(g, o.toLowerCase(Locale.ROOT));
            if (d < bestDistance) {
                bestDistance = d;
                best = o;
            }
        }
        if (best == null) {
            return "";
        }
        int allowed = Math.max(2, best.length() / 3);
        return bestDistance <= allowed ? " (did you mean '" + best + "'?)" : "";
    }

    /** Levenshtein distance, bounded inputs only (keys and ids are short; long ones are cut). */
    static int distance(String a, String b) {
        a = a.length() > 64 ? a.substring(0, 64) : a;
        b = b.length() > 64 ? b.substring(0, 64) : b;
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }

    /** A 32-bit value as eight upper-case hex digits, as reports write file versions. */
    public static String hex32(long v) {
        return String.format("%08X", v);
    }

    /** A duration as the scenario format writes it: the largest unit that divides it (30s, 2h, 1500ms). */
    public static String durationText(java.time.Duration d) {
        long ms = d.toMillis();
        long[] units = {86_400_000L, 3_600_000L, 60_000L, 1_000L};
        String[] names = {"d", "h", "m", "s"};
        for (int i = 0; i < units.length; i++) {
            if (ms != 0 && ms % units[i] == 0) {
                return ms / units[i] + names[i];
            }
        }
        return ms + "ms";
    }
}
