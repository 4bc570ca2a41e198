package io.hansim.port;

/** A message whose length field is above the session's max-message (docs/device-port.md "Framing"). */
public final class PortOversizedException extends PortProtocolException {
    private static final long serialVersionUID = 1L;

    private final long length;
    private final int maxMessage;

    public PortOversizedException(long offset, long length, int maxMessage) {
        super(offset, "message length " + length + " is above max-message " + maxMessage);
        this.length = length;
        this.maxMessage = maxMessage;
    }

    /** The length field as sent (u32). */
    public long length() {
        return length;
    }

    public int maxMessage() {
        return maxMessage;
    }
}
