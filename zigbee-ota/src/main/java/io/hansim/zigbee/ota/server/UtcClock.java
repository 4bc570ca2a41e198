package io.hansim.zigbee.ota.server;

import io.hansim.zigbee.zcl.ZclUtcTime;

import java.time.Instant;

/**
 * What a virtual time is in ZCL UTCTime (seconds since 2000-01-01T00:00:00Z): the one UTC origin of
 * the simulation the server runs in, given to it at construction. The server reads no clock of its
 * own; the WAIT_FOR_DATA UTC form and the Upgrade End Response CurrentTime come from here.
 */
@FunctionalInterface
public interface UtcClock {
    /** 2025-01-01T00:00:00Z as UTCTime: the origin of {@link #DEFAULT}. */
    long DEFAULT_ORIGIN = ZclUtcTime.fromInstant(Instant.parse("2025-01-01T00:00:00Z"));

    /** Virtual time zero is 2025-01-01T00:00:00Z (the same instant the device layer uses by default). */
    UtcClock DEFAULT = fromOrigin(DEFAULT_ORIGIN);

    /**
     * The UTCTime at virtual time {@code micros} (microseconds), whole seconds rounded down; a value
     * past 0xFFFFFFFE is read as 0xFFFFFFFE by the server.
     */
    long utcTimeAt(long micros);

    /**
     * Virtual time zero is UTCTime {@code utcAtZero}.
     *
     * @throws IllegalArgumentException if {@code utcAtZero} is not a valid UTCTime
     */
    static UtcClock fromOrigin(long utcAtZero) {
        if (!ZclUtcTime.isValid(utcAtZero)) {
            throw new IllegalArgumentException("utcAtZero must be a valid UTCTime: " + utcAtZero);
        }
        return micros -> utcAtZero + Math.floorDiv(micros, 1_000_000L);
    }
}
