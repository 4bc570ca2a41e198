package io.hansim.zigbee.ota.client;

/**
 * Why the client did not act on an event ({@link ClientAction.Ignored}). The action is a trace
 * for tests and reports; any answer the event still needs (a Default Response) is a separate
 * {@link ClientAction.SendFrame}.
 */
public enum IgnoreReason {
    /** The client is off: before the first {@link ClientEvent.PowerOn}, or rebooting after Activate. */
    NOT_RUNNING,
    /** The event does not apply now: a query while one is running, a notify during a download, ... */
    BUSY,
    /** A broadcast Image Notify for another manufacturer or image type (zigbee-ota.md §5.5). */
    NOTIFY_NOT_FOR_THIS_DEVICE,
    /** A broadcast Image Notify naming the running file version (zigbee-ota.md §5.5). */
    NOTIFY_SAME_VERSION,
    /** A broadcast Image Notify with QueryJitter outside 1..100: no Default Response (zigbee-ota.md §5.5). */
    NOTIFY_INVALID,
    /** The client's draw (1..100) was above the notify's QueryJitter (zigbee-ota.md §5.5). */
    NOTIFY_JITTER,
    /**
     * A well-formed response the client did not ask for in its state (late, duplicated, unsolicited);
     * answered Default Response FAILURE when unicast, as Silicon Labs' client does.
     */
    UNEXPECTED_RESPONSE,
    /** An Image Block Response for another offset than the one wanted: duplicated, late, reordered. */
    STALE_BLOCK,
    /**
     * A response whose fields do not fit: another image, a block larger than asked or past the end,
     * an offer this device cannot take. Answered with the Default Response status the action says.
     */
    INVALID_RESPONSE,
    /** The frame does not decode; answered MALFORMED_COMMAND (or the like) when unicast. */
    MALFORMED_FRAME,
    /**
     * A command this side of the cluster does not handle: addressed to the OTA server side,
     * manufacturer-specific, or a general command the client does not support.
     */
    UNSUPPORTED_COMMAND,
    /** A timer firing the client no longer waits for. */
    STALE_TIMER,
    /** Dropped by {@link ClientQuirk#DROPS_BLOCK_RESPONSES} or {@link ClientQuirk#IGNORES_NOTIFY}. */
    DROPPED_BY_QUIRK
}
