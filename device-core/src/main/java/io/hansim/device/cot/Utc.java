package io.hansim.device.cot;

/** ZCL UTCTime helpers for this package (requirements G.4). */
final class Utc {
    /** UTCTime 0xFFFFFFFF: "invalid", which a meter uses when no CoT is set. */
    static final long INVALID = 0xFFFF_FFFFL;

    private Utc() {
    }

    static long requireU32(String field, long v) {
        if (v < 0 || v > INVALID) {
            throw new IllegalArgumentException(field + " " + v + " does not fit a 32-bit UTCTime");
        }
        return v;
    }
}
