package io.hansim.device.consumption;

import io.hansim.zigbee.metering.MeteringAttribute;
import io.hansim.zigbee.metering.MeteringHistory.Period;
import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;

/**
 * Where the consumption periods of the Metering Historical Consumption attribute set begin and end,
 * in ZCL UTCTime seconds (SE 1.4 D.3.2.2.5): days from midnight UTC, weeks from Monday (derived: SE 1.4
 * leaves the week start to the meter), months from the first. Meters use it to compute what an
 * attribute holds; IHDs and PPMIDs to date what they log; the privacy check to judge whose a value is.
 */
public final class ConsumptionCalendar {
    private static final long DAY = 86_400;
    /** ZCL UTCTime 0 is Saturday 2000-01-01; Monday 2000-01-03 is day 2. */
    private static final long FIRST_MONDAY = 2;
    /** 2000-01-01 as an epoch day of {@link LocalDate}. */
    private static final long ZCL_EPOCH_DAY = LocalDate.of(2000, 1, 1).toEpochDay();

    private ConsumptionCalendar() {
    }

    /** An attribute of the history as (period, periods ago). */
    public record Slot(Period period, int periodsAgo) {
        public Slot {
            Objects.requireNonNull(period, "period");
        }

        public MeteringAttribute attribute() {
            return period.attribute(periodsAgo);
        }
    }

    /** Which period and how far back {@code attributeId} reaches, if it is a history attribute. */
    public static Optional<Slot> slot(int attributeId) {
        for (Period p : Period.values()) {
            for (int n = 0; n <= p.depth(); n++) {
                if (p.attribute(n).id() == attributeId) {
                    return Optional.of(new Slot(p, n));
                }
            }
        }
        return Optional.empty();
    }

    /** The start of the period {@code periodsAgo} periods before the one holding {@code utc}. */
    public static long start(Period p, long utc, int periodsAgo) {
        long day = Math.floorDiv(utc, DAY);
        return switch (p) {
            case DAY -> (day - periodsAgo) * DAY;
            case WEEK -> (day - Math.floorMod(day - FIRST_MONDAY, 7) - 7L * periodsAgo) * DAY;
            case MONTH -> {
                LocalDate first = LocalDate.ofEpochDay(ZCL_EPOCH_DAY + day).withDayOfMonth(1).minusMonths(periodsAgo);
                yield (first.toEpochDay() - ZCL_EPOCH_DAY) * DAY;
            }
        };
    }

    /** The end (exclusive) of that period: the start of the next one. */
    public static long end(Period p, long utc, int periodsAgo) {
        return periodsAgo == 0 ? next(p, start(p, utc, 0)) : start(p, utc, periodsAgo - 1);
    }

    private static long next(Period p, long start) {
        return switch (p) {
            case DAY -> start + DAY;
            case WEEK -> start + 7 * DAY;
            case MONTH -> (LocalDate.ofEpochDay(ZCL_EPOCH_DAY + start / DAY).plusMonths(1).toEpochDay()
                    - ZCL_EPOCH_DAY) * DAY;
        };
    }
}
