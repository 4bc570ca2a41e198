package io.hansim.interop;

import com.zsmartsystems.zigbee.ExtendedPanId;
import com.zsmartsystems.zigbee.IeeeAddress;
import com.zsmartsystems.zigbee.ZigBeeChannel;
import com.zsmartsystems.zigbee.ZigBeeEndpoint;
import com.zsmartsystems.zigbee.ZigBeeNetworkManager;
import com.zsmartsystems.zigbee.ZigBeeNode;
import com.zsmartsystems.zigbee.ZigBeeNwkAddressMode;
import com.zsmartsystems.zigbee.ZigBeeStatus;
import com.zsmartsystems.zigbee.app.otaserver.ZclOtaUpgradeServer;
import com.zsmartsystems.zigbee.app.otaserver.ZigBeeOtaFile;
import com.zsmartsystems.zigbee.app.otaserver.ZigBeeOtaServerStatus;
import com.zsmartsystems.zigbee.aps.ZigBeeApsFrame;
import com.zsmartsystems.zigbee.database.ZigBeeNetworkDataStore;
import com.zsmartsystems.zigbee.database.ZigBeeNodeDao;
import com.zsmartsystems.zigbee.security.ZigBeeKey;
import com.zsmartsystems.zigbee.serialization.DefaultDeserializer;
import com.zsmartsystems.zigbee.serialization.DefaultSerializer;
import com.zsmartsystems.zigbee.transport.TransportConfig;
import com.zsmartsystems.zigbee.transport.ZigBeeTransportProgressState;
import com.zsmartsystems.zigbee.transport.ZigBeeTransportReceive;
import com.zsmartsystems.zigbee.transport.ZigBeeTransportState;
import com.zsmartsystems.zigbee.transport.ZigBeeTransportTransmit;
import io.hansim.zigbee.zcl.Bytes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * zsmartsystems' {@code ZclOtaUpgradeServer} (com.zsmartsystems.zigbee 1.4.16.1, used as published)
 * in-process, behind a transport adapter: its {@link ZigBeeTransportTransmit} SPI turns each APS frame
 * it sends into ZCL bytes for the hansim HAN, and hansim's frames go back in through
 * {@link ZigBeeTransportReceive#receiveCommand}. Every frame it sends is reported APS-acknowledged at
 * once: the HAN's losses are hansim's side, not the stack's. Frames it sends on other clusters (ZDO
 * permit-join at start-up) are not relayed.
 *
 * <p>Its executors run in wall time (the notification service, the transfer timer, and the
 * {@code OtaCompleteUpgrade} thread that sleeps 10 s before reading CurrentFileVersion back); the
 * rig waits for it in wall time only while that thread is at work ({@link #busyOnItsOwnClock()}).
 */
final class ZsmartsystemsServer implements ForeignServer {
    /** How long to wait for the start-up Image Notify, wall time. */
    private static final long ANSWER_WAIT_MILLIS = 5_000;
    /**
     * How long {@link #deliver} waits for a first answer (wall): long enough for the usual sub-millisecond
     * answer; a later one is collected by the rig's polling.
     */
    private static final long FIRST_ANSWER_MILLIS = 3;

    private final BlockingQueue<ZigBeeApsFrame> outbox = new LinkedBlockingQueue<>();
    private final ExecutorService acks = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "interop-aps-ack");
        t.setDaemon(true);
        return t;
    });
    private final List<ZigBeeOtaServerStatus> statuses = new CopyOnWriteArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private final byte[] image;
    private final int dataSize;
    private ZigBeeNetworkManager manager;
    private ZclOtaUpgradeServer server;
    private volatile ZigBeeTransportReceive receive;

    /** @param dataSize the server's own block size limit ({@code setDataSize}), or 0 for its default */
    ZsmartsystemsServer(byte[] image, int dataSize) {
        this.image = image.clone();
        this.dataSize = dataSize;
    }

    @Override
    public List<Bytes> start() throws Exception {
        manager = new ZigBeeNetworkManager(new Transport());
        manager.setSerializer(DefaultSerializer.class, DefaultDeserializer.class);
        manager.setNetworkDataStore(new MemoryStore()); // the stack persists nodes and keys; nothing on disk
        if (manager.initialize() != ZigBeeStatus.SUCCESS) {
            throw new IllegalStateException("zsmartsystems network manager did not initialise");
        }
        if (manager.startup(false) != ZigBeeStatus.SUCCESS) {
            throw new IllegalStateException("zsmartsystems network manager did not start");
        }
        ZigBeeNode node = new ZigBeeNode(manager, ieee(InteropRig.PPMID_EUI64), InteropRig.PPMID_SHORT);
        ZigBeeEndpoint endpoint = new ZigBeeEndpoint(node, 1);
        endpoint.setProfileId(0x0109);
        endpoint.setOutputClusterIds(List.of(0x0019)); // the PPMID is an OTA client
        node.addEndpoint(endpoint);
        manager.updateNode(node); // adds it: the stack knows the PPMID as if it had joined
        for (int i = 0; i < 200 && manager.getNode(InteropRig.PPMID_SHORT) == null; i++) {
            Thread.sleep(10); // the node table is updated on the stack's own executor
        }
        server = new ZclOtaUpgradeServer();
        if (dataSize > 0) {
            server.setDataSize(dataSize);
        }
        server.addListener((status, percent) -> statuses.add(status));
        ZigBeeEndpoint ep = manager.getNode(InteropRig.PPMID_SHORT).getEndpoint(1);
        if (ep.addApplication(server) != ZigBeeStatus.SUCCESS) {
            throw new IllegalStateException("ZclOtaUpgradeServer did not attach to the PPMID's endpoint");
        }
        server.setFirmware(new ZigBeeOtaFile(image));
        return drain(ANSWER_WAIT_MILLIS);
    }

    @Override
    public List<Bytes> deliver(Bytes zcl, int apsCounter) throws Exception {
        ZigBeeApsFrame f = new ZigBeeApsFrame();
        f.setSourceAddress(InteropRig.PPMID_SHORT);
        f.setSourceEndpoint(1);
        f.setDestinationAddress(InteropRig.SERVER_SHORT);
        f.setDestinationEndpoint(1);
        f.setProfile(0x0109);
        f.setCluster(0x0019);
        f.setAddressMode(ZigBeeNwkAddressMode.DEVICE);
        f.setApsCounter(apsCounter);
        f.setPayload(ints(zcl));
        receive.receiveCommand(f);
        return drain(FIRST_ANSWER_MILLIS);
    }

    @Override
    public boolean answersOnItsOwnThreads() {
        return true;
    }

    @Override
    public List<Bytes> poll(long wallMillis) throws Exception {
        return drain(wallMillis);
    }

    @Override
    public boolean busyOnItsOwnClock() {
        ZigBeeOtaServerStatus s = server.getServerStatus();
        return s == ZigBeeOtaServerStatus.OTA_TRANSFER_COMPLETE
                || s == ZigBeeOtaServerStatus.OTA_UPGRADE_FIRMWARE_RESTARTING;
    }

    @Override
    public void deviceRestarted() {
        // zsmartsystems has no announce hook in the OTA server: it polls CurrentFileVersion instead.
    }

    @Override
    public Optional<String> verdict() {
        ZigBeeOtaServerStatus s = server.getServerStatus();
        return switch (s) {
            case OTA_UPGRADE_COMPLETE, OTA_UPGRADE_FAILED, OTA_CANCELLED -> Optional.of(s.name());
            default -> Optional.empty();
        };
    }

    @Override
    public boolean succeeded() {
        return server.getServerStatus() == ZigBeeOtaServerStatus.OTA_UPGRADE_COMPLETE;
    }

    /** The server's status now. */
    ZigBeeOtaServerStatus status() {
        return server.getServerStatus();
    }

    /** Every status the server's callback reported, in order, repeats of one status collapsed. */
    List<ZigBeeOtaServerStatus> statuses() {
        List<ZigBeeOtaServerStatus> r = new ArrayList<>();
        for (ZigBeeOtaServerStatus s : statuses) {
            if (r.isEmpty() || r.get(r.size() - 1) != s) {
                r.add(s);
            }
        }
        return r;
    }

    @Override
    public List<String> notes() {
        return List.copyOf(notes);
    }

    @Override
    public void close() {
        if (server != null) {
            server.appShutdown();
        }
        if (manager != null) {
            manager.shutdown();
        }
        acks.shutdownNow();
    }

    private List<Bytes> drain(long firstWaitMillis) throws InterruptedException {
        List<Bytes> out = new ArrayList<>();
        ZigBeeApsFrame f = firstWaitMillis > 0 ? outbox.poll(firstWaitMillis, TimeUnit.MILLISECONDS) : outbox.poll();
        while (f != null) {
            if (f.getCluster() == 0x0019) {
                out.add(bytes(f.getPayload()));
            } else {
                notes.add(String.format("frame on cluster 0x%04X to %04X (not relayed)", f.getCluster(),
                        f.getDestinationAddress()));
            }
            f = outbox.poll();
        }
        return out;
    }

    private static IeeeAddress ieee(long eui64) {
        return new IeeeAddress(String.format("%016X", eui64));
    }

    private static int[] ints(Bytes b) {
        int[] r = new int[b.length()];
        for (int i = 0; i < r.length; i++) {
            r[i] = b.get(i) & 0xFF;
        }
        return r;
    }

    private static Bytes bytes(int[] a) {
        byte[] r = new byte[a.length];
        for (int i = 0; i < a.length; i++) {
            r[i] = (byte) a[i];
        }
        return Bytes.of(r);
    }

    /** An in-memory network data store: the test keeps nothing between runs. */
    private static final class MemoryStore implements ZigBeeNetworkDataStore {
        private final Map<IeeeAddress, ZigBeeNodeDao> nodes = new ConcurrentHashMap<>();
        private final Map<String, Object> objects = new ConcurrentHashMap<>();

        @Override
        public Set<IeeeAddress> readNetworkNodes() {
            return Set.copyOf(nodes.keySet());
        }

        @Override
        public ZigBeeNodeDao readNode(IeeeAddress address) {
            return nodes.get(address);
        }

        @Override
        public void writeNode(ZigBeeNodeDao node) {
            nodes.put(node.getIeeeAddress(), node);
        }

        @Override
        public void removeNode(IeeeAddress address) {
            nodes.remove(address);
        }

        @Override
        public void writeObject(String key, Object object) {
            if (object == null) {
                objects.remove(key);
            } else {
                objects.put(key, object);
            }
        }

        @Override
        public Object readObject(String key) {
            return objects.get(key);
        }
    }

    /** The SPI: a coordinator whose radio is the hansim HAN. */
    private final class Transport implements ZigBeeTransportTransmit {
        private ZigBeeKey networkKey = new ZigBeeKey();
        private ZigBeeKey linkKey = new ZigBeeKey();

        @Override
        public ZigBeeStatus initialize() {
            return ZigBeeStatus.SUCCESS;
        }

        @Override
        public ZigBeeStatus startup(boolean reinitialize) {
            receive.setTransportState(ZigBeeTransportState.ONLINE);
            return ZigBeeStatus.SUCCESS;
        }

        @Override
        public void shutdown() {
        }

        @Override
        public String getVersionString() {
            return "hansim-interop";
        }

        @Override
        public IeeeAddress getIeeeAddress() {
            return ieee(InteropRig.SERVER_EUI64);
        }

        @Override
        public Integer getNwkAddress() {
            return InteropRig.SERVER_SHORT;
        }

        @Override
        public void sendCommand(int msgTag, ZigBeeApsFrame frame) {
            outbox.add(frame);
            // Only the APS acknowledgement: zsmartsystems hands TX_ACK and RX_ACK to different notification
            // threads, and an RX_ACK overtaken by its TX_ACK leaves the transaction waiting 8 s for nothing.
            acks.execute(() -> receive.receiveCommandState(msgTag, ZigBeeTransportProgressState.RX_ACK));
        }

        @Override
        public void setZigBeeTransportReceive(ZigBeeTransportReceive r) {
            receive = r;
        }

        @Override
        public ZigBeeChannel getZigBeeChannel() {
            return ZigBeeChannel.CHANNEL_11;
        }

        @Override
        public ZigBeeStatus setZigBeeChannel(ZigBeeChannel channel) {
            return ZigBeeStatus.SUCCESS;
        }

        @Override
        public int getZigBeePanId() {
            return 0x1A62;
        }

        @Override
        public ZigBeeStatus setZigBeePanId(int panId) {
            return ZigBeeStatus.SUCCESS;
        }

        @Override
        public ExtendedPanId getZigBeeExtendedPanId() {
            return new ExtendedPanId("00D0000000005E5E");
        }

        @Override
        public ZigBeeStatus setZigBeeExtendedPanId(ExtendedPanId panId) {
            return ZigBeeStatus.SUCCESS;
        }

        @Override
        public ZigBeeStatus setZigBeeNetworkKey(ZigBeeKey key) {
            networkKey = key;
            return ZigBeeStatus.SUCCESS;
        }

        @Override
        public ZigBeeKey getZigBeeNetworkKey() {
            return networkKey;
        }

        @Override
        public ZigBeeStatus setTcLinkKey(ZigBeeKey key) {
            linkKey = key;
            return ZigBeeStatus.SUCCESS;
        }

        @Override
        public ZigBeeKey getTcLinkKey() {
            return linkKey;
        }

        @Override
        public void updateTransportConfig(TransportConfig config) {
        }
    }
}
