package io.hansim.zigbee.ota.client;

import io.hansim.zigbee.ota.ImageBlockRequest;
import io.hansim.zigbee.ota.ImageBlockResponse;
import io.hansim.zigbee.ota.ImagePageRequest;
import io.hansim.zigbee.ota.QueryNextImageRequest;
import io.hansim.zigbee.ota.QueryNextImageResponse;
import io.hansim.zigbee.ota.UpgradeEndRequest;
import io.hansim.zigbee.ota.attr.OtaClientAttribute;
import io.hansim.zigbee.zcl.Bytes;
import io.hansim.zigbee.zcl.DefaultResponse;
import io.hansim.zigbee.zcl.ZclStatus;
import io.hansim.zigbee.zcl.ZclValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;
import java.util.OptionalLong;
import java.util.SplittableRandom;

import static io.hansim.zigbee.ota.client.Actions.Discarded;
import static io.hansim.zigbee.ota.client.Actions.IgnoredAs;
import static io.hansim.zigbee.ota.client.Actions.Sent;
import static io.hansim.zigbee.ota.client.Actions.norm;
import static io.hansim.zigbee.ota.client.Actions.sent;
import static io.hansim.zigbee.ota.client.Actions.sentOta;
import static io.hansim.zigbee.ota.client.ClientHarness.SERVER;
import static io.hansim.zigbee.ota.client.ClientHarness.profile;
import static io.hansim.zigbee.ota.client.ClientProfile.MILLISECOND;
import static io.hansim.zigbee.ota.client.ClientProfile.MINUTE;
import static io.hansim.zigbee.ota.client.ClientProfile.SECOND;
import static io.hansim.zigbee.ota.client.TestImages.IMAGE_TYPE;
import static io.hansim.zigbee.ota.client.TestImages.MANUFACTURER;
import static io.hansim.zigbee.ota.client.TestImages.NEW_VERSION;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Image Block / Page Requests from the client's side: pacing, WAIT_FOR_DATA in both forms and the
 * MinimumBlockPeriod units, ABORT, retries from FileOffset, power cuts (zigbee-ota.md §2, §5.3,
 * §5.4, §5.7; requirements R7.8).
 */
class OtaClientDownloadTest {

    /** 60-byte header + 300 + 66 = 426 bytes: six blocks of 64 and one of 42. */
    private static final Bytes IMAGE = TestImages.gbSigned(NEW_VERSION, 300);
    private static final ImageIdentity ID = new ImageIdentity(MANUFACTURER, IMAGE_TYPE, NEW_VERSION);

    private static ImageBlockRequest request(long offset, int size) {
        return ImageBlockRequest.of(MANUFACTURER, IMAGE_TYPE, NEW_VERSION, offset, size).withMinimumBlockPeriod(0);
    }

    /** A client that has taken the offer and sent its first block request, at time 1 s. */
    private static ClientHarness downloading(ClientProfile profile) {
        ClientHarness h = new ClientHarness(profile).serving(IMAGE, NEW_VERSION);
        h.powerOn();
        if (h.client.state() == OtaClient.State.IDLE) {
            h.fire(ClientTimer.QUERY); // after the start delay
        }
        h.now = Math.max(h.now, SECOND);
        h.offer();
        assertEquals(OtaClient.State.DOWNLOADING, h.client.state());
        return h;
    }

    private static ClientHarness downloading() {
        return downloading(profile().build());
    }

    @Test
    void eachBlockIsStoredCountedAndPersistedThenTheNextIsAskedFor() {
        ClientHarness h = downloading();
        h.now = 2 * SECOND;
        ImageBlockResponse.Success b = h.block(0, 64);
        assertEquals(List.of(
                new ClientAction.StoreBlock(0, b.imageData()),
                new ClientAction.AttributeChanged(OtaClientAttribute.FILE_OFFSET, ZclValue.uint32(64)),
                new ClientAction.PersistProgress(new PersistedDownload(ID, IMAGE.length(), 64, List.of(), Bytes.EMPTY)),
                new ClientAction.CancelTimer(ClientTimer.RESPONSE),
                new Sent(SERVER, request(64, 64)),
                new ClientAction.SetTimer(ClientTimer.RESPONSE, 7 * SECOND)), norm(h.fromServer(b)));
        assertEquals(64, h.client.fileOffset());
    }

    @Test
    void aBlockShorterThanAskedIsAcceptedAndTheNextStartsAfterIt() {
        ClientHarness h = downloading();
        List<ClientAction> a = h.serveBlock(0, 40);
        assertEquals(List.of(request(40, 64)), sentOta(a));
        assertEquals(40, h.client.fileOffset());
    }

    @Test
    void theLastRequestAsksOnlyForTheRest() {
        ClientHarness h = downloading();
        List<ClientAction> a = List.of();
        for (int off = 0; off < 384; off += 64) {
            a = h.serveBlock(off, 64);
        }
        assertEquals(List.of(request(384, 42)), sentOta(a));
    }

    @Test
    void duplicatedLateAndReorderedBlocksAreIgnoredSafely() {
        ClientHarness h = downloading();
        h.serveBlock(0, 64);
        assertEquals(List.of(new IgnoredAs(IgnoreReason.STALE_BLOCK)), norm(h.serveBlock(0, 64)));
        assertEquals(List.of(new IgnoredAs(IgnoreReason.STALE_BLOCK)), norm(h.serveBlock(128, 64)));
        assertEquals(List.of(new IgnoredAs(IgnoreReason.STALE_BLOCK)), norm(h.serveBlock(32, 64)));
        assertEquals(64, h.client.fileOffset());
        // and the right one is still taken
        assertEquals(List.of(request(128, 64)), sentOta(h.serveBlock(64, 64)));
    }

    @Test
    void aBlockForAnotherImageIsAnsweredInvalidValue() {
        ClientHarness h = downloading();
        List<ClientAction> a = h.fromServer(new ImageBlockResponse.Success(MANUFACTURER, IMAGE_TYPE, NEW_VERSION + 1, 0,
                new byte[64]));
        assertEquals(List.of(new IgnoredAs(IgnoreReason.INVALID_RESPONSE),
                new Sent(SERVER, new DefaultResponse(0x05, ZclStatus.INVALID_VALUE))), norm(a));
        assertEquals(0, h.client.fileOffset());
    }

    @Test
    void aBlockLargerThanAskedIsAnsweredInvalidValue() {
        ClientHarness h = downloading();
        List<ClientAction> a = h.fromServer(new ImageBlockResponse.Success(MANUFACTURER, IMAGE_TYPE, NEW_VERSION, 0,
                new byte[65]));
        assertEquals(List.of(new DefaultResponse(0x05, ZclStatus.INVALID_VALUE)), sent(a));
    }

    @Test
    void anEmptyBlockIsAnsweredInvalidValue() {
        ClientHarness h = downloading();
        List<ClientAction> a = h.fromServer(new ImageBlockResponse.Success(MANUFACTURER, IMAGE_TYPE, NEW_VERSION, 0,
                new byte[0]));
        assertEquals(List.of(new DefaultResponse(0x05, ZclStatus.INVALID_VALUE)), sent(a));
    }

    // ---- WAIT_FOR_DATA, zigbee-ota.md §5.3

    @Test
    void waitForDataRelativeFormWaitsRequestTimeSeconds() {
        ClientHarness h = downloading();
        h.now = 2 * SECOND;
        assertEquals(List.of(new ClientAction.CancelTimer(ClientTimer.RESPONSE),
                new ClientAction.SetTimer(ClientTimer.BLOCK_REQUEST, 32 * SECOND)),
                norm(h.fromServer(ImageBlockResponse.WaitForData.of(0, 30, 0))));
        assertEquals(List.of(new Sent(SERVER, request(0, 64)), new ClientAction.SetTimer(ClientTimer.RESPONSE, 37 * SECOND)),
                norm(h.fire(ClientTimer.BLOCK_REQUEST)));
    }

    @Test
    void waitForDataUtcFormWaitsTheDifference() {
        ClientHarness h = downloading();
        h.now = 2 * SECOND;
        long utc = 0x1C374A80L;
        h.fromServer(ImageBlockResponse.WaitForData.of(utc, utc + 45, 0));
        assertEquals(47 * SECOND, h.deadline(ClientTimer.BLOCK_REQUEST));
    }

    @Test
    void waitForDataInTheNineByteFormKeepsTheAdoptedPeriod() {
        ClientHarness h = downloading();
        h.fromServer(ImageBlockResponse.WaitForData.of(0, 0, 250));
        h.fire(ClientTimer.BLOCK_REQUEST);
        h.now = 10 * SECOND;
        List<ClientAction> a = h.fromServer(ImageBlockResponse.WaitForData.withoutMinimumBlockPeriod(0, 10));
        assertEquals(List.of(new ClientAction.CancelTimer(ClientTimer.RESPONSE),
                new ClientAction.SetTimer(ClientTimer.BLOCK_REQUEST, 20 * SECOND)), norm(a));
        assertEquals(ZclValue.uint16(250), h.client.attribute(OtaClientAttribute.MINIMUM_BLOCK_PERIOD).orElseThrow());
    }

    @ParameterizedTest
    @CsvSource({"100, 50", "0, 4294967295", "7, 4294967295"})
    void waitForDataWithAnUnusableTimeWaitsTheFallback(long currentTime, long requestTime) {
        ClientHarness h = downloading();
        h.now = 2 * SECOND;
        h.fromServer(ImageBlockResponse.WaitForData.withoutMinimumBlockPeriod(currentTime, requestTime));
        assertEquals(2 * SECOND + 5 * MINUTE, h.deadline(ClientTimer.BLOCK_REQUEST));
    }

    @Test
    void waitForDataDoesNotCountAsAFailure() {
        ClientHarness h = downloading(profile().blockRetries(0).build());
        h.fromServer(ImageBlockResponse.WaitForData.of(0, 1, 0));
        h.fire(ClientTimer.BLOCK_REQUEST);
        h.fromServer(ImageBlockResponse.WaitForData.of(0, 1, 0));
        h.fire(ClientTimer.BLOCK_REQUEST);
        assertEquals(OtaClient.State.DOWNLOADING, h.client.state());
    }

    // ---- MinimumBlockPeriod units, zigbee-ota.md §5.4

    @Test
    void minimumBlockPeriodInMillisecondsPacesTheFollowingRequests() {
        ClientHarness h = downloading(); // ClusterRevision 3: milliseconds
        h.now = 2 * SECOND;
        assertEquals(List.of(new ClientAction.CancelTimer(ClientTimer.RESPONSE),
                new ClientAction.AttributeChanged(OtaClientAttribute.MINIMUM_BLOCK_PERIOD, ZclValue.uint16(500)),
                new ClientAction.SetTimer(ClientTimer.BLOCK_REQUEST, 2 * SECOND + 500 * MILLISECOND)),
                norm(h.fromServer(ImageBlockResponse.WaitForData.of(0, 0, 500))));
        List<ClientAction> a = h.fire(ClientTimer.BLOCK_REQUEST);
        assertEquals(List.of(ImageBlockRequest.of(MANUFACTURER, IMAGE_TYPE, NEW_VERSION, 0, 64)
                .withMinimumBlockPeriod(500)), sentOta(a));
        h.now = 3 * SECOND;
        a = h.serveBlock(0, 64);
        assertEquals(List.of(), sentOta(a), "paced, not sent at once");
        assertEquals(3 * SECOND + 500 * MILLISECOND, h.deadline(ClientTimer.BLOCK_REQUEST));
    }

    @Test
    void minimumBlockPeriodInSecondsWithClusterRevision2() {
        ClientHarness h = downloading(profile().clusterRevision(2).build());
        h.now = 2 * SECOND;
        h.fromServer(ImageBlockResponse.WaitForData.of(0, 0, 60));
        assertEquals(62 * SECOND, h.deadline(ClientTimer.BLOCK_REQUEST));
        h.fire(ClientTimer.BLOCK_REQUEST);
        h.serveBlock(0, 64);
        assertEquals(h.now + 60 * SECOND, h.deadline(ClientTimer.BLOCK_REQUEST));
    }

    @Test
    void minimumBlockPeriodIgnoredByTheProfileIsNeitherAdoptedNorSent() {
        ClientHarness h = downloading(profile().minimumBlockPeriodUnit(MinimumBlockPeriodUnit.IGNORED).build());
        h.now = 2 * SECOND;
        List<ClientAction> a = h.fromServer(ImageBlockResponse.WaitForData.of(0, 0, 500));
        assertEquals(List.of(ImageBlockRequest.of(MANUFACTURER, IMAGE_TYPE, NEW_VERSION, 0, 64)), sentOta(a));
        assertEquals(ZclValue.uint16(0), h.client.attribute(OtaClientAttribute.MINIMUM_BLOCK_PERIOD).orElseThrow());
    }

    @Test
    void theClientsOwnBlockDelayAppliesWhenLarger() {
        ClientHarness h = downloading(profile().blockRequestDelay(200 * MILLISECOND).build());
        h.now = 2 * SECOND;
        h.serveBlock(0, 64);
        assertEquals(2 * SECOND + 200 * MILLISECOND, h.deadline(ClientTimer.BLOCK_REQUEST));
    }

    @Test
    void minimumBlockPeriodAboveTheAttributeMaximumIsCapped() {
        ClientHarness h = downloading();
        h.fromServer(ImageBlockResponse.WaitForData.of(0, 0, 0xFFFF));
        assertEquals(ZclValue.uint16(0xFFFE), h.client.attribute(OtaClientAttribute.MINIMUM_BLOCK_PERIOD).orElseThrow());
    }

    // ---- ABORT and NO_IMAGE_AVAILABLE

    @Test
    void abortEndsAndDiscardsTheDownload() {
        ClientHarness h = downloading();
        h.serveBlock(0, 64);
        h.now = 3 * SECOND;
        assertEquals(List.of(
                new Discarded(DiscardReason.SERVER_ABORTED),
                new ClientAction.AttributeChanged(OtaClientAttribute.FILE_OFFSET, ZclValue.uint32(0xFFFF_FFFFL)),
                new ClientAction.AttributeChanged(OtaClientAttribute.DOWNLOADED_FILE_VERSION, ZclValue.uint32(0xFFFF_FFFFL)),
                new ClientAction.CancelTimer(ClientTimer.RESPONSE),
                new ClientAction.StatusChanged(ImageUpgradeStatus.DOWNLOAD_IN_PROGRESS, ImageUpgradeStatus.NORMAL),
                new ClientAction.AttributeChanged(OtaClientAttribute.IMAGE_TYPE_ID, ZclValue.uint16(0xFFFF)),
                new ClientAction.SetTimer(ClientTimer.QUERY, 3 * SECOND + 60 * MINUTE)),
                norm(h.fromServer(ImageBlockResponse.StatusOnly.ABORT)));
        assertEquals(OtaClient.State.IDLE, h.client.state());
        assertEquals(null, h.persisted);
    }

    @Test
    void noImageAvailableInABlockResponseAbortsToo() {
        ClientHarness h = downloading();
        List<ClientAction> a = h.fromServer(new ImageBlockResponse.StatusOnly(ZclStatus.NO_IMAGE_AVAILABLE));
        assertEquals(new Discarded(DiscardReason.SERVER_ABORTED), norm(a.get(0)));
        assertEquals(OtaClient.State.IDLE, h.client.state());
    }

    @Test
    void abortAsADefaultResponseToTheBlockRequestAborts() {
        ClientHarness h = downloading();
        List<ClientAction> a = h.fromServer(new DefaultResponse(0x03, ZclStatus.ABORT));
        assertEquals(new Discarded(DiscardReason.SERVER_ABORTED), norm(a.get(0)));
        assertEquals(List.of(), sent(a));
    }

    @Test
    void malformedCommandAsABlockResponseIsAFailedAttemptRetriedFromFileOffset() {
        ClientHarness h = downloading();
        h.serveBlock(0, 64);
        h.now = 3 * SECOND;
        assertEquals(List.of(new ClientAction.CancelTimer(ClientTimer.RESPONSE),
                new ClientAction.SetTimer(ClientTimer.BLOCK_REQUEST, 5 * SECOND)),
                norm(h.fromServer(new ImageBlockResponse.StatusOnly(ZclStatus.MALFORMED_COMMAND))));
        assertEquals(List.of(request(64, 64)), sentOta(h.fire(ClientTimer.BLOCK_REQUEST)));
    }

    // ---- timeouts and retries

    @Test
    void aLostBlockIsAskedForAgainFromFileOffsetAfterTheBackOff() {
        ClientHarness h = downloading();
        h.serveBlock(0, 64);
        h.serveBlock(64, 64);
        long timeout = h.deadline(ClientTimer.RESPONSE);
        assertEquals(List.of(new ClientAction.SetTimer(ClientTimer.BLOCK_REQUEST, timeout + 2 * SECOND)),
                norm(h.fire(ClientTimer.RESPONSE)));
        assertEquals(List.of(request(128, 64)), sentOta(h.fire(ClientTimer.BLOCK_REQUEST)));
    }

    @Test
    void aLateBlockDuringTheBackOffIsTaken() {
        ClientHarness h = downloading();
        h.fire(ClientTimer.RESPONSE);
        List<ClientAction> a = h.serveBlock(0, 64);
        assertEquals(List.of(request(64, 64)), sentOta(a));
        assertTrue(a.contains(new ClientAction.CancelTimer(ClientTimer.BLOCK_REQUEST)));
    }

    @Test
    void tooManyFailuresAbortTheDownloadButKeepThePartialImageForAResume() {
        ClientHarness h = downloading(profile().blockRetries(2).build());
        h.serveBlock(0, 64);
        h.fire(ClientTimer.RESPONSE);
        h.fire(ClientTimer.BLOCK_REQUEST);
        h.fire(ClientTimer.RESPONSE);
        h.fire(ClientTimer.BLOCK_REQUEST);
        List<ClientAction> a = h.fire(ClientTimer.RESPONSE);
        assertEquals(List.of(new UpgradeEndRequest(ZclStatus.ABORT, MANUFACTURER, IMAGE_TYPE, NEW_VERSION)), sent(a));
        assertTrue(Actions.of(a, ClientAction.DiscardImage.class).isEmpty());
        assertEquals(OtaClient.State.IDLE, h.client.state());
        // the same image offered again resumes at 64
        h.startQuery();
        a = h.offer();
        assertEquals(List.of(request(64, 64)), sentOta(a));
        assertTrue(Actions.of(a, ClientAction.DiscardImage.class).isEmpty());
    }

    @Test
    void anotherOfferSupersedesThePartialImage() {
        ClientHarness h = downloading(profile().blockRetries(0).build());
        h.serveBlock(0, 64);
        h.fire(ClientTimer.RESPONSE);
        h.startQuery();
        List<ClientAction> a = h.fromServer(QueryNextImageResponse.success(MANUFACTURER, IMAGE_TYPE, NEW_VERSION + 1, 500));
        assertEquals(new Discarded(DiscardReason.SUPERSEDED), norm(a.get(1)));
        assertEquals(List.of(ImageBlockRequest.of(MANUFACTURER, IMAGE_TYPE, NEW_VERSION + 1, 0, 64)
                .withMinimumBlockPeriod(0)), sentOta(a));
    }

    // ---- power cuts (R7.8)

    @Test
    void r7_8_powerCutResumesFromThePersistedFileOffset() {
        ClientHarness h = downloading();
        h.serveBlock(0, 64);
        h.serveBlock(64, 64);
        h.serveBlock(128, 64);
        PersistedDownload restored = h.restoreAfterPowerCut();
        assertEquals(192, restored.resumeOffset());
        h.now = 100 * SECOND;
        assertEquals(List.of(new Sent(SERVER, request(192, 64)),
                new ClientAction.SetTimer(ClientTimer.RESPONSE, 105 * SECOND)), norm(h.powerOn(restored)));
        assertEquals(OtaClient.State.DOWNLOADING, h.client.state());
        // and the rest completes into a verified image
        List<ClientAction> a = h.serveAll(h.serveBlock(192, 64));
        assertEquals(List.of(new UpgradeEndRequest(ZclStatus.SUCCESS, MANUFACTURER, IMAGE_TYPE, NEW_VERSION)),
                sentOta(a));
        assertEquals(IMAGE, h.client.heldImage().orElseThrow().image());
    }

    @Test
    void r7_8_powerCutWithFewerStoredBytesResumesAtThem() {
        ClientHarness h = downloading();
        h.serveBlock(0, 64);
        h.serveBlock(64, 64);
        PersistedDownload restored = h.persisted.withReceived(Bytes.of(IMAGE.toArray(), 0, 100));
        List<ClientAction> a = h.powerOn(restored);
        assertEquals(List.of(request(100, 64)), sentOta(a));
        assertEquals(new ClientAction.AttributeChanged(OtaClientAttribute.FILE_OFFSET, ZclValue.uint32(100)), a.get(0));
    }

    @Test
    void r7_8_powerCutResumeWaitsTheStartDelay() {
        ClientHarness h = downloading(profile().startDelayMax(MINUTE).build());
        h.serveBlock(0, 64);
        h.now = 10 * MINUTE;
        List<ClientAction> a = h.powerOn(h.restoreAfterPowerCut());
        // one draw went to the first power-on's start delay
        SplittableRandom r = new SplittableRandom(1);
        r.nextLong(MINUTE + 1);
        assertEquals(List.of(new ClientAction.SetTimer(ClientTimer.BLOCK_REQUEST, 10 * MINUTE + r.nextLong(MINUTE + 1))),
                norm(a));
        assertEquals(List.of(request(64, 64)), sentOta(h.fire(ClientTimer.BLOCK_REQUEST)));
    }

    @Test
    void r7_8_powerCutAfterTheWholeImageVerifiesAgainAndAsksToUpgrade() {
        ClientHarness h = new ClientHarness().serving(IMAGE, NEW_VERSION);
        h.powerOn();
        h.downloadAll();
        assertEquals(OtaClient.State.WAITING_TO_UPGRADE, h.client.state());
        PersistedDownload restored = h.restoreAfterPowerCut();
        assertEquals(IMAGE.length(), restored.resumeOffset());
        List<ClientAction> a = h.powerOn(restored);
        assertEquals(List.of(new UpgradeEndRequest(ZclStatus.SUCCESS, MANUFACTURER, IMAGE_TYPE, NEW_VERSION)), sent(a));
        assertEquals(List.of(
                new ClientAction.StatusChanged(ImageUpgradeStatus.WAITING_TO_UPGRADE, ImageUpgradeStatus.DOWNLOAD_IN_PROGRESS),
                new ClientAction.StatusChanged(ImageUpgradeStatus.DOWNLOAD_IN_PROGRESS, ImageUpgradeStatus.DOWNLOAD_COMPLETE),
                new ClientAction.StatusChanged(ImageUpgradeStatus.DOWNLOAD_COMPLETE, ImageUpgradeStatus.WAITING_TO_UPGRADE)),
                Actions.of(a, ClientAction.StatusChanged.class));
    }

    @Test
    void r7_8_powerCutWithoutAPersistedDownloadStartsFresh() {
        ClientHarness h = downloading();
        h.serveBlock(0, 64);
        List<ClientAction> a = h.powerOn(null);
        assertEquals(OtaClient.State.QUERYING, h.client.state());
        assertEquals(List.of(QueryNextImageRequest.of(MANUFACTURER, IMAGE_TYPE, TestImages.OLD_VERSION)
                .withHardwareVersion(TestImages.HARDWARE)), sentOta(a));
    }

    @Test
    void aRestoredDownloadForAnotherManufacturerIsDiscarded() {
        ClientHarness h = new ClientHarness();
        PersistedDownload foreign = new PersistedDownload(new ImageIdentity(0x1234, IMAGE_TYPE, NEW_VERSION), 400, 64,
                List.of(), Bytes.of(new byte[64]));
        List<ClientAction> a = h.powerOn(foreign);
        assertEquals(new Discarded(DiscardReason.RESTORED_DOWNLOAD_INVALID), norm(a.get(0)));
        assertEquals(OtaClient.State.QUERYING, h.client.state());
    }

    @Test
    void aRestoredDownloadTooLargeForTheDeviceIsDiscarded() {
        ClientHarness h = new ClientHarness(profile().maxImageSize(300).build());
        PersistedDownload big = new PersistedDownload(ID, 400, 0, List.of(), Bytes.EMPTY);
        assertTrue(norm(h.powerOn(big)).contains(new Discarded(DiscardReason.RESTORED_DOWNLOAD_INVALID)));
    }

    // ---- Image Page Request, zigbee-ota.md §5.7

    private static ClientProfile pages() {
        return profile().pageRequests(true).pageSize(128).responseSpacing(30).pageTimeout(4 * SECOND).build();
    }

    private static ImagePageRequest pageRequest(long offset) {
        return new ImagePageRequest(MANUFACTURER, IMAGE_TYPE, NEW_VERSION, offset, 64, 128, 30, OptionalLong.empty());
    }

    @Test
    void aPageRequestIsAnsweredByUnsolicitedBlocksUntilThePageIsCovered() {
        ClientHarness h = new ClientHarness(pages()).serving(IMAGE, NEW_VERSION);
        h.powerOn();
        h.now = SECOND;
        List<ClientAction> a = h.offer();
        assertEquals(List.of(pageRequest(0)), sentOta(a));
        assertEquals(5 * SECOND, h.deadline(ClientTimer.RESPONSE));
        h.now = 2 * SECOND;
        a = h.serveBlock(0, 64);
        assertEquals(List.of(), sentOta(a));
        assertEquals(new ClientAction.SetTimer(ClientTimer.RESPONSE, 6 * SECOND), a.get(a.size() - 1));
        a = h.serveBlock(64, 64);
        assertEquals(List.of(pageRequest(128)), sentOta(a));
        assertEquals(128, h.client.fileOffset());
    }

    @Test
    void unsupClusterCommandForThePageRequestFallsBackToBlockRequests() {
        ClientHarness h = new ClientHarness(pages()).serving(IMAGE, NEW_VERSION);
        h.powerOn();
        h.now = SECOND;
        h.offer();
        assertEquals(List.of(new ClientAction.CancelTimer(ClientTimer.RESPONSE), new Sent(SERVER, request(0, 64)),
                new ClientAction.SetTimer(ClientTimer.RESPONSE, 6 * SECOND)),
                norm(h.fromServer(new DefaultResponse(0x04, ZclStatus.UNSUP_CLUSTER_COMMAND))));
        // and no page request again in this power cycle
        assertEquals(List.of(request(64, 64)), sentOta(h.serveBlock(0, 64)));
    }

    @Test
    void aPageThatBringsNothingBeforeThePageTimeoutFallsBackToBlocks() {
        ClientHarness h = new ClientHarness(pages()).serving(IMAGE, NEW_VERSION);
        h.powerOn();
        h.offer();
        h.fire(ClientTimer.RESPONSE);
        assertEquals(List.of(request(0, 64)), sentOta(h.fire(ClientTimer.BLOCK_REQUEST)));
        assertEquals(List.of(request(64, 64)), sentOta(h.serveBlock(0, 64)));
    }

    @Test
    void aPageWithAMissedBlockFetchesTheRestWithBlockRequestsThenPagesAgain() {
        ClientHarness h = new ClientHarness(pages()).serving(IMAGE, NEW_VERSION);
        h.powerOn();
        h.offer();
        h.serveBlock(0, 40);  // shorter blocks are fine
        assertEquals(List.of(new IgnoredAs(IgnoreReason.STALE_BLOCK)), norm(h.serveBlock(80, 48)), "40..80 was lost");
        List<ClientAction> a = h.fire(ClientTimer.RESPONSE);
        assertEquals(List.of(request(40, 64)), sentOta(a));
        a = h.serveBlock(40, 64);
        assertEquals(List.of(request(104, 64)), sentOta(a));
        a = h.serveBlock(104, 64);
        assertEquals(List.of(pageRequest(168)), sentOta(a), "past the page end: pages again");
    }

    @Test
    void waitForDataEndsThePage() {
        ClientHarness h = new ClientHarness(pages()).serving(IMAGE, NEW_VERSION);
        h.powerOn();
        h.offer();
        h.serveBlock(0, 64);
        h.fromServer(ImageBlockResponse.WaitForData.of(0, 3, 0));
        assertEquals(List.of(pageRequest(64)), sentOta(h.fire(ClientTimer.BLOCK_REQUEST)));
    }

    @Test
    void requestNodeAddressIsSentWhenTheProfileSaysSo() {
        ClientHarness h = new ClientHarness(profile().sendRequestNodeAddress(true).build()).serving(IMAGE, NEW_VERSION);
        h.powerOn();
        List<ClientAction> a = h.offer();
        assertEquals(List.of(request(0, 64).withRequestNodeAddress(ClientHarness.SELF)), sentOta(a));
    }

    @Test
    void theWholeImageArrivesByteForByte() {
        ClientHarness h = new ClientHarness().serving(IMAGE, NEW_VERSION);
        h.powerOn();
        h.downloadAll();
        assertArrayEquals(IMAGE.toArray(), h.client.heldImage().orElseThrow().image().toArray());
        assertFalse(h.client.timerDeadline(ClientTimer.BLOCK_REQUEST).isPresent());
    }
}
