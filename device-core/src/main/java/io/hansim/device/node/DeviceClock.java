package io.hansim.device.node;

/**
 * A device's own clock (requirements G.4): what the device believes virtual time is, from which its
 * UTCTime follows. It starts {@code offsetSeconds} off the CH's time and runs {@code driftPpm} parts per
 * million fast (negative: slow); a Time cluster read from the CH (the HAN's master) sets it right
 * again, after which it drifts on from the corrected value. The clock is a battery-backed real-time
 * clock: a power cut does not reset it. Deterministic: integer microseconds, drift rounded down.
 */
public final class DeviceClock {
    private final double driftPpm;
    /** True virtual time of the last setting, µs. */
    private long anchorTrue;
    /** What the device read at that instant, µs of virtual time. */
    private long anchorLocal;
    private long corrections;

    /** A perfect clock: the device's view is the CH's. */
    public static DeviceClock perfect() {
        return new DeviceClock(0, 0);
    }

    /**
     * @param offsetSeconds how far off the CH the clock starts, seconds (positive: ahead)
     * @param driftPpm      how fast it runs, parts per million (positive: fast); at most ±1 000 000
     */
    public DeviceClock(long offsetSeconds, double driftPpm) {
        if (!(Math.abs(driftPpm) < 1_000_000)) {
            throw new IllegalArgumentException("clock drift must be within ±1000000 ppm, was " + driftPpm);
        }
        this.driftPpm = driftPpm;
        this.anchorTrue = 0;
        this.anchorLocal = Math.multiplyExact(offsetSeconds, 1_000_000L);
    }

    public double driftPpm() {
        return driftPpm;
    }

    /** Whether the clock keeps the CH's time by itself (no offset, no drift). */
    public boolean isPerfect() {
        return driftPpm == 0 && anchorLocal == anchorTrue;
    }

    /** The device's view of true virtual time {@code trueMicros}. */
    public long localAt(long trueMicros) {
        if (driftPpm == 0 && anchorLocal == anchorTrue) {
            return trueMicros; // the common case: no arithmetic on a fleet's hot path
        }
        long elapsed = trueMicros - anchorTrue;
        return anchorLocal + elapsed + (long) Math.floor(elapsed * driftPpm / 1_000_000d);
    }

    /** The true virtual time at which the device's clock reads {@code localMicros} (inverse of {@link #localAt}). */
    public long trueAt(long localMicros) {
        if (driftPpm == 0 && anchorLocal == anchorTrue) {
            return localMicros;
        }
        long elapsed = localMicros - anchorLocal;
        return anchorTrue + (long) Math.ceil(elapsed / (1 + driftPpm / 1_000_000d));
    }

    /** The clock's error at true time {@code trueMicros}: its reading minus the truth, µs. */
    public long errorAt(long trueMicros) {
        return localAt(trueMicros) - trueMicros;
    }

    /** Sets the clock at true time {@code trueMicros} to read {@code localMicros} (a time sync). */
    public void set(long trueMicros, long localMicros) {
        anchorTrue = trueMicros;
        anchorLocal = localMicros;
        corrections++;
    }

    /** How many times a time sync set it. */
    public long corrections() {
        return corrections;
    }
}
