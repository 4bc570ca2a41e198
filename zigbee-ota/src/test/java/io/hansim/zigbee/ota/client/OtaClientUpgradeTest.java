package io.hansim.zigbee.ota.client;

import io.hansim.zigbee.ota.ImageNotify;
import io.hansim.zigbee.ota.QueryNextImageRequest;
import io.hansim.zigbee.ota.QueryNextImageResponse;
import io.hansim.zigbee.ota.UpgradeEndRequest;
import io.hansim.zigbee.ota.UpgradeEndResponse;
import io.hansim.zigbee.ota.attr.OtaClientAttribute;
import io.hansim.zigbee.ota.image.GbBody;
import io.hansim.zigbee.ota.image.ImageFormat;
import io.hansim.zigbee.ota.image.OtaImageParser;
import io.hansim.zigbee.ota.image.ParseOptions;
import io.hansim.zigbee.zcl.Bytes;
import io.hansim.zigbee.zcl.DefaultResponse;
import io.hansim.zigbee.zcl.ReadAttributes;
import io.hansim.zigbee.zcl.ReadAttributesResponse;
import io.hansim.zigbee.zcl.ZclStatus;
import io.hansim.zigbee.zcl.ZclValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.stream.Stream;

import static io.hansim.zigbee.ota.client.Actions.Discarded;
import static io.hansim.zigbee.ota.client.Actions.IgnoredAs;
import static io.hansim.zigbee.ota.client.Actions.RefusedAs;
import static io.hansim.zigbee.ota.client.Actions.Sent;
import static io.hansim.zigbee.ota.client.Actions.norm;
import static io.hansim.zigbee.ota.client.Actions.sent;
import static io.hansim.zigbee.ota.client.Actions.sentOta;
import static io.hansim.zigbee.ota.client.ClientHarness.SELF;
import static io.hansim.zigbee.ota.client.ClientHarness.SERVER;
import static io.hansim.zigbee.ota.client.ClientHarness.profile;
import static io.hansim.zigbee.ota.client.ClientProfile.HOUR;
import static io.hansim.zigbee.ota.client.ClientProfile.MINUTE;
import static io.hansim.zigbee.ota.client.ClientProfile.SECOND;
import static io.hansim.zigbee.ota.client.TestImages.IMAGE_TYPE;
import static io.hansim.zigbee.ota.client.TestImages.MANUFACTURER;
import static io.hansim.zigbee.ota.client.TestImages.NEW_VERSION;
import static io.hansim.zigbee.ota.client.TestImages.OLD_VERSION;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Verification, the Upgrade End exchange, activation in every form, out-of-band activation and
 * multi-image upgrades (zigbee-ota.md §5.2, §8; requirements R7.4, R7.5, R7.9, R7.14).
 */
class OtaClientUpgradeTest {

    private static final Bytes IMAGE = TestImages.gbSigned(NEW_VERSION, 300);
    private static final UpgradeEndRequest END_SUCCESS =
            new UpgradeEndRequest(ZclStatus.SUCCESS, MANUFACTURER, IMAGE_TYPE, NEW_VERSION);

    /** Downloaded and verified; the Upgrade End Request SUCCESS is out. */
    private static ClientHarness downloaded(ClientProfile profile) {
        ClientHarness h = new ClientHarness(profile).serving(IMAGE, NEW_VERSION);
        h.powerOn();
        List<ClientAction> a = h.downloadAll();
        assertEquals(List.of(END_SUCCESS), sentOta(a));
        assertEquals(OtaClient.State.WAITING_TO_UPGRADE, h.client.state());
        h.now = Math.max(h.now, 10 * SECOND);
        return h;
    }

    private static ClientHarness downloaded() {
        return downloaded(profile().build());
    }

    // ---- the whole PPMID upgrade (R7.4)

    @Test
    void r7_4_ppmidDownloadsOnNotifyAndActivatesWhenTheServerSaysNow() {
        ClientHarness h = new ClientHarness().serving(IMAGE, NEW_VERSION);
        h.powerOn();
        h.fromServer(QueryNextImageResponse.NO_IMAGE_AVAILABLE);
        // SR 11.4 → Image Notify → Query Next Image → blocks → Upgrade End Request SUCCESS
        assertEquals(List.of(QueryNextImageRequest.of(MANUFACTURER, IMAGE_TYPE, OLD_VERSION)
                .withHardwareVersion(TestImages.HARDWARE)), sentOta(h.fromServer(ImageNotify.of(100))));
        List<ClientAction> a = h.serveAll(h.offer());
        assertEquals(List.of(
                new ClientAction.StatusChanged(ImageUpgradeStatus.DOWNLOAD_IN_PROGRESS, ImageUpgradeStatus.DOWNLOAD_COMPLETE),
                new ClientAction.StatusChanged(ImageUpgradeStatus.DOWNLOAD_COMPLETE, ImageUpgradeStatus.WAITING_TO_UPGRADE)),
                Actions.of(a, ClientAction.StatusChanged.class));
        assertEquals(List.of(END_SUCCESS), sentOta(a));
        // → Upgrade End Response "now" (CurrentTime 0, UpgradeTime 0)
        h.now = 100 * SECOND;
        assertEquals(List.of(new ClientAction.CancelTimer(ClientTimer.RESPONSE),
                new ClientAction.StatusChanged(ImageUpgradeStatus.WAITING_TO_UPGRADE, ImageUpgradeStatus.COUNT_DOWN),
                new ClientAction.SetTimer(ClientTimer.COUNTDOWN, 103 * SECOND)),
                norm(h.fromServer(new UpgradeEndResponse(MANUFACTURER, IMAGE_TYPE, NEW_VERSION, 0, 0))));
        // → the PPMID restarts on the new image
        assertEquals(List.of(
                new ClientAction.Activate(new ImageIdentity(MANUFACTURER, IMAGE_TYPE, NEW_VERSION), IMAGE, List.of(),
                        ActivationTrigger.UPGRADE_END_RESPONSE),
                new ClientAction.AttributeChanged(OtaClientAttribute.CURRENT_FILE_VERSION, ZclValue.uint32(NEW_VERSION)),
                new ClientAction.StatusChanged(ImageUpgradeStatus.COUNT_DOWN, ImageUpgradeStatus.NORMAL)),
                h.fire(ClientTimer.COUNTDOWN));
        assertEquals(OtaClient.State.OFF, h.client.state());
        assertEquals(List.of(new IgnoredAs(IgnoreReason.NOT_RUNNING)), norm(h.fromServer(ImageNotify.of(100))),
                "rebooting");
        // CurrentFileVersion = the header's File Version, read back by the CH (R7.10)
        h.powerOn();
        List<ClientAction> read = h.fromServer(ReadAttributes.of(0x0002, 0x0004, 0x0006, 0x0008));
        assertEquals(List.of(new ReadAttributesResponse(List.of(
                ReadAttributesResponse.StatusRecord.success(0x0002, ZclValue.uint32(NEW_VERSION)),
                ReadAttributesResponse.StatusRecord.success(0x0004, ZclValue.uint32(0xFFFF_FFFFL)),
                ReadAttributesResponse.StatusRecord.success(0x0006, ZclValue.enum8(0)),
                ReadAttributesResponse.StatusRecord.success(0x0008, ZclValue.uint16(0xFFFF))))), sent(read));
        assertEquals(NEW_VERSION, h.client.runningFileVersion());
    }

    // ---- activation timing, zigbee-ota.md §5.2

    @Test
    void relativeUpgradeTimeCountsDownThatManySeconds() {
        ClientHarness h = downloaded();
        h.fromServer(new UpgradeEndResponse(MANUFACTURER, IMAGE_TYPE, NEW_VERSION, 0, 120));
        assertEquals(OtaClient.State.COUNTDOWN, h.client.state());
        assertEquals(h.now + 120 * SECOND, h.deadline(ClientTimer.COUNTDOWN));
    }

    @Test
    void utcTimesCountDownTheDifference() {
        ClientHarness h = downloaded();
        long utc = 0x1C374A80L;
        h.fromServer(new UpgradeEndResponse(MANUFACTURER, IMAGE_TYPE, NEW_VERSION, utc, utc + 600));
        assertEquals(h.now + 600 * SECOND, h.deadline(ClientTimer.COUNTDOWN));
    }

    @Test
    void upgradeTimeBeforeCurrentTimeFallsBackToAnHour() {
        ClientHarness h = downloaded();
        h.fromServer(new UpgradeEndResponse(MANUFACTURER, IMAGE_TYPE, NEW_VERSION, 5000, 4000));
        assertEquals(h.now + 60 * MINUTE, h.deadline(ClientTimer.COUNTDOWN));
    }

    @Test
    void upgradeNowStillWaitsTheMinimumRebootDelaySoTheAnswersGoOut() {
        ClientHarness h = downloaded(profile().minimumRebootDelay(7 * SECOND).build());
        h.fromServer(new UpgradeEndResponse(MANUFACTURER, IMAGE_TYPE, NEW_VERSION, 0x1C374A80L, 0x1C374A80L));
        assertEquals(h.now + 7 * SECOND, h.deadline(ClientTimer.COUNTDOWN));
    }

    @Test
    void waitForUpgradeCommandAsksAgainAfterAnHour() {
        ClientHarness h = downloaded();
        assertEquals(List.of(new ClientAction.CancelTimer(ClientTimer.RESPONSE),
                new ClientAction.SetTimer(ClientTimer.UPGRADE_END_REQUEST, h.now + 60 * MINUTE)),
                norm(h.fromServer(new UpgradeEndResponse(MANUFACTURER, IMAGE_TYPE, NEW_VERSION, 0, 0xFFFF_FFFFL))));
        assertEquals(ImageUpgradeStatus.WAITING_TO_UPGRADE, h.client.imageUpgradeStatus());
        List<ClientAction> a = h.fire(ClientTimer.UPGRADE_END_REQUEST);
        assertEquals(List.of(new Sent(SERVER, END_SUCCESS), new ClientAction.SetTimer(ClientTimer.RESPONSE, h.now + 5 * SECOND)),
                norm(a));
    }

    @Test
    void anUnsolicitedBroadcastUpgradeEndResponseWithWildcardsActivates() {
        ClientHarness h = downloaded();
        h.fromServer(new UpgradeEndResponse(MANUFACTURER, IMAGE_TYPE, NEW_VERSION, 0, 0xFFFF_FFFFL));
        h.now += 10 * MINUTE;
        List<ClientAction> a = h.broadcastFromServer(new UpgradeEndResponse(0xFFFF, 0xFFFF, 0xFFFF_FFFFL, 0, 60));
        assertEquals(List.of(), sent(a));
        assertEquals(h.now + 60 * SECOND, h.deadline(ClientTimer.COUNTDOWN));
    }

    @Test
    void anUpgradeEndResponseForAnotherImageIsAnsweredInvalidValue() {
        ClientHarness h = downloaded();
        List<ClientAction> a = h.fromServer(new UpgradeEndResponse(MANUFACTURER, IMAGE_TYPE, NEW_VERSION + 1, 0, 0));
        assertEquals(List.of(new DefaultResponse(0x07, ZclStatus.INVALID_VALUE)), sent(a));
        assertEquals(OtaClient.State.WAITING_TO_UPGRADE, h.client.state());
    }

    @Test
    void aNewUpgradeEndResponseDuringTheCountdownReschedulesIt() {
        ClientHarness h = downloaded();
        h.fromServer(new UpgradeEndResponse(MANUFACTURER, IMAGE_TYPE, NEW_VERSION, 0, 3600));
        h.now += MINUTE;
        h.fromServer(new UpgradeEndResponse(MANUFACTURER, IMAGE_TYPE, NEW_VERSION, 0, 10));
        assertEquals(h.now + 10 * SECOND, h.deadline(ClientTimer.COUNTDOWN));
    }

    @Test
    void waitDuringTheCountdownStopsIt() {
        ClientHarness h = downloaded();
        h.fromServer(new UpgradeEndResponse(MANUFACTURER, IMAGE_TYPE, NEW_VERSION, 0, 3600));
        h.fromServer(new UpgradeEndResponse(MANUFACTURER, IMAGE_TYPE, NEW_VERSION, 0, 0xFFFF_FFFFL));
        assertEquals(OtaClient.State.WAITING_TO_UPGRADE, h.client.state());
        assertTrue(h.client.timerDeadline(ClientTimer.COUNTDOWN).isEmpty());
    }

    @Test
    void unansweredUpgradeEndRequestsApplyTheUpgradeUnderTimeoutPolicy0() {
        ClientHarness h = downloaded(profile().upgradeEndRetries(3).build());
        assertEquals(List.of(END_SUCCESS), sentOta(h.fire(ClientTimer.RESPONSE)));
        assertEquals(List.of(END_SUCCESS), sentOta(h.fire(ClientTimer.RESPONSE)));
        List<ClientAction> a = h.fire(ClientTimer.RESPONSE); // the third went unanswered
        assertEquals(List.of(), sentOta(a));
        assertEquals(OtaClient.State.COUNTDOWN, h.client.state());
        assertEquals(ActivationTrigger.UPGRADE_TIMEOUT,
                Actions.one(h.fire(ClientTimer.COUNTDOWN), ClientAction.Activate.class).trigger());
    }

    @Test
    void timeoutPolicy1KeepsTheImageAndAsksAgainHourly() {
        ClientHarness h = downloaded(profile().upgradeEndRetries(2).timeoutPolicy(UpgradeTimeoutPolicy.DO_NOT_APPLY).build());
        h.fire(ClientTimer.RESPONSE);
        List<ClientAction> a = h.fire(ClientTimer.RESPONSE);
        assertEquals(List.of(new ClientAction.SetTimer(ClientTimer.UPGRADE_END_REQUEST, h.now + 60 * MINUTE)), norm(a));
        assertEquals(OtaClient.State.WAITING_TO_UPGRADE, h.client.state());
        assertEquals(List.of(END_SUCCESS), sentOta(h.fire(ClientTimer.UPGRADE_END_REQUEST)));
    }

    @Test
    void anErrorDefaultResponseToTheUpgradeEndRequestDiscardsTheImage() {
        ClientHarness h = downloaded();
        List<ClientAction> a = h.fromServer(new DefaultResponse(0x06, ZclStatus.ABORT));
        assertTrue(norm(a).contains(new Discarded(DiscardReason.UPGRADE_ABORTED_BY_SERVER)));
        assertEquals(OtaClient.State.IDLE, h.client.state());
        assertTrue(h.client.heldImage().isEmpty());
    }

    @Test
    void anUpgradeEndResponseNobodyAskedForIsAnsweredFailure() {
        ClientHarness h = new ClientHarness();
        h.powerOn();
        h.fromServer(QueryNextImageResponse.NO_IMAGE_AVAILABLE);
        List<ClientAction> a = h.fromServer(new UpgradeEndResponse(MANUFACTURER, IMAGE_TYPE, NEW_VERSION, 0, 0));
        assertEquals(List.of(new IgnoredAs(IgnoreReason.UNEXPECTED_RESPONSE),
                new Sent(SERVER, new DefaultResponse(0x07, ZclStatus.FAILURE))), norm(a));
    }

    // ---- out-of-band activation (R7.5)

    private static ClientProfile hcalcs() {
        return profile().name("hcalcs").activationPolicy(UpgradeActivationPolicy.OUT_OF_BAND_ONLY)
                .timeoutPolicy(UpgradeTimeoutPolicy.DO_NOT_APPLY).build();
    }

    /**
     * R7.4, R7.8: power lost after the whole image was stored and verified, before the activation
     * (here while the Upgrade End Response is awaited): the flash hands back the whole download at
     * boot; the client verifies it again and sends Upgrade End Request SUCCESS again, with no block
     * fetched twice.
     */
    @Test
    void r7_4_r7_8_aWholeDownloadRestoredAtBootIsVerifiedAgainAndItsEndRequestRepeated() {
        ClientHarness h = downloaded(profile().build());
        HeldImage held = h.client.heldImage().orElseThrow();
        long size = held.image().length();
        h.now += MINUTE;
        List<ClientAction> a = h.powerOn(new PersistedDownload(held.identity(), size, size, List.of(), held.image()));
        assertEquals(List.of(END_SUCCESS), sentOta(a), "no block request, the end request again");
        assertEquals(OtaClient.State.WAITING_TO_UPGRADE, h.client.state());
        assertEquals(held, h.client.heldImage().orElseThrow());
    }

    /**
     * R7.5: an HCALCS accepted CS06 and lost power in the count-down. The decision was persisted with
     * the image, so at boot it verifies the image again and activates it, asking no server (no
     * server would repeat a CS06).
     */
    @Test
    void r7_5_anOutOfBandActivationDecidedBeforeAPowerCutIsCarriedOutAfterBoot() {
        ClientHarness h = downloaded(hcalcs());
        h.fromServer(new UpgradeEndResponse(MANUFACTURER, IMAGE_TYPE, NEW_VERSION, 0, 0));
        h.now += MINUTE;
        List<ClientAction> decided = h.handle(new ClientEvent.ActivateOutOfBand(h.now));
        PersistedDownload persisted = Actions.one(decided, ClientAction.PersistProgress.class).download();
        assertTrue(persisted.activateOutOfBand());
        HeldImage held = h.client.heldImage().orElseThrow();
        h.now += SECOND; // power lost before the 3 s count-down ends
        List<ClientAction> boot = h.powerOn(persisted.withReceived(held.image()));
        assertTrue(sentOta(boot).isEmpty(), "no Upgrade End Request: the activation was decided already");
        assertEquals(OtaClient.State.COUNTDOWN, h.client.state());
        ClientAction.Activate act = Actions.one(h.fire(ClientTimer.COUNTDOWN), ClientAction.Activate.class);
        assertEquals(ActivationTrigger.OUT_OF_BAND, act.trigger());
        assertEquals(held.image(), act.image());
    }

    /** A restored out-of-band decision whose image no longer verifies is not acted on (R7.14). */
    @Test
    void r7_14_aRestoredOutOfBandDecisionWithACorruptImageIsDiscarded() {
        ClientHarness h = downloaded(hcalcs());
        HeldImage held = h.client.heldImage().orElseThrow();
        long size = held.image().length();
        byte[] corrupt = held.image().toArray();
        corrupt[corrupt.length - 1] ^= 0x01;
        List<ClientAction> boot = h.powerOn(new PersistedDownload(held.identity(), size, size, List.of(),
                Bytes.of(corrupt), true));
        assertTrue(Actions.of(boot, ClientAction.Activate.class).isEmpty());
        assertTrue(Actions.of(h.advance(HOUR), ClientAction.Activate.class).isEmpty());
        assertTrue(Actions.of(boot, ClientAction.DiscardImage.class).stream()
                .anyMatch(d -> d.reason().isVerificationFailure()), boot.toString());
        assertEquals(OLD_VERSION, h.client.runningFileVersion());
    }

    @Test
    void r7_5_hcalcsAnswersAnUpgradeTimeWithNotAuthorizedAndWaitsInStatus6() {
        ClientHarness h = downloaded(hcalcs());
        assertEquals(List.of(new Sent(SERVER, new DefaultResponse(0x07, ZclStatus.NOT_AUTHORIZED)),
                new ClientAction.CancelTimer(ClientTimer.RESPONSE),
                new ClientAction.StatusChanged(ImageUpgradeStatus.WAITING_TO_UPGRADE,
                        ImageUpgradeStatus.WAITING_TO_UPGRADE_VIA_EXTERNAL_EVENT)),
                norm(h.fromServer(new UpgradeEndResponse(MANUFACTURER, IMAGE_TYPE, NEW_VERSION, 0, 0))));
        assertEquals(ZclValue.enum8(6), h.client.attribute(OtaClientAttribute.IMAGE_UPGRADE_STATUS).orElseThrow());
        assertEquals(OLD_VERSION, h.client.runningFileVersion());
        // CS06 with the right hash: the host activates out of band
        h.now += MINUTE;
        // The decision goes to flash with the image: a power cut in the count-down does not undo a CS06.
        HeldImage held = h.client.heldImage().orElseThrow();
        long size = held.image().length();
        assertEquals(List.of(new ClientAction.PersistProgress(new PersistedDownload(held.identity(), size, size,
                List.of(), Bytes.EMPTY, true)),
                new ClientAction.StatusChanged(ImageUpgradeStatus.WAITING_TO_UPGRADE_VIA_EXTERNAL_EVENT,
                ImageUpgradeStatus.COUNT_DOWN), new ClientAction.SetTimer(ClientTimer.COUNTDOWN, h.now + 3 * SECOND)),
                h.handle(new ClientEvent.ActivateOutOfBand(h.now)));
        ClientAction.Activate act = Actions.one(h.fire(ClientTimer.COUNTDOWN), ClientAction.Activate.class);
        assertEquals(ActivationTrigger.OUT_OF_BAND, act.trigger());
        assertEquals(NEW_VERSION, h.client.runningFileVersion());
    }

    @Test
    void r7_5_anotherUpgradeTimeInStatus6IsAnsweredNotAuthorizedAgain() {
        ClientHarness h = downloaded(hcalcs());
        h.fromServer(new UpgradeEndResponse(MANUFACTURER, IMAGE_TYPE, NEW_VERSION, 0, 0));
        assertEquals(List.of(new DefaultResponse(0x07, ZclStatus.NOT_AUTHORIZED)),
                sent(h.fromServer(new UpgradeEndResponse(0xFFFF, 0xFFFF, 0xFFFF_FFFFL, 0, 30))));
        assertEquals(OtaClient.State.WAITING_FOR_EXTERNAL_EVENT, h.client.state());
    }

    @Test
    void r7_5_waitForUpgradeCommandMovesAnOutOfBandDeviceToStatus6WithoutAnError() {
        ClientHarness h = downloaded(hcalcs());
        List<ClientAction> a = h.fromServer(new UpgradeEndResponse(MANUFACTURER, IMAGE_TYPE, NEW_VERSION, 0, 0xFFFF_FFFFL));
        assertEquals(List.of(), sent(a));
        assertEquals(ImageUpgradeStatus.WAITING_TO_UPGRADE_VIA_EXTERNAL_EVENT, h.client.imageUpgradeStatus());
    }

    @Test
    void r7_5_statusIs3WhileWaitingForTheExternalEventWhenTheProfileSaysSo() {
        ClientHarness h = downloaded(hcalcs().toBuilder().externalWaitStatus(ImageUpgradeStatus.WAITING_TO_UPGRADE).build());
        h.fromServer(new UpgradeEndResponse(MANUFACTURER, IMAGE_TYPE, NEW_VERSION, 0, 0));
        assertEquals(OtaClient.State.WAITING_FOR_EXTERNAL_EVENT, h.client.state());
        assertEquals(ImageUpgradeStatus.WAITING_TO_UPGRADE, h.client.imageUpgradeStatus());
    }

    @Test
    void r7_5_unansweredUpgradeEndRequestsNeverActivateAnOutOfBandDevice() {
        ClientHarness h = downloaded(hcalcs().toBuilder().timeoutPolicy(UpgradeTimeoutPolicy.APPLY_AFTER_TIMEOUT)
                .upgradeEndRetries(2).build());
        h.fire(ClientTimer.RESPONSE);
        h.fire(ClientTimer.RESPONSE);
        assertEquals(OtaClient.State.WAITING_FOR_EXTERNAL_EVENT, h.client.state());
        assertTrue(h.timers.isEmpty());
    }

    @Test
    void r7_5_outOfBandActivationWithoutAVerifiedImageIsRefused() {
        ClientHarness h = new ClientHarness(hcalcs());
        h.powerOn();
        assertEquals(List.of(new RefusedAs(RefusalReason.NO_IMAGE_HELD, SELF)),
                norm(h.handle(new ClientEvent.ActivateOutOfBand(h.now))));
        assertEquals(OtaClient.State.QUERYING, h.client.state());
    }

    @Test
    void r7_5_theHostChecksTheCs06HashAgainstTheHeldImage() {
        ClientHarness h = downloaded(hcalcs());
        h.fromServer(new UpgradeEndResponse(MANUFACTURER, IMAGE_TYPE, NEW_VERSION, 0, 0xFFFF_FFFFL));
        Bytes held = h.client.heldImage().orElseThrow().image();
        GbBody gb = OtaImageParser.parse(held.toArray(), ParseOptions.defaults().withFormat(ImageFormat.GB)).gbBody();
        assertEquals(io.hansim.zigbee.ota.image.GbImages.manufacturerImageHash(TestImages.manufacturerImage(300, 300)),
                gb.manufacturerImageHash());
        // a CS06 with another hash: the host does not activate (outcome 2) and the old version keeps running
        assertEquals(ImageUpgradeStatus.WAITING_TO_UPGRADE_VIA_EXTERNAL_EVENT, h.client.imageUpgradeStatus());
        assertEquals(OLD_VERSION, h.client.runningFileVersion());
    }

    // ---- verification (R7.14)

    static Stream<Arguments> invalidImages() {
        ClientProfile.Builder p = profile();
        return Stream.of(
                Arguments.of("no identifier", p.build(), Bytes.of(new byte[200]), DiscardReason.INVALID_FILE),
                Arguments.of("header names another version", p.build(), TestImages.gbSigned(NEW_VERSION + 1, 300),
                        DiscardReason.IDENTITY_MISMATCH),
                Arguments.of("TotalImageSize differs", p.build(), TestImages.header(NEW_VERSION)
                        .totalImageSizeOverride(300L).gbBody(GbBody.unsigned(TestImages.manufacturerImage(1, 300)))
                        .buildBytes(), DiscardReason.SIZE_MISMATCH),
                Arguments.of("hardware outside the range", profile().hardwareVersion(0x0300).build(), IMAGE,
                        DiscardReason.HARDWARE_VERSION_MISMATCH),
                Arguments.of("destined for another device", p.build(), TestImages.gbSigned(
                        TestImages.header(NEW_VERSION).upgradeFileDestination(0x0102030405060708L), 300, TestImages.KEY),
                        DiscardReason.DESTINATION_MISMATCH),
                Arguments.of("no signature", p.build(), TestImages.gbUnsigned(NEW_VERSION, 300),
                        DiscardReason.SIGNATURE_MISSING),
                Arguments.of("signed by another key", p.build(), TestImages.gbSigned(TestImages.header(NEW_VERSION), 300,
                        TestImages.OTHER_KEY), DiscardReason.SIGNATURE_INVALID),
                Arguments.of("integrity code mismatch", profile().noTrustedKey().imageFormat(ImageFormat.AUTO).build(),
                        TestImages.withIntegrityCode(NEW_VERSION, 200, false), DiscardReason.INTEGRITY_CODE_MISMATCH),
                Arguments.of("element chain broken", profile().noTrustedKey().imageFormat(ImageFormat.ZIGBEE).build(),
                        TestImages.gbUnsigned(NEW_VERSION, 300), DiscardReason.INVALID_FILE));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidImages")
    void r7_14_aFailedVerificationIsInvalidImageAndTheOldImageKeepsRunning(String what, ClientProfile profile,
            Bytes file, DiscardReason reason) {
        ClientHarness h = new ClientHarness(profile).serving(file, NEW_VERSION);
        h.powerOn();
        List<ClientAction> a = h.downloadAll();
        assertEquals(List.of(new UpgradeEndRequest(ZclStatus.INVALID_IMAGE, MANUFACTURER, IMAGE_TYPE, NEW_VERSION)),
                sentOta(a));
        assertEquals(List.of(reason), Actions.of(a, ClientAction.DiscardImage.class).stream()
                .map(ClientAction.DiscardImage::reason).toList(), what);
        assertEquals(OtaClient.State.IDLE, h.client.state());
        assertTrue(Actions.of(h.log, ClientAction.Activate.class).isEmpty());
        assertEquals(OLD_VERSION, h.client.runningFileVersion());
        assertEquals(ZclValue.uint32(OLD_VERSION), h.client.attribute(OtaClientAttribute.CURRENT_FILE_VERSION).orElseThrow());
        assertEquals(null, h.persisted);
    }

    @Test
    void theGbSignatureCoversTheManufacturerImageNotTheHeaderString() {
        // zigbee-ota.md §8: the signature is over the Manufacturer Image alone. A header string
        // changed on the way still verifies (OtaClientFuzzTest found it); the identity fields are
        // checked against the offer, and the firmware itself is authentic.
        byte[] changed = IMAGE.toArray();
        changed[32] ^= 0x20;
        ClientHarness h = new ClientHarness().serving(Bytes.of(changed), NEW_VERSION);
        h.powerOn();
        assertEquals(List.of(END_SUCCESS), sentOta(h.downloadAll()));
        byte[] flipped = IMAGE.toArray();
        flipped[100] ^= 0x01; // inside the Manufacturer Image
        h = new ClientHarness().serving(Bytes.of(flipped), NEW_VERSION);
        h.powerOn();
        assertTrue(norm(h.downloadAll()).contains(new Discarded(DiscardReason.SIGNATURE_INVALID)));
    }

    @Test
    void aCorrectIntegrityCodeVerifies() {
        Bytes file = TestImages.withIntegrityCode(NEW_VERSION, 200, true);
        ClientHarness h = new ClientHarness(profile().noTrustedKey().imageFormat(ImageFormat.AUTO).build())
                .serving(file, NEW_VERSION);
        h.powerOn();
        assertEquals(List.of(END_SUCCESS), sentOta(h.downloadAll()));
    }

    @Test
    void withoutATrustedKeyAnUnsignedGbImageVerifies() {
        ClientHarness h = new ClientHarness(profile().noTrustedKey().build())
                .serving(TestImages.gbUnsigned(NEW_VERSION, 300), NEW_VERSION);
        h.powerOn();
        assertEquals(List.of(END_SUCCESS), sentOta(h.downloadAll()));
    }

    @Test
    void r7_14_aDowngradeIsAcceptedByDefault() {
        long older = OLD_VERSION - 1;
        ClientHarness h = new ClientHarness().serving(TestImages.gbSigned(older, 100), older);
        h.powerOn();
        h.downloadAll();
        h.fromServer(new UpgradeEndResponse(MANUFACTURER, IMAGE_TYPE, older, 0, 0));
        h.fire(ClientTimer.COUNTDOWN);
        assertEquals(older, h.client.runningFileVersion());
    }

    @Test
    void slowVerificationShowsDownloadCompleteUntilItEnds() {
        ClientHarness h = new ClientHarness(profile().quirk(ClientQuirk.SLOW_VERIFY).slowVerifyDuration(31 * SECOND).build())
                .serving(IMAGE, NEW_VERSION);
        h.powerOn();
        List<ClientAction> a = h.downloadAll();
        assertEquals(ImageUpgradeStatus.DOWNLOAD_COMPLETE, h.client.imageUpgradeStatus());
        assertEquals(new ClientAction.SetTimer(ClientTimer.VERIFY, h.now + 31 * SECOND), a.get(a.size() - 1));
        assertEquals(List.of(END_SUCCESS), sentOta(h.fire(ClientTimer.VERIFY)));
    }

    // ---- multi-image upgrades (R7.9)

    @Test
    void r7_9_eachPartButTheLastIsAnsweredRequireMoreImageAndAllAreActivatedTogether() {
        int secondType = 0x0085;
        long secondVersion = 0x02000001L;
        Bytes second = TestImages.gbSigned(new io.hansim.zigbee.ota.image.OtaImageBuilder().manufacturerCode(MANUFACTURER)
                .imageType(secondType).fileVersion(secondVersion).hardwareVersions(0x0100, 0x01FF), 150, TestImages.KEY);
        ClientHarness h = new ClientHarness(profile().imageParts(2).build()).serving(IMAGE, NEW_VERSION);
        h.powerOn();
        List<ClientAction> a = h.downloadAll();
        assertEquals(List.of(new UpgradeEndRequest(ZclStatus.REQUIRE_MORE_IMAGE, MANUFACTURER, IMAGE_TYPE, NEW_VERSION),
                QueryNextImageRequest.of(MANUFACTURER, IMAGE_TYPE, OLD_VERSION).withHardwareVersion(TestImages.HARDWARE)),
                sentOta(a));
        assertEquals(ImageUpgradeStatus.WAIT_FOR_MORE, h.client.imageUpgradeStatus());
        // the server offers the part it already gave: nothing new
        h.offer();
        assertEquals(OtaClient.State.WAIT_FOR_MORE, h.client.state());
        h.startQuery();
        // the next part may have another image type
        h.serving(second, secondType, secondVersion);
        a = h.offer();
        assertEquals(ImageUpgradeStatus.DOWNLOAD_IN_PROGRESS, h.client.imageUpgradeStatus());
        a = h.serveAll(a);
        assertEquals(List.of(new UpgradeEndRequest(ZclStatus.SUCCESS, MANUFACTURER, secondType, secondVersion)), sentOta(a));
        assertEquals(1, h.persisted.heldParts().size(), "a power cut keeps the first part");
        h.fromServer(new UpgradeEndResponse(MANUFACTURER, secondType, secondVersion, 0, 0));
        ClientAction.Activate act = Actions.one(h.fire(ClientTimer.COUNTDOWN), ClientAction.Activate.class);
        assertEquals(new ImageIdentity(MANUFACTURER, secondType, secondVersion), act.identity());
        assertEquals(List.of(new HeldImage(new ImageIdentity(MANUFACTURER, IMAGE_TYPE, NEW_VERSION), IMAGE)),
                act.otherParts());
    }

    @Test
    void r7_9_aFailedLaterPartKeepsTheEarlierOnesAndWaitsForMore() {
        ClientHarness h = new ClientHarness(profile().imageParts(2).build()).serving(IMAGE, NEW_VERSION);
        h.powerOn();
        h.downloadAll();
        h.serving(TestImages.gbUnsigned(NEW_VERSION + 5, 100), NEW_VERSION + 5);
        h.offer();
        List<ClientAction> a = h.serveAll(h.serveBlock(0, 64));
        assertTrue(norm(a).contains(new Discarded(DiscardReason.SIGNATURE_MISSING)));
        assertEquals(OtaClient.State.WAIT_FOR_MORE, h.client.state());
        assertTrue(h.timers.containsKey(ClientTimer.QUERY));
    }
}
