package io.hansim.zigbee.ota.server;

/**
 * The identity of a timer the server asks its host to run: one per client and kind. The host
 * keeps at most one pending timer per identity; {@link ServerAction.SetTimer} replaces an earlier
 * one with the same identity and {@link ServerAction.CancelTimer} removes it. When the virtual time
 * reaches the deadline the host hands back {@link ServerEvent.TimerFired} with this value.
 *
 * @param client the client's EUI-64
 * @param kind   what the timer is for
 */
public record ServerTimer(long client, Kind kind) {

    public ServerTimer {
        if (kind == null) {
            throw new IllegalArgumentException("kind is required");
        }
    }

    /** What a timer guards. */
    public enum Kind {
        /** A unicast Image Notify was sent; no Query Next Image yet (zigbee-ota.md §9 #1, R7.12). */
        NOTIFY_TIMEOUT,
        /**
         * A transfer is open; no request from the client since the last one (R7.8). After the last
         * byte was served it waits for the Upgrade End Request, with the longer end-request timeout
         * (zigbee-ota.md §9 #9).
         */
        TRANSFER_STALL,
        /** The next Image Block Response of a page is due, ResponseSpacing after the last (§5.7). */
        PAGE_BLOCK,
        /** The read-back of CurrentFileVersion is due, the read-back delay after activation (R7.10). */
        READ_BACK,
        /** A Read Attributes for the read-back went unanswered; retry or give up (R7.10). */
        READ_BACK_RESPONSE
    }
}
