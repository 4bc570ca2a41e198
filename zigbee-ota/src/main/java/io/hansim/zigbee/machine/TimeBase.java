package io.hansim.zigbee.machine;

/**
 * The unit and origin of the times a {@link Machine} reads in its events and writes in its
 * {@link ArmTimer}s. The driver converts with the simulation's one clock, so a machine never needs
 * to know the epoch.
 */
public enum TimeBase {
    /** Virtual microseconds since the simulation epoch (DESIGN.md §2): the OTA client and server. */
    VIRTUAL_MICROS,
    /**
     * ZCL UTCTime: whole seconds since 2000-01-01T00:00:00Z (ZCL §2.6.2, requirements G.4), the unit
     * of calendar rules such as a Change of Tenancy implementation time. A deadline is the virtual
     * time at which that second begins; the time handed back is the UTCTime second in progress.
     */
    ZCL_UTC_SECONDS
}
