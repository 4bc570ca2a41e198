package io.hansim.device.role;

import io.hansim.device.node.ClusterRole;
import io.hansim.device.node.Inbound;
import io.hansim.device.node.Port;
import io.hansim.zigbee.tunneling.GbcsTunnelCommand;
import io.hansim.zigbee.tunneling.TunnelingCluster;
import io.hansim.zigbee.tunneling.TunnelingCodec;
import io.hansim.zigbee.tunneling.TunnelingCommand;
import io.hansim.zigbee.tunneling.TunnelingFrame;
import io.hansim.zigbee.zcl.Bytes;
import io.hansim.zigbee.zcl.ZclDecodeException;
import io.hansim.zigbee.zcl.ZclHeader.Direction;
import io.hansim.zigbee.zcl.ZclStatus;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * The CH's end of the GB tunnel (Tunneling 0x0704, server side; requirements G.3, gbcs.md §6). A meter
 * opens a tunnel with Request Tunnel and is answered with its TunnelID and a MaximumIncomingTransferSize
 * of 1500. GBCS messages from the WAN for a meter wait in a queue per meter:
 * <ul>
 *   <li>a polling device (the battery GSME) sends GET when it wakes; the CH answers with up to
 *       {@link Config#putsPerGet()} queued messages, each as a PUT, then GET-RESPONSE with the number
 *       still queued, so the device knows to ask again;</li>
 *   <li>a pushed device (the mains-powered ESME) is sent each message as a PUT as soon as it is queued
 *       and its tunnel is open.</li>
 * </ul>
 * A PUT from a device (a response or an alert) goes to the listeners, which forward it to the WAN.
 * Transfer Data on a tunnel the CH did not open is answered Transfer Data Error NO_SUCH_TUNNEL, on a
 * tunnel opened by another device WRONG_DEVICE, and data over the CH's MaximumIncomingTransferSize
 * DATA_OVERFLOW (SE 1.4 D.6.2.4.3). The tunnel table and the queues survive a CH power cut (the CH
 * keeps them as it keeps its HAN bindings): a pushed ESME, which never sends unless asked, would
 * otherwise never learn that its tunnel was gone. A device that restarts asks again and gets a fresh
 * TunnelID; its old one is forgotten.
 */
public final class TunnelServerRole implements ClusterRole {

    /**
     * Configuration.
     *
     * @param protocolId                  the ProtocolID accepted for GBCS (unconfirmed; default
     *                                    {@link TunnelingCluster#DEFAULT_GBCS_PROTOCOL_ID})
     * @param maximumIncomingTransferSize announced in Request Tunnel Response (1500, gbcs.md §6)
     * @param putsPerGet                  queued messages sent per GET before GET-RESPONSE (at least 1)
     * @param maxQueuedPerDevice          GBCS messages held for one device at most; a further one is
     *                                    refused ({@link #queue} returns false) (unconfirmed; default
     *                                    {@link #DEFAULT_MAX_QUEUED})
     */
    public record Config(int protocolId, int maximumIncomingTransferSize, int putsPerGet, int maxQueuedPerDevice) {
        /** Messages held per device unless configured (unconfirmed: no source gives the CH's limit). */
        public static final int DEFAULT_MAX_QUEUED = 32;

        public static final Config DEFAULTS = new Config(TunnelingCluster.DEFAULT_GBCS_PROTOCOL_ID,
                TunnelingCluster.GB_MAXIMUM_INCOMING_TRANSFER_SIZE, 1, DEFAULT_MAX_QUEUED);

        /** With the default queue limit. */
        public Config(int protocolId, int maximumIncomingTransferSize, int putsPerGet) {
            this(protocolId, maximumIncomingTransferSize, putsPerGet, DEFAULT_MAX_QUEUED);
        }

        public Config {
            if (protocolId < 0 || protocolId > 0xFF) {
                throw new IllegalArgumentException("protocolId is an enum8: " + protocolId);
            }
            if (maximumIncomingTransferSize < 1 || maximumIncomingTransferSize > 0xFFFF) {
                throw new IllegalArgumentException("maximumIncomingTransferSize 1..65535: " + maximumIncomingTransferSize);
            }
            if (putsPerGet < 1 || putsPerGet > 255) {
                throw new IllegalArgumentException("putsPerGet 1..255: " + putsPerGet);
            }
            if (maxQueuedPerDevice < 1 || maxQueuedPerDevice > 10_000) {
                throw new IllegalArgumentException("maxQueuedPerDevice 1..10000: " + maxQueuedPerDevice);
            }
        }
    }

    private final Port port;
    private final Config config;
    private final Map<Long, Integer> tunnels = new HashMap<>();
    private final Map<Integer, Long> owners = new HashMap<>();
    private final Map<Long, Deque<Bytes>> queues = new HashMap<>();
    private final Set<Long> pushed = new HashSet<>();
    private final List<BiConsumer<Long, Bytes>> listeners = new ArrayList<>();
    private int nextTunnelId = 1;
    private long putsSent;
    private long getsAnswered;

    public TunnelServerRole(Port port, Config config) {
        this.port = Objects.requireNonNull(port, "port");
        this.config = Objects.requireNonNull(config, "config");
    }

    @Override
    public int clusterId() {
        return TunnelingCluster.CLUSTER_ID;
    }

    @Override
    public Side side() {
        return Side.SERVER;
    }

    public Config config() {
        return config;
    }

    /** Told of every GBCS message a device PUTs to the CH: (device EUI-64, message). */
    public void addListener(BiConsumer<Long, Bytes> l) {
        listeners.add(Objects.requireNonNull(l, "listener"));
    }

    /** The device is mains powered: its messages are pushed as PUTs, not held for its GET. */
    public void pushTo(long device) {
        pushed.add(device);
    }

    /**
     * Queues a GBCS message for {@code device}: pushed at once to a pushed device with a tunnel, else held
     * for its GET. Returns false, queueing nothing, when {@link Config#maxQueuedPerDevice} messages already
     * wait for it.
     */
    public boolean queue(long device, Bytes message) {
        Objects.requireNonNull(message, "message");
        Deque<Bytes> q = queues.computeIfAbsent(device, d -> new ArrayDeque<>());
        if (q.size() >= config.maxQueuedPerDevice()) {
            return false;
        }
        q.addLast(message);
        if (pushed.contains(device) && tunnels.containsKey(device)) {
            flush(device);
        }
        return true;
    }


    /** Messages waiting for {@code device}. */
    public int queued(long device) {
        Deque<Bytes> q = queues.get(device);
        return q == null ? 0 : q.size();
    }

    /** The TunnelID open for {@code device}, if any. */
    public OptionalInt tunnelOf(long device) {
        Integer t = tunnels.get(device);
        return t == null ? OptionalInt.empty() : OptionalInt.of(t);
    }

    /** PUTs sent to devices so far. */
    public long putsSent() {
        return putsSent;
    }

    /** GETs answered with a GET-RESPONSE so far. */
    public long getsAnswered() {
        return getsAnswered;
    }

    @Override
    public void command(Inbound in) throws ZclDecodeException {
        TunnelingFrame f = TunnelingCodec.decode(in.zcl());
        TunnelingCommand c = f.command();
        int tsn = f.header().transactionSequenceNumber();
        long device = in.source();
        if (c instanceof TunnelingCommand.RequestTunnel r) {
            int status;
            int id = 0;
            if (r.protocolId() != config.protocolId()) {
                status = TunnelingCluster.TUNNEL_STATUS_PROTOCOL_NOT_SUPPORTED;
            } else if (r.flowControlSupport()) {
                status = TunnelingCluster.TUNNEL_STATUS_FLOW_CONTROL_NOT_SUPPORTED;
            } else {
                status = TunnelingCluster.TUNNEL_STATUS_SUCCESS;
                Integer old = tunnels.get(device);
                if (old != null) {
                    owners.remove(old); // a device that asks again (after a restart) gets a fresh tunnel
                }
                id = nextTunnelId;
                nextTunnelId = nextTunnelId == 0xFFFF ? 1 : nextTunnelId + 1;
                tunnels.put(device, id);
                owners.put(id, device);
            }
            send(device, tsn, new TunnelingCommand.RequestTunnelResponse(id, status,
                    config.maximumIncomingTransferSize()));
            if (status == TunnelingCluster.TUNNEL_STATUS_SUCCESS && pushed.contains(device)) {
                flush(device);
            }
        } else if (c instanceof TunnelingCommand.TransferData t) {
            Long owner = owners.get(t.tunnelId());
            if (owner == null || owner != device) {
                send(device, tsn, new TunnelingCommand.TransferDataError(Direction.SERVER_TO_CLIENT, t.tunnelId(),
                        owner == null ? TunnelingCluster.TRANSFER_DATA_STATUS_NO_SUCH_TUNNEL
                                : TunnelingCluster.TRANSFER_DATA_STATUS_WRONG_DEVICE));
                return;
            }
            if (t.data().length() > config.maximumIncomingTransferSize()) {
                send(device, tsn, new TunnelingCommand.TransferDataError(Direction.SERVER_TO_CLIENT, t.tunnelId(),
                        TunnelingCluster.TRANSFER_DATA_STATUS_DATA_OVERFLOW));
                return;
            }
            GbcsTunnelCommand g = GbcsTunnelCommand.decode(t.data());
            if (g instanceof GbcsTunnelCommand.Get) {
                Deque<Bytes> q = queues.get(device);
                for (int i = 0; i < config.putsPerGet() && q != null && !q.isEmpty(); i++) {
                    put(device, t.tunnelId(), q.removeFirst());
                }
                getsAnswered++;
                transfer(device, port.nextTsn(), t.tunnelId(),
                        new GbcsTunnelCommand.GetResponse(Math.min(255, queued(device))));
            } else if (g instanceof GbcsTunnelCommand.Put p) {
                for (BiConsumer<Long, Bytes> l : List.copyOf(listeners)) {
                    l.accept(device, p.message());
                }
            } else {
                // GET-RESPONSE travels CH → device only
                in.port().answer(in, ZclStatus.INVALID_FIELD);
            }
        } else if (c instanceof TunnelingCommand.CloseTunnel close) {
            Long owner = owners.get(close.tunnelId());
            if (owner != null && owner == device) {
                owners.remove(close.tunnelId());
                tunnels.remove(device);
            }
        } else if (f.header().direction() == Direction.CLIENT_TO_SERVER) {
            in.port().answer(in, ZclStatus.UNSUP_CLUSTER_COMMAND);
        }
    }

    private void flush(long device) {
        Deque<Bytes> q = queues.get(device);
        int tunnel = tunnels.get(device);
        while (q != null && !q.isEmpty()) {
            put(device, tunnel, q.removeFirst());
        }
    }

    private void put(long device, int tunnel, Bytes message) {
        putsSent++;
        transfer(device, port.nextTsn(), tunnel, new GbcsTunnelCommand.Put(message));
    }

    private void transfer(long device, int tsn, int tunnel, GbcsTunnelCommand g) {
        send(device, tsn, new TunnelingCommand.TransferData(Direction.SERVER_TO_CLIENT, tunnel, g.encode()));
    }

    private void send(long device, int tsn, TunnelingCommand c) {
        port.send(device, false, TunnelingCluster.CLUSTER_ID, Bytes.of(TunnelingCodec.encode(
                TunnelingFrame.of(tsn, c, true))));
    }
}
