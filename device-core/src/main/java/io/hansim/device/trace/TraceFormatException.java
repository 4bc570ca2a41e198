package io.hansim.device.trace;

/**
 * A trace file that is not what {@link JsonLinesTraceSink} writes. The message starts with
 * {@code source:line:column:} (both 1-based, column counted in UTF-16 characters of the line) so that
 * editors and the CLI can point at the spot (DESIGN.md §5: one line a problem with file:line:column).
 */
public final class TraceFormatException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String source;
    private final int line;
    private final int column;
    private final String reason;

    public TraceFormatException(String source, int line, int column, String reason) {
        super(source + ":" + line + ":" + column + ": " + reason);
        this.source = source;
        this.line = line;
        this.column = column;
        this.reason = reason;
    }

    /** The file name (or other description) of the input. */
    public String source() {
        return source;
    }

    /** 1-based line number. */
    public int line() {
        return line;
    }

    /** 1-based column. */
    public int column() {
        return column;
    }

    /** What is wrong, without the position. */
    public String reason() {
        return reason;
    }
}
