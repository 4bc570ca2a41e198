package io.hansim.zigbee.ota.client;

import io.hansim.zigbee.ota.ImageBlockRequest;
import io.hansim.zigbee.ota.ImageNotify;
import io.hansim.zigbee.ota.QueryNextImageRequest;
import io.hansim.zigbee.ota.QueryNextImageResponse;
import io.hansim.zigbee.ota.UpgradeEndRequest;
import io.hansim.zigbee.ota.attr.OtaClientAttribute;
import io.hansim.zigbee.zcl.DefaultResponse;
import io.hansim.zigbee.zcl.ZclStatus;
import io.hansim.zigbee.zcl.ZclValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.SplittableRandom;

import static io.hansim.zigbee.ota.client.Actions.IgnoredAs;
import static io.hansim.zigbee.ota.client.Actions.Sent;
import static io.hansim.zigbee.ota.client.Actions.norm;
import static io.hansim.zigbee.ota.client.Actions.sent;
import static io.hansim.zigbee.ota.client.Actions.sentOta;
import static io.hansim.zigbee.ota.client.ClientHarness.SERVER;
import static io.hansim.zigbee.ota.client.ClientHarness.profile;
import static io.hansim.zigbee.ota.client.ClientProfile.MINUTE;
import static io.hansim.zigbee.ota.client.ClientProfile.SECOND;
import static io.hansim.zigbee.ota.client.TestImages.HARDWARE;
import static io.hansim.zigbee.ota.client.TestImages.IMAGE_TYPE;
import static io.hansim.zigbee.ota.client.TestImages.MANUFACTURER;
import static io.hansim.zigbee.ota.client.TestImages.NEW_VERSION;
import static io.hansim.zigbee.ota.client.TestImages.OLD_VERSION;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Power-on, Query Next Image and Image Notify from the client's side (zigbee-ota.md §2, §5.5, §5.6). */
class OtaClientQueryTest {

    private static final QueryNextImageRequest QUERY =
            QueryNextImageRequest.of(MANUFACTURER, IMAGE_TYPE, OLD_VERSION).withHardwareVersion(HARDWARE);

    @Test
    void clientIsOffUntilPowerOn() {
        ClientHarness h = new ClientHarness();
        assertEquals(OtaClient.State.OFF, h.client.state());
        assertEquals(List.of(new IgnoredAs(IgnoreReason.NOT_RUNNING)), norm(h.startQuery()));
        assertEquals(List.of(new IgnoredAs(IgnoreReason.NOT_RUNNING)),
                norm(h.fromServer(ImageNotify.of(100))));
    }

    @Test
    void powerOnSetsUpgradeServerIdAndQueriesAtOnceWithoutStartDelay() {
        ClientHarness h = new ClientHarness();
        assertEquals(List.of(
                new ClientAction.AttributeChanged(OtaClientAttribute.UPGRADE_SERVER_ID, new ZclValue.Eui64(SERVER)),
                new Sent(SERVER, QUERY),
                new ClientAction.SetTimer(ClientTimer.RESPONSE, 5 * SECOND)), norm(h.powerOn()));
        assertEquals(OtaClient.State.QUERYING, h.client.state());
        assertEquals(ImageUpgradeStatus.NORMAL, h.client.imageUpgradeStatus());
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 42, 20260101})
    void startDelayIsDrawnFromTheSeed(long seed) {
        ClientHarness h = new ClientHarness(profile().startDelayMax(5 * MINUTE).build(), seed);
        h.now = 1_000;
        List<ClientAction> a = h.powerOn();
        long expected = 1_000 + new SplittableRandom(seed).nextLong(5 * MINUTE + 1);
        assertEquals(new ClientAction.SetTimer(ClientTimer.QUERY, expected), a.get(a.size() - 1));
        assertEquals(List.of(new Sent(SERVER, QUERY)), norm(h.fire(ClientTimer.QUERY)).subList(0, 1));
    }

    @Test
    void queryWithoutHardwareVersionWhenTheProfileHasNone() {
        ClientHarness h = new ClientHarness(profile().noHardwareVersion().build());
        assertEquals(List.of(QueryNextImageRequest.of(MANUFACTURER, IMAGE_TYPE, OLD_VERSION)), sentOta(h.powerOn()));
    }

    @Test
    void noImageAvailableEndsTheQueryUntilTheNextPeriod() {
        ClientHarness h = new ClientHarness();
        h.powerOn();
        h.now = 2 * SECOND;
        assertEquals(List.of(
                new ClientAction.CancelTimer(ClientTimer.RESPONSE),
                new ClientAction.SetTimer(ClientTimer.QUERY, 2 * SECOND + 60 * MINUTE)),
                norm(h.fromServer(QueryNextImageResponse.NO_IMAGE_AVAILABLE)));
        assertEquals(OtaClient.State.IDLE, h.client.state());
        assertEquals(List.of(new Sent(SERVER, QUERY), new ClientAction.SetTimer(ClientTimer.RESPONSE,
                2 * SECOND + 60 * MINUTE + 5 * SECOND)), norm(h.fire(ClientTimer.QUERY)));
    }

    @Test
    void notAuthorizedEndsTheQueryToo() {
        ClientHarness h = new ClientHarness();
        h.powerOn();
        h.fromServer(QueryNextImageResponse.failure(ZclStatus.NOT_AUTHORIZED));
        assertEquals(OtaClient.State.IDLE, h.client.state());
        assertTrue(h.timers.containsKey(ClientTimer.QUERY));
    }

    @Test
    void errorDefaultResponseToTheQueryEndsIt() {
        ClientHarness h = new ClientHarness();
        h.powerOn();
        List<ClientAction> a = h.fromServer(new DefaultResponse(0x01, ZclStatus.NOT_AUTHORIZED));
        assertEquals(List.of(), sent(a), "a Default Response is never answered");
        assertEquals(OtaClient.State.IDLE, h.client.state());
    }

    @Test
    void lostQueryResponsesAreRetriedThenTheClientWaitsForTheNextPeriod() {
        ClientHarness h = new ClientHarness(profile().queryRetries(2).build());
        h.powerOn();
        for (int retry = 1; retry <= 2; retry++) {
            long timeout = h.deadline(ClientTimer.RESPONSE);
            assertEquals(List.of(new ClientAction.SetTimer(ClientTimer.QUERY, timeout + 2 * SECOND)),
                    norm(h.fire(ClientTimer.RESPONSE)));
            assertEquals(OtaClient.State.QUERYING, h.client.state());
            assertEquals(List.of(QUERY), sentOta(h.fire(ClientTimer.QUERY)));
        }
        long timeout = h.deadline(ClientTimer.RESPONSE);
        assertEquals(List.of(new ClientAction.SetTimer(ClientTimer.QUERY, timeout + 60 * MINUTE)),
                norm(h.fire(ClientTimer.RESPONSE)));
        assertEquals(OtaClient.State.IDLE, h.client.state());
    }

    @Test
    void aLateQueryResponseDuringTheBackOffIsStillTaken() {
        ClientHarness h = new ClientHarness().serving(TestImages.gbSigned(NEW_VERSION, 300), NEW_VERSION);
        h.powerOn();
        h.fire(ClientTimer.RESPONSE);
        List<ClientAction> a = h.offer();
        assertEquals(OtaClient.State.DOWNLOADING, h.client.state());
        assertTrue(a.contains(new ClientAction.CancelTimer(ClientTimer.QUERY)));
    }

    @Test
    void startQueryWhileAQueryIsOutIsBusy() {
        ClientHarness h = new ClientHarness();
        h.powerOn();
        assertEquals(List.of(new IgnoredAs(IgnoreReason.BUSY)), norm(h.startQuery()));
    }

    @Test
    void offerForAnotherManufacturerIsAnsweredInvalidField() {
        ClientHarness h = new ClientHarness();
        h.powerOn();
        List<ClientAction> a = h.fromServer(QueryNextImageResponse.success(0x1234, IMAGE_TYPE, NEW_VERSION, 300));
        assertEquals(List.of(new DefaultResponse(0x02, ZclStatus.INVALID_FIELD)), sent(a));
        assertEquals(new IgnoredAs(IgnoreReason.INVALID_RESPONSE), norm(a.get(0)));
        assertEquals(OtaClient.State.IDLE, h.client.state());
    }

    @Test
    void offerForAnotherImageTypeIsAnsweredInvalidField() {
        ClientHarness h = new ClientHarness();
        h.powerOn();
        List<ClientAction> a = h.fromServer(QueryNextImageResponse.success(MANUFACTURER, 0x0000, NEW_VERSION, 300));
        assertEquals(List.of(new DefaultResponse(0x02, ZclStatus.INVALID_FIELD)), sent(a));
    }

    @Test
    void offerTooLargeForTheDeviceIsAnsweredInsufficientSpace() {
        ClientHarness h = new ClientHarness(profile().maxImageSize(1000).build());
        h.powerOn();
        List<ClientAction> a = h.fromServer(QueryNextImageResponse.success(MANUFACTURER, IMAGE_TYPE, NEW_VERSION, 1001));
        assertEquals(List.of(new DefaultResponse(0x02, ZclStatus.INSUFFICIENT_SPACE)), sent(a));
        assertEquals(OtaClient.State.IDLE, h.client.state());
    }

    @Test
    void offerSmallerThanAHeaderIsAnsweredInvalidField() {
        ClientHarness h = new ClientHarness();
        h.powerOn();
        List<ClientAction> a = h.fromServer(QueryNextImageResponse.success(MANUFACTURER, IMAGE_TYPE, NEW_VERSION, 55));
        assertEquals(List.of(new DefaultResponse(0x02, ZclStatus.INVALID_FIELD)), sent(a));
    }

    @Test
    void offerOfTheRunningVersionIsNotDownloaded() {
        ClientHarness h = new ClientHarness();
        h.powerOn();
        List<ClientAction> a = h.fromServer(QueryNextImageResponse.success(MANUFACTURER, IMAGE_TYPE, OLD_VERSION, 300));
        assertEquals(List.of(), sent(a));
        assertEquals(OtaClient.State.IDLE, h.client.state());
    }

    @Test
    void offerStartsTheDownloadAtOffsetZero() {
        ClientHarness h = new ClientHarness().serving(TestImages.gbSigned(NEW_VERSION, 300), NEW_VERSION);
        h.powerOn();
        h.now = SECOND;
        assertEquals(List.of(
                new ClientAction.CancelTimer(ClientTimer.RESPONSE),
                new ClientAction.AttributeChanged(OtaClientAttribute.DOWNLOADED_FILE_VERSION, ZclValue.uint32(NEW_VERSION)),
                new ClientAction.AttributeChanged(OtaClientAttribute.IMAGE_TYPE_ID, ZclValue.uint16(IMAGE_TYPE)),
                new ClientAction.AttributeChanged(OtaClientAttribute.FILE_OFFSET, ZclValue.uint32(0)),
                new ClientAction.StatusChanged(ImageUpgradeStatus.NORMAL, ImageUpgradeStatus.DOWNLOAD_IN_PROGRESS),
                new Sent(SERVER, ImageBlockRequest.of(MANUFACTURER, IMAGE_TYPE, NEW_VERSION, 0, 64)
                        .withMinimumBlockPeriod(0)),
                new ClientAction.SetTimer(ClientTimer.RESPONSE, 6 * SECOND)), norm(h.offer()));
    }

    // ---- Image Notify, zigbee-ota.md §5.5

    @Test
    void unicastNotifyAlwaysQueriesEvenForAnotherManufacturer() {
        ClientHarness h = new ClientHarness(profile().build());
        h.powerOn();
        h.fromServer(QueryNextImageResponse.NO_IMAGE_AVAILABLE);
        ImageNotify n = new ImageNotify(1, OptionalInt.of(0x9999), OptionalInt.of(0x7777), OptionalLong.of(OLD_VERSION));
        List<ClientAction> a = h.fromServerWantingAnswer(n);
        assertEquals(List.of(QUERY, new DefaultResponse(0x00, ZclStatus.SUCCESS)), sent(a));
        assertEquals(OtaClient.State.QUERYING, h.client.state());
    }

    @Test
    void unicastNotifyWithDefaultResponseDisabledGetsNone() {
        ClientHarness h = idle();
        assertEquals(List.of(QUERY), sent(h.fromServer(ImageNotify.of(100))));
    }

    @Test
    void unicastDefaultResponseCarriesTheNotifyTsn() {
        ClientHarness h = idle();
        h.serverTsn = 0x77;
        List<ClientAction> a = h.fromServerWantingAnswer(ImageNotify.of(100));
        assertEquals(0x77, Actions.sentTsns(a).get(1));
        byte[] dr = ((ClientAction.SendFrame) a.stream().filter(x -> x instanceof ClientAction.SendFrame)
                .skip(1).findFirst().orElseThrow()).zclFrame().toArray();
        assertEquals(0x10, dr[0] & 0xFF, "global, client→server, default response disabled");
    }

    @Test
    void unicastNotifyWithIllegalJitterIsAnsweredInvalidFieldAndStillQueries() {
        ClientHarness h = idle();
        List<ClientAction> a = h.fromServer(ImageNotify.of(0));
        assertEquals(List.of(new DefaultResponse(0x00, ZclStatus.INVALID_FIELD), QUERY), sent(a));
    }

    @Test
    void broadcastNotifyForAnotherManufacturerIsIgnored() {
        ClientHarness h = idle();
        assertEquals(List.of(new IgnoredAs(IgnoreReason.NOTIFY_NOT_FOR_THIS_DEVICE)),
                norm(h.broadcastFromServer(ImageNotify.of(100, 0x1234))));
    }

    @Test
    void broadcastNotifyForAnotherImageTypeIsIgnored() {
        ClientHarness h = idle();
        assertEquals(List.of(new IgnoredAs(IgnoreReason.NOTIFY_NOT_FOR_THIS_DEVICE)),
                norm(h.broadcastFromServer(ImageNotify.of(100, MANUFACTURER, 0x0001))));
    }

    @Test
    void broadcastNotifyNamingTheRunningVersionIsIgnored() {
        ClientHarness h = idle();
        ImageNotify n = new ImageNotify(100, OptionalInt.of(MANUFACTURER), OptionalInt.of(IMAGE_TYPE),
                OptionalLong.of(OLD_VERSION));
        assertEquals(List.of(new IgnoredAs(IgnoreReason.NOTIFY_SAME_VERSION)), norm(h.broadcastFromServer(n)));
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 101, 255})
    void invalidBroadcastNotifyGetsNoDefaultResponse(int jitter) {
        ClientHarness h = idle();
        // DDR clear as well: a broadcast is never answered.
        List<ClientAction> a = h.frame(SERVER, true, io.hansim.zigbee.ota.OtaCodec.encode(
                io.hansim.zigbee.ota.OtaFrame.of(5, ImageNotify.of(jitter), false)));
        assertEquals(List.of(new IgnoredAs(IgnoreReason.NOTIFY_INVALID)), norm(a));
    }

    @Test
    void broadcastNotifyWithWildcardsAndANewVersionQueries() {
        ClientHarness h = idle();
        ImageNotify n = new ImageNotify(100, OptionalInt.of(0xFFFF), OptionalInt.of(0xFFFF), OptionalLong.of(NEW_VERSION));
        assertEquals(List.of(QUERY), sent(h.broadcastFromServer(n)));
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12})
    void broadcastNotifyQueriesOnlyWhenTheSeededDrawIsAtMostTheJitter(long seed) {
        ClientHarness h = new ClientHarness(profile().build(), seed);
        h.powerOn();
        h.fromServer(QueryNextImageResponse.NO_IMAGE_AVAILABLE);
        int draw = 1 + new SplittableRandom(seed).nextInt(100); // start delay 0 draws nothing
        List<ClientAction> a = h.broadcastFromServer(ImageNotify.of(50, MANUFACTURER));
        if (draw <= 50) {
            assertEquals(List.of(QUERY), sent(a));
        } else {
            assertEquals(List.of(new IgnoredAs(IgnoreReason.NOTIFY_JITTER)), norm(a));
        }
    }

    @Test
    void jitter100AlwaysQueriesWithoutADraw() {
        ClientHarness h = idle();
        assertEquals(List.of(QUERY), sent(h.broadcastFromServer(ImageNotify.of(100))));
    }

    @Test
    void notifyDuringADownloadIsIgnored() {
        ClientHarness h = new ClientHarness().serving(TestImages.gbSigned(NEW_VERSION, 300), NEW_VERSION);
        h.powerOn();
        h.offer();
        List<ClientAction> a = h.fromServerWantingAnswer(ImageNotify.of(100));
        assertEquals(List.of(new IgnoredAs(IgnoreReason.BUSY), new Sent(SERVER, new DefaultResponse(0, ZclStatus.SUCCESS))),
                norm(a));
        assertEquals(OtaClient.State.DOWNLOADING, h.client.state());
    }

    @Test
    void notifyWhileAQueryIsOutDoesNotQueryTwice() {
        ClientHarness h = new ClientHarness();
        h.powerOn();
        assertEquals(List.of(new IgnoredAs(IgnoreReason.BUSY)), norm(h.fromServer(ImageNotify.of(100))));
    }

    @Test
    void downgradeRefusedByPolicyGetsUpgradeEndRequestInvalidImageWithoutDownload() {
        ClientHarness h = new ClientHarness(profile().refuseDowngrades(true).build());
        h.powerOn();
        List<ClientAction> a = h.fromServer(QueryNextImageResponse.success(MANUFACTURER, IMAGE_TYPE, OLD_VERSION - 1, 300));
        assertEquals(List.of(new UpgradeEndRequest(ZclStatus.INVALID_IMAGE, MANUFACTURER, IMAGE_TYPE, OLD_VERSION - 1)),
                sent(a));
        assertEquals(OtaClient.State.IDLE, h.client.state());
    }

    /** A powered, idle client: first query answered NO_IMAGE_AVAILABLE. */
    private static ClientHarness idle() {
        ClientHarness h = new ClientHarness();
        h.powerOn();
        h.fromServer(QueryNextImageResponse.NO_IMAGE_AVAILABLE);
        assertEquals(OtaClient.State.IDLE, h.client.state());
        return h;
    }
}
