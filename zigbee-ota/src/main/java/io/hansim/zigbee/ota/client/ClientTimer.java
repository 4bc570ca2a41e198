package io.hansim.zigbee.ota.client;

/**
 * The client's timers, named after what happens when they fire. The host keeps at most one
 * deadline per timer: {@link ClientAction.SetTimer} arms or re-arms it (replacing any earlier
 * deadline), {@link ClientAction.CancelTimer} disarms it, and when the deadline is reached the host
 * hands back {@link ClientEvent.TimerFired}. The client ignores a firing it did not expect (a timer
 * it has since cancelled or re-armed later, or one from before a power cut), so a host that is late
 * to cancel does no harm.
 */
public enum ClientTimer {
    /** Send the next Query Next Image Request: start delay, periodic query, retry after a lost answer. */
    QUERY,
    /**
     * The answer to the request in flight is overdue: Query Next Image Response, Image Block
     * Response, the blocks of a page (the page timeout), or Upgrade End Response.
     */
    RESPONSE,
    /**
     * Send the next Image Block Request or Image Page Request: pacing by MinimumBlockPeriod, the wait
     * a WAIT_FOR_DATA asked for, the back-off after a timeout, the resume after a power cut.
     */
    BLOCK_REQUEST,
    /** Verification of the downloaded image ends (only when it takes time, {@link ClientQuirk#SLOW_VERIFY}). */
    VERIFY,
    /** Ask again with an Upgrade End Request after the server said "wait" (UpgradeTime 0xFFFFFFFF). */
    UPGRADE_END_REQUEST,
    /** The count-down ends: activate the image. */
    COUNTDOWN
}
