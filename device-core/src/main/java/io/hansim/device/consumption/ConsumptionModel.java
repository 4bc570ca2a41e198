package io.hansim.device.consumption;

/**
 * The energy a meter registers, as a pure function of virtual time and the meter's EUI-64, so a seed
 * gives the same readings on every run (DESIGN.md §2). Each day has its own total (derived: 6–10 kWh
 * for electricity, hansim's pick), spread evenly over the day. Values in Wh.
 */
public final class ConsumptionModel {
    private static final long DAY = 86_400;
    /** The register starts at zero on 2020-01-01 (UTCTime), before any simulated epoch. */
    private static final long FIRST_DAY = 7305;

    private final long eui64;

    public ConsumptionModel(long eui64) {
        this.eui64 = eui64;
    }

    /** The energy of day {@code day} (days since 2000-01-01), Wh. */
    public long dailyWh(long day) {
        // SplittableRandom's seed mixing (SplitMix64) as a hash: deterministic, well spread per day.
        long h = new java.util.SplittableRandom(eui64 ^ (day * 0xC2B2_AE3D_27D4_EB4FL)).nextLong();
        return 6_000 + Math.floorMod(h, 4_000L);
    }

    /** The register (CurrentSummationDelivered) at UTCTime {@code utc}, Wh. */
    public long summationAt(long utc) {
        long day = Math.floorDiv(utc, DAY);
        long sum = 0;
        for (long d = FIRST_DAY; d < day; d++) {
            sum += dailyWh(d);
        }
        if (day >= FIRST_DAY) {
            sum += dailyWh(day) * Math.floorMod(utc, DAY) / DAY;
        }
        return sum;
    }

    /** The energy registered in [from, until), Wh. */
    public long between(long from, long until) {
        return until <= from ? 0 : summationAt(until) - summationAt(from);
    }
}
