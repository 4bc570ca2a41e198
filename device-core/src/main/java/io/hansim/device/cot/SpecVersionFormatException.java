package io.hansim.device.cot;

/** A specification version that does not parse ({@link SpecVersion#parse(String)}). */
public final class SpecVersionFormatException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final String text;

    public SpecVersionFormatException(String text, String problem) {
        super("specification version '" + text + "': " + problem);
        this.text = text;
    }

    /** The text that failed to parse. */
    public String text() {
        return text;
    }
}
