package io.hansim.device.role;

import io.hansim.device.node.ClusterRole;
import io.hansim.device.node.Inbound;
import io.hansim.device.node.Port;
import io.hansim.zigbee.time.TimeAttribute;
import io.hansim.zigbee.zcl.ZclValue;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The Time cluster server of the CH (0x000A; requirements G.4, GBCS §9.1.3): Time is the CH's UTCTime,
 * TimeStatus {@link TimeAttribute#CH_TIME_STATUS} (0x09, Master and Superseding): the CH is the HAN's
 * time master and every device takes its time from it.
 */
public final class TimeServerRole implements ClusterRole {
    private final Port port;
    private final int timeStatus;

    /** A master clock: TimeStatus 0x09. */
    public TimeServerRole(Port port) {
        this(port, TimeAttribute.CH_TIME_STATUS);
    }

    public TimeServerRole(Port port, int timeStatus) {
        this.port = Objects.requireNonNull(port, "port");
        if (timeStatus < 0 || timeStatus > 0xFF) {
            throw new IllegalArgumentException("TimeStatus is a bitmap8, was " + timeStatus);
        }
        this.timeStatus = timeStatus;
    }

    @Override
    public int clusterId() {
        return TimeAttribute.CLUSTER_ID;
    }

    @Override
    public Side side() {
        return Side.SERVER;
    }

    /** The attributes as they stand now. */
    public Map<Integer, ZclValue> attributes() {
        Map<Integer, ZclValue> m = new LinkedHashMap<>();
        m.put(TimeAttribute.TIME.id(), new ZclValue.UtcTime(port.utcNow()));
        m.put(TimeAttribute.TIME_STATUS.id(), ZclValue.bitmap8(timeStatus));
        return m;
    }

    @Override
    public Map<Integer, ZclValue> readAttributes(Inbound in, List<Integer> ids) {
        return attributes();
    }
}
