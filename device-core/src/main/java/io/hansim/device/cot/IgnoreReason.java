package io.hansim.device.cot;

/** Why a piece of CoT information led to no clearing ({@link TenancyAction.CotIgnored}). */
public enum IgnoreReason {
    /** The firmware's specification version is below the CoT threshold: CoT is off (R56.6). */
    BELOW_SPEC_VERSION,
    /** The implementation time is not later than the last CoT handled (R56.3). */
    NOT_NEWER_THAN_HANDLED,
    /** Neither 0x200 (clear IHD data – consumer) nor 0x400 (– supplier) is set (R56.3, gbcs.md §8.2). */
    NO_CLEAR_BITS,
    /** The sender is not one of the profile's sources (ESME, GPF) (R56.2). */
    UNKNOWN_SOURCE,
    /** The implementation time is UTCTime 0xFFFFFFFF ("invalid"): the source has no CoT set. */
    NO_CHANGE_OF_TENANCY
}
