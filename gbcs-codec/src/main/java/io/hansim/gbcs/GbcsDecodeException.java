package io.hansim.gbcs;

/**
 * The one exception GBCS decoders throw for bad input. It names the field being read and its byte
 * offset from the start of the message, so a user can find the bad byte in a hex dump.
 */
public final class GbcsDecodeException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String field;
    private final int offset;

    public GbcsDecodeException(String field, int offset, String reason) {
        super(field + " at offset " + offset + ": " + reason);
        this.field = field;
        this.offset = offset;
    }

    public String field() {
        return field;
    }

    public int offset() {
        return offset;
    }
}
