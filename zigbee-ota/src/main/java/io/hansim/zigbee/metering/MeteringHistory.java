package io.hansim.zigbee.metering;

import io.hansim.zigbee.zcl.ReadAttributesResponse;
import io.hansim.zigbee.zcl.ReadAttributesResponse.StatusRecord;
import io.hansim.zigbee.zcl.ZclStatus;
import io.hansim.zigbee.zcl.ZclValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Historic consumption as Metering attributes: which attribute holds "n periods ago", and Read
 * Attributes Response records built from a list of values. Index 0 is the current period (today,
 * this week, this month), 1 the previous one, 2 "Previous Day 2", and so on up to the last
 * attribute SE 1.4 defines (day 8, week 5, month 13).
 */
public final class MeteringHistory {

    /** The three consumption histories of the Historical Consumption attribute set. */
    public enum Period {
        DAY(MeteringAttribute.CURRENT_DAY_CONSUMPTION_DELIVERED, MeteringAttribute.PREVIOUS_DAY_CONSUMPTION_DELIVERED,
                MeteringAttribute.PREVIOUS_DAY_8_CONSUMPTION_DELIVERED),
        WEEK(MeteringAttribute.CURRENT_WEEK_CONSUMPTION_DELIVERED,
                MeteringAttribute.PREVIOUS_WEEK_CONSUMPTION_DELIVERED,
                MeteringAttribute.PREVIOUS_WEEK_5_CONSUMPTION_DELIVERED),
        MONTH(MeteringAttribute.CURRENT_MONTH_CONSUMPTION_DELIVERED,
                MeteringAttribute.PREVIOUS_MONTH_CONSUMPTION_DELIVERED,
                MeteringAttribute.PREVIOUS_MONTH_13_CONSUMPTION_DELIVERED);

        private final MeteringAttribute current;
        private final MeteringAttribute previous;
        private final MeteringAttribute last;

        Period(MeteringAttribute current, MeteringAttribute previous, MeteringAttribute last) {
            this.current = current;
            this.previous = previous;
            this.last = last;
        }

        /** How many periods back the attributes reach (8 days, 5 weeks, 13 months). */
        public int depth() {
            // previous is "1 ago" and each further period is 2 identifiers on, except that the day
            // set restarts at 0x0420 for "Previous Day 2".
            return 1 + (last.id() - firstNumbered().id()) / 2 + 1;
        }

        private MeteringAttribute firstNumbered() {
            return switch (this) {
                case DAY -> MeteringAttribute.PREVIOUS_DAY_2_CONSUMPTION_DELIVERED;
                case WEEK -> MeteringAttribute.PREVIOUS_WEEK_2_CONSUMPTION_DELIVERED;
                case MONTH -> MeteringAttribute.PREVIOUS_MONTH_2_CONSUMPTION_DELIVERED;
            };
        }

        /**
         * The attribute holding the value {@code periodsAgo} periods back: 0 current, 1 previous,
         * 2..{@link #depth()} "Previous ... N".
         */
        public MeteringAttribute attribute(int periodsAgo) {
            if (periodsAgo < 0 || periodsAgo > depth()) {
                throw new IllegalArgumentException(this + " history reaches 0.." + depth() + " periods ago, not "
                        + periodsAgo);
            }
            if (periodsAgo == 0) {
                return current;
            }
            if (periodsAgo == 1) {
                return previous;
            }
            int id = firstNumbered().id() + 2 * (periodsAgo - 2);
            return MeteringAttribute.fromId(id).orElseThrow();
        }
    }

    private MeteringHistory() {
    }

    /**
     * The typed value of {@code attribute} for a number (uint24 / uint32 / uint48, or enum8 for
     * UnitOfMeasure, bitmap8 for the bitmaps).
     *
     * @throws IllegalArgumentException if the number does not fit the attribute's type
     */
    public static ZclValue value(MeteringAttribute attribute, long number) {
        return switch (attribute.type()) {
            case ENUM8 -> new ZclValue.Enumeration(attribute.type(), Math.toIntExact(number));
            case BITMAP8 -> new ZclValue.Bitmap(attribute.type(), number);
            default -> new ZclValue.UnsignedInt(attribute.type(), number);
        };
    }

    /**
     * SUCCESS records for a history: {@code values.get(i)} is the value {@code i} periods ago, so
     * the first record is the current period's attribute.
     *
     * @throws IllegalArgumentException if there are more values than attributes, or one does not fit
     */
    public static List<StatusRecord> records(Period period, List<Long> values) {
        Objects.requireNonNull(period, "period");
        if (values.size() > period.depth() + 1) {
            throw new IllegalArgumentException(period + " history holds at most " + (period.depth() + 1)
                    + " values, got " + values.size());
        }
        List<StatusRecord> out = new ArrayList<>(values.size());
        for (int i = 0; i < values.size(); i++) {
            MeteringAttribute a = period.attribute(i);
            out.add(StatusRecord.success(a.id(), value(a, Objects.requireNonNull(values.get(i), "value " + i))));
        }
        return out;
    }

    /**
     * The Read Attributes Response for a request: one record per requested identifier in request
     * order, SUCCESS with the value from {@code available}, or UNSUPPORTED_ATTRIBUTE (ZCL §2.5.2)
     * when the meter has no value for it — e.g. history a Change of Tenancy cleared (R56.3, R56.5).
     *
     * @param available values by attribute identifier, each of its attribute's data type
     */
    public static ReadAttributesResponse respond(List<Integer> requestedIds, Map<Integer, ZclValue> available) {
        List<StatusRecord> out = new ArrayList<>(requestedIds.size());
        for (int id : requestedIds) {
            ZclValue v = available.get(id);
            if (v == null) {
                out.add(StatusRecord.failure(id, ZclStatus.UNSUPPORTED_ATTRIBUTE));
                continue;
            }
            MeteringAttribute.fromId(id).ifPresent(a -> {
                if (!a.accepts(v)) {
                    throw new IllegalArgumentException(a.specName() + " is " + a.type() + ", not " + v.type());
                }
            });
            out.add(StatusRecord.success(id, v));
        }
        return new ReadAttributesResponse(out);
    }
}
