package io.hansim.device.fleet;

import io.hansim.device.gb.Ccs08Code;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A fleet's result, aggregated from its hubs in hub-index order: a pure function of (spec, seed),
 * the same whatever the number of threads. Wall time and memory are the runner's business, not
 * part of this record.
 *
 * @param name            the spec's name
 * @param seed            the fleet seed
 * @param hubs            hubs simulated
 * @param devices         devices by kind ("hcalcs", "ihd", "ppmid", "ppmid-legacy")
 * @param targeted        devices the rollout addressed (PPMIDs and HCALCS)
 * @param upgraded        of those, the ones running the new image at the end
 * @param successRate     upgraded / targeted (1 when nothing was targeted)
 * @param ccs08           the last CCS08 outcome per targeted device: "0 SUCCESS" .. "3 FILE_TRANSFER_FAILURE", and "none"
 * @param timeToUpgrade   virtual time from a hub's distribution to each device's confirmed upgrade
 * @param hanFrames       frames sent on all HANs
 * @param hanBytes        APS payload octets of those frames
 * @param leftOnOldImage  devices still on the old image, by reason (IHDs included: R7.2)
 * @param hubsByFault     hubs by the fault profile drawn for them
 * @param rolloutEnd      virtual microseconds from the fleet's start to its last hub's end
 * @param passed          successRate is at least the spec's successThreshold
 */
public record FleetSummary(String name, long seed, int hubs, Map<String, Long> devices, long targeted, long upgraded,
        double successRate, Map<String, Long> ccs08, Percentiles timeToUpgrade, long hanFrames, long hanBytes,
        Map<String, Long> leftOnOldImage, Map<String, Long> hubsByFault, long rolloutEnd, boolean passed) {

    public FleetSummary {
        devices = Collections.unmodifiableMap(new TreeMap<>(devices));
        ccs08 = Collections.unmodifiableMap(new LinkedHashMap<>(ccs08));
        leftOnOldImage = Collections.unmodifiableMap(new TreeMap<>(leftOnOldImage));
        hubsByFault = Collections.unmodifiableMap(new TreeMap<>(hubsByFault));
    }

    /**
     * Nearest-rank percentiles of virtual durations in microseconds.
     *
     * @param count how many values
     */
    public record Percentiles(long count, long p50, long p90, long p95, long p99, long max) {
        /** The percentiles of {@code values} (sorted in place). */
        static Percentiles of(long[] values) {
            if (values.length == 0) {
                return new Percentiles(0, 0, 0, 0, 0, 0);
            }
            Arrays.sort(values);
            return new Percentiles(values.length, rank(values, 50), rank(values, 90), rank(values, 95),
                    rank(values, 99), values[values.length - 1]);
        }

        private static long rank(long[] sorted, int p) {
            int r = (int) Math.ceil(p / 100.0 * sorted.length);
            return sorted[Math.max(0, r - 1)];
        }
    }

    /** Aggregates hub results, which must be in hub-index order 0..hubs−1. */
    public static FleetSummary aggregate(FleetSpec spec, List<HubResult> results) {
        if (results.size() != spec.hubs()) {
            throw new IllegalArgumentException("need " + spec.hubs() + " hub results, got " + results.size());
        }
        Map<String, Long> devices = new TreeMap<>();
        Map<String, Long> left = new TreeMap<>();
        Map<String, Long> faults = new TreeMap<>();
        long[] codes = new long[5];
        long targeted = 0;
        long upgraded = 0;
        long frames = 0;
        long bytes = 0;
        long end = 0;
        int n = 0;
        for (HubResult r : results) {
            n += r.timesToUpgrade().length;
        }
        long[] ttu = new long[n];
        int at = 0;
        for (int i = 0; i < results.size(); i++) {
            HubResult r = results.get(i);
            if (r.index() != i) {
                throw new IllegalArgumentException("hub results out of order at " + i + ": " + r.index());
            }
            r.devices().forEach((k, v) -> devices.merge(k, (long) v, Long::sum));
            r.leftOnOldImage().forEach((k, v) -> left.merge(k, (long) v, Long::sum));
            faults.merge(r.faultProfile(), 1L, Long::sum);
            for (int c = 0; c < 5; c++) {
                codes[c] += r.ccs08()[c];
            }
            targeted += r.targeted();
            upgraded += r.upgraded();
            frames += r.hanFrames();
            bytes += r.hanBytes();
            end = Math.max(end, r.startAt() + r.duration());
            System.arraycopy(r.timesToUpgrade(), 0, ttu, at, r.timesToUpgrade().length);
            at += r.timesToUpgrade().length;
        }
        Map<String, Long> ccs08 = new LinkedHashMap<>();
        for (Ccs08Code c : Ccs08Code.values()) {
            ccs08.put(c.code() + " " + c.name(), codes[c.code()]);
        }
        ccs08.put("none", codes[4]);
        double rate = targeted == 0 ? 1.0 : (double) upgraded / targeted;
        return new FleetSummary(spec.name(), spec.seed(), spec.hubs(), devices, targeted, upgraded, rate, ccs08,
                Percentiles.of(ttu), frames, bytes, left, faults, end, rate >= spec.successThreshold());
    }
}
