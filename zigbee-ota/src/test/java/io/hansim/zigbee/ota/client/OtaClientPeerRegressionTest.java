package io.hansim.zigbee.ota.client;

import io.hansim.zigbee.ota.ImageBlockRequest;
import io.hansim.zigbee.ota.ImageBlockResponse;
import io.hansim.zigbee.ota.ImageNotify;
import io.hansim.zigbee.ota.OtaCodec;
import io.hansim.zigbee.ota.QueryNextImageRequest;
import io.hansim.zigbee.ota.QueryNextImageResponse;
import io.hansim.zigbee.ota.UpgradeEndRequest;
import io.hansim.zigbee.ota.UpgradeEndResponse;
import io.hansim.zigbee.ota.attr.OtaClientAttribute;
import io.hansim.zigbee.zcl.Bytes;
import io.hansim.zigbee.zcl.DefaultResponse;
import io.hansim.zigbee.zcl.ReadAttributes;
import io.hansim.zigbee.zcl.ReadAttributesResponse;
import io.hansim.zigbee.zcl.ZclDecodeException;
import io.hansim.zigbee.zcl.ZclStatus;
import io.hansim.zigbee.zcl.ZclValue;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.hansim.zigbee.ota.client.Actions.Discarded;
import static io.hansim.zigbee.ota.client.Actions.IgnoredAs;
import static io.hansim.zigbee.ota.client.Actions.norm;
import static io.hansim.zigbee.ota.client.Actions.sent;
import static io.hansim.zigbee.ota.client.Actions.sentOta;
import static io.hansim.zigbee.ota.client.ClientHarness.SERVER;
import static io.hansim.zigbee.ota.client.ClientHarness.profile;
import static io.hansim.zigbee.ota.client.ClientProfile.HOUR;
import static io.hansim.zigbee.ota.client.ClientProfile.MINUTE;
import static io.hansim.zigbee.ota.client.ClientProfile.SECOND;
import static io.hansim.zigbee.ota.client.TestImages.IMAGE_TYPE;
import static io.hansim.zigbee.ota.client.TestImages.MANUFACTURER;
import static io.hansim.zigbee.ota.client.TestImages.NEW_VERSION;
import static io.hansim.zigbee.ota.client.TestImages.OLD_VERSION;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The client-side peer failures of zigbee-ota.md §9: the default profile does the right thing, and
 * the named {@link ClientQuirk} reproduces the failure so that a server can be tested against it.
 */
class OtaClientPeerRegressionTest {

    private static final Bytes IMAGE = TestImages.gbSigned(NEW_VERSION, 300);
    private static final QueryNextImageRequest QUERY =
            QueryNextImageRequest.of(MANUFACTURER, IMAGE_TYPE, OLD_VERSION).withHardwareVersion(TestImages.HARDWARE);

    private static ImageBlockRequest request(long offset, int size) {
        return ImageBlockRequest.of(MANUFACTURER, IMAGE_TYPE, NEW_VERSION, offset, size).withMinimumBlockPeriod(0);
    }

    private static ClientHarness downloading(ClientProfile profile) {
        ClientHarness h = new ClientHarness(profile).serving(IMAGE, NEW_VERSION);
        h.powerOn();
        h.offer();
        return h;
    }

    // ---- #1 sleepy or remote device: never queries, never hears a notify

    @Test
    void peer1_aCompliantClientQueriesOnItsOwnAndOnNotify() {
        ClientHarness h = new ClientHarness(profile().startDelayMax(MINUTE).build());
        h.powerOn();
        assertTrue(h.timers.containsKey(ClientTimer.QUERY));
        assertEquals(List.of(QUERY), sentOta(h.fromServer(ImageNotify.of(100))));
    }

    @Test
    void peer1_neverQueriesAndIgnoresNotifyNeverStartsAnUpgrade() {
        ClientHarness h = new ClientHarness(profile().startDelayMax(MINUTE)
                .quirk(ClientQuirk.NEVER_QUERIES).quirk(ClientQuirk.IGNORES_NOTIFY).build());
        h.powerOn();
        assertTrue(h.timers.isEmpty(), "no periodic query");
        assertEquals(List.of(new IgnoredAs(IgnoreReason.DROPPED_BY_QUIRK)), norm(h.startQuery()));
        assertEquals(List.of(new IgnoredAs(IgnoreReason.DROPPED_BY_QUIRK)),
                norm(h.fromServerWantingAnswer(ImageNotify.of(100))), "not even a Default Response");
        assertEquals(OtaClient.State.IDLE, h.client.state());
    }

    @Test
    void peer1_neverQueriesAloneStillAnswersANotifyLikeAnXBee3() {
        ClientHarness h = new ClientHarness(profile().quirk(ClientQuirk.NEVER_QUERIES).build());
        h.powerOn();
        assertTrue(h.timers.isEmpty());
        assertEquals(List.of(QUERY), sentOta(h.fromServer(ImageNotify.of(100))));
        h.fromServer(QueryNextImageResponse.NO_IMAGE_AVAILABLE);
        assertTrue(h.timers.isEmpty(), "and no periodic query after it");
    }

    // ---- #3 blocks shorter than asked

    @Test
    void peer3_blocksShorterThanAskedAreAcceptedByDefault() {
        ClientHarness h = downloading(profile().maximumDataSize(48).build());
        assertEquals(List.of(ImageBlockRequest.of(MANUFACTURER, IMAGE_TYPE, NEW_VERSION, 40, 48).withMinimumBlockPeriod(0)),
                sentOta(h.serveBlock(0, 40)));
    }

    @Test
    void peer3_rejectsShortBlocksFailsTheUpgradeWhenAsked48AndGiven40() {
        ClientHarness h = downloading(profile().maximumDataSize(48).quirk(ClientQuirk.REJECTS_SHORT_BLOCKS).build());
        List<ClientAction> a = h.serveBlock(0, 40);
        assertEquals(List.of(new UpgradeEndRequest(ZclStatus.ABORT, MANUFACTURER, IMAGE_TYPE, NEW_VERSION)), sentOta(a));
        assertTrue(norm(a).contains(new Discarded(DiscardReason.SHORT_BLOCK_REJECTED)));
        assertEquals(OtaClient.State.IDLE, h.client.state());
        assertTrue(Actions.of(a, ClientAction.StoreBlock.class).isEmpty());
    }

    @Test
    void peer3_theLastBlockOfTheImageIsNeverShort() {
        ClientHarness h = downloading(profile().maximumDataSize(64).quirk(ClientQuirk.REJECTS_SHORT_BLOCKS).build());
        assertEquals(List.of(new UpgradeEndRequest(ZclStatus.SUCCESS, MANUFACTURER, IMAGE_TYPE, NEW_VERSION)),
                sentOta(h.serveAll(h.serveBlock(0, 64))));
    }

    // ---- #6 reset to offset 0 after one lost block

    @Test
    void peer6_lostBlockResumesFromFileOffset() {
        ClientHarness h = downloading(profile().build());
        h.serveBlock(0, 64);
        h.serveBlock(64, 64);
        h.fire(ClientTimer.RESPONSE); // the block at 128 is lost
        assertEquals(List.of(request(128, 64)), sentOta(h.fire(ClientTimer.BLOCK_REQUEST)));
        assertEquals(128, h.client.fileOffset());
    }

    @Test
    void peer6_restartFromZeroOnTimeoutResetsTheDownloadAndGoesQuiet() {
        ClientHarness h = downloading(profile().quirk(ClientQuirk.RESTART_FROM_ZERO_ON_TIMEOUT).build());
        h.serveBlock(0, 64);
        h.serveBlock(64, 64);
        List<ClientAction> a = h.fire(ClientTimer.RESPONSE);
        assertEquals(new Discarded(DiscardReason.RESTARTED_AFTER_TIMEOUT), norm(a.get(0)));
        assertEquals(List.of(), sentOta(a), "no retry of the block");
        assertEquals(ZclValue.uint32(0), h.client.attribute(OtaClientAttribute.FILE_OFFSET).orElseThrow());
        assertEquals(ImageUpgradeStatus.NORMAL, h.client.imageUpgradeStatus());
        // the next query starts over at 0
        h.fire(ClientTimer.QUERY);
        assertEquals(List.of(request(0, 64)), sentOta(h.offer()));
    }

    // ---- #8 block responses dropped by the client

    @Test
    void peer8_aCompliantClientUsesEveryBlockResponse() {
        ClientHarness h = new ClientHarness().serving(IMAGE, NEW_VERSION);
        h.powerOn();
        h.downloadAll();
        assertEquals(7, Actions.of(h.log, ClientAction.StoreBlock.class).size());
        assertFalse(norm(h.log).contains(new IgnoredAs(IgnoreReason.DROPPED_BY_QUIRK)));
    }

    @Test
    void peer8_droppedBlockResponsesStallTheDownloadUntilTheClientAsksAgain() {
        ClientHarness h = downloading(profile().quirk(ClientQuirk.DROPS_BLOCK_RESPONSES)
                .droppedBlockResponsePercent(40).build());
        int served = 0;
        int dropped = 0;
        while (h.client.state() == OtaClient.State.DOWNLOADING) {
            ImageBlockRequest req = Actions.lastBlockRequest(h.log.subList(h.log.size() - 3, h.log.size()));
            List<ClientAction> a;
            if (req != null) {
                a = h.serveBlock(req.fileOffset(), req.maximumDataSize());
                served++;
                if (norm(a).contains(new IgnoredAs(IgnoreReason.DROPPED_BY_QUIRK))) {
                    dropped++;
                    h.fire(ClientTimer.RESPONSE);
                }
            }
            if (h.timers.containsKey(ClientTimer.BLOCK_REQUEST)) {
                h.fire(ClientTimer.BLOCK_REQUEST);
            }
        }
        assertTrue(dropped > 0, "seeded: some responses are dropped");
        assertEquals(7 + dropped, served);
        assertEquals(IMAGE, h.client.heldImage().orElseThrow().image());
    }

    // ---- #9 slow verification

    @Test
    void peer9_verificationIsImmediateByDefault() {
        ClientHarness h = downloading(profile().build());
        h.now = 5 * SECOND;
        List<ClientAction> a = h.serveAll(h.serveBlock(0, 64));
        assertEquals(List.of(new UpgradeEndRequest(ZclStatus.SUCCESS, MANUFACTURER, IMAGE_TYPE, NEW_VERSION)), sentOta(a));
    }

    @Test
    void peer9_slowVerifyOutlastsA30SecondServerStallTimer() {
        ClientHarness h = downloading(profile().quirk(ClientQuirk.SLOW_VERIFY).build());
        h.serveAll(h.serveBlock(0, 64));
        long lastBlockAt = h.now;
        assertEquals(ImageUpgradeStatus.DOWNLOAD_COMPLETE, h.client.imageUpgradeStatus());
        List<ClientAction> a = h.fire(ClientTimer.VERIFY);
        assertEquals(31 * SECOND, h.now - lastBlockAt, "after the server's 30 s stall timer");
        assertEquals(List.of(new UpgradeEndRequest(ZclStatus.SUCCESS, MANUFACTURER, IMAGE_TYPE, NEW_VERSION)), sentOta(a));
    }

    // ---- #10 the Legrand loop

    @Test
    void peer10_aCompliantClientAsksForFullBlocksAfterAShortOne() {
        ClientHarness h = downloading(profile().maximumDataSize(62).build());
        assertEquals(List.of(ImageBlockRequest.of(MANUFACTURER, IMAGE_TYPE, NEW_VERSION, 50, 62).withMinimumBlockPeriod(0)),
                sentOta(h.serveBlock(0, 50)));
    }

    @Test
    void peer10_legrandLoopsAtOffset50Size12AfterGetting50Of62Bytes() {
        ClientHarness h = downloading(profile().maximumDataSize(62).quirk(ClientQuirk.LEGRAND_OFFSET_LOOP).build());
        ImageBlockRequest rest = ImageBlockRequest.of(MANUFACTURER, IMAGE_TYPE, NEW_VERSION, 50, 12).withMinimumBlockPeriod(0);
        UpgradeEndRequest invalid = new UpgradeEndRequest(ZclStatus.INVALID_IMAGE, MANUFACTURER, IMAGE_TYPE, NEW_VERSION);
        assertEquals(List.of(rest), sentOta(h.serveBlock(0, 50))); // the server caps blocks at 50
        for (int attempt = 0; attempt < 3; attempt++) {
            assertEquals(List.of(invalid), sentOta(h.serveBlock(50, 12)));
            assertEquals(OtaClient.State.IDLE, h.client.state());
            assertEquals(50, h.client.fileOffset());
            h.startQuery();
            assertEquals(List.of(rest), sentOta(h.offer()), "the retry asks for the same rest again");
        }
    }

    // ---- #12 CurrentFileVersion unsupported

    @Test
    void peer12_currentFileVersionIsReadableByDefault() {
        ClientHarness h = new ClientHarness();
        h.powerOn();
        assertEquals(List.of(ReadAttributesResponse.of(ReadAttributesResponse.StatusRecord.success(0x0002,
                ZclValue.uint32(OLD_VERSION)))), sent(h.fromServer(ReadAttributes.of(0x0002))));
    }

    @Test
    void peer12_noCurrentFileVersionAnswersUnsupportedAttributeEvenAfterAnUpgrade() {
        ClientHarness h = new ClientHarness(profile().quirk(ClientQuirk.NO_CURRENT_FILE_VERSION).build())
                .serving(IMAGE, NEW_VERSION);
        h.powerOn();
        h.downloadAll();
        h.fromServer(new UpgradeEndResponse(MANUFACTURER, IMAGE_TYPE, NEW_VERSION, 0, 0));
        List<ClientAction> act = h.fire(ClientTimer.COUNTDOWN);
        assertTrue(Actions.of(act, ClientAction.AttributeChanged.class).isEmpty());
        h.powerOn();
        assertEquals(List.of(ReadAttributesResponse.of(ReadAttributesResponse.StatusRecord.failure(0x0002,
                ZclStatus.UNSUPPORTED_ATTRIBUTE))), sent(h.fromServer(ReadAttributes.of(0x0002))));
        assertEquals(NEW_VERSION, h.client.runningFileVersion());
    }

    // ---- #13 field-control bit set, MinimumBlockPeriod missing

    @Test
    void peer13_blockRequestsCarryTheMinimumBlockPeriodTheyAnnounce() {
        ClientHarness h = downloading(profile().build());
        byte[] frame = Actions.of(h.log, ClientAction.SendFrame.class).get(1).zclFrame().toArray();
        assertEquals(request(0, 64), OtaCodec.decode(frame).command());
        assertEquals(3 + 16, frame.length);
    }

    @Test
    void peer13_missingMinimumBlockPeriodFieldSetsTheBitAndLeavesTheFieldOut() {
        ClientHarness h = downloading(profile().quirk(ClientQuirk.MISSING_MIN_BLOCK_PERIOD_FIELD).build());
        byte[] frame = Actions.of(h.log, ClientAction.SendFrame.class).get(1).zclFrame().toArray();
        assertEquals(3 + 14, frame.length);
        assertEquals(ImageBlockRequest.FIELD_CONTROL_MINIMUM_BLOCK_PERIOD, frame[3]);
        ZclDecodeException e = assertThrows(ZclDecodeException.class, () -> OtaCodec.decode(frame));
        assertEquals("MinimumBlockPeriod", e.field());
        assertEquals(ImageBlockRequest.of(MANUFACTURER, IMAGE_TYPE, NEW_VERSION, 0, 64),
                OtaCodec.decode(frame, OtaCodec.Options.LENIENT).command());
    }

    // ---- #14 an error Default Response must not wedge the client

    @Test
    void peer14_malformedCommandDefaultResponsesNeverWedgeTheDownload() {
        ClientHarness h = downloading(profile().blockRetries(3).build());
        h.serveBlock(0, 64);
        for (int i = 0; i < 3; i++) {
            h.fromServer(new DefaultResponse(0x03, ZclStatus.MALFORMED_COMMAND));
            assertEquals(List.of(request(64, 64)), sentOta(h.fire(ClientTimer.BLOCK_REQUEST)));
        }
        // the server recovers: the download goes on from FileOffset
        assertEquals(List.of(request(128, 64)), sentOta(h.serveBlock(64, 64)));
    }

    @Test
    void peer14_aServerThatOnlyAnswersErrorsEndsInAbortAndTheClientQueriesAgainLater() {
        ClientHarness h = downloading(profile().blockRetries(2).build());
        List<ClientAction> a = List.of();
        for (int i = 0; i < 3; i++) {
            a = h.fromServer(new DefaultResponse(0x03, ZclStatus.MALFORMED_COMMAND));
            if (h.timers.containsKey(ClientTimer.BLOCK_REQUEST)) {
                h.fire(ClientTimer.BLOCK_REQUEST);
            }
        }
        assertEquals(List.of(new UpgradeEndRequest(ZclStatus.ABORT, MANUFACTURER, IMAGE_TYPE, NEW_VERSION)), sentOta(a));
        assertEquals(List.of(QUERY), sentOta(h.fire(ClientTimer.QUERY)));
    }

    // ---- #17 aggressive query interval

    private static int queriesInOneDay(ClientProfile profile) {
        ClientHarness h = new ClientHarness(profile);
        h.powerOn();
        while (true) {
            h.fromServer(QueryNextImageResponse.NO_IMAGE_AVAILABLE);
            if (h.deadline(ClientTimer.QUERY) >= 24 * HOUR) {
                break;
            }
            h.fire(ClientTimer.QUERY);
        }
        return (int) sentOta(h.log).stream().filter(c -> c instanceof QueryNextImageRequest).count();
    }

    @Test
    void peer17_theProfilesQueryIntervalSetsTheBatteryCost() {
        assertEquals(24, queriesInOneDay(profile().build()));
    }

    @Test
    void peer17_aggressiveQueryAsksEveryFiveMinutes() {
        assertEquals(24 * 12, queriesInOneDay(profile().queryInterval(24 * HOUR).quirk(ClientQuirk.AGGRESSIVE_QUERY).build()));
    }

    // ---- #25 downgrade refused

    @Test
    void peer25_aDowngradeIsDownloadedByDefault() {
        ClientHarness h = new ClientHarness();
        h.powerOn();
        List<ClientAction> a = h.fromServer(QueryNextImageResponse.success(MANUFACTURER, IMAGE_TYPE, OLD_VERSION - 1, 300));
        assertEquals(OtaClient.State.DOWNLOADING, h.client.state());
        assertEquals(List.of(ImageBlockRequest.of(MANUFACTURER, IMAGE_TYPE, OLD_VERSION - 1, 0, 64).withMinimumBlockPeriod(0)),
                sentOta(a));
    }

    @Test
    void peer25_refuseDowngradesAnswersInvalidImageLikeSiliconLabs() {
        ClientHarness h = new ClientHarness(profile().refuseDowngrades(true).build());
        h.powerOn();
        List<ClientAction> a = h.fromServer(QueryNextImageResponse.success(MANUFACTURER, IMAGE_TYPE, OLD_VERSION - 1, 300));
        assertEquals(List.of(new UpgradeEndRequest(ZclStatus.INVALID_IMAGE, MANUFACTURER, IMAGE_TYPE, OLD_VERSION - 1)),
                sentOta(a));
        assertEquals(OtaClient.State.IDLE, h.client.state());
    }

    @Test
    void theImageArrivesIntactWhateverBlockSizeTheServerChooses() {
        for (int cap : new int[] {1, 17, 40, 50, 63, 64}) {
            ClientHarness h = downloading(profile().build());
            List<ClientAction> a = h.serveBlock(0, cap);
            while (h.client.state() == OtaClient.State.DOWNLOADING) {
                ImageBlockRequest r = Actions.lastBlockRequest(a);
                a = h.fromServer(h.block(r.fileOffset(), Math.min(cap, r.maximumDataSize())));
            }
            assertArrayEquals(IMAGE.toArray(), h.client.heldImage().orElseThrow().image().toArray(), "cap " + cap);
            assertEquals(SERVER, Actions.of(a, ClientAction.SendFrame.class).get(0).destinationEui64());
        }
    }

    @Test
    void waitForDataForeverIsSurvivedSe14DutyCycleStyle() {
        ClientHarness h = downloading(profile().build());
        for (int i = 0; i < 50; i++) {
            h.fromServer(ImageBlockResponse.WaitForData.of(0, 60, 0));
            assertEquals(List.of(request(0, 64)), sentOta(h.fire(ClientTimer.BLOCK_REQUEST)));
        }
        assertEquals(OtaClient.State.DOWNLOADING, h.client.state());
    }
}
