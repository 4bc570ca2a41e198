package io.hansim.port;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;

/**
 * Reads framed messages from one direction of a session (docs/device-port.md "Framing"), counting the
 * stream offset so that an error names where it is. A length of 0 or above max-message is refused
 * before any of the body is read (an oversized message costs no memory); a message of the other
 * direction is a protocol error. Not thread-safe: one reader per stream.
 */
public final class PortReader {
    private final InputStream in;
    private final int maxMessage;
    private final boolean fromDevice;
    private long offset;

    private PortReader(InputStream in, int maxMessage, boolean fromDevice) {
        this.in = Objects.requireNonNull(in, "in");
        if (maxMessage < 1) {
            throw new IllegalArgumentException("maxMessage must be positive: " + maxMessage);
        }
        this.maxMessage = maxMessage;
        this.fromDevice = fromDevice;
    }

    /** hansim's side: reads what a device sends. */
    public static PortReader ofDevice(InputStream in, int maxMessage) {
        return new PortReader(in, maxMessage, true);
    }

    /** A device's side: reads what hansim sends. */
    public static PortReader ofHansim(InputStream in, int maxMessage) {
        return new PortReader(in, maxMessage, false);
    }

    /** Octets consumed so far: the stream offset of the next message. */
    public long offset() {
        return offset;
    }

    /**
     * The next message, or null if the stream ended cleanly between two messages.
     *
     * @throws EOFException           the stream ended inside a message
     * @throws PortProtocolException  the octets are not a message of this direction
     *                                ({@link PortOversizedException} for a length above max-message)
     * @throws IOException            the stream failed
     */
    public PortMessage read() throws IOException {
        long start = offset;
        byte[] head = new byte[4];
        int got = readFully(head, 0, 4);
        if (got == 0) {
            return null;
        }
        if (got < 4) {
            throw new EOFException("stream ends inside the length of the message at offset " + start);
        }
        long len = (head[0] & 0xFFL) | (head[1] & 0xFFL) << 8 | (head[2] & 0xFFL) << 16 | (head[3] & 0xFFL) << 24;
        PortCodec.checkLength(len, start, maxMessage);
        int type = in.read();
        if (type < 0) {
            throw new EOFException("stream ends before the type of the message at offset " + start);
        }
        offset++;
        boolean deviceType = type < 0x80;
        if (deviceType != fromDevice) {
            throw new PortProtocolException(start + 4, String.format("message type 0x%02X is sent by %s, not by %s",
                    type, deviceType ? "a device" : "hansim", fromDevice ? "a device" : "hansim"));
        }
        byte[] body = new byte[(int) len - 1];
        if (readFully(body, 0, body.length) < body.length) {
            throw new EOFException("stream ends inside the body of the message at offset " + start + " ("
                    + len + " octets announced)");
        }
        return PortCodec.decodeBody(type, body, start);
    }

    private int readFully(byte[] b, int off, int len) throws IOException {
        int n = 0;
        while (n < len) {
            int r = in.read(b, off + n, len - n);
            if (r < 0) {
                break;
            }
            n += r;
            offset += r;
        }
        return n;
    }
}
