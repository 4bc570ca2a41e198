package io.hansim.port;

/**
 * A byte stream that breaks the device port protocol (docs/device-port.md "Framing"): the offset in the
 * stream of the message that is wrong (its length field) and what was wrong. Unchecked, like the other
 * codecs' typed errors (decision 0001); the session that sees it is over.
 */
public class PortProtocolException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final long offset;
    private final String reason;

    public PortProtocolException(long offset, String reason) {
        super("device port protocol error at stream offset " + offset + ": " + reason);
        this.offset = offset;
        this.reason = reason;
    }

    /** The stream offset of the offending message's length field (or of the octet that is wrong). */
    public long offset() {
        return offset;
    }

    public String reason() {
        return reason;
    }
}
