package io.hansim.zigbee.ota.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hansim.zigbee.ota.ImageBlockRequest;
import io.hansim.zigbee.ota.OtaCodec;
import io.hansim.zigbee.ota.OtaFrame;
import io.hansim.zigbee.ota.client.ClientAction;
import io.hansim.zigbee.ota.client.ClientEvent;
import io.hansim.zigbee.ota.client.ClientProfile;
import io.hansim.zigbee.ota.client.ImageUpgradeStatus;
import io.hansim.zigbee.ota.client.UpgradeActivationPolicy;
import io.hansim.zigbee.ota.image.DeterministicEcdsa;
import io.hansim.zigbee.ota.image.GbBody;
import io.hansim.zigbee.ota.image.ImageFormat;
import io.hansim.zigbee.ota.image.OtaImageBuilder;
import io.hansim.zigbee.ota.server.ImageKey;
import io.hansim.zigbee.ota.server.OtaImage;
import io.hansim.zigbee.ota.server.OtaServerConfig;
import io.hansim.zigbee.ota.server.ReadBackStatus;
import io.hansim.zigbee.ota.server.ServerAction;
import io.hansim.zigbee.ota.server.ServerEvent;
import io.hansim.zigbee.ota.server.TransferResult;
import io.hansim.zigbee.zcl.Bytes;
import java.security.KeyPair;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The reference OTA server and the reference OTA client run against each other in {@link OtaLoop}
 * (issue #3: a full transfer with no bus). These are the end-to-end faces of requirements R7.3,
 * R7.4, R7.5, R7.6, R7.8 and R7.10.
 */
class OtaEndToEndTest {
    static final int MANUFACTURER = 0x1234;
    static final int IMAGE_TYPE = 0x0084;
    static final int HARDWARE = 0x0110;
    static final long OLD = 0x0100_0001L;
    static final long NEW = 0x0100_0002L;
    static final long SECOND = 1_000_000L;
    static final long HOUR = 3600 * SECOND;
    static final KeyPair KEY = DeterministicEcdsa.keyPairFromSeed("hansim e2e test", 1);

    /** A signed GB image (zigbee-ota.md §8) whose Manufacturer Image has {@code bodyLength} bytes. */
    static Bytes gbImage(long version, int bodyLength) {
        Bytes mi = OtaImageBuilder.generatedPayload(version, bodyLength);
        return new OtaImageBuilder().manufacturerCode(MANUFACTURER).imageType(IMAGE_TYPE).fileVersion(version)
                .hardwareVersions(0x0100, 0x01FF).headerString("hansim e2e image")
                .gbBody(GbBody.signed(mi, DeterministicEcdsa.sign(mi, KEY.getPrivate()))).buildBytes();
    }

    static ClientProfile.Builder ppmid() {
        return ClientProfile.builder().name("e2e-ppmid").upgradeServer(OtaLoop.SERVER).ieeeAddress(OtaLoop.CLIENT)
                .manufacturerCode(MANUFACTURER).imageType(IMAGE_TYPE).currentFileVersion(OLD)
                .hardwareVersion(HARDWARE).maximumDataSize(64).trustedKey(KEY.getPublic())
                .imageFormat(ImageFormat.GB).startDelayMax(0);
    }

    static OtaServerConfig hub() {
        return OtaServerConfig.defaults(OtaLoop.SERVER).withBlockSizeCap(64);
    }

    /** Stages {@code image}, registers the client and sends a unicast Image Notify. */
    static OtaLoop start(OtaLoop loop, Bytes image) {
        loop.toClient(new ClientEvent.PowerOn(0, null));
        OtaImage staged = OtaImage.fromFile(image.toArray());
        loop.toServer(ServerEvent.StageImage.complete(0, staged));
        loop.toServer(new ServerEvent.RegisterClient(0, OtaLoop.CLIENT,
                io.hansim.zigbee.ota.server.ClientPolicy.DEFAULT));
        loop.toServer(new ServerEvent.NotifyClient(0, OtaLoop.CLIENT, ServerEvent.NotifyMode.UNICAST, 0, 100,
                staged.key()));
        return loop;
    }

    /** The OTA command in a frame, or null for a general (profile-wide) frame such as a Default Response. */
    static io.hansim.zigbee.ota.OtaCommand ota(Bytes frame) {
        var header = io.hansim.zigbee.zcl.ZclFrame.decode(frame.toArray()).header();
        return header.frameType() == io.hansim.zigbee.zcl.ZclHeader.FrameType.GLOBAL ? null
                : OtaCodec.decode(frame.toArray()).command();
    }

    private static boolean readBackDone(OtaLoop loop) {
        return !loop.serverActions(ServerAction.ReadBackResult.class).isEmpty();
    }

    @Test
    void fullTransfer256KiBIn64ByteBlocksActivatesTheIdenticalImage() {
        Bytes image = gbImage(NEW, 256 * 1024);
        OtaLoop loop = start(new OtaLoop(hub(), ppmid().build(), 7), image);
        assertTrue(loop.runUntil(() -> readBackDone(loop), 48 * HOUR), "transfer and read-back finish");

        List<ClientAction.Activate> acts = loop.activations;
        assertEquals(1, acts.size());
        assertEquals(image, acts.get(0).image(), "the client activates exactly the served bytes");
        assertEquals(NEW, loop.client.runningFileVersion());
        assertEquals(ImageUpgradeStatus.NORMAL, loop.client.imageUpgradeStatus());

        // Every block request asked for 64 bytes and every offset was served once on a perfect link.
        List<ImageBlockRequest> requests = loop.clientActions(ClientAction.SendFrame.class).stream()
                .map(f -> ota(f.zclFrame())).filter(java.util.Objects::nonNull)
                .filter(ImageBlockRequest.class::isInstance).map(ImageBlockRequest.class::cast).toList();
        assertEquals((image.length() + 63) / 64, requests.size());
        for (ImageBlockRequest r : requests) {
            assertEquals(Math.min(64, image.length() - r.fileOffset()), r.maximumDataSize(), "asks 64, the rest at the end");
        }

        ServerAction.TransferOutcome outcome = loop.serverActions(ServerAction.TransferOutcome.class).get(0);
        assertEquals(TransferResult.UPGRADED, outcome.result());
        assertEquals(image.length(), outcome.bytesServed());
        ServerAction.ReadBackResult rb = loop.serverActions(ServerAction.ReadBackResult.class).get(0);
        assertEquals(ReadBackStatus.VERSION_MATCHES, rb.status(), "R7.10: CurrentFileVersion read back");
        assertEquals(NEW, rb.versionRead().getAsLong());
    }

    @Test
    void r7_4_ppmidActivatesOnDownloadWithoutAnActivationCommand() {
        Bytes image = gbImage(NEW, 4096);
        OtaLoop loop = start(new OtaLoop(hub(), ppmid().build(), 1), image);
        assertTrue(loop.runUntil(() -> !loop.activations.isEmpty(), 2 * HOUR));
        assertEquals(NEW, loop.activations.get(0).identity().fileVersion());
        // Upgrade End Response "now": CurrentTime 0, UpgradeTime 0 (R7.4).
        var uer = loop.serverActions(ServerAction.SendFrame.class).stream()
                .map(f -> ota(f.zclFrame())).filter(java.util.Objects::nonNull)
                .filter(io.hansim.zigbee.ota.UpgradeEndResponse.class::isInstance)
                .map(io.hansim.zigbee.ota.UpgradeEndResponse.class::cast).findFirst().orElseThrow();
        assertEquals(0, uer.currentTime());
        assertEquals(0, uer.upgradeTime());
    }

    @Test
    void r7_8_lossyDuplicatingReorderingLinkStillDeliversTheIdenticalImage() {
        Bytes image = gbImage(NEW, 32 * 1024);
        OtaLoop loop = new OtaLoop(hub(), ppmid().build(), 3);
        loop.link = OtaLoop.lossyLink(42, 0.10, 0.05, 5_000, 400_000);
        start(loop, image);
        assertTrue(loop.runUntil(() -> !loop.activations.isEmpty(), 48 * HOUR), "completes despite faults");
        assertEquals(image, loop.activations.get(0).image());
        assertTrue(loop.framesDropped > 50, "the link really lost frames: " + loop.framesDropped);
    }

    @Test
    void r7_8_deadLinkEndsInFileTransferFailure() {
        Bytes image = gbImage(NEW, 8 * 1024);
        OtaLoop loop = new OtaLoop(hub(), ppmid().build(), 3);
        start(loop, image);
        // Let the download start, then the radio dies for good.
        assertTrue(loop.runUntil(() -> loop.client.fileOffset() >= 1024, HOUR));
        loop.link = OtaLoop.lossyLink(1, 1.0, 0, 1, 1);
        assertTrue(loop.runUntil(() -> !loop.serverActions(ServerAction.TransferOutcome.class).isEmpty(), 24 * HOUR));
        assertEquals(TransferResult.TIMED_OUT, loop.serverActions(ServerAction.TransferOutcome.class).get(0).result());
        assertTrue(loop.activations.isEmpty());
        assertEquals(OLD, loop.client.runningFileVersion(), "R7.14: the old image keeps running");
    }

    /** An outage shorter than the hub's stall timeout (5 min by default): the download resumes. */
    @Test
    void powerCutMidTransferResumesFromThePersistedOffset() {
        Bytes image = gbImage(NEW, 16 * 1024);
        OtaLoop loop = start(new OtaLoop(hub(), ppmid().build(), 5), image);
        assertTrue(loop.runUntil(() -> loop.client.fileOffset() >= 8 * 1024, HOUR));
        long persistedAt = loop.persisted.fileOffset();
        assertTrue(persistedAt >= 8 * 1024 - 64, "progress persisted block by block: " + persistedAt);
        loop.powerCut();
        loop.runUntil(() -> false, loop.now + 2 * 60 * SECOND);
        int before = loop.clientLog.size();
        loop.powerOn();
        assertEquals(persistedAt, loop.client.fileOffset(), "resumes where the flash says");

        assertTrue(loop.runUntil(() -> !loop.activations.isEmpty(), 24 * HOUR));
        assertEquals(image, loop.activations.get(0).image());
        long lowest = loop.clientLog.subList(before, loop.clientLog.size()).stream()
                .filter(ClientAction.SendFrame.class::isInstance).map(ClientAction.SendFrame.class::cast)
                .map(f -> ota(f.zclFrame())).filter(java.util.Objects::nonNull)
                .filter(ImageBlockRequest.class::isInstance).mapToLong(c -> ((ImageBlockRequest) c).fileOffset())
                .min().orElseThrow();
        assertEquals(persistedAt, lowest, "no block before the persisted offset is fetched again");
    }

    /**
     * An outage longer than the stall timeout: the hub has given up and reported CCS08 code 3
     * (R7.8). That ends the distribution: the resumed request is answered ABORT and the client's
     * query finds nothing to take, however long it keeps asking, so one distribution gives one CCS08.
     * A new distribution (a new SR 11.4) offers the image again, and it arrives whole.
     */
    @Test
    void r7_8_powerCutLongerThanTheStallTimeoutEndsTheDistributionAndANewOneRecovers() {
        Bytes image = gbImage(NEW, 16 * 1024);
        OtaLoop loop = start(new OtaLoop(hub(), ppmid().build(), 5), image);
        assertTrue(loop.runUntil(() -> loop.client.fileOffset() >= 8 * 1024, HOUR));
        loop.powerCut();
        loop.runUntil(() -> false, loop.now + 10 * 60 * SECOND);
        assertEquals(TransferResult.TIMED_OUT, loop.serverActions(ServerAction.TransferOutcome.class).get(0).result());
        loop.powerOn();
        loop.runUntil(() -> false, loop.now + 6 * HOUR);
        assertTrue(loop.activations.isEmpty(), "not offered again within the ended distribution");
        assertEquals(1, loop.serverActions(ServerAction.TransferOutcome.class).size(), "one CCS08");
        assertTrue(loop.clientActions(ClientAction.DiscardImage.class).stream()
                .anyMatch(d -> d.reason() == io.hansim.zigbee.ota.client.DiscardReason.SERVER_ABORTED));

        ImageKey key = OtaImage.fromFile(image.toArray()).key();
        loop.toServer(new ServerEvent.Distribute(loop.now, OtaLoop.CLIENT, key));
        loop.toServer(new ServerEvent.NotifyClient(loop.now, OtaLoop.CLIENT, ServerEvent.NotifyMode.UNICAST, 0, 100,
                key));
        assertTrue(loop.runUntil(() -> !loop.activations.isEmpty(), loop.now + 24 * HOUR));
        assertEquals(image, loop.activations.get(0).image());
        assertEquals(List.of(TransferResult.TIMED_OUT, TransferResult.UPGRADED),
                loop.serverActions(ServerAction.TransferOutcome.class).stream().map(ServerAction.TransferOutcome::result)
                        .toList(), "one CCS08 per distribution");
    }

    @Test
    void r7_6_hardwareOutsideTheRangeGetsNoBlockAndCode2() {
        Bytes image = gbImage(NEW, 4096);
        OtaLoop loop = start(new OtaLoop(hub(), ppmid().hardwareVersion(0x0300).build(), 1), image);
        assertTrue(loop.runUntil(() -> !loop.serverActions(ServerAction.TransferOutcome.class).isEmpty(), HOUR));
        ServerAction.TransferOutcome o = loop.serverActions(ServerAction.TransferOutcome.class).get(0);
        assertEquals(TransferResult.HARDWARE_MISMATCH, o.result());
        assertEquals(0, o.bytesServed());
        loop.runUntil(() -> false, loop.now + 6 * HOUR);
        assertTrue(loop.serverActions(ServerAction.SendFrame.class).stream()
                .map(f -> ota(f.zclFrame())).filter(java.util.Objects::nonNull)
                .noneMatch(io.hansim.zigbee.ota.ImageBlockResponse.Success.class::isInstance), "no block sent");
        assertTrue(loop.activations.isEmpty());
    }

    @Test
    void r7_5_hcalcsHoldsTheImageInStatus6UntilTheActivateCommand() {
        Bytes image = gbImage(NEW, 4096);
        OtaLoop loop = start(new OtaLoop(hub(),
                ppmid().name("e2e-hcalcs").activationPolicy(UpgradeActivationPolicy.OUT_OF_BAND_ONLY).build(), 1),
                image);
        assertTrue(loop.runUntil(() -> loop.client.imageUpgradeStatus()
                == ImageUpgradeStatus.WAITING_TO_UPGRADE_VIA_EXTERNAL_EVENT, 2 * HOUR));
        loop.runUntil(() -> false, loop.now + 12 * HOUR);
        assertTrue(loop.activations.isEmpty(), "no activation without CS06");
        assertEquals(OLD, loop.client.runningFileVersion());

        // The host checks the CS06 Manufacturer Image Hash against the held image, then tells the
        // client to go (R7.5).
        var held = loop.client.heldImage().orElseThrow();
        assertEquals(NEW, held.identity().fileVersion());
        assertEquals(io.hansim.zigbee.ota.image.OtaImageParser.parse(image.toArray()).gbBody().manufacturerImageHash(),
                io.hansim.zigbee.ota.image.OtaImageParser.parse(held.image().toArray()).gbBody().manufacturerImageHash());
        loop.toClient(new ClientEvent.ActivateOutOfBand(loop.now));
        assertTrue(loop.runUntil(() -> !loop.activations.isEmpty(), loop.now + HOUR));
        assertEquals(image, loop.activations.get(0).image());
    }

    @Test
    void r7_3_anotherServerCannotUpgradeThePpmid() {
        OtaLoop loop = new OtaLoop(hub(), ppmid().build(), 1);
        loop.toClient(new ClientEvent.PowerOn(0, null));
        // A stranger (a "local upgrade" tool on the HAN) sends a unicast Image Notify.
        Bytes notify = Bytes.of(OtaCodec.encode(OtaFrame.of(1,
                io.hansim.zigbee.ota.ImageNotify.of(100, MANUFACTURER, IMAGE_TYPE, NEW))));
        List<ClientAction> actions = loop.client.handle(new ClientEvent.FrameReceived(1, 0x0BAD_0BAD_0BAD_0BADL, false, notify));
        assertTrue(actions.stream().anyMatch(ClientAction.Refused.class::isInstance), actions.toString());
        assertFalse(actions.stream().filter(ClientAction.SendFrame.class::isInstance)
                .map(a -> ota(((ClientAction.SendFrame) a).zclFrame())).filter(java.util.Objects::nonNull)
                .anyMatch(io.hansim.zigbee.ota.QueryNextImageRequest.class::isInstance), "no query to the stranger");
        assertTrue(loop.activations.isEmpty());
        assertEquals(ImageUpgradeStatus.NORMAL, loop.client.imageUpgradeStatus());
    }

    @Test
    void sameSeedSameConversationOtherSeedAnother() {
        Bytes image = gbImage(NEW, 8 * 1024);
        String[] prints = new String[3];
        long[] seeds = {11, 11, 12};
        for (int i = 0; i < 3; i++) {
            OtaLoop loop = new OtaLoop(hub(), ppmid().build(), 1);
            loop.link = OtaLoop.lossyLink(seeds[i], 0.05, 0.05, 5_000, 200_000);
            start(loop, image);
            assertTrue(loop.runUntil(() -> !loop.activations.isEmpty(), 24 * HOUR));
            prints[i] = loop.fingerprintHex();
        }
        assertEquals(prints[0], prints[1], "same seed, byte-identical conversation");
        assertNotEquals(prints[0], prints[2]);
    }
}
