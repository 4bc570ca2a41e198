package io.hansim.device.sim;

import java.time.Duration;
import java.time.Instant;

/**
 * Virtual time of a simulation: {@code long} microseconds since the simulation epoch (DESIGN.md
 * §2). Nothing in a simulation reads the wall clock; the epoch is the UTC instant that virtual time
 * zero stands for, so devices can fill ZCL UTCTime fields (seconds since 2000-01-01T00:00:00Z,
 * requirements G.4) from virtual time.
 */
public final class SimTime {
    /** The ZCL UTCTime epoch, 2000-01-01T00:00:00Z. */
    public static final Instant ZCL_EPOCH = Instant.parse("2000-01-01T00:00:00Z");

    /** UTCTime 0xFFFFFFFF means "invalid"; a time that cannot be expressed maps to it. */
    public static final long ZCL_UTC_INVALID = 0xFFFF_FFFFL;

    public static final long MICROS_PER_MILLI = 1_000L;
    public static final long MICROS_PER_SECOND = 1_000_000L;

    private final Instant epoch;

    /** @param epoch the UTC instant of virtual time zero; must not be before {@link #ZCL_EPOCH} */
    public SimTime(Instant epoch) {
        if (epoch == null) {
            throw new IllegalArgumentException("epoch is required");
        }
        if (epoch.isBefore(ZCL_EPOCH)) {
            throw new IllegalArgumentException("epoch " + epoch + " is before the ZCL epoch " + ZCL_EPOCH);
        }
        this.epoch = epoch;
    }

    public Instant epoch() {
        return epoch;
    }

    /** The UTC instant of virtual time {@code micros}. */
    public Instant instantAt(long micros) {
        return epoch.plusNanos(Math.multiplyExact(micros, 1_000L));
    }

    /**
     * ZCL UTCTime (whole seconds since 2000-01-01, truncated) at virtual time {@code micros}, or
     * {@link #ZCL_UTC_INVALID} when it does not fit the 32-bit field.
     */
    public long zclUtcTimeAt(long micros) {
        long seconds = Duration.between(ZCL_EPOCH, instantAt(micros)).getSeconds();
        return seconds < 0 || seconds >= ZCL_UTC_INVALID ? ZCL_UTC_INVALID : seconds;
    }

    /**
     * The virtual time at which ZCL UTCTime {@code utc} begins, or {@code Long.MIN_VALUE} for the
     * invalid value 0xFFFFFFFF.
     */
    public long microsAtZclUtcTime(long utc) {
        if (utc < 0 || utc >= ZCL_UTC_INVALID) {
            return Long.MIN_VALUE;
        }
        Duration d = Duration.between(epoch, ZCL_EPOCH.plusSeconds(utc));
        return Math.multiplyExact(d.getSeconds(), MICROS_PER_SECOND) + d.getNano() / 1_000L;
    }

    public static long seconds(long s) {
        return Math.multiplyExact(s, MICROS_PER_SECOND);
    }

    public static long millis(long ms) {
        return Math.multiplyExact(ms, MICROS_PER_MILLI);
    }

    /** Formats virtual time as {@code +HH:MM:SS.mmm} (hours may exceed 24) for logs and reports. */
    public static String format(long micros) {
        String sign = micros < 0 ? "-" : "+";
        long m = Math.abs(micros);
        long ms = (m / MICROS_PER_MILLI) % 1000;
        long s = m / MICROS_PER_SECOND;
        return String.format("%s%02d:%02d:%02d.%03d", sign, s / 3600, (s / 60) % 60, s % 60, ms);
    }
}
