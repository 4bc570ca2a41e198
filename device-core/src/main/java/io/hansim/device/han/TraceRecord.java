package io.hansim.device.han;

import io.hansim.device.han.ApsFrame;
import java.util.Objects;

/**
 * One thing that happened to a frame on the HAN, as a trace sink sees it.
 *
 * @param time     virtual time in microseconds (DESIGN.md §2)
 * @param kind     {@link Kind#SEND} when a device hands the frame to the bus, {@link Kind#DELIVERY}
 *                 when the bus hands a copy to a device (or decides it will not)
 * @param fate     for a delivery: delivered, dropped (loss, link down, receiver off, too big) or
 *                 duplicated (the second copy of a duplicated frame); {@link Fate#SENT} for a send
 * @param receiverEui64 the device a delivery is for; the frame's destination for a send
 * @param frame    the frame
 * @param detail   why a frame was dropped ("loss", "link down", "receiver off", ...), how a delivered
 *                 frame was reordered ("reordered: ..."), else empty
 */
public record TraceRecord(long time, Kind kind, Fate fate, long receiverEui64, ApsFrame frame, String detail) {

    public enum Kind { SEND, DELIVERY }

    public enum Fate { SENT, DELIVERED, DROPPED, DUPLICATED }

    public TraceRecord {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(fate, "fate");
        Objects.requireNonNull(frame, "frame");
        detail = detail == null ? "" : detail;
        if ((kind == Kind.SEND) != (fate == Fate.SENT)) {
            throw new IllegalArgumentException(kind + " with fate " + fate);
        }
    }
}
