package io.hansim.device.role;

import io.hansim.device.consumption.ConsumptionCalendar;
import io.hansim.device.consumption.ConsumptionModel;
import io.hansim.device.cot.ChangeOfTenancy;
import io.hansim.device.node.ClusterRole;
import io.hansim.device.node.Inbound;
import io.hansim.device.node.Port;
import io.hansim.zigbee.metering.MeteringAttribute;
import io.hansim.zigbee.metering.MeteringHistory;
import io.hansim.zigbee.zcl.ZclDataType;
import io.hansim.zigbee.zcl.ZclValue;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A meter's Metering server (0x0702, server side): CurrentSummationDelivered, the unit, multiplier and
 * divisor, and the day/week/month history from its {@link ConsumptionModel}, restricted after a Change
 * of Tenancy to the new occupier's part (R56.7: a period wholly before the CoT is absent). Metering
 * commands are not modelled.
 */
public final class MeteringServerRole implements ClusterRole {
    private static final int UNIT_KWH = 0x00;

    private final Port port;
    private final ConsumptionModel consumption;
    private final Supplier<Optional<ChangeOfTenancy>> changeOfTenancy;

    /**
     * @param changeOfTenancy the CoT the meter holds now, if any
     */
    public MeteringServerRole(Port port, ConsumptionModel consumption,
            Supplier<Optional<ChangeOfTenancy>> changeOfTenancy) {
        this.port = Objects.requireNonNull(port, "port");
        this.consumption = Objects.requireNonNull(consumption, "consumption");
        this.changeOfTenancy = Objects.requireNonNull(changeOfTenancy, "changeOfTenancy");
    }

    @Override
    public int clusterId() {
        return MeteringAttribute.CLUSTER_ID;
    }

    @Override
    public Side side() {
        return Side.SERVER;
    }

    public ConsumptionModel consumption() {
        return consumption;
    }

    @Override
    public Map<Integer, ZclValue> readAttributes(Inbound in, List<Integer> ids) {
        return values(ids);
    }

    /** The Metering values this meter gives now for {@code ids}; a restricted or unknown one is absent. */
    public Map<Integer, ZclValue> values(List<Integer> ids) {
        long now = port.utcNow();
        Map<Integer, ZclValue> m = new LinkedHashMap<>();
        for (int id : ids) {
            if (id == MeteringAttribute.CURRENT_SUMMATION_DELIVERED.id()) {
                m.put(id, MeteringHistory.value(MeteringAttribute.CURRENT_SUMMATION_DELIVERED,
                        consumption.summationAt(now)));
            } else if (id == MeteringAttribute.UNIT_OF_MEASURE.id()) {
                m.put(id, MeteringHistory.value(MeteringAttribute.UNIT_OF_MEASURE, UNIT_KWH));
            } else if (id == MeteringAttribute.MULTIPLIER.id()) {
                m.put(id, MeteringHistory.value(MeteringAttribute.MULTIPLIER, 1));
            } else if (id == MeteringAttribute.DIVISOR.id()) {
                m.put(id, MeteringHistory.value(MeteringAttribute.DIVISOR, 1000));
            } else {
                ConsumptionCalendar.slot(id).ifPresent(s -> historyValue(s, now).ifPresent(v -> m.put(id, v)));
            }
        }
        return m;
    }

    private Optional<ZclValue> historyValue(ConsumptionCalendar.Slot s, long now) {
        long from = ConsumptionCalendar.start(s.period(), now, s.periodsAgo());
        long until = Math.min(now, ConsumptionCalendar.end(s.period(), now, s.periodsAgo()));
        Optional<ChangeOfTenancy> cot = changeOfTenancy.get();
        if (cot.isPresent() && cot.get().implementationUtc() <= now) {
            long at = cot.get().implementationUtc();
            if (until <= at) {
                return Optional.empty(); // R56.7: wholly the previous occupier's
            }
            from = Math.max(from, at);
        }
        long wh = consumption.between(from, until);
        MeteringAttribute a = s.attribute();
        long max = a.type() == ZclDataType.UINT24 ? 0xFF_FFFFL : 0xFFFF_FFFFL;
        return Optional.of(MeteringHistory.value(a, Math.min(wh, max)));
    }
}
