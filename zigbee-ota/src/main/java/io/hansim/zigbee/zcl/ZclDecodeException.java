package io.hansim.zigbee.zcl;

/**
 * The one exception a ZCL decoder throws for bad input: a frame or payload that is too short, too
 * long, or holds a value the specification does not allow.
 *
 * <p>It names the field being read and the byte offset where reading it failed, counted from the
 * first byte of the buffer handed to the decoder (for a whole frame: from the frame-control byte).
 * Decoders never let a JDK or Netty exception (index out of bounds, negative size) escape instead.
 */
public final class ZclDecodeException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String field;
    private final int offset;

    public ZclDecodeException(String field, int offset, String reason) {
        super(field + " at offset " + offset + ": " + reason);
        this.field = field;
        this.offset = offset;
    }

    /** The field being decoded, in the specification's words (e.g. {@code "MaximumDataSize"}). */
    public String field() {
        return field;
    }

    /** Byte offset where the field starts (or where the bytes ran out). */
    public int offset() {
        return offset;
    }
}
