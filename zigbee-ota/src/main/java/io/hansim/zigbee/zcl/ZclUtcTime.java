package io.hansim.zigbee.zcl;

import java.time.Instant;
import java.util.Optional;

/**
 * ZCL UTCTime (ZCL §2.6.2, type 0xE2; zigbee-ota.md §5.1): an unsigned 32-bit count of seconds
 * since 2000-01-01T00:00:00Z, with 0xFFFFFFFF as the non-value. The OTA cluster carries it in
 * Image Block Response (WAIT_FOR_DATA) and Upgrade End Response, where 0xFFFFFFFF also means
 * "wait for a further command" (zigbee-ota.md §5.2).
 *
 * <p>Conversions work on {@code long} seconds so the whole unsigned range fits. Leap seconds are
 * not counted, as in {@link Instant}.
 */
public final class ZclUtcTime {
    /** 2000-01-01T00:00:00Z as seconds since the Unix epoch. */
    public static final long EPOCH_UNIX_SECONDS = 946_684_800L;

    /** The ZCL time base, 2000-01-01T00:00:00Z. */
    public static final Instant EPOCH = Instant.ofEpochSecond(EPOCH_UNIX_SECONDS);

    /** The non-value 0xFFFFFFFF. */
    public static final long INVALID = 0xFFFF_FFFFL;

    /** The largest valid UTCTime, 0xFFFFFFFE (2136-02-07T06:28:14Z). */
    public static final long MAX_VALID = 0xFFFF_FFFEL;

    private ZclUtcTime() {
    }

    /** Whether {@code utc} is a valid time: 0..0xFFFFFFFE. */
    public static boolean isValid(long utc) {
        return utc >= 0 && utc <= MAX_VALID;
    }

    /**
     * The instant for a valid UTCTime.
     *
     * @throws IllegalArgumentException for the non-value or a number outside 0..0xFFFFFFFF
     */
    public static Instant toInstant(long utc) {
        if (!isValid(utc)) {
            throw new IllegalArgumentException(utc == INVALID
                    ? "UTCTime 0xFFFFFFFF is the non-value, not a time"
                    : "UTCTime out of range 0..0xFFFFFFFE: " + utc);
        }
        return Instant.ofEpochSecond(EPOCH_UNIX_SECONDS + utc);
    }

    /** The instant, or empty for the non-value; numbers outside 32 bits are an error. */
    public static Optional<Instant> toInstantIfValid(long utc) {
        if (utc == INVALID) {
            return Optional.empty();
        }
        return Optional.of(toInstant(utc));
    }

    /**
     * The UTCTime of an instant, whole seconds rounded down (so 00:00:00.9 is 00:00:00).
     *
     * @throws IllegalArgumentException if the instant is before 2000-01-01T00:00:00Z or after the
     *                                  last representable second
     */
    public static long fromInstant(Instant t) {
        long utc = t.getEpochSecond() - EPOCH_UNIX_SECONDS;
        if (utc < 0 || utc > MAX_VALID) {
            throw new IllegalArgumentException("instant not representable as ZCL UTCTime: " + t);
        }
        return utc;
    }
}
