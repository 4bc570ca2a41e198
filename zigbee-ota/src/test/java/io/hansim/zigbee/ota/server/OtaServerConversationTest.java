package io.hansim.zigbee.ota.server;

import io.hansim.zigbee.ota.ImageBlockRequest;
import io.hansim.zigbee.ota.ImageBlockResponse;
import io.hansim.zigbee.ota.ImageNotify;
import io.hansim.zigbee.ota.OtaCodec;
import io.hansim.zigbee.ota.OtaFrame;
import io.hansim.zigbee.ota.QueryDeviceSpecificFileRequest;
import io.hansim.zigbee.ota.QueryDeviceSpecificFileResponse;
import io.hansim.zigbee.ota.QueryNextImageRequest;
import io.hansim.zigbee.ota.QueryNextImageResponse;
import io.hansim.zigbee.ota.UpgradeEndRequest;
import io.hansim.zigbee.ota.UpgradeEndResponse;
import io.hansim.zigbee.ota.image.OtaImageBuilder;
import io.hansim.zigbee.ota.server.OtaServerConfig.MissingHardwareVersionPolicy;
import io.hansim.zigbee.ota.server.ServerAction.Milestone;
import io.hansim.zigbee.ota.server.ServerAction.TransferOutcome;
import io.hansim.zigbee.ota.server.ServerEvent.NotifyMode;
import io.hansim.zigbee.ota.server.ServerTimer.Kind;
import io.hansim.zigbee.zcl.ZclStatus;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.OptionalLong;

import static io.hansim.zigbee.ota.server.ServerHarness.CH;
import static io.hansim.zigbee.ota.server.ServerHarness.IHD;
import static io.hansim.zigbee.ota.server.ServerHarness.MFR;
import static io.hansim.zigbee.ota.server.ServerHarness.PPMID;
import static io.hansim.zigbee.ota.server.ServerHarness.PPMID_2;
import static io.hansim.zigbee.ota.server.ServerHarness.SECOND;
import static io.hansim.zigbee.ota.server.ServerHarness.TYPE;
import static io.hansim.zigbee.ota.server.ServerHarness.V_NEW;
import static io.hansim.zigbee.ota.server.ServerHarness.V_OLD;
import static io.hansim.zigbee.ota.server.ServerHarness.assertActions;
import static io.hansim.zigbee.ota.server.ServerHarness.block;
import static io.hansim.zigbee.ota.server.ServerHarness.cancelTimer;
import static io.hansim.zigbee.ota.server.ServerHarness.defaultResponse;
import static io.hansim.zigbee.ota.server.ServerHarness.image;
import static io.hansim.zigbee.ota.server.ServerHarness.onlyOta;
import static io.hansim.zigbee.ota.server.ServerHarness.ota;
import static io.hansim.zigbee.ota.server.ServerHarness.progress;
import static io.hansim.zigbee.ota.server.ServerHarness.readAttributes;
import static io.hansim.zigbee.ota.server.ServerHarness.setTimer;
import static io.hansim.zigbee.ota.server.ServerHarness.version;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Scripted conversations with the server (DESIGN.md §6): client frames built with the OTA codec,
 * fed as {@link ServerEvent.FrameReceived} at virtual times, and the exact actions asserted. The
 * whole-lifecycle paths first, then one nested class per command or concern.
 */
class OtaServerConversationTest {

    /** 60-byte header (hardware range) + 6-byte element header + 30 bytes: 96 bytes. */
    private static OtaImage ranged() {
        return image(MFR, TYPE, V_NEW, 30, 0x0100, 0x01FF);
    }

    /** Stages the image and has PPMID query it at time 0; returns the harness at 1 s. */
    private static ServerHarness offered(ServerHarness s, OtaImage img) {
        s.stage(img);
        assertEquals(QueryNextImageResponse.success(MFR, img.key().imageType(), img.key().fileVersion(), img.size()),
                onlyOta(s.send(PPMID, QueryNextImageRequest.of(MFR, img.key().imageType(), V_OLD))));
        return s.at(SECOND);
    }

    // =====================================================================================
    @Test
    void r7_4_ppmidNotifyQueryDownloadEndAndReadBack() {
        ServerHarness s = new ServerHarness();
        OtaImage img = s.stage(ranged());
        ImageKey k = img.key();
        assertEquals(96, img.size());

        assertActions(s.notify(PPMID, NotifyMode.UNICAST, 3, 100, k),
                ota(PPMID, 0, ImageNotify.of(100, MFR, TYPE, V_NEW)),
                setTimer(PPMID, Kind.NOTIFY_TIMEOUT, 600 * SECOND));
        assertEquals(TransferState.NOTIFIED, s.server.state(PPMID));

        s.at(5 * SECOND);
        assertActions(s.send(PPMID, QueryNextImageRequest.of(MFR, TYPE, V_OLD).withHardwareVersion(0x0105)),
                cancelTimer(PPMID, Kind.NOTIFY_TIMEOUT),
                ota(PPMID, s.tsn(), QueryNextImageResponse.success(MFR, TYPE, V_NEW, 96)),
                setTimer(PPMID, Kind.TRANSFER_STALL, 305 * SECOND),
                progress(PPMID, img, Milestone.IMAGE_OFFERED, 0));
        assertEquals(TransferState.IMAGE_OFFERED, s.server.state(PPMID));

        s.at(6 * SECOND);
        assertActions(s.send(PPMID, ImageBlockRequest.of(MFR, TYPE, V_NEW, 0, 50)),
                ota(PPMID, s.tsn(), block(img, 0, 40)),
                progress(PPMID, img, Milestone.DOWNLOAD_STARTED, 40));
        assertEquals(TransferState.DOWNLOADING, s.server.state(PPMID));
        assertActions(s.send(PPMID, ImageBlockRequest.of(MFR, TYPE, V_NEW, 40, 50)),
                ota(PPMID, s.tsn(), block(img, 40, 40)));
        assertActions(s.send(PPMID, ImageBlockRequest.of(MFR, TYPE, V_NEW, 80, 50)),
                ota(PPMID, s.tsn(), block(img, 80, 16)));

        s.at(20 * SECOND);
        assertActions(s.send(PPMID, new UpgradeEndRequest(ZclStatus.SUCCESS, MFR, TYPE, V_NEW)),
                cancelTimer(PPMID, Kind.TRANSFER_STALL),
                ota(PPMID, s.tsn(), new UpgradeEndResponse(MFR, TYPE, V_NEW, 0, 0)),
                progress(PPMID, img, Milestone.UPGRADE_SCHEDULED, 96),
                new TransferOutcome(PPMID, TransferResult.UPGRADED, k, 96, 96,
                        "Upgrade End Request SUCCESS after 96 of 96 bytes served"),
                setTimer(PPMID, Kind.READ_BACK, 80 * SECOND));
        assertEquals(TransferState.WAITING_TO_UPGRADE, s.server.state(PPMID));

        s.at(80 * SECOND);
        assertActions(s.fire(PPMID, Kind.READ_BACK),
                readAttributes(PPMID, 1),
                setTimer(PPMID, Kind.READ_BACK_RESPONSE, 110 * SECOND));
        assertEquals(TransferState.READING_BACK, s.server.state(PPMID));

        s.at(81 * SECOND);
        assertActions(s.answerReadBack(PPMID, 1, version(V_NEW)),
                new ServerAction.ReadBackResult(PPMID, k, ReadBackStatus.VERSION_MATCHES, OptionalLong.of(V_NEW),
                        java.util.Optional.empty(), 1),
                cancelTimer(PPMID, Kind.READ_BACK_RESPONSE));
        assertEquals(TransferState.IDLE, s.server.state(PPMID));
    }

    @Test
    void servedBytesReassembleTheImage() {
        ServerHarness s = offered(new ServerHarness(), image(MFR, TYPE, V_NEW, 1000));
        OtaImage img = s.server.store().image(new ImageKey(MFR, TYPE, V_NEW)).orElseThrow();
        byte[] got = new byte[img.size()];
        int off = 0;
        while (off < img.size()) {
            var r = (ImageBlockResponse.Success) onlyOta(s.send(PPMID, ImageBlockRequest.of(MFR, TYPE, V_NEW, off, 63)));
            assertEquals(off, r.fileOffset());
            r.imageData().copyTo(got, off);
            off += r.dataSize();
        }
        assertEquals(img.bytes(), io.hansim.zigbee.zcl.Bytes.of(got));
    }

    // =====================================================================================
    @Nested
    class ImageNotifyTests {
        private final ServerHarness s = new ServerHarness();
        private final ImageKey k = s.stage(ranged()).key();

        @Test
        void payloadTypesZeroToThree() {
            assertEquals(ImageNotify.of(50), onlyOta(s.notify(PPMID, NotifyMode.UNICAST, 0, 50, k)));
            assertEquals(ImageNotify.of(50, MFR), onlyOta(s.notify(PPMID, NotifyMode.UNICAST, 1, 50, k)));
            assertEquals(ImageNotify.of(50, MFR, TYPE), onlyOta(s.notify(PPMID, NotifyMode.UNICAST, 2, 50, k)));
            assertEquals(ImageNotify.of(50, MFR, TYPE, V_NEW),
                    onlyOta(s.notify(PPMID, NotifyMode.UNICAST, 3, 50, k)));
        }

        @Test
        void unicastAskingForDefaultResponseUsesFrameControl09() {
            var sent = (ServerAction.SendFrame) s.notify(PPMID, NotifyMode.UNICAST_WITH_DEFAULT_RESPONSE, 0, 1, k).get(0);
            assertEquals("0900000001", sent.zclFrame().hex());
            var plain = (ServerAction.SendFrame) s.notify(PPMID, NotifyMode.UNICAST, 0, 1, k).get(0);
            assertEquals("1901000001", plain.zclFrame().hex());
        }

        @Test
        void broadcastUsesFrameControl19AndKeepsNoState() {
            var a = s.notify(PPMID, NotifyMode.BROADCAST, 2, 100, k);
            assertActions(a, new ServerAction.SendFrame(OtaServer.BROADCAST, true,
                    io.hansim.zigbee.zcl.Bytes.of(OtaCodec.encode(OtaFrame.of(0, ImageNotify.of(100, MFR, TYPE))))));
            assertEquals("1900000264" + "1d12" + "8400", ((ServerAction.SendFrame) a.get(0)).zclFrame().hex());
            assertEquals(TransferState.IDLE, s.server.state(PPMID));
        }

        @Test
        void peer18_illegalQueryJitterAndPayloadTypeAreRefused() {
            for (int jitter : new int[] {0, 101, 255, -1}) {
                var e = new ServerEvent.NotifyClient(0, PPMID, NotifyMode.UNICAST, 0, jitter, k);
                assertActions(s.handle(e), new ServerAction.CommandRefused(e, new Refusal.InvalidQueryJitter(jitter)));
            }
            var e = new ServerEvent.NotifyClient(0, PPMID, NotifyMode.BROADCAST, 4, 100, k);
            assertActions(s.handle(e), new ServerAction.CommandRefused(e, new Refusal.InvalidPayloadType(4)));
        }

        @Test
        void notifyAboutAnImageNotStagedIsRefused() {
            ImageKey other = new ImageKey(MFR, TYPE, 0x99);
            var e = new ServerEvent.NotifyClient(0, PPMID, NotifyMode.UNICAST, 0, 100, other);
            assertActions(s.handle(e), new ServerAction.CommandRefused(e, new Refusal.UnknownImage(other)));
        }

        @Test
        void aClientTheOfferPolicyRefusesIsNeverNotified() {
            assertTrue(!s.server.isExcluded(IHD));
            s.exclude(IHD);
            assertTrue(s.server.isExcluded(IHD));
            var e = new ServerEvent.NotifyClient(0, IHD, NotifyMode.UNICAST, 3, 100, k);
            assertActions(s.handle(e), new ServerAction.CommandRefused(e,
                    new Refusal.ClientExcluded(IHD, String.format("client %016X refused by the test's offer policy",
                            IHD))));
            var d = new ServerEvent.Distribute(0, IHD, k);
            assertEquals(List.of(new ServerAction.CommandRefused(d, new Refusal.ClientExcluded(IHD,
                    String.format("client %016X refused by the test's offer policy", IHD)))), s.handle(d));
            assertEquals(TransferState.IDLE, s.server.state(IHD));
        }

        @Test
        void aRefusingOfferPolicyNeverNotifiesAndAnswersNoImageAvailable() {
            // The host's policy refuses every client: nothing is ever notified or offered, whatever is staged.
            OtaServer refusing = new OtaServer(ServerHarness.config(),
                    client -> java.util.Optional.of("refused"), UtcClock.DEFAULT);
            refusing.handle(new ServerEvent.StageImage(0, ranged(), ranged().size()));
            List<ServerAction> notified = refusing.handle(new ServerEvent.NotifyClient(0, IHD, NotifyMode.UNICAST, 0,
                    100, k));
            assertEquals(List.of(), notified.stream().filter(a -> a instanceof ServerAction.SendFrame).toList());
            List<ServerAction> withDefaultResponse = refusing.handle(new ServerEvent.NotifyClient(0, IHD,
                    NotifyMode.UNICAST_WITH_DEFAULT_RESPONSE, 0, 100, k));
            assertEquals(List.of(), withDefaultResponse.stream().filter(a -> a instanceof ServerAction.SendFrame).toList());
            assertEquals(TransferState.IDLE, refusing.state(IHD));
            // Its queries are answered NO_IMAGE_AVAILABLE, as for the harness's refused client.
            s.exclude(IHD);
            assertActions(s.send(IHD, QueryNextImageRequest.of(MFR, TYPE, V_OLD)),
                    ota(IHD, s.tsn(), QueryNextImageResponse.NO_IMAGE_AVAILABLE));
            assertActions(s.send(IHD, QueryNextImageRequest.of(MFR, TYPE, V_OLD).withHardwareVersion(0x0150)),
                    ota(IHD, s.tsn(), QueryNextImageResponse.NO_IMAGE_AVAILABLE));
            // Not refused when the policy says so: the same query of a client it lets through gets the image.
            ServerHarness open = new ServerHarness(ServerHarness.config());
            open.stage(ranged());
            assertTrue(onlyOta(open.send(IHD, QueryNextImageRequest.of(MFR, TYPE, V_OLD)))
                    instanceof QueryNextImageResponse r && r.hasImage());
        }

        @Test
        void r7_12_unansweredNotifyTimesOutWithCode3() {
            s.notify(PPMID, NotifyMode.UNICAST, 0, 100, k);
            s.at(599 * SECOND);
            assertActions(s.fire(PPMID, Kind.NOTIFY_TIMEOUT), setTimer(PPMID, Kind.NOTIFY_TIMEOUT, 600 * SECOND));
            s.at(600 * SECOND);
            assertActions(s.fire(PPMID, Kind.NOTIFY_TIMEOUT),
                    new TransferOutcome(PPMID, TransferResult.TIMED_OUT, k, 96, 0,
                            "no Query Next Image within 600 s of the Image Notify"));
            assertEquals(TransferState.IDLE, s.server.state(PPMID));
            assertActions(s.fire(PPMID, Kind.NOTIFY_TIMEOUT));
        }

        @Test
        void notifiedClientWithNothingToOfferEndsWithCode3() {
            s.notify(PPMID, NotifyMode.UNICAST, 0, 100, k);
            assertActions(s.send(PPMID, QueryNextImageRequest.of(MFR, TYPE, V_NEW)),
                    ota(PPMID, s.tsn(), QueryNextImageResponse.NO_IMAGE_AVAILABLE),
                    new TransferOutcome(PPMID, TransferResult.NO_MATCHING_IMAGE, k, 96, 0,
                            "notified, but the client's Query Next Image (ManufacturerCode 0x121D, ImageType 0x0084, "
                                    + "CurrentFileVersion 0x00000020) fits no staged image"),
                    cancelTimer(PPMID, Kind.NOTIFY_TIMEOUT));
        }

        @Test
        void notifyDuringADownloadKeepsTheDownload() {
            s.send(PPMID, QueryNextImageRequest.of(MFR, TYPE, V_OLD));
            assertEquals(ImageNotify.of(100), onlyOta(s.notify(PPMID, NotifyMode.UNICAST, 0, 100, k)));
            assertEquals(TransferState.IMAGE_OFFERED, s.server.state(PPMID));
        }
    }

    // =====================================================================================
    @Nested
    class QueryNextImage {

        @Test
        void noImageStaged() {
            ServerHarness s = new ServerHarness();
            assertActions(s.send(PPMID, QueryNextImageRequest.of(MFR, TYPE, V_OLD)),
                    ota(PPMID, s.tsn(), QueryNextImageResponse.NO_IMAGE_AVAILABLE));
        }

        @Test
        void manufacturerTypeAndVersionMustFit() {
            ServerHarness s = new ServerHarness();
            s.stage(ranged());
            for (QueryNextImageRequest q : List.of(QueryNextImageRequest.of(MFR + 1, TYPE, V_OLD),
                    QueryNextImageRequest.of(MFR, TYPE + 1, V_OLD), QueryNextImageRequest.of(MFR, TYPE, V_NEW),
                    QueryNextImageRequest.of(MFR, TYPE, V_NEW + 1), QueryNextImageRequest.of(0xFFFF, 0xFFFF, 0))) {
                assertEquals(QueryNextImageResponse.NO_IMAGE_AVAILABLE, onlyOta(s.send(PPMID, q)), q::toString);
            }
            assertEquals(TransferState.IDLE, s.server.state(PPMID));
        }

        @Test
        void r7_14_downgradeOnlyWhenThePolicyAllows() {
            OtaImage older = image(MFR, TYPE, V_OLD, 10);
            ServerHarness strict = new ServerHarness();
            strict.stage(older);
            assertEquals(QueryNextImageResponse.NO_IMAGE_AVAILABLE,
                    onlyOta(strict.send(PPMID, QueryNextImageRequest.of(MFR, TYPE, V_NEW))));
            ServerHarness lax = new ServerHarness(ServerHarness.config()
                    .withDowngrade(OtaServerConfig.DowngradePolicy.ALLOW_DOWNGRADE));
            lax.stage(older);
            assertEquals(QueryNextImageResponse.success(MFR, TYPE, V_OLD, older.size()),
                    onlyOta(lax.send(PPMID, QueryNextImageRequest.of(MFR, TYPE, V_NEW))));
            assertEquals(QueryNextImageResponse.NO_IMAGE_AVAILABLE,
                    onlyOta(lax.send(PPMID_2, QueryNextImageRequest.of(MFR, TYPE, V_OLD))));
        }

        @Test
        void wildcardInTheImageHeaderMatchesOnlyWithThePolicy() {
            OtaImage wild = image(0xFFFF, 0xFFFF, V_NEW, 10);
            ServerHarness strict = new ServerHarness();
            strict.stage(wild);
            assertEquals(QueryNextImageResponse.NO_IMAGE_AVAILABLE,
                    onlyOta(strict.send(PPMID, QueryNextImageRequest.of(MFR, TYPE, V_OLD))));
            ServerHarness lax = new ServerHarness(ServerHarness.config().withWildcardImagesMatchAll(true));
            lax.stage(wild);
            assertEquals(QueryNextImageResponse.success(0xFFFF, 0xFFFF, V_NEW, wild.size()),
                    onlyOta(lax.send(PPMID, QueryNextImageRequest.of(MFR, TYPE, V_OLD))));
        }

        @Test
        void newestFittingImageIsOffered() {
            ServerHarness s = new ServerHarness();
            s.stage(image(MFR, TYPE, 0x30, 10));
            OtaImage newest = s.stage(image(MFR, TYPE, 0x50, 10));
            s.stage(image(MFR, TYPE, 0x40, 10));
            assertEquals(QueryNextImageResponse.success(MFR, TYPE, 0x50, newest.size()),
                    onlyOta(s.send(PPMID, QueryNextImageRequest.of(MFR, TYPE, V_OLD))));
        }

        @Test
        void notifiedImageIsPreferredToANewerOne() {
            ServerHarness s = new ServerHarness();
            OtaImage notified = s.stage(image(MFR, TYPE, 0x30, 10));
            s.stage(image(MFR, TYPE, 0x50, 10));
            s.notify(PPMID, NotifyMode.UNICAST, 0, 100, notified.key());
            assertEquals(QueryNextImageResponse.success(MFR, TYPE, 0x30, notified.size()),
                    otaOf(s.send(PPMID, QueryNextImageRequest.of(MFR, TYPE, V_OLD))));
        }

        @Test
        void r7_6_hardwareInsideTheRangeIsServed() {
            ServerHarness s = new ServerHarness();
            s.stage(ranged());
            for (int hw : new int[] {0x0100, 0x0150, 0x01FF}) {
                assertTrue(onlyOta(s.send(PPMID, QueryNextImageRequest.of(MFR, TYPE, V_OLD).withHardwareVersion(hw)))
                        instanceof QueryNextImageResponse r && r.hasImage());
            }
        }

        @Test
        void r7_6_hardwareMismatchAnswersNoImageAndReportsCode2() {
            ServerHarness s = new ServerHarness();
            OtaImage img = s.stage(ranged());
            QueryNextImageRequest q = QueryNextImageRequest.of(MFR, TYPE, V_OLD).withHardwareVersion(0x0200);
            assertActions(s.send(PPMID, q),
                    ota(PPMID, s.tsn(), QueryNextImageResponse.NO_IMAGE_AVAILABLE),
                    new TransferOutcome(PPMID, TransferResult.HARDWARE_MISMATCH, img.key(), 96, 0,
                            "HardwareVersion 0x0200 is outside the image's range 0x0100..0x01FF (R7.6); "
                                    + "NO_IMAGE_AVAILABLE sent, 96 bytes not sent"));
            // Once per client and image: the next query gets the answer, not a second alert.
            assertActions(s.send(PPMID, q), ota(PPMID, s.tsn(), QueryNextImageResponse.NO_IMAGE_AVAILABLE));
            assertEquals(TransferState.IDLE, s.server.state(PPMID));
            // And no block follows: the image was never offered to this client.
            assertEquals(ImageBlockResponse.StatusOnly.ABORT,
                    onlyOta(s.send(PPMID, ImageBlockRequest.of(MFR, TYPE, V_NEW, 0, 40))));
        }

        @Test
        void r7_6_hardwareMismatchAfterNotifyEndsTheNotifyWithCode2() {
            ServerHarness s = new ServerHarness();
            OtaImage img = s.stage(ranged());
            s.notify(PPMID, NotifyMode.UNICAST, 0, 100, img.key());
            var a = s.send(PPMID, QueryNextImageRequest.of(MFR, TYPE, V_OLD).withHardwareVersion(0x00FF));
            assertEquals(List.of(TransferResult.HARDWARE_MISMATCH),
                    ServerHarness.only(a, TransferOutcome.class).stream().map(TransferOutcome::result).toList());
            assertEquals(TransferState.IDLE, s.server.state(PPMID));
        }

        @Test
        void r7_6_queryWithoutHardwareVersionFollowsThePolicy() {
            ServerHarness serve = new ServerHarness();
            serve.stage(ranged());
            assertTrue(onlyOta(serve.send(PPMID, QueryNextImageRequest.of(MFR, TYPE, V_OLD)))
                    instanceof QueryNextImageResponse r && r.hasImage());
            ServerHarness refuse = new ServerHarness(ServerHarness.config()
                    .withMissingHardwareVersion(MissingHardwareVersionPolicy.REFUSE));
            OtaImage img = refuse.stage(ranged());
            assertActions(refuse.send(PPMID, QueryNextImageRequest.of(MFR, TYPE, V_OLD)),
                    ota(PPMID, refuse.tsn(), QueryNextImageResponse.NO_IMAGE_AVAILABLE),
                    new TransferOutcome(PPMID, TransferResult.HARDWARE_MISMATCH, img.key(), 96, 0,
                            "the query carries no HardwareVersion, the image requires 0x0100..0x01FF and the policy "
                                    + "is REFUSE (R7.6); NO_IMAGE_AVAILABLE sent, 96 bytes not sent"));
            // An image without a range is served either way.
            refuse.stage(image(MFR, TYPE, 0x21, 5));
            assertTrue(onlyOta(refuse.send(PPMID, QueryNextImageRequest.of(MFR, TYPE, V_OLD)))
                    instanceof QueryNextImageResponse r && r.hasImage());
        }

        @Test
        void imageWithADestinationIsOfferedOnlyToThatDevice() {
            ServerHarness s = new ServerHarness();
            OtaImage img = s.stage(OtaImage.fromFile(OtaImageBuilder.create().manufacturerCode(MFR).imageType(TYPE)
                    .fileVersion(V_NEW).upgradeFileDestination(PPMID_2)
                    .element(0, OtaImageBuilder.generatedPayload(1, 20)).build()));
            assertEquals(QueryNextImageResponse.NO_IMAGE_AVAILABLE,
                    onlyOta(s.send(PPMID, QueryNextImageRequest.of(MFR, TYPE, V_OLD))));
            assertEquals(QueryNextImageResponse.success(MFR, TYPE, V_NEW, img.size()),
                    onlyOta(s.send(PPMID_2, QueryNextImageRequest.of(MFR, TYPE, V_OLD))));
        }

        @Test
        void queryAfterTheDownloadForAnotherImageReplacesTheTransfer() {
            ServerHarness s = offered(new ServerHarness(), image(MFR, TYPE, V_NEW, 10));
            s.send(PPMID, new UpgradeEndRequest(ZclStatus.SUCCESS, MFR, TYPE, V_NEW));
            OtaImage newer = s.stage(image(MFR, TYPE, 0x30, 10));
            // The client still runs V_OLD and is offered the newer image: it did not keep V_NEW.
            var a = s.send(PPMID, QueryNextImageRequest.of(MFR, TYPE, V_OLD));
            assertEquals(QueryNextImageResponse.success(MFR, TYPE, 0x30, newer.size()), otaOf(a));
            assertEquals(TransferState.IMAGE_OFFERED, s.server.state(PPMID));
            assertEquals(0x30, s.server.transferImage(PPMID).orElseThrow().fileVersion());
        }
    }

    // =====================================================================================
    @Nested
    class QueryDeviceSpecificFile {

        @Test
        void imageTypeOutsideTheDeviceSpecificRangeIsInvalidField() {
            ServerHarness s = new ServerHarness();
            var a = s.send(PPMID, new QueryDeviceSpecificFileRequest(PPMID, MFR, TYPE, 0, 2));
            assertEquals(defaultResponse(PPMID, s.tsn(), 0x08, ZclStatus.INVALID_FIELD), a.get(0));
            assertEquals(2, a.size());
        }

        @Test
        void noFileIsNoImageAvailable() {
            ServerHarness s = new ServerHarness();
            assertActions(s.send(PPMID, new QueryDeviceSpecificFileRequest(PPMID, MFR, 0xFFC1, 0, 2)),
                    ota(PPMID, s.tsn(), QueryDeviceSpecificFileResponse.NO_IMAGE_AVAILABLE));
        }

        @Test
        void fileForTheRequestNodeIsOfferedAndServed() {
            ServerHarness s = new ServerHarness();
            OtaImage file = s.stage(OtaImage.fromFile(OtaImageBuilder.create().manufacturerCode(MFR).imageType(0xFFC1)
                    .fileVersion(7).upgradeFileDestination(PPMID)
                    .element(0, OtaImageBuilder.generatedPayload(2, 20)).build()));
            assertEquals(QueryDeviceSpecificFileResponse.NO_IMAGE_AVAILABLE,
                    otaOf(s.send(PPMID, new QueryDeviceSpecificFileRequest(PPMID_2, MFR, 0xFFC1, 0, 2))));
            assertEquals(QueryDeviceSpecificFileResponse.success(MFR, 0xFFC1, 7, file.size()),
                    otaOf(s.send(PPMID, new QueryDeviceSpecificFileRequest(PPMID, MFR, 0xFFC1, 0, 2))));
            assertEquals(block(file, 0, 40), onlyOta(s.send(PPMID, ImageBlockRequest.of(MFR, 0xFFC1, 7, 0, 64))));
        }
    }

    // =====================================================================================
    @Nested
    class ImageBlockRequests {
        private final ServerHarness s = offered(new ServerHarness(), ranged());
        private final OtaImage img = s.server.store().image(new ImageKey(MFR, TYPE, V_NEW)).orElseThrow();

        @Test
        void dataSizeIsTheLeastOfMaximumDataSizeCapAndBytesLeft() {
            assertEquals(block(img, 0, 10), otaOf(s.send(PPMID, ImageBlockRequest.of(MFR, TYPE, V_NEW, 0, 10))));
            assertEquals(block(img, 10, 40), otaOf(s.send(PPMID, ImageBlockRequest.of(MFR, TYPE, V_NEW, 10, 255))));
            assertEquals(block(img, 90, 6), otaOf(s.send(PPMID, ImageBlockRequest.of(MFR, TYPE, V_NEW, 90, 40))));
            assertEquals(block(img, 95, 1), otaOf(s.send(PPMID, ImageBlockRequest.of(MFR, TYPE, V_NEW, 95, 40))));
        }

        @Test
        void optionalFieldsAreAccepted() {
            assertEquals(block(img, 5, 20), otaOf(s.send(PPMID, ImageBlockRequest.of(MFR, TYPE, V_NEW, 5, 20)
                    .withRequestNodeAddress(PPMID).withMinimumBlockPeriod(100))));
        }

        @Test
        void imageNotInTheBufferIsNoImageAvailable() {
            assertActions(s.send(PPMID, ImageBlockRequest.of(MFR, TYPE, 0x99, 0, 40)),
                    ota(PPMID, s.tsn(), new ImageBlockResponse.StatusOnly(ZclStatus.NO_IMAGE_AVAILABLE)));
        }

        @Test
        void imageNotOfferedToThisClientIsAborted() {
            assertActions(s.send(PPMID_2, ImageBlockRequest.of(MFR, TYPE, V_NEW, 0, 40)),
                    ota(PPMID_2, s.tsn(), ImageBlockResponse.StatusOnly.ABORT));
            s.stage(image(MFR, TYPE, 0x30, 5));
            assertActions(s.send(PPMID, ImageBlockRequest.of(MFR, TYPE, 0x30, 0, 40)),
                    ota(PPMID, s.tsn(), ImageBlockResponse.StatusOnly.ABORT));
        }

        @Test
        void maximumDataSizeZeroIsInvalidFieldEvenWithDisableDefaultResponse() {
            var a = s.sendNoDefaultResponse(PPMID, ImageBlockRequest.of(MFR, TYPE, V_NEW, 0, 0));
            assertEquals(defaultResponse(PPMID, s.tsn(), 0x03, ZclStatus.INVALID_FIELD), a.get(0));
            assertEquals(java.util.Optional.of(ZclStatus.INVALID_FIELD),
                    ((ServerAction.FrameRejected) a.get(1)).answeredWith());
        }

        @Test
        void blockAfterTheDownloadEndedIsAborted() {
            s.send(PPMID, new UpgradeEndRequest(ZclStatus.SUCCESS, MFR, TYPE, V_NEW));
            assertActions(s.send(PPMID, ImageBlockRequest.of(MFR, TYPE, V_NEW, 0, 40)),
                    ota(PPMID, s.tsn(), ImageBlockResponse.StatusOnly.ABORT));
        }

        @Test
        void perClientCapIsHonoured() {
            s.register(PPMID, ClientPolicy.DEFAULT.withBlockSizeCap(12));
            assertEquals(block(img, 0, 12), otaOf(s.send(PPMID, ImageBlockRequest.of(MFR, TYPE, V_NEW, 0, 50))));
        }
    }

    // =====================================================================================
    @Nested
    class WaitForData {

        @Test
        void r7_7_blockPastTheArrivedBytesGetsWaitForDataUntilTheyArrive() {
            ServerHarness s = new ServerHarness();
            OtaImage img = image(MFR, TYPE, V_NEW, 200);
            s.handle(new ServerEvent.StageImage(0, img, 100));
            s.send(PPMID, QueryNextImageRequest.of(MFR, TYPE, V_OLD));
            assertEquals(block(img, 80, 20), otaOf(s.send(PPMID, ImageBlockRequest.of(MFR, TYPE, V_NEW, 80, 40))));
            assertActions(s.send(PPMID, ImageBlockRequest.of(MFR, TYPE, V_NEW, 100, 40)),
                    ota(PPMID, s.tsn(), ImageBlockResponse.WaitForData.of(0, 10, 0)));
            assertActions(s.handle(new ServerEvent.ImageDataArrived(0, img.key(), img.size())));
            assertEquals(block(img, 100, 40), otaOf(s.send(PPMID, ImageBlockRequest.of(MFR, TYPE, V_NEW, 100, 40))));
        }

        @Test
        void throttleAnswersEveryBlockWithWaitForData() {
            ServerHarness s = offered(new ServerHarness(), ranged());
            assertActions(s.handle(new ServerEvent.SetThrottle(0, true)));
            assertTrue(s.server.isThrottled());
            assertEquals(ImageBlockResponse.WaitForData.of(0, 10, 0),
                    onlyOta(s.send(PPMID, ImageBlockRequest.of(MFR, TYPE, V_NEW, 0, 40))));
            s.handle(new ServerEvent.SetThrottle(0, false));
            assertTrue(onlyOta(s.send(PPMID, ImageBlockRequest.of(MFR, TYPE, V_NEW, 0, 40)))
                    instanceof ImageBlockResponse.Success);
        }

        @Test
        void legacyNineByteFormAndUtcTimes() {
            ServerHarness s = offered(new ServerHarness(ServerHarness.config().withWaitForData(
                    OtaServerConfig.WaitForDataForm.WITHOUT_MINIMUM_BLOCK_PERIOD, 0, java.time.Duration.ofSeconds(30),
                    OtaServerConfig.TimeForm.UTC), UtcClock.fromOrigin(1000)), ranged());
            s.handle(new ServerEvent.SetThrottle(0, true));
            s.at(7 * SECOND + 999_999);
            var a = s.send(PPMID, ImageBlockRequest.of(MFR, TYPE, V_NEW, 0, 40));
            assertActions(a, ota(PPMID, s.tsn(), ImageBlockResponse.WaitForData.withoutMinimumBlockPeriod(1007, 1037)));
            assertEquals(9 + 3, ((ServerAction.SendFrame) a.get(0)).zclFrame().length());
        }

        @Test
        void busyServerMakesAFurtherClientWait() {
            ServerHarness s = new ServerHarness(ServerHarness.config().withMaxConcurrentTransfers(1));
            OtaImage img = s.stage(ranged());
            s.send(PPMID, QueryNextImageRequest.of(MFR, TYPE, V_OLD));
            s.send(PPMID_2, QueryNextImageRequest.of(MFR, TYPE, V_OLD));
            assertEquals(block(img, 0, 40), otaOf(s.send(PPMID, ImageBlockRequest.of(MFR, TYPE, V_NEW, 0, 40))));
            assertEquals(ImageBlockResponse.WaitForData.of(0, 10, 0),
                    onlyOta(s.send(PPMID_2, ImageBlockRequest.of(MFR, TYPE, V_NEW, 0, 40))));
            assertEquals(block(img, 40, 40), otaOf(s.send(PPMID, ImageBlockRequest.of(MFR, TYPE, V_NEW, 40, 40))));
            s.send(PPMID, new UpgradeEndRequest(ZclStatus.SUCCESS, MFR, TYPE, V_NEW));
            assertEquals(block(img, 0, 40), otaOf(s.send(PPMID_2, ImageBlockRequest.of(MFR, TYPE, V_NEW, 0, 40))));
        }
    }

    // =====================================================================================
    @Nested
    class UpgradeEnd {

        private ServerHarness downloaded(OtaServerConfig config) {
            return downloaded(new ServerHarness(config));
        }

        private ServerHarness downloaded(ServerHarness fresh) {
            ServerHarness s = offered(fresh, ranged());
            s.send(PPMID, ImageBlockRequest.of(MFR, TYPE, V_NEW, 0, 40));
            return s.at(10 * SECOND);
        }

        @Test
        void afterADelay() {
            ServerHarness s = downloaded(ServerHarness.config().withActivation(ActivationPolicy.afterSeconds(120)));
            var a = s.send(PPMID, new UpgradeEndRequest(ZclStatus.SUCCESS, MFR, TYPE, V_NEW));
            assertTrue(a.contains(ota(PPMID, s.tsn(), new UpgradeEndResponse(MFR, TYPE, V_NEW, 0, 120))));
            assertTrue(a.contains(setTimer(PPMID, Kind.READ_BACK, 190 * SECOND)));
            // A repeated request (the response was lost) gets the time still to go, rounded up.
            s.at(70 * SECOND + 1);
            assertActions(s.send(PPMID, new UpgradeEndRequest(ZclStatus.SUCCESS, MFR, TYPE, V_NEW)),
                    ota(PPMID, s.tsn(), new UpgradeEndResponse(MFR, TYPE, V_NEW, 0, 60)));
        }

        @Test
        void atAUtcTime() {
            ServerHarness s = downloaded(new ServerHarness(ServerHarness.config()
                    .withActivation(ActivationPolicy.atUtc(6000)), UtcClock.fromOrigin(5000)));
            var a = s.send(PPMID, new UpgradeEndRequest(ZclStatus.SUCCESS, MFR, TYPE, V_NEW));
            assertTrue(a.contains(ota(PPMID, s.tsn(), new UpgradeEndResponse(MFR, TYPE, V_NEW, 5010, 6000))));
            assertTrue(a.contains(setTimer(PPMID, Kind.READ_BACK, 1060 * SECOND)));
            s.at(2000 * SECOND);
            // The time is past: sent as "now" (UpgradeTime = CurrentTime), never UpgradeTime < CurrentTime.
            assertActions(s.send(PPMID, new UpgradeEndRequest(ZclStatus.SUCCESS, MFR, TYPE, V_NEW)),
                    ota(PPMID, s.tsn(), new UpgradeEndResponse(MFR, TYPE, V_NEW, 7000, 7000)));
        }

        @Test
        void r7_5_waitForCommandThenActivateNow() {
            ServerHarness s = downloaded(ServerHarness.config());
            s.register(PPMID, ClientPolicy.DEFAULT.withActivation(ActivationPolicy.waitForCommand()));
            OtaImage img = s.server.store().image(new ImageKey(MFR, TYPE, V_NEW)).orElseThrow();
            var a = s.send(PPMID, new UpgradeEndRequest(ZclStatus.SUCCESS, MFR, TYPE, V_NEW));
            assertTrue(a.contains(ota(PPMID, s.tsn(), new UpgradeEndResponse(MFR, TYPE, V_NEW, 0, 0xFFFF_FFFFL))));
            assertEquals(TransferState.WAITING_FOR_UPGRADE_COMMAND, s.server.state(PPMID));
            // The client re-asks (Silicon Labs: every 60 min): told to wait again.
            s.at(3600 * SECOND);
            assertActions(s.send(PPMID, new UpgradeEndRequest(ZclStatus.SUCCESS, MFR, TYPE, V_NEW)),
                    ota(PPMID, s.tsn(), new UpgradeEndResponse(MFR, TYPE, V_NEW, 0, 0xFFFF_FFFFL)));
            s.at(4000 * SECOND);
            assertActions(s.handle(new ServerEvent.ActivateNow(s.now, PPMID)),
                    ota(PPMID, 0, new UpgradeEndResponse(MFR, TYPE, V_NEW, 0, 0)),
                    progress(PPMID, img, Milestone.ACTIVATION_COMMANDED, 40),
                    setTimer(PPMID, Kind.READ_BACK, 4060 * SECOND));
            var again = new ServerEvent.ActivateNow(s.now, PPMID);
            assertActions(s.handle(again), new ServerAction.CommandRefused(again,
                    new Refusal.NoUpgradePending(PPMID, TransferState.WAITING_TO_UPGRADE)));
        }

        @Test
        void r7_8_abortCountsAFailureAndTheClientMayStartAgain() {
            ServerHarness s = downloaded(ServerHarness.config());
            OtaImage img = s.server.store().image(new ImageKey(MFR, TYPE, V_NEW)).orElseThrow();
            assertActions(s.send(PPMID, new UpgradeEndRequest(ZclStatus.ABORT, MFR, TYPE, V_NEW)),
                    defaultResponse(PPMID, s.tsn(), 0x06, ZclStatus.SUCCESS),
                    progress(PPMID, img, Milestone.CLIENT_ABORTED, 40));
            assertEquals(TransferState.AWAITING_RESTART, s.server.state(PPMID));
            // It starts again with a query, then with a block.
            assertEquals(QueryNextImageResponse.success(MFR, TYPE, V_NEW, 96),
                    onlyOta(s.send(PPMID, QueryNextImageRequest.of(MFR, TYPE, V_OLD))));
            assertEquals(TransferState.IMAGE_OFFERED, s.server.state(PPMID));
            s.send(PPMID, new UpgradeEndRequest(ZclStatus.ABORT, MFR, TYPE, V_NEW));
            assertEquals(block(img, 0, 40), otaOf(s.send(PPMID, ImageBlockRequest.of(MFR, TYPE, V_NEW, 0, 40))));
            // The third failure ends it: FILE_TRANSFER_FAILURE.
            assertActions(s.send(PPMID, new UpgradeEndRequest(ZclStatus.ABORT, MFR, TYPE, V_NEW)),
                    defaultResponse(PPMID, s.tsn(), 0x06, ZclStatus.SUCCESS),
                    progress(PPMID, img, Milestone.CLIENT_ABORTED, 80),
                    new TransferOutcome(PPMID, TransferResult.ABORTED, img.key(), 96, 80,
                            "Upgrade End Request ABORT, failure 3 of 3 allowed"),
                    cancelTimer(PPMID, Kind.TRANSFER_STALL));
            assertEquals(TransferState.IDLE, s.server.state(PPMID));
        }

        @Test
        void invalidImageIsImageDiscarded() {
            ServerHarness s = downloaded(ServerHarness.config().withTimeouts(OtaServerConfig.Timeouts.DEFAULT
                    .withMaxFailures(1)));
            var a = s.send(PPMID, new UpgradeEndRequest(ZclStatus.INVALID_IMAGE, MFR, TYPE, V_NEW));
            assertEquals(defaultResponse(PPMID, s.tsn(), 0x06, ZclStatus.SUCCESS), a.get(0));
            assertEquals(TransferResult.INVALID_IMAGE, ServerHarness.only(a, TransferOutcome.class).get(0).result());
            assertEquals(List.of(), ServerHarness.otaSent(a));
        }

        @Test
        void failureWithDisableDefaultResponseIsAnsweredWithSilence() {
            ServerHarness s = downloaded(ServerHarness.config());
            var a = s.sendNoDefaultResponse(PPMID, new UpgradeEndRequest(ZclStatus.ABORT, MFR, TYPE, V_NEW));
            assertEquals(1, a.size(), () -> ServerHarness.describe(a));
            assertTrue(a.get(0) instanceof ServerAction.TransferProgress);
        }

        @Test
        void r7_9_requireMoreImageWaitsForTheNextQuery() {
            ServerHarness s = downloaded(ServerHarness.config());
            OtaImage part2 = s.stage(image(MFR, TYPE, 0x21, 10));
            OtaImage img = s.server.store().image(new ImageKey(MFR, TYPE, V_NEW)).orElseThrow();
            assertActions(s.send(PPMID, new UpgradeEndRequest(ZclStatus.REQUIRE_MORE_IMAGE, MFR, TYPE, V_NEW)),
                    defaultResponse(PPMID, s.tsn(), 0x06, ZclStatus.SUCCESS),
                    progress(PPMID, img, Milestone.PART_COMPLETE, 40));
            assertEquals(TransferState.WAITING_FOR_MORE, s.server.state(PPMID));
            var a = s.send(PPMID, QueryNextImageRequest.of(MFR, TYPE, V_NEW));
            assertEquals(QueryNextImageResponse.success(MFR, TYPE, 0x21, part2.size()), otaOf(a));
            assertEquals(List.of(), ServerHarness.only(a, TransferOutcome.class));
            assertEquals(TransferState.IMAGE_OFFERED, s.server.state(PPMID));
        }

        @Test
        void requireMoreImageWithNoFurtherQueryStalls() {
            ServerHarness s = downloaded(ServerHarness.config());
            s.send(PPMID, new UpgradeEndRequest(ZclStatus.REQUIRE_MORE_IMAGE, MFR, TYPE, V_NEW));
            s.at(400 * SECOND);
            var a = s.fire(PPMID, Kind.TRANSFER_STALL);
            TransferOutcome o = ServerHarness.only(a, TransferOutcome.class).get(0);
            assertEquals(TransferResult.TIMED_OUT, o.result());
            assertEquals("after REQUIRE_MORE_IMAGE the client did not query again within 300 s; 40 of 96 bytes served",
                    o.reason());
        }

        @Test
        void successForAnImageNotBeingDownloadedIsDefaultResponseAbort() {
            ServerHarness s = new ServerHarness();
            s.stage(ranged());
            var a = s.sendNoDefaultResponse(PPMID, new UpgradeEndRequest(ZclStatus.SUCCESS, MFR, TYPE, V_NEW));
            assertEquals(defaultResponse(PPMID, s.tsn(), 0x06, ZclStatus.ABORT), a.get(0));
            assertEquals(2, a.size());
            assertActions(s.send(PPMID, new UpgradeEndRequest(ZclStatus.INVALID_IMAGE, MFR, TYPE, V_NEW)),
                    defaultResponse(PPMID, s.tsn(), 0x06, ZclStatus.SUCCESS));
            ServerHarness d = downloaded(ServerHarness.config());
            assertEquals(defaultResponse(PPMID, d.tsn() + 1, 0x06, ZclStatus.ABORT),
                    d.send(PPMID, new UpgradeEndRequest(ZclStatus.SUCCESS, MFR, TYPE, 0x77)).get(0));
            assertEquals(TransferState.DOWNLOADING, d.server.state(PPMID));
        }

        @Test
        void failureAfterSuccessKeepsTheReadBackGoing() {
            ServerHarness s = downloaded(ServerHarness.config());
            s.send(PPMID, new UpgradeEndRequest(ZclStatus.SUCCESS, MFR, TYPE, V_NEW));
            var a = s.send(PPMID, new UpgradeEndRequest(ZclStatus.INVALID_IMAGE, MFR, TYPE, V_NEW));
            assertEquals(defaultResponse(PPMID, s.tsn(), 0x06, ZclStatus.SUCCESS), a.get(0));
            assertEquals(TransferState.WAITING_TO_UPGRADE, s.server.state(PPMID));
        }
    }

    // =====================================================================================
    @Nested
    class Stall {

        @Test
        void r7_8_stallReportsFileTransferFailureCode3() {
            ServerHarness s = offered(new ServerHarness(), ranged());
            s.at(100 * SECOND);
            s.send(PPMID, ImageBlockRequest.of(MFR, TYPE, V_NEW, 0, 40));
            // Due at 300 s from the offer, but the block at 100 s moved the deadline: set again.
            s.at(300 * SECOND);
            assertActions(s.fire(PPMID, Kind.TRANSFER_STALL), setTimer(PPMID, Kind.TRANSFER_STALL, 400 * SECOND));
            s.at(400 * SECOND);
            assertActions(s.fire(PPMID, Kind.TRANSFER_STALL),
                    new TransferOutcome(PPMID, TransferResult.TIMED_OUT, new ImageKey(MFR, TYPE, V_NEW), 96, 40,
                            "no request from the client within 300 s; 40 of 96 bytes served"));
            assertEquals(TransferState.IDLE, s.server.state(PPMID));
        }

        @Test
        void peer9_afterTheLastByteTheEndRequestTimeoutApplies() {
            ServerHarness s = offered(new ServerHarness(), ranged());
            s.register(PPMID, ClientPolicy.DEFAULT.withEndRequestTimeout(java.time.Duration.ofHours(1)));
            s.send(PPMID, ImageBlockRequest.of(MFR, TYPE, V_NEW, 56, 40));
            s.at(301 * SECOND);
            assertActions(s.fire(PPMID, Kind.TRANSFER_STALL), setTimer(PPMID, Kind.TRANSFER_STALL, 3601 * SECOND));
            s.at(3601 * SECOND);
            TransferOutcome o = ServerHarness.only(s.fire(PPMID, Kind.TRANSFER_STALL), TransferOutcome.class).get(0);
            assertEquals("no Upgrade End Request after the last byte was served within 3600 s; 40 of 96 bytes served",
                    o.reason());
        }

        @Test
        void perClientStallTimeout() {
            ServerHarness s = new ServerHarness();
            s.register(PPMID, ClientPolicy.DEFAULT.withStallTimeout(java.time.Duration.ofSeconds(30)));
            s.stage(ranged());
            assertTrue(s.send(PPMID, QueryNextImageRequest.of(MFR, TYPE, V_OLD))
                    .contains(setTimer(PPMID, Kind.TRANSFER_STALL, 30 * SECOND)));
        }

        @Test
        void firingThatMatchesNoArmedTimerIsIgnored() {
            ServerHarness s = new ServerHarness();
            for (Kind k : Kind.values()) {
                assertActions(s.fire(PPMID, k));
            }
            offered(s, ranged());
            assertActions(s.fire(PPMID, Kind.READ_BACK));
            assertActions(s.fire(PPMID, Kind.PAGE_BLOCK));
        }
    }

    // =====================================================================================
    @Nested
    class ReadBack {

        private ServerHarness ended(OtaServerConfig config) {
            ServerHarness s = offered(new ServerHarness(config), ranged());
            s.send(PPMID, new UpgradeEndRequest(ZclStatus.SUCCESS, MFR, TYPE, V_NEW));
            return s.at(61 * SECOND);
        }

        @Test
        void r7_10_retriesThenReportsNoAnswer() {
            ServerHarness s = ended(ServerHarness.config());
            ImageKey k = new ImageKey(MFR, TYPE, V_NEW);
            assertActions(s.fire(PPMID, Kind.READ_BACK), readAttributes(PPMID, 0),
                    setTimer(PPMID, Kind.READ_BACK_RESPONSE, 91 * SECOND));
            s.at(91 * SECOND);
            assertActions(s.fire(PPMID, Kind.READ_BACK_RESPONSE), readAttributes(PPMID, 1),
                    setTimer(PPMID, Kind.READ_BACK_RESPONSE, 121 * SECOND));
            s.at(121 * SECOND);
            assertActions(s.fire(PPMID, Kind.READ_BACK_RESPONSE), readAttributes(PPMID, 2),
                    setTimer(PPMID, Kind.READ_BACK_RESPONSE, 151 * SECOND));
            s.at(151 * SECOND);
            assertActions(s.fire(PPMID, Kind.READ_BACK_RESPONSE),
                    new ServerAction.ReadBackResult(PPMID, k, ReadBackStatus.NO_ANSWER, OptionalLong.empty(),
                            java.util.Optional.empty(), 3));
            assertEquals(TransferState.IDLE, s.server.state(PPMID));
        }

        @Test
        void r7_10_lateAnswerToAnEarlierAttemptCounts() {
            ServerHarness s = ended(ServerHarness.config());
            s.fire(PPMID, Kind.READ_BACK);
            s.at(91 * SECOND);
            s.fire(PPMID, Kind.READ_BACK_RESPONSE);
            var a = s.answerReadBack(PPMID, 0, version(V_OLD));
            assertEquals(new ServerAction.ReadBackResult(PPMID, new ImageKey(MFR, TYPE, V_NEW),
                    ReadBackStatus.VERSION_DIFFERS, OptionalLong.of(V_OLD), java.util.Optional.empty(), 2), a.get(0));
        }

        /**
         * A client whose new image did not boot comes back on its old version and queries again
         * before the read-back: its CurrentFileVersion is the read-back's answer (R7.10, R7.14).
         */
        @Test
        void r7_10_aQueryAfterTheUpgradeAnswersTheReadBack() {
            ServerHarness s = ended(ServerHarness.config());
            var actions = s.send(PPMID, QueryNextImageRequest.of(MFR, TYPE, V_OLD).withHardwareVersion(0x0110));
            assertTrue(actions.contains(new ServerAction.ReadBackResult(PPMID, new ImageKey(MFR, TYPE, V_NEW),
                    ReadBackStatus.VERSION_DIFFERS, OptionalLong.of(V_OLD), java.util.Optional.empty(), 0)), actions.toString());
        }

        @Test
        void answerWithAnotherTransactionNumberIsNotTheReadBack() {
            ServerHarness s = ended(ServerHarness.config());
            s.fire(PPMID, Kind.READ_BACK);
            assertActions(s.answerReadBack(PPMID, 0x77, version(V_NEW)));
            assertEquals(TransferState.READING_BACK, s.server.state(PPMID));
        }

        @Test
        void r7_10_afterReadBackTimingMapsTheVersionToCcs08() {
            OtaServerConfig cfg = ServerHarness.config().withReadBack(OtaServerConfig.ReadBack.DEFAULT
                    .withOutcomeTiming(OtaServerConfig.OutcomeTiming.AFTER_READ_BACK));
            ServerHarness s = ended(cfg);
            s.fire(PPMID, Kind.READ_BACK);
            var a = s.answerReadBack(PPMID, 0, version(V_OLD));
            TransferOutcome o = ServerHarness.only(a, TransferOutcome.class).get(0);
            assertEquals(TransferResult.VERSION_UNCHANGED, o.result());
            assertEquals("read back CurrentFileVersion 0x00000010, not the image's 0x00000020", o.reason());

            ServerHarness ok = ended(cfg);
            ok.fire(PPMID, Kind.READ_BACK);
            assertEquals(TransferResult.UPGRADED, ServerHarness.only(ok.answerReadBack(PPMID, 0, version(V_NEW)),
                    TransferOutcome.class).get(0).result());

            ServerHarness silent = ended(cfg.withReadBack(cfg.readBack().withAttempts(1)));
            silent.fire(PPMID, Kind.READ_BACK);
            silent.at(200 * SECOND);
            assertEquals(TransferResult.READ_BACK_FAILED, ServerHarness.only(
                    silent.fire(PPMID, Kind.READ_BACK_RESPONSE), TransferOutcome.class).get(0).result());
        }

        @Test
        void defaultResponseErrorToTheReadIsAReadFailure() {
            ServerHarness s = ended(ServerHarness.config());
            s.fire(PPMID, Kind.READ_BACK);
            var a = s.sendGeneral(PPMID, io.hansim.zigbee.zcl.GeneralFrame.of(
                    io.hansim.zigbee.zcl.ZclHeader.Direction.CLIENT_TO_SERVER, true, 0,
                    new io.hansim.zigbee.zcl.DefaultResponse(0x00, ZclStatus.UNSUP_GENERAL_COMMAND)));
            assertEquals(new ServerAction.DefaultResponseReceived(PPMID, 0x00, ZclStatus.UNSUP_GENERAL_COMMAND),
                    a.get(0));
            assertEquals(new ServerAction.ReadBackResult(PPMID, new ImageKey(MFR, TYPE, V_NEW),
                    ReadBackStatus.READ_FAILED, OptionalLong.empty(),
                    java.util.Optional.of(ZclStatus.UNSUP_GENERAL_COMMAND), 1), a.get(1));
        }

        @Test
        void valueOfTheWrongTypeIsAReadFailure() {
            ServerHarness s = ended(ServerHarness.config());
            s.fire(PPMID, Kind.READ_BACK);
            var a = s.answerReadBack(PPMID, 0, io.hansim.zigbee.zcl.ReadAttributesResponse.StatusRecord.success(
                    OtaServer.CURRENT_FILE_VERSION, io.hansim.zigbee.zcl.ZclValue.uint16(0x20)));
            assertEquals(ReadBackStatus.READ_FAILED,
                    ServerHarness.only(a, ServerAction.ReadBackResult.class).get(0).status());
        }

        @Test
        void withoutReadBackTheTransferEndsAtTheUpgradeEndResponse() {
            ServerHarness s = offered(new ServerHarness(ServerHarness.config().withReadBack(
                    OtaServerConfig.ReadBack.DEFAULT.withEnabled(false))), ranged());
            var a = s.send(PPMID, new UpgradeEndRequest(ZclStatus.SUCCESS, MFR, TYPE, V_NEW));
            assertEquals(TransferResult.UPGRADED, ServerHarness.only(a, TransferOutcome.class).get(0).result());
            assertEquals(TransferState.IDLE, s.server.state(PPMID));
        }

        @Test
        void clientQueryingWithTheNewVersionBeforeTheReadBackIsNotDisturbed() {
            ServerHarness s = ended(ServerHarness.config());
            assertActions(s.send(PPMID, QueryNextImageRequest.of(MFR, TYPE, V_NEW)),
                    ota(PPMID, s.tsn(), QueryNextImageResponse.NO_IMAGE_AVAILABLE));
            assertEquals(TransferState.WAITING_TO_UPGRADE, s.server.state(PPMID));
        }
    }

    // =====================================================================================
    @Test
    void hostsSeeTheStoreAndTheConfiguration() {
        ServerHarness s = new ServerHarness();
        assertEquals(CH, s.server.config().serverEui64());
        OtaImage img = s.stage(ranged());
        assertEquals(List.of(img.key()), s.server.store().keys());
        assertEquals(OptionalLong.of(96), s.server.store().availableBytes(img.key()));
        assertEquals(96, s.server.store().usedBytes());
        assertEquals((4L << 20) - 96, s.server.store().freeBytes());
        assertEquals(1, s.server.store().imageCount());
    }

    private static io.hansim.zigbee.ota.OtaCommand otaOf(List<ServerAction> actions) {
        return ServerHarness.otaSent(actions).get(0);
    }
}
