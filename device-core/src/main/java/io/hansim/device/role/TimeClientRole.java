package io.hansim.device.role;

import io.hansim.device.node.ClusterRole;
import io.hansim.device.node.DeviceClock;
import io.hansim.device.node.Inbound;
import io.hansim.device.node.Port;
import io.hansim.zigbee.time.TimeAttribute;
import io.hansim.zigbee.zcl.Bytes;
import io.hansim.zigbee.zcl.GeneralCommandCodec;
import io.hansim.zigbee.zcl.GeneralFrame;
import io.hansim.zigbee.zcl.ReadAttributes;
import io.hansim.zigbee.zcl.ReadAttributesResponse;
import io.hansim.zigbee.zcl.ZclHeader;
import io.hansim.zigbee.zcl.ZclValue;
import java.util.Objects;

/**
 * A device's Time cluster client (0x000A; requirements G.4): it reads Time and TimeStatus from the CH
 * at every boot (hence at joining) and then every {@code interval}, and when the answer comes from a
 * master (TimeStatus bit 0) with a valid Time it sets the device's {@link DeviceClock} to it. The CH's
 * Time is whole seconds, so a corrected clock is behind by the sub-second part plus the frame's
 * flight time (under a second on a working link); between syncs it drifts at its own rate.
 */
public final class TimeClientRole implements ClusterRole {
    /** The time-sync interval when none is configured: once a day (derived; GB does not say, unconfirmed). */
    public static final long DEFAULT_INTERVAL = 24 * 3600 * 1_000_000L;

    private final Port port;
    private final DeviceClock clock;
    private final long interval;
    private long server;
    private boolean serverKnown;
    private int readTsn = -1;
    private long readSentAt;
    private long syncs;

    /**
     * @param clock    the device's clock this role corrects (the node's)
     * @param interval virtual µs between reads after the one at boot; 0 reads only at boot
     */
    public TimeClientRole(Port port, DeviceClock clock, long interval) {
        this.port = Objects.requireNonNull(port, "port");
        this.clock = Objects.requireNonNull(clock, "clock");
        if (interval < 0) {
            throw new IllegalArgumentException("time-sync interval must not be negative, was " + interval);
        }
        this.interval = interval;
    }

    /** The time server (the CH), learnt at joining. */
    public TimeClientRole server(long eui64) {
        server = eui64;
        serverKnown = true;
        return this;
    }

    @Override
    public int clusterId() {
        return TimeAttribute.CLUSTER_ID;
    }

    @Override
    public Side side() {
        return Side.CLIENT;
    }

    @Override
    public void boot() {
        if (serverKnown) {
            read();
        }
    }

    @Override
    public void powerLost() {
        readTsn = -1;
    }

    /** Times the clock was set from the CH (a clock the answer shows right is left alone). */
    public long syncs() {
        return syncs;
    }

    private void read() {
        readTsn = port.nextTsn();
        readSentAt = port.now();
        GeneralFrame f = GeneralFrame.of(ZclHeader.Direction.CLIENT_TO_SERVER, false, readTsn,
                ReadAttributes.of(TimeAttribute.TIME.id(), TimeAttribute.TIME_STATUS.id()));
        port.send(server, false, TimeAttribute.CLUSTER_ID, Bytes.of(GeneralCommandCodec.encode(f)));
        if (interval > 0) {
            port.at(port.now() + interval, this::read);
        }
    }

    @Override
    public void attributesRead(Inbound in, ReadAttributesResponse r) {
        if (in.source() != server || in.tsn() != readTsn) {
            return; // not the answer to our read
        }
        readTsn = -1;
        long utc = -1;
        int status = 0;
        for (ReadAttributesResponse.StatusRecord s : r.records()) {
            if (!s.isSuccess()) {
                continue;
            }
            if (s.attributeId() == TimeAttribute.TIME.id() && s.value() instanceof ZclValue.UtcTime t) {
                utc = t.seconds();
            } else if (s.attributeId() == TimeAttribute.TIME_STATUS.id() && s.value() instanceof ZclValue.Bitmap b) {
                status = (int) b.bits();
            }
        }
        if ((status & TimeAttribute.STATUS_MASTER) == 0 || utc < 0) {
            return; // only a master's valid Time sets the clock (ZCL §3.12.2.2.2)
        }
        long local = port.time().microsAtZclUtcTime(utc);
        if (local == Long.MIN_VALUE) {
            return; // 0xFFFFFFFF: the server has no time
        }
        // Time is whole seconds, stamped when the CH answered: the true time now lies between that
        // second and one second plus the round trip later. A clock already inside that window is as
        // right as the answer can tell, and stepping it to the whole second would only make it worse
        // (a perfect clock would lose up to a second at each sync); only a clock outside it is set.
        long mine = clock.localAt(port.now());
        if (mine >= local && mine <= local + 1_000_000L + (port.now() - readSentAt)) {
            return;
        }
        clock.set(port.now(), local);
        syncs++;
    }
}
