package io.hansim.device.role;

import io.hansim.device.node.ClusterRole;
import io.hansim.device.node.Inbound;
import io.hansim.device.node.Port;
import io.hansim.device.node.WakeCycle;
import io.hansim.device.sim.Scheduler;
import io.hansim.zigbee.tunneling.GbcsTunnelCommand;
import io.hansim.zigbee.tunneling.TunnelingCluster;
import io.hansim.zigbee.tunneling.TunnelingCodec;
import io.hansim.zigbee.tunneling.TunnelingCommand;
import io.hansim.zigbee.tunneling.TunnelingFrame;
import io.hansim.zigbee.zcl.Bytes;
import io.hansim.zigbee.zcl.ZclDecodeException;
import io.hansim.zigbee.zcl.ZclHeader.Direction;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Function;

/**
 * A meter's end of the GB tunnel (Tunneling 0x0704, client side; requirements G.3, gbcs.md §6). It
 * opens a tunnel to the CH with Request Tunnel, then:
 * <ul>
 *   <li>a polling device (the GSME) sends GET at every wake of its {@link WakeCycle} and stays awake
 *       until the CH's GET-RESPONSE says nothing is left (asking again while the count is above 0), or
 *       until {@link Config#responseTimeout()} passes without an answer;</li>
 *   <li>a pushed device (the ESME, mains powered) just waits for PUTs.</li>
 * </ul>
 * Each PUT from the CH is a GBCS command for the device's GBCS application; what it answers goes back
 * to the CH as a PUT. A Transfer Data Error from the CH drops the tunnel, and the next poll opens a new
 * one. A pushed device whose Request Tunnel goes unanswered asks again after {@link Config#responseTimeout()},
 * doubling the wait each time up to {@link #MAX_RETRY_DELAY}; a refusal (e.g. PROTOCOL_NOT_SUPPORTED)
 * is final.
 */
public final class TunnelClientRole implements ClusterRole {

    /**
     * Configuration.
     *
     * @param protocolId       Request Tunnel ProtocolID for GBCS ((unconfirmed);
     *                         {@link TunnelingCluster#DEFAULT_GBCS_PROTOCOL_ID})
     * @param manufacturerCode Request Tunnel ManufacturerCode (0 for a standard protocol)
     * @param maximumIncomingTransferSize what the device can take in one Transfer Data
     * @param polls            whether the device polls with GET (battery) or is pushed to (mains)
     * @param responseTimeout  µs a polling device waits for the CH before it gives up and may sleep
     */
    public record Config(int protocolId, int manufacturerCode, int maximumIncomingTransferSize, boolean polls,
            long responseTimeout) {
        public static final long DEFAULT_RESPONSE_TIMEOUT = 2_000_000;

        public Config {
            if (protocolId < 0 || protocolId > 0xFF || manufacturerCode < 0 || manufacturerCode > 0xFFFF
                    || maximumIncomingTransferSize < 1 || maximumIncomingTransferSize > 0xFFFF) {
                throw new IllegalArgumentException("tunnel client config out of range: " + protocolId + ", "
                        + manufacturerCode + ", " + maximumIncomingTransferSize);
            }
            if (responseTimeout <= 0) {
                throw new IllegalArgumentException("responseTimeout must be positive: " + responseTimeout);
            }
        }

        /** A battery device that polls. */
        public static Config polling() {
            return new Config(TunnelingCluster.DEFAULT_GBCS_PROTOCOL_ID, 0,
                    TunnelingCluster.GB_MAXIMUM_INCOMING_TRANSFER_SIZE, true, DEFAULT_RESPONSE_TIMEOUT);
        }

        /** A mains device the CH pushes to. */
        public static Config pushed() {
            return new Config(TunnelingCluster.DEFAULT_GBCS_PROTOCOL_ID, 0,
                    TunnelingCluster.GB_MAXIMUM_INCOMING_TRANSFER_SIZE, false, DEFAULT_RESPONSE_TIMEOUT);
        }
    }

    /** The longest a pushed device waits before asking for a tunnel again: 1 hour (derived). */
    public static final long MAX_RETRY_DELAY = 3_600_000_000L;

    private final Port port;
    private final WakeCycle wake;
    private final Config config;
    private final Function<Bytes, Optional<Bytes>> gbcs;
    private long hub = -1;
    private boolean hubKnown;
    private OptionalInt tunnel = OptionalInt.empty();
    private WakeCycle.Hold hold;
    private Scheduler.Handle timeout;
    private final java.util.ArrayDeque<Bytes> outbox = new java.util.ArrayDeque<>();
    private long retryDelay;
    private long getsSent;
    private long putsReceived;
    private long putsSent;

    /**
     * @param gbcs the device's GBCS application: a command in, the response (if any) out
     */
    public TunnelClientRole(Port port, WakeCycle wake, Config config, Function<Bytes, Optional<Bytes>> gbcs) {
        this.port = Objects.requireNonNull(port, "port");
        this.wake = Objects.requireNonNull(wake, "wake");
        this.config = Objects.requireNonNull(config, "config");
        this.gbcs = Objects.requireNonNull(gbcs, "gbcs");
        if (config.polls()) {
            wake.onEveryWake(this::poll);
        }
    }

    @Override
    public int clusterId() {
        return TunnelingCluster.CLUSTER_ID;
    }

    @Override
    public Side side() {
        return Side.CLIENT;
    }

    /** The CH the device joined: where the tunnel goes. */
    public void joinedTo(long hubEui64) {
        hub = hubEui64;
        hubKnown = true;
    }

    @Override
    public void boot() {
        retryDelay = 0;
        tunnel = OptionalInt.empty();
        hold = null;
        timeout = null;
        if (!config.polls() && hubKnown) {
            requestTunnel();
        }
    }

    @Override
    public void powerLost() {
        outbox.clear();
        tunnel = OptionalInt.empty();
        hold = null;
        timeout = null;
    }

    public OptionalInt tunnel() {
        return tunnel;
    }

    public long getsSent() {
        return getsSent;
    }

    public long putsReceived() {
        return putsReceived;
    }

    public long putsSent() {
        return putsSent;
    }

    /**
     * A GBCS message the device originates (an alert): PUT to the CH now when the tunnel is open and the
     * radio on, else kept and PUT as soon as it is (a sleepy device's next wake, after its tunnel opened).
     * The outbox is RAM: a power cut loses what was not sent.
     */
    public void put(Bytes message) {
        Objects.requireNonNull(message, "message");
        outbox.addLast(message);
        if (tunnel.isPresent() && wake.awake() && port.isPowered()) {
            flushOutbox();
        }
    }

    /** Messages waiting to be PUT. */
    public int outboxSize() {
        return outbox.size();
    }

    private void flushOutbox() {
        while (!outbox.isEmpty()) {
            putsSent++;
            transfer(new GbcsTunnelCommand.Put(outbox.removeFirst()));
        }
    }

    /** A wake: open the tunnel or ask for what is queued, and stay awake for the answer. */
    private void poll() {
        if (!hubKnown || !port.isPowered()) {
            return;
        }
        if (hold == null) {
            hold = wake.stayAwake("tunnel GET");
        }
        if (tunnel.isEmpty()) {
            requestTunnel();
        } else {
            flushOutbox();
            sendGet();
        }
    }

    private void requestTunnel() {
        if (!config.polls()) {
            // a pushed device has no wake to try again at: it asks again after a doubling delay
            retryDelay = retryDelay == 0 ? config.responseTimeout() : Math.min(2 * retryDelay, MAX_RETRY_DELAY);
            if (timeout != null) {
                timeout.cancel();
            }
            timeout = port.at(port.now() + retryDelay, this::retryTunnel);
        } else {
            armTimeout();
        }
        send(port.nextTsn(), new TunnelingCommand.RequestTunnel(config.protocolId(), config.manufacturerCode(), false,
                config.maximumIncomingTransferSize()));
    }

    private void retryTunnel() {
        timeout = null;
        if (tunnel.isEmpty() && hubKnown && port.isPowered()) {
            requestTunnel();
        }
    }

    private void sendGet() {
        getsSent++;
        armTimeout();
        transfer(new GbcsTunnelCommand.Get());
    }

    private void armTimeout() {
        if (timeout != null) {
            timeout.cancel();
        }
        if (config.polls()) {
            timeout = port.at(port.now() + config.responseTimeout(), this::done);
        }
    }

    private void done() {
        if (timeout != null) {
            timeout.cancel();
            timeout = null;
        }
        if (hold != null) {
            WakeCycle.Hold h = hold;
            hold = null;
            h.release();
        }
    }

    @Override
    public void command(Inbound in) throws ZclDecodeException {
        TunnelingFrame f = TunnelingCodec.decode(in.zcl());
        TunnelingCommand c = f.command();
        if (c instanceof TunnelingCommand.RequestTunnelResponse r) {
            if (r.tunnelStatus() == TunnelingCluster.TUNNEL_STATUS_SUCCESS) {
                tunnel = OptionalInt.of(r.tunnelId());
                retryDelay = 0;
                if (!config.polls() && timeout != null) {
                    timeout.cancel();
                    timeout = null;
                }
                flushOutbox();
                if (config.polls() && hold != null) {
                    sendGet();
                }
            } else {
                done();
            }
        } else if (c instanceof TunnelingCommand.TransferData t && t.direction() == Direction.SERVER_TO_CLIENT) {
            if (tunnel.isEmpty() || tunnel.getAsInt() != t.tunnelId()) {
                send(f.header().transactionSequenceNumber(), new TunnelingCommand.TransferDataError(
                        Direction.CLIENT_TO_SERVER, t.tunnelId(), TunnelingCluster.TRANSFER_DATA_STATUS_NO_SUCH_TUNNEL));
                return;
            }
            GbcsTunnelCommand g = GbcsTunnelCommand.decode(t.data());
            if (g instanceof GbcsTunnelCommand.Put p) {
                putsReceived++;
                Optional<Bytes> answer = gbcs.apply(p.message());
                if (answer.isPresent()) {
                    putsSent++;
                    transfer(new GbcsTunnelCommand.Put(answer.get()));
                }
            } else if (g instanceof GbcsTunnelCommand.GetResponse gr) {
                if (gr.remaining() > 0 && config.polls()) {
                    sendGet();
                } else {
                    done();
                }
            }
        } else if (c instanceof TunnelingCommand.TransferDataError) {
            tunnel = OptionalInt.empty();
            done();
            if (!config.polls() && hubKnown) {
                requestTunnel(); // a pushed device has no poll to open a new one at
            }
        }
    }

    private void transfer(GbcsTunnelCommand g) {
        send(port.nextTsn(), new TunnelingCommand.TransferData(Direction.CLIENT_TO_SERVER, tunnel.getAsInt(),
                g.encode()));
    }

    private void send(int tsn, TunnelingCommand c) {
        port.send(hub, false, TunnelingCluster.CLUSTER_ID, Bytes.of(TunnelingCodec.encode(TunnelingFrame.of(tsn, c, true))));
    }
}
