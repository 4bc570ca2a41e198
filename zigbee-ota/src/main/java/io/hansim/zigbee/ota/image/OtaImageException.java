package io.hansim.zigbee.ota.image;

/**
 * Thrown by {@link OtaImageParser#parseStrict(byte[])} when a file has an ERROR finding. It names
 * the first ERROR's code and absolute file offset, and carries the whole report so that a caller
 * can show every finding (DESIGN §3: one typed exception naming the field and the offset).
 */
public final class OtaImageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient OtaImageReport report;
    private final FindingCode code;
    private final long offset;

    OtaImageException(OtaImageReport report) {
        this(report, report.errors().get(0));
    }

    private OtaImageException(OtaImageReport report, Finding first) {
        super(first.code() + " at offset " + first.offset() + ": " + first.message()
                + (report.errors().size() > 1 ? " (and " + (report.errors().size() - 1) + " more errors)" : ""));
        this.report = report;
        this.code = first.code();
        this.offset = first.offset();
    }

    /** The first ERROR finding's code. */
    public FindingCode code() {
        return code;
    }

    /** The first ERROR finding's absolute file offset. */
    public long offset() {
        return offset;
    }

    /** The full report (null after deserialisation). */
    public OtaImageReport report() {
        return report;
    }
}
