package io.hansim.device.role;

import io.hansim.device.node.ClusterRole;
import io.hansim.device.node.Inbound;
import io.hansim.device.node.Port;
import io.hansim.zigbee.events.EventsCluster;
import io.hansim.zigbee.events.EventsCodec;
import io.hansim.zigbee.events.EventsCommand;
import io.hansim.zigbee.events.EventsFrame;
import io.hansim.zigbee.zcl.Bytes;
import io.hansim.zigbee.zcl.ZclDecodeException;
import io.hansim.zigbee.zcl.ZclHeader.Direction;
import io.hansim.zigbee.zcl.ZclStatus;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A device's event logs (Events 0x0709, server side; requirements G.8): entries per log (Log ID), and
 * Clear Event Log, which CS11 "Clear ZigBee Device Event Log" carries to the GSME. Clearing a log the
 * device keeps answers ClearedEventsLogs with that log's bit (0x08 for the general event log 0x03, as
 * in the RTDS success vector); Log ID 0x00 clears every log kept and sets bit 0 and each cleared log's
 * bit; a log the device does not keep clears nothing and answers 0x00 (the RTDS error vector's value).
 * The logs stand for the device's flash: a power cut does not clear them.
 */
public final class EventsServerRole implements ClusterRole {

    /** One logged event: when (ZCL UTCTime) and what. */
    public record Entry(long utc, int eventId) {
    }

    private final Port port;
    private final Map<Integer, List<Entry>> logs = new TreeMap<>();

    /**
     * @param logsKept the Log IDs the device keeps (1..7; e.g. {@link EventsCluster#LOG_GENERAL})
     */
    public EventsServerRole(Port port, List<Integer> logsKept) {
        this.port = Objects.requireNonNull(port, "port");
        for (int id : logsKept) {
            if (id < 1 || id > 7) {
                throw new IllegalArgumentException("a kept log has a Log ID 1..7: " + id);
            }
            logs.put(id, new ArrayList<>());
        }
    }

    @Override
    public int clusterId() {
        return EventsCluster.CLUSTER_ID;
    }

    @Override
    public Side side() {
        return Side.SERVER;
    }

    /** Logs {@code eventId} in log {@code logId} now (nothing if the device keeps no such log). */
    public void record(int logId, int eventId) {
        List<Entry> log = logs.get(logId);
        if (log != null) {
            log.add(new Entry(port.utcNow(), eventId));
        }
    }

    /** The entries of log {@code logId} (empty for a log not kept). */
    public List<Entry> entries(int logId) {
        return Collections.unmodifiableList(logs.getOrDefault(logId, List.of()));
    }

    /** Clears log {@code logId} (0 = all) and returns the ClearedEventsLogs bitmap. */
    public int clear(int logId) {
        if (logId == EventsCluster.LOG_ALL) {
            int bits = EventsCluster.CLEARED_ALL;
            for (var e : logs.entrySet()) {
                e.getValue().clear();
                bits |= EventsCluster.clearedBit(e.getKey());
            }
            return bits;
        }
        List<Entry> log = logs.get(logId);
        if (log == null) {
            return EventsCluster.CLEARED_NONE;
        }
        log.clear();
        return EventsCluster.clearedBit(logId);
    }

    @Override
    public void command(Inbound in) throws ZclDecodeException {
        EventsFrame f = EventsCodec.decode(in.zcl());
        if (f.command() instanceof EventsCommand.ClearEventLogRequest r) {
            int bits = clear(r.logId());
            port.send(in.source(), false, EventsCluster.CLUSTER_ID, Bytes.of(EventsCodec.encode(EventsFrame.of(
                    f.header().transactionSequenceNumber(), new EventsCommand.ClearEventLogResponse(bits), true))));
        } else if (f.header().direction() == Direction.CLIENT_TO_SERVER) {
            in.port().answer(in, ZclStatus.UNSUP_CLUSTER_COMMAND);
        }
    }
}
