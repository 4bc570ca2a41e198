package io.hansim.zigbee.ota.client;

import io.hansim.zigbee.ota.ImageBlockResponse;
import io.hansim.zigbee.ota.OtaCodec;
import io.hansim.zigbee.ota.OtaCommand;
import io.hansim.zigbee.ota.OtaFrame;
import io.hansim.zigbee.ota.QueryNextImageResponse;
import io.hansim.zigbee.zcl.Bytes;
import io.hansim.zigbee.zcl.GeneralCommand;
import io.hansim.zigbee.zcl.GeneralCommandCodec;
import io.hansim.zigbee.zcl.GeneralFrame;
import io.hansim.zigbee.zcl.ZclHeader;
import io.hansim.zigbee.zcl.ZclHeader.Direction;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A host for one {@link OtaClient} in tests: it keeps virtual time, the armed timers, a model of
 * non-volatile storage fed by StoreBlock / PersistProgress, and every action; it builds server
 * frames with {@link OtaCodec} and checks after every event that the reported ImageUpgradeStatus
 * matches the state.
 */
final class ClientHarness {
    static final long SERVER = 0x0011223344556677L;
    static final long STRANGER = 0x0A0B0C0D0E0F1011L;
    static final long SELF = 0x1122334455667788L;

    final OtaClient client;
    long now;
    final List<ClientAction> log = new ArrayList<>();
    final Map<ClientTimer, Long> timers = new EnumMap<>(ClientTimer.class);
    int serverTsn = 0x40;

    /** The storage model: the bytes StoreBlock wrote, and the last PersistProgress. */
    byte[] flash = new byte[0];
    PersistedDownload persisted;
    ImageUpgradeStatus reportedStatus = ImageUpgradeStatus.NORMAL;

    /** The image the scripted server serves, and its identity. */
    Bytes image;
    long version;
    int imageType = TestImages.IMAGE_TYPE;

    ClientHarness(ClientProfile profile, long seed) {
        client = new OtaClient(profile, seed);
    }

    /** A client with {@link #profile()} and seed 1. */
    ClientHarness() {
        this(profile().build(), 1);
    }

    ClientHarness(ClientProfile profile) {
        this(profile, 1);
    }

    /**
     * The test device: a GB PPMID identity running {@link TestImages#OLD_VERSION}, hardware
     * 0x0110, trusting {@link TestImages#KEY}, reading GB bodies, no start delay.
     */
    static ClientProfile.Builder profile() {
        return ClientProfile.builder().name("test-ppmid").upgradeServer(SERVER).ieeeAddress(SELF)
                .manufacturerCode(TestImages.MANUFACTURER).imageType(TestImages.IMAGE_TYPE)
                .currentFileVersion(TestImages.OLD_VERSION).hardwareVersion(TestImages.HARDWARE)
                .trustedKey(TestImages.KEY.getPublic())
                .imageFormat(io.hansim.zigbee.ota.image.ImageFormat.GB).startDelayMax(0);
    }

    ClientHarness serving(Bytes file, long fileVersion) {
        return serving(file, TestImages.IMAGE_TYPE, fileVersion);
    }

    ClientHarness serving(Bytes file, int type, long fileVersion) {
        this.image = file;
        this.imageType = type;
        this.version = fileVersion;
        return this;
    }

    // ---- events

    List<ClientAction> handle(ClientEvent e) {
        List<ClientAction> actions = client.handle(e);
        for (ClientAction a : actions) {
            apply(a);
        }
        log.addAll(actions);
        for (ClientTimer t : ClientTimer.values()) {
            Long mine = timers.get(t);
            assertEquals(client.timerDeadline(t), mine == null ? java.util.OptionalLong.empty()
                    : java.util.OptionalLong.of(mine), "SetTimer/CancelTimer mirror the client's timers: " + t);
            assertTrue(mine == null || client.state().allows(t), t + " armed in " + client.state());
        }
        assertEquals(client.state().status(client.profile()), client.imageUpgradeStatus());
        assertEquals(reportedStatus, client.imageUpgradeStatus(),
                "StatusChanged actions must track ImageUpgradeStatus; actions " + actions);
        return actions;
    }

    private void apply(ClientAction a) {
        if (a instanceof ClientAction.SetTimer s) {
            timers.put(s.timer(), s.at());
        } else if (a instanceof ClientAction.CancelTimer c) {
            timers.remove(c.timer());
        } else if (a instanceof ClientAction.StoreBlock b) {
            int end = (int) b.fileOffset() + b.data().length();
            if (flash.length < end) {
                flash = Arrays.copyOf(flash, end);
            }
            b.data().copyTo(flash, (int) b.fileOffset());
        } else if (a instanceof ClientAction.PersistProgress p) {
            persisted = p.download();
        } else if (a instanceof ClientAction.DiscardImage || a instanceof ClientAction.Activate) {
            persisted = null;
            flash = new byte[0];
        } else if (a instanceof ClientAction.StatusChanged s) {
            assertEquals(reportedStatus, s.from());
            reportedStatus = s.to();
        }
    }

    List<ClientAction> powerOn() {
        return powerOn(null);
    }

    List<ClientAction> powerOn(PersistedDownload restored) {
        timers.clear();
        return handle(new ClientEvent.PowerOn(now, restored));
    }

    /** What the storage model hands back after a power cut. */
    PersistedDownload restoreAfterPowerCut() {
        return persisted == null ? null
                : persisted.withReceived(Bytes.of(flash, 0, (int) Math.min(flash.length, persisted.fileOffset())));
    }

    List<ClientAction> startQuery() {
        return handle(new ClientEvent.StartQuery(now));
    }

    /** Moves time to the timer's deadline and fires it. */
    List<ClientAction> fire(ClientTimer timer) {
        Long at = timers.remove(timer);
        if (at == null) {
            throw new AssertionError(timer + " is not armed; armed: " + timers);
        }
        now = Math.max(now, at);
        return handle(new ClientEvent.TimerFired(now, timer));
    }

    long deadline(ClientTimer timer) {
        Long at = timers.get(timer);
        if (at == null) {
            throw new AssertionError(timer + " is not armed; armed: " + timers);
        }
        return at;
    }

    List<ClientAction> advance(long micros) {
        now += micros;
        return List.of();
    }

    /** A unicast server→client OTA command with the default frame control (DDR set). */
    List<ClientAction> fromServer(OtaCommand command) {
        return frame(SERVER, false, OtaCodec.encode(OtaFrame.of(nextServerTsn(), command)));
    }

    /** A unicast Image Notify with DDR clear (frame control 0x09), the form that wants a Default Response. */
    List<ClientAction> fromServerWantingAnswer(OtaCommand command) {
        return frame(SERVER, false, OtaCodec.encode(OtaFrame.of(nextServerTsn(), command, false)));
    }

    List<ClientAction> broadcastFromServer(OtaCommand command) {
        return frame(SERVER, true, OtaCodec.encode(OtaFrame.of(nextServerTsn(), command)));
    }

    List<ClientAction> fromServer(GeneralCommand command) {
        return frame(SERVER, false, GeneralCommandCodec.encode(
                GeneralFrame.of(Direction.SERVER_TO_CLIENT, true, nextServerTsn(), command)));
    }

    List<ClientAction> frame(long source, boolean broadcast, byte[] bytes) {
        return handle(new ClientEvent.FrameReceived(now, source, broadcast, Bytes.of(bytes)));
    }

    int nextServerTsn() {
        int t = serverTsn;
        serverTsn = (serverTsn + 1) & 0xFF;
        return t;
    }

    // ---- the scripted server

    List<ClientAction> offer() {
        return fromServer(QueryNextImageResponse.success(TestImages.MANUFACTURER, imageType, version,
                image.length()));
    }

    ImageBlockResponse.Success block(long offset, int length) {
        int n = (int) Math.min(length, image.length() - offset);
        return new ImageBlockResponse.Success(TestImages.MANUFACTURER, imageType, version, offset,
                Bytes.of(image.toArray(), (int) offset, n));
    }

    List<ClientAction> serveBlock(long offset, int length) {
        return fromServer(block(offset, length));
    }

    /**
     * Answers every Image Block Request the client sends, from the request's offset and size, until
     * it sends something else; returns the actions of the last step.
     */
    List<ClientAction> serveAll(List<ClientAction> last) {
        List<ClientAction> actions = last;
        while (true) {
            var req = Actions.lastBlockRequest(actions);
            if (req == null) {
                if (timers.containsKey(ClientTimer.BLOCK_REQUEST)) {
                    actions = fire(ClientTimer.BLOCK_REQUEST);
                    continue;
                }
                return actions;
            }
            actions = serveBlock(req.fileOffset(), req.maximumDataSize());
        }
    }

    /** Query, offer, serve every block: the client ends up waiting for the Upgrade End Response. */
    List<ClientAction> downloadAll() {
        if (client.state() == OtaClient.State.IDLE) {
            startQuery();
        }
        return serveAll(offer());
    }

    static ZclHeader header(byte[] frame) {
        return ZclHeader.decode(new io.hansim.zigbee.zcl.ZclReader(io.netty.buffer.Unpooled.wrappedBuffer(frame)));
    }
}
