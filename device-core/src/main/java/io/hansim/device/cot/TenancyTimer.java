package io.hansim.device.cot;

/** The timers a {@link TenancyMonitor} asks its host to run. */
public enum TenancyTimer {
    /** The next query of the CoT sources (R56.2). */
    POLL,
    /** The earliest known future CoT implementation time (R56.3). */
    IMPLEMENTATION
}
