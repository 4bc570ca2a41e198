package io.hansim.zigbee.ota.server;

import io.hansim.zigbee.ota.ImageBlockRequest;
import io.hansim.zigbee.ota.ImageBlockResponse;
import io.hansim.zigbee.ota.QueryNextImageRequest;
import io.hansim.zigbee.ota.QueryNextImageResponse;
import io.hansim.zigbee.ota.UpgradeEndRequest;
import io.hansim.zigbee.ota.image.FindingCode;
import io.hansim.zigbee.ota.image.OtaImageBuilder;
import io.hansim.zigbee.ota.image.OtaImageException;
import io.hansim.zigbee.ota.image.ParseOptions;
import io.hansim.zigbee.ota.server.OtaServerConfig.Capacity;
import io.hansim.zigbee.ota.server.OtaServerConfig.EvictionPolicy;
import io.hansim.zigbee.ota.server.ServerAction.CommandRefused;
import io.hansim.zigbee.ota.server.ServerAction.ImageRemoved;
import io.hansim.zigbee.ota.server.ServerAction.ImageStaged;
import io.hansim.zigbee.ota.server.ServerAction.Removal;
import io.hansim.zigbee.ota.server.ServerAction.TransferOutcome;
import io.hansim.zigbee.ota.server.ServerEvent.NotifyMode;
import io.hansim.zigbee.ota.server.ServerTimer.Kind;
import io.hansim.zigbee.zcl.Bytes;
import io.hansim.zigbee.zcl.ZclStatus;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static io.hansim.zigbee.ota.server.ServerHarness.MFR;
import static io.hansim.zigbee.ota.server.ServerHarness.PPMID;
import static io.hansim.zigbee.ota.server.ServerHarness.PPMID_2;
import static io.hansim.zigbee.ota.server.ServerHarness.TYPE;
import static io.hansim.zigbee.ota.server.ServerHarness.V_NEW;
import static io.hansim.zigbee.ota.server.ServerHarness.V_OLD;
import static io.hansim.zigbee.ota.server.ServerHarness.assertActions;
import static io.hansim.zigbee.ota.server.ServerHarness.cancelTimer;
import static io.hansim.zigbee.ota.server.ServerHarness.image;
import static io.hansim.zigbee.ota.server.ServerHarness.onlyOta;
import static io.hansim.zigbee.ota.server.ServerHarness.ota;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The CH image buffer (R7.7, R7.9) seen through the server: staging, capacity, eviction, arrival. */
class OtaServerStoreTest {

    private static OtaServerConfig capacity(int images, long bytes, EvictionPolicy policy) {
        return ServerHarness.config().withCapacity(new Capacity(images, bytes, policy));
    }

    @Test
    void r7_9_oversizeImageIsRefusedNamingBothSizes() {
        ServerHarness s = new ServerHarness(capacity(4, 1000, EvictionPolicy.EVICT_OLDEST));
        OtaImage big = image(MFR, TYPE, V_NEW, 1000);
        var e = ServerEvent.StageImage.complete(0, big);
        Refusal r = new Refusal.ImageTooLarge(big.key(), 1062, 1000);
        assertActions(s.handle(e), new CommandRefused(e, r));
        assertEquals("image 121D-0084-00000020 is 1062 bytes; the CH image buffer holds 1000", r.message());
        assertEquals(0, s.server.store().imageCount());
    }

    @Test
    void r7_7_fullBufferIsRefusedByBytesAndBySlots() {
        ServerHarness s = new ServerHarness(capacity(2, 300, EvictionPolicy.REFUSE));
        OtaImage a = s.stage(image(MFR, TYPE, 1, 100));
        OtaImage b = image(MFR, TYPE, 2, 100);
        var e = ServerEvent.StageImage.complete(0, b);
        Refusal bytes = new Refusal.BufferFull(b.key(), 162, 138, 300, 1, 2);
        assertActions(s.handle(e), new CommandRefused(e, bytes));
        assertEquals("image 121D-0084-00000002 is 162 bytes; the CH image buffer has 138 of 300 bytes free and holds "
                + "1 of 2 images", bytes.message());
        s.stage(image(MFR, TYPE, 3, 1));
        OtaImage c = image(MFR, TYPE, 4, 1);
        var e2 = ServerEvent.StageImage.complete(0, c);
        assertActions(s.handle(e2), new CommandRefused(e2, new Refusal.BufferFull(c.key(), 63, 75, 300, 2, 2)));
        assertEquals(List.of(a.key(), new ImageKey(MFR, TYPE, 3)), s.server.store().keys());
    }

    @Test
    void r7_7_evictionDiscardsTheImageMidTransferWithCode1() {
        ServerHarness s = new ServerHarness(capacity(1, 10_000, EvictionPolicy.EVICT_OLDEST));
        OtaImage a = s.stage(image(MFR, TYPE, V_NEW, 100));
        s.send(PPMID, QueryNextImageRequest.of(MFR, TYPE, V_OLD));
        s.send(PPMID, ImageBlockRequest.of(MFR, TYPE, V_NEW, 0, 40));
        // PPMID_2 is merely notified about it.
        s.notify(PPMID_2, NotifyMode.UNICAST, 0, 100, a.key());
        OtaImage b = image(MFR, TYPE + 1, V_NEW, 100);
        assertActions(s.handle(ServerEvent.StageImage.complete(0, b)),
                new ImageRemoved(a.key(), Removal.EVICTED),
                new TransferOutcome(PPMID, TransferResult.IMAGE_REMOVED, a.key(), 162, 40,
                        "image evicted from the CH buffer to stage 121D-0085-00000020 (R7.7) while the client was "
                                + "DOWNLOADING; 40 of 162 bytes served"),
                cancelTimer(PPMID, Kind.TRANSFER_STALL),
                new TransferOutcome(PPMID_2, TransferResult.IMAGE_REMOVED, a.key(), 162, 0,
                        "image evicted from the CH buffer to stage 121D-0085-00000020 (R7.7) while the client was "
                                + "NOTIFIED; 0 of 162 bytes served"),
                cancelTimer(PPMID_2, Kind.NOTIFY_TIMEOUT),
                new ImageStaged(b.key(), 162, 162, List.of(a.key())));
        assertEquals(TransferState.IDLE, s.server.state(PPMID));
        assertActions(s.send(PPMID, ImageBlockRequest.of(MFR, TYPE, V_NEW, 40, 40)),
                ota(PPMID, s.tsn(), new ImageBlockResponse.StatusOnly(ZclStatus.NO_IMAGE_AVAILABLE)));
    }

    @Test
    void evictionSparesClientsThatAlreadyHaveTheImage() {
        ServerHarness s = new ServerHarness(capacity(1, 10_000, EvictionPolicy.EVICT_OLDEST));
        s.stage(image(MFR, TYPE, V_NEW, 10));
        s.send(PPMID, QueryNextImageRequest.of(MFR, TYPE, V_OLD));
        s.send(PPMID, new UpgradeEndRequest(ZclStatus.SUCCESS, MFR, TYPE, V_NEW));
        var a = s.handle(ServerEvent.StageImage.complete(0, image(MFR, TYPE, 0x30, 10)));
        assertEquals(List.of(), ServerHarness.only(a, TransferOutcome.class));
        assertEquals(TransferState.WAITING_TO_UPGRADE, s.server.state(PPMID));
    }

    @Test
    void withdrawnImageIsDiscardedForItsClients() {
        ServerHarness s = new ServerHarness();
        OtaImage a = s.stage(image(MFR, TYPE, V_NEW, 10));
        s.send(PPMID, QueryNextImageRequest.of(MFR, TYPE, V_OLD));
        var a1 = s.handle(new ServerEvent.WithdrawImage(0, a.key()));
        assertEquals(new ImageRemoved(a.key(), Removal.WITHDRAWN), a1.get(0));
        assertEquals(TransferResult.IMAGE_REMOVED, ((TransferOutcome) a1.get(1)).result());
        assertEquals(0, s.server.store().imageCount());
        var again = new ServerEvent.WithdrawImage(0, a.key());
        assertActions(s.handle(again), new CommandRefused(again, new Refusal.UnknownImage(a.key())));
    }

    @Test
    void stagingTwiceAndBadArrivalsAreRefused() {
        ServerHarness s = new ServerHarness();
        OtaImage a = image(MFR, TYPE, V_NEW, 10);
        s.handle(new ServerEvent.StageImage(0, a, 20));
        var twice = ServerEvent.StageImage.complete(0, a);
        assertActions(s.handle(twice), new CommandRefused(twice, new Refusal.AlreadyStaged(a.key())));
        var fewer = new ServerEvent.ImageDataArrived(0, a.key(), 10);
        assertActions(s.handle(fewer), new CommandRefused(fewer, new Refusal.InvalidArrival(a.key(), 10, 20, 72)));
        var more = new ServerEvent.ImageDataArrived(0, a.key(), 73);
        assertActions(s.handle(more), new CommandRefused(more, new Refusal.InvalidArrival(a.key(), 73, 20, 72)));
        ImageKey unknown = new ImageKey(1, 2, 3);
        var none = new ServerEvent.ImageDataArrived(0, unknown, 1);
        assertActions(s.handle(none), new CommandRefused(none, new Refusal.UnknownImage(unknown)));
        OtaImage b = image(MFR, TYPE, 0x30, 10);
        var over = new ServerEvent.StageImage(0, b, 73);
        assertActions(s.handle(over), new CommandRefused(over, new Refusal.InvalidArrival(b.key(), 73, 0, 72)));
    }

    @Test
    void r7_9_twoMebibyteImageIsServedEndToEnd() {
        ServerHarness s = new ServerHarness(ServerHarness.config().withBlockSizeCap(255));
        OtaImage big = s.stage(image(MFR, TYPE, V_NEW, 2 << 20));
        assertEquals((2 << 20) + 62, big.size());
        assertEquals(QueryNextImageResponse.success(MFR, TYPE, V_NEW, big.size()),
                onlyOta(s.send(PPMID, QueryNextImageRequest.of(MFR, TYPE, V_OLD))));
        byte[] got = new byte[big.size()];
        int off = 0;
        while (off < big.size()) {
            var r = (ImageBlockResponse.Success) ServerHarness.otaSent(
                    s.send(PPMID, ImageBlockRequest.of(MFR, TYPE, V_NEW, off, 255))).get(0);
            r.imageData().copyTo(got, off);
            off += r.dataSize();
        }
        assertTrue(Arrays.equals(big.bytes().toArray(), got));
        TransferOutcome o = ServerHarness.only(s.send(PPMID, new UpgradeEndRequest(ZclStatus.SUCCESS, MFR, TYPE,
                V_NEW)), TransferOutcome.class).get(0);
        assertEquals(TransferResult.UPGRADED, o.result());
        assertEquals(big.size(), o.bytesServed());
    }

    @Test
    void fileWithAnErrorFindingIsRefusedWithItsCodeAndOffset() {
        byte[] file = OtaImageBuilder.create().manufacturerCode(MFR).imageType(TYPE).fileVersion(V_NEW)
                .element(0, OtaImageBuilder.generatedPayload(3, 50)).build();
        byte[] cut = Arrays.copyOf(file, file.length - 10);
        OtaImageException e = assertThrows(OtaImageException.class, () -> OtaImage.fromFile(cut));
        assertEquals(FindingCode.TRUNCATED, e.code());
        assertThrows(OtaImageException.class, () -> OtaImage.fromFile(new byte[] {1, 2, 3}));
    }

    @Test
    void wrappedFileServesOnlyTheImageProper() {
        byte[] file = OtaImageBuilder.create().manufacturerCode(MFR).imageType(TYPE).fileVersion(V_NEW)
                .element(0, OtaImageBuilder.generatedPayload(4, 50)).prefix(Bytes.of(new byte[] {9, 9, 9, 9})).build();
        assertThrows(OtaImageException.class, () -> OtaImage.fromFile(file));
        OtaImage img = OtaImage.fromFile(file, ParseOptions.defaults().withUnwrap(true));
        assertEquals(file.length - 4, img.size());
        assertEquals(0x1E, img.byteAt(0));
        assertEquals(Bytes.of(Arrays.copyOfRange(file, 4, file.length)), img.bytes());
    }

    @Test
    void imageExposesItsHeaderFacts() {
        OtaImage img = image(MFR, TYPE, V_NEW, 5, 0x0101, 0x0202);
        assertEquals(new ImageKey(MFR, TYPE, V_NEW), img.key());
        assertEquals(0x0101, img.minimumHardwareVersion().getAsInt());
        assertEquals(0x0202, img.maximumHardwareVersion().getAsInt());
        assertTrue(img.acceptsHardwareVersion(0x0202));
        assertTrue(!img.acceptsHardwareVersion(0x0203));
        assertTrue(img.destination().isEmpty());
        assertEquals("OtaImage[121D-0084-00000020, 71 bytes]", img.toString());
        assertThrows(IndexOutOfBoundsException.class, () -> img.slice(70, 2));
    }
}
