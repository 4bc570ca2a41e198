package io.hansim.device.role;

import io.hansim.device.node.ClusterRole;
import io.hansim.device.node.Inbound;
import io.hansim.device.node.Port;
import io.hansim.zigbee.basic.BasicAttribute;
import io.hansim.zigbee.zcl.ZclValue;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The Basic cluster server (0x0000, ZCL §3.2) every device carries. SWBuildID carries the running
 * firmware version in hex so a Basic read shows what runs, as R7.11 needs of a live read.
 */
public final class BasicServer implements ClusterRole {
    private final Port port;

    public BasicServer(Port port) {
        this.port = Objects.requireNonNull(port, "port");
    }

    @Override
    public int clusterId() {
        return BasicAttribute.CLUSTER_ID;
    }

    @Override
    public Side side() {
        return Side.SERVER;
    }

    /** The attributes as they stand now. */
    public Map<Integer, ZclValue> attributes() {
        long running = port.store().runningVersion();
        String name = port.deviceName();
        Map<Integer, ZclValue> m = new LinkedHashMap<>();
        m.put(BasicAttribute.ZCL_VERSION.id(), ZclValue.uint8(0x03)); // (derived) ZCL revision of SE 1.4 stacks
        m.put(BasicAttribute.APPLICATION_VERSION.id(), ZclValue.uint8((int) (running & 0xFF)));
        m.put(BasicAttribute.MANUFACTURER_NAME.id(), ZclValue.string("hansim"));
        m.put(BasicAttribute.MODEL_IDENTIFIER.id(), ZclValue.string(name.length() > 32 ? name.substring(0, 32) : name));
        m.put(BasicAttribute.POWER_SOURCE.id(), ZclValue.enum8(0x01)); // mains, single phase
        m.put(BasicAttribute.SW_BUILD_ID.id(), ZclValue.string(String.format("%08X", running)));
        return m;
    }

    @Override
    public Map<Integer, ZclValue> readAttributes(Inbound in, List<Integer> ids) {
        return attributes();
    }
}
