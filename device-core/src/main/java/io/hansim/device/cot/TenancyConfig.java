package io.hansim.device.cot;

import java.util.Objects;

/**
 * How an IHD or PPMID model runs Change of Tenancy on the HAN, as data (DESIGN.md §4): the
 * {@link CotProfile} its firmware implements, and the host-side timings the profile leaves open.
 *
 * @param cot                       versions, sources, extras (R56.2–R56.6)
 * @param clearStepDelayMicros      virtual time between two clear steps, one kind per step: erasing
 *                                  flash takes time, so a power cut can land between steps (our
 *                                  pick, default {@link #DEFAULT_CLEAR_STEP_DELAY})
 * @param consumptionSource         the meter whose Metering history the device logs (0: logs none)
 * @param consumptionReadSeconds    how often it reads that history (default daily); 0 reads never
 */
public record TenancyConfig(CotProfile cot, long clearStepDelayMicros, long consumptionSource,
        long consumptionReadSeconds) {
    /** Two seconds between clear steps (derived: a flash sector erase is tens of ms; padded). */
    public static final long DEFAULT_CLEAR_STEP_DELAY = 2_000_000;
    /** One Metering history read a day. */
    public static final long DEFAULT_CONSUMPTION_READ_SECONDS = 86_400;

    public TenancyConfig {
        Objects.requireNonNull(cot, "cot");
        if (clearStepDelayMicros < 0 || consumptionReadSeconds < 0) {
            throw new IllegalArgumentException("delays must not be negative");
        }
    }

    /** The profile with the defaults; consumption from the profile's first source (the ESME). */
    public static TenancyConfig of(CotProfile cot) {
        return new TenancyConfig(cot, DEFAULT_CLEAR_STEP_DELAY, cot.sources().get(0),
                DEFAULT_CONSUMPTION_READ_SECONDS);
    }

    public TenancyConfig withProfile(CotProfile p) {
        return new TenancyConfig(p, clearStepDelayMicros, consumptionSource, consumptionReadSeconds);
    }

    public TenancyConfig withClearStepDelay(long micros) {
        return new TenancyConfig(cot, micros, consumptionSource, consumptionReadSeconds);
    }

    public TenancyConfig withConsumption(long source, long readSeconds) {
        return new TenancyConfig(cot, clearStepDelayMicros, source, readSeconds);
    }
}
