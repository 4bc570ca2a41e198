package io.hansim.device.cot;

import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What a device does about Change of Tenancy, as data (DESIGN.md §4).
 *
 * @param specification       IHDTS or PPMIDTS
 * @param specVersion         the version the device's firmware implements (R56.6)
 * @param cotThreshold        the version from which CoT clearing applies: configuration, because
 *                            SECMP0056 says the expected numbers "could change" (R56.6); default
 *                            {@link #DEFAULT_THRESHOLD}
 * @param pollIntervalSeconds how often the device asks its sources (R56.2); the value is
 *                            (unconfirmed), default {@link #DEFAULT_POLL_INTERVAL_SECONDS}
 * @param extras              the manufacturer extra stores the device holds, each with its
 *                            {@code clearOnCot} (R56.4); only non-mandated kinds
 * @param sources             the EUI-64s of the ESME and the GPF to query (R56.2); at least one
 * @param keepsConsumptionMutant a deliberately wrong device for conformance testing (issue 17): it
 *                            handles a CoT as usual but leaves the historic consumption in place
 *                            (R56.3 and R56.5 broken) without listing it as kept. Never true for a
 *                            model of a real device
 */
public record CotProfile(DeviceSpecification specification, SpecVersion specVersion, SpecVersion cotThreshold,
        long pollIntervalSeconds, Map<OccupierDataKind, Boolean> extras, List<Long> sources,
        boolean keepsConsumptionMutant) {

    /** IHDTS/PPMIDTS v5.0, the versions expected at the November 2021 release (R56.6). */
    public static final SpecVersion DEFAULT_THRESHOLD = new SpecVersion(5, 0);

    /** 30 minutes: hansim's pick; SECMP0056 gives no interval (R56.2, (unconfirmed)). */
    public static final long DEFAULT_POLL_INTERVAL_SECONDS = 30 * 60;

    public CotProfile {
        Objects.requireNonNull(specification, "specification");
        Objects.requireNonNull(specVersion, "specVersion");
        Objects.requireNonNull(cotThreshold, "cotThreshold");
        if (pollIntervalSeconds <= 0) {
            throw new IllegalArgumentException("pollIntervalSeconds " + pollIntervalSeconds + " must be positive");
        }
        EnumMap<OccupierDataKind, Boolean> ex = new EnumMap<>(OccupierDataKind.class);
        extras.forEach((k, v) -> {
            if (k.mandated()) {
                throw new IllegalArgumentException(k + " is mandated by SECMP0056 (R56.3), not an extra");
            }
            ex.put(k, Objects.requireNonNull(v, "clearOnCot of " + k));
        });
        extras = Collections.unmodifiableMap(ex);
        sources = List.copyOf(sources);
        if (sources.isEmpty()) {
            throw new IllegalArgumentException("a CoT profile needs at least one source (R56.2)");
        }
        if (Set.copyOf(sources).size() != sources.size()) {
            throw new IllegalArgumentException("duplicate source in " + sources);
        }
    }

    /** A profile of a device that clears what R56.3 asks (no mutant). */
    public CotProfile(DeviceSpecification specification, SpecVersion specVersion, SpecVersion cotThreshold,
            long pollIntervalSeconds, Map<OccupierDataKind, Boolean> extras, List<Long> sources) {
        this(specification, specVersion, cotThreshold, pollIntervalSeconds, extras, sources, false);
    }

    /** This profile as the "keeps consumption after a CoT" mutant of the conformance battery, or not. */
    public CotProfile withKeepsConsumptionMutant(boolean on) {
        return new CotProfile(specification, specVersion, cotThreshold, pollIntervalSeconds, extras, sources, on);
    }

    /** An IHD at {@code version} querying the ESME and the GPF; no extras. */
    public static CotProfile ihd(SpecVersion version, long esmeEui64, long gpfEui64) {
        return new CotProfile(DeviceSpecification.IHDTS, version, DEFAULT_THRESHOLD, DEFAULT_POLL_INTERVAL_SECONDS,
                Map.of(), List.of(esmeEui64, gpfEui64));
    }

    /**
     * A PPMID at {@code version} querying the ESME and the GPF, holding top-up history and debt
     * recovery, both cleared on CoT (R56.4 default true).
     */
    public static CotProfile ppmid(SpecVersion version, long esmeEui64, long gpfEui64) {
        return new CotProfile(DeviceSpecification.PPMIDTS, version, DEFAULT_THRESHOLD, DEFAULT_POLL_INTERVAL_SECONDS,
                Map.of(OccupierDataKind.TOP_UP_HISTORY, true, OccupierDataKind.DEBT_RECOVERY, true),
                List.of(esmeEui64, gpfEui64));
    }

    public CotProfile withSpecVersion(SpecVersion v) {
        return new CotProfile(specification, v, cotThreshold, pollIntervalSeconds, extras, sources, keepsConsumptionMutant);
    }

    public CotProfile withThreshold(SpecVersion t) {
        return new CotProfile(specification, specVersion, t, pollIntervalSeconds, extras, sources, keepsConsumptionMutant);
    }

    public CotProfile withPollInterval(long seconds) {
        return new CotProfile(specification, specVersion, cotThreshold, seconds, extras, sources, keepsConsumptionMutant);
    }

    /** This profile with extra store {@code kind} held and cleared on CoT or not (R56.4). */
    public CotProfile withExtra(OccupierDataKind kind, boolean clearOnCot) {
        EnumMap<OccupierDataKind, Boolean> ex = new EnumMap<>(OccupierDataKind.class);
        ex.putAll(extras);
        ex.put(kind, clearOnCot);
        return new CotProfile(specification, specVersion, cotThreshold, pollIntervalSeconds, ex, sources,
                keepsConsumptionMutant);
    }

    /** Whether CoT behaviour is on for the firmware version {@code v} (R56.6). */
    public boolean cotApplies(SpecVersion v) {
        return v.isAtLeast(cotThreshold);
    }

    /** The kinds a CoT clears: every mandated kind (R56.3) and each extra with clearOnCot (R56.4). */
    public Set<OccupierDataKind> clearedOnCot() {
        EnumSet<OccupierDataKind> s = EnumSet.noneOf(OccupierDataKind.class);
        for (OccupierDataKind k : OccupierDataKind.values()) {
            if (keepsConsumptionMutant && (k == OccupierDataKind.CONSUMPTION_DAY
                    || k == OccupierDataKind.CONSUMPTION_WEEK || k == OccupierDataKind.CONSUMPTION_MONTH)) {
                continue; // the mutant's fault: consumption stays, and it does not say so
            }
            if (k.mandated() || Boolean.TRUE.equals(extras.get(k))) {
                s.add(k);
            }
        }
        return Collections.unmodifiableSet(s);
    }

    /** The extras held but kept across a CoT (R56.4: the report names each). */
    public Set<OccupierDataKind> keptOnCot() {
        EnumSet<OccupierDataKind> s = EnumSet.noneOf(OccupierDataKind.class);
        extras.forEach((k, clear) -> {
            if (!clear) {
                s.add(k);
            }
        });
        return Collections.unmodifiableSet(s);
    }
}
