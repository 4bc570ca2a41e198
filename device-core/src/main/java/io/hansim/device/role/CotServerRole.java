package io.hansim.device.role;

import io.hansim.device.cot.ChangeOfTenancy;
import io.hansim.device.node.ClusterRole;
import io.hansim.device.node.Inbound;
import io.hansim.device.node.Port;
import io.hansim.zigbee.devicemgmt.DeviceManagementCluster;
import io.hansim.zigbee.devicemgmt.DeviceManagementCodec;
import io.hansim.zigbee.devicemgmt.DeviceManagementCommand;
import io.hansim.zigbee.devicemgmt.DeviceManagementFrame;
import io.hansim.zigbee.devicemgmt.TenancyChangeControl;
import io.hansim.zigbee.zcl.Bytes;
import io.hansim.zigbee.zcl.ZclDecodeException;
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
 * The Change of Tenancy server of a meter (Device Management 0x0708, server side; R56.1, R56.2): holds
 * the CoT set by the WAN (SR 3.2: ECS12 on the ESME, GCS09 on the GPF), answers Get Change of Tenancy
 * with Publish Change of Tenancy (NOT_FOUND when none is set) and Read Attributes of 0x0200/0x0201,
 * and publishes to every device that asked or was bound. The CoT it holds is the meter's flash (this
 * object survives power cuts). A meter below its CoT threshold (R56.6) holds the CoT but does not put
 * this role on its endpoint, so it lacks the cluster.
 */
public final class CotServerRole implements ClusterRole {
    private final Port port;
    private final boolean publishes;
    private ChangeOfTenancy changeOfTenancy;
    private final Set<Long> subscribers = new LinkedHashSet<>();
    private final List<ChangeOfTenancy> published = new ArrayList<>();

    /**
     * @param publishes whether the meter serves CoT on the HAN (R56.6)
     */
    public CotServerRole(Port port, boolean publishes) {
        this.port = Objects.requireNonNull(port, "port");
        this.publishes = publishes;
    }

    @Override
    public int clusterId() {
        return DeviceManagementCluster.CLUSTER_ID;
    }

    @Override
    public Side side() {
        return Side.SERVER;
    }

    public boolean publishes() {
        return publishes;
    }

    /** Sets the CoT and publishes it to the subscribers (R56.1) when the meter serves CoT and is powered. */
    public void setChangeOfTenancy(ChangeOfTenancy cot) {
        this.changeOfTenancy = Objects.requireNonNull(cot, "cot");
        if (publishes && port.isPowered()) {
            for (long s : subscribers) {
                sendPublish(s, port.nextTsn());
            }
        }
    }

    public Optional<ChangeOfTenancy> changeOfTenancy() {
        return Optional.ofNullable(changeOfTenancy);
    }

    public void subscribe(long eui64) {
        subscribers.add(eui64);
    }

    public Set<Long> subscribers() {
        return Set.copyOf(subscribers);
    }

    public List<ChangeOfTenancy> publications() {
        return List.copyOf(published);
    }

    @Override
    public Map<Integer, ZclValue> readAttributes(Inbound in, List<Integer> ids) {
        subscribers.add(in.source());
        Map<Integer, ZclValue> values = new LinkedHashMap<>();
        values.put(DeviceManagementCluster.CHANGE_OF_TENANCY_UPDATE_DATE_TIME.id(),
                new ZclValue.UtcTime(changeOfTenancy == null ? 0xFFFF_FFFFL : changeOfTenancy.implementationUtc()));
        values.put(DeviceManagementCluster.PROPOSED_TENANCY_CHANGE_CONTROL.id(),
                new TenancyChangeControl(changeOfTenancy == null ? 0
                        : changeOfTenancy.proposedTenancyChangeControl()).toValue());
        return values;
    }

    @Override
    public void command(Inbound in) throws ZclDecodeException {
        DeviceManagementFrame f = DeviceManagementCodec.decode(in.zcl());
        if (f.command() instanceof DeviceManagementCommand.GetChangeOfTenancy) {
            subscribers.add(in.source());
            if (changeOfTenancy == null) {
                port.answer(in, ZclStatus.NOT_FOUND);
            } else {
                sendPublish(in.source(), f.header().transactionSequenceNumber());
            }
        } else {
            port.answer(in, ZclStatus.UNSUP_CLUSTER_COMMAND); // a server→client command sent to the server
        }
    }

    private void sendPublish(long to, int tsn) {
        ChangeOfTenancy c = changeOfTenancy;
        published.add(c);
        var publish = new DeviceManagementCommand.PublishChangeOfTenancy(0, c.issuerEventId(), 0,
                c.implementationUtc(), c.proposedTenancyChangeControl());
        port.send(to, false, DeviceManagementCluster.CLUSTER_ID,
                Bytes.of(DeviceManagementCodec.encode(DeviceManagementFrame.of(tsn, publish, true))));
    }
}
