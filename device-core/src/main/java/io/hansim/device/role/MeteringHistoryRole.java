package io.hansim.device.role;

import io.hansim.device.cot.OccupierDataKind;
import io.hansim.device.cot.OccupierDataStore;
import io.hansim.device.cot.OccupierRecord;
import io.hansim.device.consumption.ConsumptionCalendar;
import io.hansim.device.node.ClusterRole;
import io.hansim.device.node.Inbound;
import io.hansim.device.node.Port;
import io.hansim.zigbee.metering.MeteringAttribute;
import io.hansim.zigbee.metering.MeteringHistory;
import io.hansim.zigbee.zcl.Bytes;
import io.hansim.zigbee.zcl.GeneralCommandCodec;
import io.hansim.zigbee.zcl.GeneralFrame;
import io.hansim.zigbee.zcl.ReadAttributes;
import io.hansim.zigbee.zcl.ReadAttributesResponse;
import io.hansim.zigbee.zcl.ZclDataType;
import io.hansim.zigbee.zcl.ZclHeader;
import io.hansim.zigbee.zcl.ZclValue;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The consumption log of an IHD or PPMID (Metering 0x0702; R56.5, R56.7): reads Previous Day, Week and
 * Month from the consumption source every {@code consumptionReadSeconds}, logs each period once, dated
 * at its start (a period starting before the last handled CoT is not logged, as the meter restricts
 * it), and answers Metering Read Attributes of those attributes from what it logged
 * (UNSUPPORTED_ATTRIBUTE when none; the current periods are not logged). Metering commands are not
 * modelled.
 */
public final class MeteringHistoryRole implements ClusterRole {
    private final Tenancy tenancy;
    private final Map<Integer, Long> readsInFlight = new HashMap<>();

    public MeteringHistoryRole(Tenancy tenancy) {
        this.tenancy = tenancy;
    }

    @Override
    public int clusterId() {
        return MeteringAttribute.CLUSTER_ID;
    }

    @Override
    public Side side() {
        return Side.SERVER;
    }

    @Override
    public void boot() {
        armConsumptionRead();
    }

    @Override
    public void powerLost() {
        readsInFlight.clear();
    }

    private void armConsumptionRead() {
        var config = tenancy.config();
        if (config.consumptionSource() == 0 || config.consumptionReadSeconds() == 0) {
            return; // R56 traffic only when the profile asks for it
        }
        Port port = tenancy.port();
        port.at(port.now() + config.consumptionReadSeconds() * 1_000_000L, () -> {
            int tsn = port.nextTsn();
            readsInFlight.put(tsn, port.utcNow());
            GeneralFrame read = GeneralFrame.of(ZclHeader.Direction.CLIENT_TO_SERVER, false, tsn, ReadAttributes.of(
                    MeteringAttribute.PREVIOUS_DAY_CONSUMPTION_DELIVERED.id(),
                    MeteringAttribute.PREVIOUS_WEEK_CONSUMPTION_DELIVERED.id(),
                    MeteringAttribute.PREVIOUS_MONTH_CONSUMPTION_DELIVERED.id()));
            port.send(config.consumptionSource(), false, MeteringAttribute.CLUSTER_ID,
                    Bytes.of(GeneralCommandCodec.encode(read)));
            armConsumptionRead();
        });
    }

    @Override
    public void attributesRead(Inbound in, ReadAttributesResponse r) {
        OccupierDataStore store = tenancy.store();
        Long asked = readsInFlight.remove(in.tsn());
        if (asked == null || in.source() != tenancy.config().consumptionSource()) {
            return; // not an answer to our read
        }
        // A clear in progress counts too: a read answered between two clear steps must not put the
        // previous occupier's period back into a kind already cleared (R56.5).
        long lastCot = Math.max(store.lastHandledCotUtc().orElse(-1),
                store.journal().map(OccupierDataStore.ClearJournal::cotUtc).orElse(-1L));
        for (ReadAttributesResponse.StatusRecord s : r.records()) {
            if (!s.isSuccess() || !(s.value() instanceof ZclValue.UnsignedInt v)) {
                continue;
            }
            Optional<ConsumptionCalendar.Slot> slot = ConsumptionCalendar.slot(s.attributeId());
            if (slot.isEmpty() || slot.get().periodsAgo() == 0) {
                continue;
            }
            long start = ConsumptionCalendar.start(slot.get().period(), asked, slot.get().periodsAgo());
            OccupierDataKind kind = kind(slot.get().period());
            if (start < lastCot || store.records(kind).stream().anyMatch(x -> x.recordedAtUtc() == start)) {
                continue;
            }
            store.add(new OccupierRecord(kind, start, slot.get().period() + " consumption Wh", v.value()));
        }
    }

    @Override
    public Map<Integer, ZclValue> readAttributes(Inbound in, List<Integer> ids) {
        long now = in.port().utcNow();
        Map<Integer, ZclValue> m = new LinkedHashMap<>();
        for (int id : ids) {
            ConsumptionCalendar.slot(id).filter(s -> s.periodsAgo() > 0).ifPresent(s -> {
                long start = ConsumptionCalendar.start(s.period(), now, s.periodsAgo());
                tenancy.store().records(kind(s.period())).stream().filter(x -> x.recordedAtUtc() == start).findFirst()
                        .ifPresent(x -> {
                            long max = s.attribute().type() == ZclDataType.UINT24 ? 0xFF_FFFFL : 0xFFFF_FFFFL;
                            m.put(id, MeteringHistory.value(s.attribute(), Math.min(x.value(), max)));
                        });
            });
        }
        return m;
    }

    private static OccupierDataKind kind(MeteringHistory.Period p) {
        return switch (p) {
            case DAY -> OccupierDataKind.CONSUMPTION_DAY;
            case WEEK -> OccupierDataKind.CONSUMPTION_WEEK;
            case MONTH -> OccupierDataKind.CONSUMPTION_MONTH;
        };
    }
}
