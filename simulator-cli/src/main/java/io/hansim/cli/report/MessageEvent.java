package io.hansim.cli.report;

import java.util.Objects;

/**
 * One frame on the HAN as the reports show it: who sent it to whom, what it was, and what the bus
 * did with it.
 *
 * @param atMicros virtual time of the delivery (or drop), microseconds
 * @param fromId   sender's device id (or its EUI-64 in hex when the device is unknown)
 * @param toId     receiver's device id (likewise)
 * @param protocol {@link #ZCL} or {@link #GBCS}
 * @param label    what the frame was, e.g. "Image Block Request off=1024 size=64"
 * @param bytes    length of the ZCL frame in bytes
 * @param fate     {@link #DELIVERED}, {@link #DUPLICATED}, or {@code dropped(reason)} (see {@link #dropped})
 */
public record MessageEvent(long atMicros, String fromId, String toId, String protocol, String label, int bytes,
        String fate) {

    public static final String ZCL = "ZCL";
    public static final String GBCS = "GBCS";
    public static final String DELIVERED = "delivered";
    public static final String DUPLICATED = "duplicated";

    public MessageEvent {
        Objects.requireNonNull(fromId, "fromId");
        Objects.requireNonNull(toId, "toId");
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(fate, "fate");
        if (bytes < 0) {
            throw new IllegalArgumentException("bytes must not be negative: " + bytes);
        }
    }

    /** The fate of a frame the bus did not deliver, e.g. {@code dropped(loss)}. */
    public static String dropped(String reason) {
        return reason == null || reason.isEmpty() ? "dropped" : "dropped(" + reason + ")";
    }

    /** Whether the bus dropped this frame. */
    public boolean isDropped() {
        return fate.startsWith("dropped");
    }
}
