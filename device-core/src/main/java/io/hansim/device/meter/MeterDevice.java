package io.hansim.device.meter;

import io.hansim.device.HanDevice;
import io.hansim.device.han.ApsFrame;
import io.hansim.device.han.HanBus;
import io.hansim.zigbee.devicemgmt.DeviceManagementCluster;
import io.hansim.zigbee.devicemgmt.DeviceManagementCodec;
import io.hansim.zigbee.devicemgmt.DeviceManagementCommand;
import io.hansim.zigbee.devicemgmt.DeviceManagementFrame;
import io.hansim.zigbee.devicemgmt.TenancyChangeControl;
import io.hansim.zigbee.metering.MeteringAttribute;
import io.hansim.zigbee.metering.MeteringHistory;
import io.hansim.zigbee.zcl.Bytes;
import io.hansim.zigbee.zcl.DefaultResponse;
import io.hansim.zigbee.zcl.GeneralCommandCodec;
import io.hansim.zigbee.zcl.GeneralFrame;
import io.hansim.zigbee.zcl.ReadAttributes;
import io.hansim.zigbee.zcl.ReadAttributesResponse;
import io.hansim.zigbee.zcl.ZclDecodeException;
import io.hansim.zigbee.zcl.ZclFrame;
import io.hansim.zigbee.zcl.ZclHeader;
import io.hansim.zigbee.zcl.ZclStatus;
import io.hansim.zigbee.zcl.ZclValue;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What the ESME and the GPF share on the HAN: the Change of Tenancy they hold after SR 3.2 (R56.7),
 * served as Device Management 0x0708 server (R56.1), and consumption served as Metering 0x0702
 * server so IHDs and PPMIDs have something to log.
 *
 * <h2>Device Management (R56.1, gbcs.md §8.2)</h2>
 * Only when {@link #publishesChangeOfTenancy()} (the spec version is at its threshold, R56.6); below,
 * the cluster is absent and answered UNSUPPORTED_CLUSTER. Read Attributes of 0x0200 / 0x0201 give
 * the held CoT; before any CoT they give UTCTime 0xFFFFFFFF ("invalid": no CoT set) and bitmap 0.
 * Get Change of Tenancy is answered with Publish Change of Tenancy (the held CoT, ProviderID 0 and
 * TariffType 0 as GCS09 sets them) or, before any CoT, a Default Response NOT_FOUND. When a CoT is
 * set, an unsolicited Publish goes to every subscriber: each device that has asked before (Get or a
 * read of 0x0200/0x0201) and each device the simulation binds with {@link #subscribe(long)} (the
 * CoT-aware IHDs and PPMIDs on the HAN). Publishes disable the Default Response (one frame each way
 * is enough on a HAN; GCS09's FC 0x09 is a WAN matter).
 *
 * <h2>Metering (R56.7)</h2>
 * CurrentSummationDelivered, UnitOfMeasure kWh with Divisor 1000 (values are Wh), and the day, week
 * and month history from a {@link ConsumptionModel}. Once a held CoT's implementation time is
 * reached, the meter restricts householder access to pre-CoT logs (GBCS text, gbcs.md §8.2): a
 * history period that ended at or before the CoT is answered UNSUPPORTED_ATTRIBUTE, one that spans
 * it gives only the energy since the CoT. The summation is a register, not a log: unrestricted.
 */
public abstract class MeterDevice extends HanDevice {
    private static final int UNIT_KWH = 0x00;

    private final ConsumptionModel consumption;
    /** The CoT held; the meter's flash (this object survives power cuts). */
    private ChangeOfTenancy changeOfTenancy;
    private final Set<Long> subscribers = new LinkedHashSet<>();
    private final List<ChangeOfTenancy> published = new ArrayList<>();

    protected MeterDevice(String name, long eui64, int shortAddress, HanBus bus, long firmwareVersion) {
        super(name, eui64, shortAddress, bus, firmwareVersion);
        this.consumption = new ConsumptionModel(eui64);
    }

    /** Whether this meter's spec version serves CoT on the HAN (R56.6); thresholds come from its Spec. */
    public abstract boolean publishesChangeOfTenancy();

    /** The consumption this meter registers. */
    public ConsumptionModel consumption() {
        return consumption;
    }

    /**
     * Sets the Change of Tenancy (SR 3.2, R56.7: ECS12 on the ESME, GCS09 on the GPF) and publishes it
     * to the subscribers (R56.1) when the meter serves CoT and is powered.
     */
    public void setChangeOfTenancy(ChangeOfTenancy cot) {
        this.changeOfTenancy = Objects.requireNonNull(cot, "cot");
        if (publishesChangeOfTenancy() && isPowered()) {
            for (long s : subscribers) {
                sendPublish(s, nextTsn());
            }
        }
    }

    /** The CoT held, if one was ever set. */
    public Optional<ChangeOfTenancy> changeOfTenancy() {
        return Optional.ofNullable(changeOfTenancy);
    }

    /** Adds a device that gets an unsolicited Publish Change of Tenancy whenever a CoT is set. */
    public void subscribe(long eui64) {
        subscribers.add(eui64);
    }

    /** The devices that get unsolicited publishes, in order of first interest. */
    public Set<Long> subscribers() {
        return Set.copyOf(subscribers);
    }

    /** Every Publish Change of Tenancy sent (solicited or not), for reports. */
    public List<ChangeOfTenancy> publications() {
        return List.copyOf(published);
    }

    @Override
    protected boolean onClusterFrame(ApsFrame frame) {
        if (frame.clusterId() == DeviceManagementCluster.CLUSTER_ID) {
            if (!publishesChangeOfTenancy()) {
                return false; // R56.6: below the threshold the meter lacks the cluster
            }
            deviceManagement(frame);
            return true;
        }
        if (frame.clusterId() == MeteringAttribute.CLUSTER_ID) {
            metering(frame);
            return true;
        }
        return false;
    }

    private void deviceManagement(ApsFrame frame) {
        ZclFrame zcl;
        try {
            zcl = ZclFrame.decode(frame.payload().toArray());
        } catch (ZclDecodeException e) {
            replyDefault(frame, ZclStatus.MALFORMED_COMMAND);
            return;
        }
        if (zcl.header().frameType() == ZclHeader.FrameType.GLOBAL) {
            GeneralFrame g = decodeGeneral(frame, zcl);
            if (g == null) {
                return;
            }
            if (g.command() instanceof ReadAttributes ra) {
                subscribers.add(frame.sourceEui64());
                Map<Integer, ZclValue> values = new LinkedHashMap<>();
                values.put(DeviceManagementCluster.CHANGE_OF_TENANCY_UPDATE_DATE_TIME.id(),
                        new ZclValue.UtcTime(changeOfTenancy == null ? 0xFFFF_FFFFL
                                : changeOfTenancy.implementationUtc()));
                values.put(DeviceManagementCluster.PROPOSED_TENANCY_CHANGE_CONTROL.id(),
                        new TenancyChangeControl(changeOfTenancy == null ? 0
                                : changeOfTenancy.proposedTenancyChangeControl()).toValue());
                answer(frame, zcl.header(), fitToFrame(respond(ra, values)));
            } else if (!(g.command() instanceof DefaultResponse)) {
                replyDefault(frame, ZclStatus.UNSUP_GENERAL_COMMAND);
            }
            return;
        }
        DeviceManagementFrame f;
        try {
            f = DeviceManagementCodec.decode(frame.payload().toArray());
        } catch (ZclDecodeException e) {
            replyDefault(frame, ZclStatus.MALFORMED_COMMAND);
            return;
        }
        if (f.command() instanceof DeviceManagementCommand.GetChangeOfTenancy) {
            subscribers.add(frame.sourceEui64());
            if (changeOfTenancy == null) {
                replyDefault(frame, ZclStatus.NOT_FOUND);
            } else {
                sendPublish(frame.sourceEui64(), f.header().transactionSequenceNumber());
            }
        } else {
            replyDefault(frame, ZclStatus.UNSUP_CLUSTER_COMMAND); // a server→client command sent to the server
        }
    }

    private void sendPublish(long to, int tsn) {
        ChangeOfTenancy c = changeOfTenancy;
        published.add(c);
        var publish = new DeviceManagementCommand.PublishChangeOfTenancy(0, c.issuerEventId(), 0,
                c.implementationUtc(), c.proposedTenancyChangeControl());
        sendZcl(to, false, DeviceManagementCluster.CLUSTER_ID,
                Bytes.of(DeviceManagementCodec.encode(DeviceManagementFrame.of(tsn, publish, true))));
    }

    private void metering(ApsFrame frame) {
        ZclFrame zcl;
        try {
            zcl = ZclFrame.decode(frame.payload().toArray());
        } catch (ZclDecodeException e) {
            replyDefault(frame, ZclStatus.MALFORMED_COMMAND);
            return;
        }
        if (zcl.header().frameType() != ZclHeader.FrameType.GLOBAL) {
            replyDefault(frame, ZclStatus.UNSUP_CLUSTER_COMMAND); // Metering commands are not modelled
            return;
        }
        GeneralFrame g = decodeGeneral(frame, zcl);
        if (g == null) {
            return;
        }
        if (g.command() instanceof ReadAttributes ra) {
            answer(frame, zcl.header(), fitToFrame(MeteringHistory.respond(ra.attributeIds(),
                    meteringValues(ra.attributeIds()))));
        } else if (!(g.command() instanceof DefaultResponse)) {
            replyDefault(frame, ZclStatus.UNSUP_GENERAL_COMMAND);
        }
    }

    /** The Metering values this meter gives now for {@code ids}; a restricted or unknown one is absent. */
    public Map<Integer, ZclValue> meteringValues(List<Integer> ids) {
        long now = utcNow();
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
        if (changeOfTenancy != null && changeOfTenancy.implementationUtc() <= now) {
            long cot = changeOfTenancy.implementationUtc();
            if (until <= cot) {
                return Optional.empty(); // R56.7: wholly the previous occupier's
            }
            from = Math.max(from, cot);
        }
        long wh = consumption.between(from, until);
        MeteringAttribute a = s.attribute();
        long max = a.type() == io.hansim.zigbee.zcl.ZclDataType.UINT24 ? 0xFF_FFFFL : 0xFFFF_FFFFL;
        return Optional.of(MeteringHistory.value(a, Math.min(wh, max)));
    }

    private GeneralFrame decodeGeneral(ApsFrame frame, ZclFrame zcl) {
        try {
            return GeneralCommandCodec.decode(zcl);
        } catch (ZclDecodeException e) {
            replyDefault(frame, ZclStatus.MALFORMED_COMMAND);
            return null;
        }
    }

    private static ReadAttributesResponse respond(ReadAttributes ra, Map<Integer, ZclValue> values) {
        List<ReadAttributesResponse.StatusRecord> records = new ArrayList<>();
        for (int id : ra.attributeIds()) {
            ZclValue v = values.get(id);
            records.add(v != null ? ReadAttributesResponse.StatusRecord.success(id, v)
                    : ReadAttributesResponse.StatusRecord.failure(id, ZclStatus.UNSUPPORTED_ATTRIBUTE));
        }
        return new ReadAttributesResponse(records);
    }

    private void answer(ApsFrame to, ZclHeader request, io.hansim.zigbee.zcl.GeneralCommand command) {
        GeneralFrame g = GeneralFrame.of(ZclHeader.Direction.SERVER_TO_CLIENT, true,
                request.transactionSequenceNumber(), command);
        sendZcl(to.sourceEui64(), false, to.clusterId(), Bytes.of(GeneralCommandCodec.encode(g)));
    }
}
