package io.hansim.zigbee.ota.client;

import io.hansim.zigbee.ota.ImageBlockResponse;
import io.hansim.zigbee.ota.ImageNotify;
import io.hansim.zigbee.ota.OtaCodec;
import io.hansim.zigbee.ota.OtaFrame;
import io.hansim.zigbee.ota.QueryDeviceSpecificFileResponse;
import io.hansim.zigbee.ota.QueryNextImageRequest;
import io.hansim.zigbee.ota.QueryNextImageResponse;
import io.hansim.zigbee.ota.UpgradeEndResponse;
import io.hansim.zigbee.ota.attr.OtaClientAttribute;
import io.hansim.zigbee.zcl.AttributeRecord;
import io.hansim.zigbee.zcl.Bytes;
import io.hansim.zigbee.zcl.DefaultResponse;
import io.hansim.zigbee.zcl.GeneralCommandCodec;
import io.hansim.zigbee.zcl.GeneralFrame;
import io.hansim.zigbee.zcl.ReadAttributes;
import io.hansim.zigbee.zcl.ReadAttributesResponse;
import io.hansim.zigbee.zcl.ReadAttributesResponse.StatusRecord;
import io.hansim.zigbee.zcl.ReportAttributes;
import io.hansim.zigbee.zcl.WriteAttributes;
import io.hansim.zigbee.zcl.WriteAttributesResponse;
import io.hansim.zigbee.zcl.ZclHeader;
import io.hansim.zigbee.zcl.ZclHeader.Direction;
import io.hansim.zigbee.zcl.ZclStatus;
import io.hansim.zigbee.zcl.ZclValue;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.zip.CRC32;

import static io.hansim.zigbee.ota.client.Actions.Discarded;
import static io.hansim.zigbee.ota.client.Actions.IgnoredAs;
import static io.hansim.zigbee.ota.client.Actions.RefusedAs;
import static io.hansim.zigbee.ota.client.Actions.Sent;
import static io.hansim.zigbee.ota.client.Actions.norm;
import static io.hansim.zigbee.ota.client.Actions.sent;
import static io.hansim.zigbee.ota.client.ClientHarness.SELF;
import static io.hansim.zigbee.ota.client.ClientHarness.SERVER;
import static io.hansim.zigbee.ota.client.ClientHarness.STRANGER;
import static io.hansim.zigbee.ota.client.ClientHarness.profile;
import static io.hansim.zigbee.ota.client.ClientProfile.SECOND;
import static io.hansim.zigbee.ota.client.TestImages.IMAGE_TYPE;
import static io.hansim.zigbee.ota.client.TestImages.MANUFACTURER;
import static io.hansim.zigbee.ota.client.TestImages.NEW_VERSION;
import static io.hansim.zigbee.ota.client.TestImages.OLD_VERSION;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Which frames the client takes, refuses and answers: trust (R7.3), attributes (zigbee-ota.md §4),
 * malformed and unsupported frames (§1), local upgrades (R7.3).
 */
class OtaClientFrameTest {

    private static final Bytes IMAGE = TestImages.gbSigned(NEW_VERSION, 300);

    private static ClientHarness idle(ClientProfile profile) {
        ClientHarness h = new ClientHarness(profile);
        h.powerOn();
        h.fromServer(QueryNextImageResponse.NO_IMAGE_AVAILABLE);
        return h;
    }

    private static ClientHarness idle() {
        return idle(profile().build());
    }

    // ---- trust (R7.3)

    @Test
    void r7_3_frameFromAnotherServerIsRefused() {
        ClientHarness h = idle();
        h.serverTsn = 9;
        List<ClientAction> a = h.frame(STRANGER, false, OtaCodec.encode(OtaFrame.of(9, ImageNotify.of(100), false)));
        assertEquals(List.of(new RefusedAs(RefusalReason.UNTRUSTED_SOURCE, STRANGER),
                new Sent(STRANGER, new DefaultResponse(0x00, ZclStatus.NOT_AUTHORIZED))), norm(a));
        assertEquals(9, Actions.sentTsns(a).get(0));
        assertEquals(OtaClient.State.IDLE, h.client.state());
    }

    @Test
    void r7_3_aStrangersOfferIsRefusedNotAuthorizedEvenWithDefaultResponseDisabled() {
        ClientHarness h = new ClientHarness();
        h.powerOn();
        List<ClientAction> a = h.frame(STRANGER, false, OtaCodec.encode(OtaFrame.of(3,
                QueryNextImageResponse.success(MANUFACTURER, IMAGE_TYPE, NEW_VERSION, 400))));
        assertEquals(List.of(new RefusedAs(RefusalReason.UNTRUSTED_SOURCE, STRANGER),
                new Sent(STRANGER, new DefaultResponse(0x02, ZclStatus.NOT_AUTHORIZED))), norm(a));
        assertEquals(OtaClient.State.QUERYING, h.client.state());
    }

    @Test
    void r7_3_aStrangersBroadcastIsRefusedWithoutAnAnswer() {
        ClientHarness h = idle();
        List<ClientAction> a = h.frame(STRANGER, true, OtaCodec.encode(OtaFrame.of(3, ImageNotify.of(100))));
        assertEquals(List.of(new RefusedAs(RefusalReason.UNTRUSTED_SOURCE, STRANGER)), norm(a));
    }

    @Test
    void r7_3_aStrangersBlockNeverEntersTheImage() {
        ClientHarness h = new ClientHarness().serving(IMAGE, NEW_VERSION);
        h.powerOn();
        h.offer();
        List<ClientAction> a = h.frame(STRANGER, false, OtaCodec.encode(OtaFrame.of(3, h.block(0, 64))));
        assertTrue(Actions.of(a, ClientAction.StoreBlock.class).isEmpty());
        assertEquals(0, h.client.fileOffset());
    }

    @Test
    void r7_3_aStrangersDefaultResponseIsRefusedAndNeverAnswered() {
        ClientHarness h = new ClientHarness().serving(IMAGE, NEW_VERSION);
        h.powerOn();
        h.offer();
        List<ClientAction> a = h.frame(STRANGER, false, GeneralCommandCodec.encode(GeneralFrame.of(
                Direction.SERVER_TO_CLIENT, false, 1, new DefaultResponse(0x03, ZclStatus.ABORT))));
        assertEquals(List.of(new RefusedAs(RefusalReason.UNTRUSTED_SOURCE, STRANGER)), norm(a));
        assertEquals(OtaClient.State.DOWNLOADING, h.client.state());
    }

    @Test
    void r7_3_attributesAreReadableByAnyNode() {
        ClientHarness h = idle();
        List<ClientAction> a = h.frame(STRANGER, false, GeneralCommandCodec.encode(GeneralFrame.of(
                Direction.SERVER_TO_CLIENT, false, 1, ReadAttributes.of(0x0000))));
        assertEquals(List.of(new Sent(STRANGER, ReadAttributesResponse.of(StatusRecord.success(0x0000,
                new ZclValue.Eui64(SERVER))))), norm(a));
    }

    @Test
    void r7_3_aLocalUpgradeIsRefused() {
        ClientHarness h = idle();
        assertEquals(List.of(new RefusedAs(RefusalReason.LOCAL_UPGRADE_FORBIDDEN, SELF)),
                norm(h.handle(new ClientEvent.LocalUpgradeAttempt(h.now, IMAGE))));
        assertEquals(OtaClient.State.IDLE, h.client.state());
        assertEquals(OLD_VERSION, h.client.runningFileVersion());
    }

    @Test
    void r7_3_aLegacyLocalUpgradeProfileActivatesTheLocalImage() {
        ClientHarness h = new ClientHarness(profile().name("legacy-local-upgrade").legacyLocalUpgrade(true).build());
        h.powerOn();
        h.now = SECOND;
        assertEquals(List.of(
                new ClientAction.AttributeChanged(OtaClientAttribute.DOWNLOADED_FILE_VERSION, ZclValue.uint32(NEW_VERSION)),
                new ClientAction.AttributeChanged(OtaClientAttribute.DOWNLOADED_ZIGBEE_STACK_VERSION, ZclValue.uint16(2)),
                new ClientAction.AttributeChanged(OtaClientAttribute.IMAGE_TYPE_ID, ZclValue.uint16(IMAGE_TYPE)),
                new ClientAction.CancelTimer(ClientTimer.RESPONSE),
                new ClientAction.StatusChanged(ImageUpgradeStatus.NORMAL, ImageUpgradeStatus.COUNT_DOWN),
                new ClientAction.SetTimer(ClientTimer.COUNTDOWN, 4 * SECOND)),
                h.handle(new ClientEvent.LocalUpgradeAttempt(h.now, IMAGE)));
        ClientAction.Activate act = Actions.one(h.fire(ClientTimer.COUNTDOWN), ClientAction.Activate.class);
        assertEquals(ActivationTrigger.LOCAL_UPGRADE, act.trigger());
        assertEquals(NEW_VERSION, h.client.runningFileVersion());
    }

    @Test
    void r7_3_theServerCannotRescheduleALocalActivation() {
        // Found by OtaClientFuzzTest: an Upgrade End Response during the count-down of a local
        // upgrade used to take it over and report the activation as the server's.
        ClientHarness h = new ClientHarness(profile().legacyLocalUpgrade(true).build());
        h.powerOn();
        h.handle(new ClientEvent.LocalUpgradeAttempt(h.now, IMAGE));
        long due = h.deadline(ClientTimer.COUNTDOWN);
        List<ClientAction> a = h.broadcastFromServer(new UpgradeEndResponse(0xFFFF, 0xFFFF, 0xFFFF_FFFFL, 0, 0xFFFF_FFFFL));
        assertEquals(List.of(new IgnoredAs(IgnoreReason.UNEXPECTED_RESPONSE)), norm(a));
        assertEquals(due, h.deadline(ClientTimer.COUNTDOWN));
        assertEquals(ActivationTrigger.LOCAL_UPGRADE,
                Actions.one(h.fire(ClientTimer.COUNTDOWN), ClientAction.Activate.class).trigger());
    }

    @Test
    void r7_3_aLegacyLocalUpgradeWithAnImageForAnotherDeviceIsRefused() {
        ClientHarness h = new ClientHarness(profile().legacyLocalUpgrade(true).build());
        h.powerOn();
        Bytes other = TestImages.gbSigned(new io.hansim.zigbee.ota.image.OtaImageBuilder().manufacturerCode(MANUFACTURER)
                .imageType(0x0000).fileVersion(NEW_VERSION), 100, TestImages.KEY);
        assertEquals(List.of(new RefusedAs(RefusalReason.LOCAL_IMAGE_INVALID, SELF)),
                norm(h.handle(new ClientEvent.LocalUpgradeAttempt(h.now, other))));
        assertEquals(List.of(new RefusedAs(RefusalReason.LOCAL_IMAGE_INVALID, SELF)),
                norm(h.handle(new ClientEvent.LocalUpgradeAttempt(h.now, TestImages.gbUnsigned(NEW_VERSION, 100)))));
    }

    @Test
    void r7_14_aLocalDowngradeIsRefusedWhenThePolicyRefusesDowngrades() {
        ClientHarness h = new ClientHarness(profile().legacyLocalUpgrade(true).refuseDowngrades(true).build());
        h.powerOn();
        assertEquals(List.of(new RefusedAs(RefusalReason.LOCAL_IMAGE_INVALID, SELF)), norm(h.handle(
                new ClientEvent.LocalUpgradeAttempt(h.now, TestImages.gbSigned(OLD_VERSION - 1, 100)))));
    }

    @Test
    void r7_3_aLegacyLocalUpgradeReplacesADownloadInProgress() {
        ClientHarness h = new ClientHarness(profile().legacyLocalUpgrade(true).build()).serving(IMAGE, NEW_VERSION);
        h.powerOn();
        h.offer();
        h.serveBlock(0, 64);
        List<ClientAction> a = h.handle(new ClientEvent.LocalUpgradeAttempt(h.now, TestImages.gbSigned(NEW_VERSION + 1, 50)));
        assertEquals(new Discarded(DiscardReason.REPLACED_BY_LOCAL_UPGRADE), norm(a.get(0)));
        assertEquals(OtaClient.State.COUNTDOWN, h.client.state());
    }

    // ---- attributes, zigbee-ota.md §4

    @Test
    void readAttributesAnswersEverySupportedAttributeAndUnsupportedForTheRest() {
        ClientHarness h = idle(profile().imageStamp(0xCAFEF00DL).clusterRevision(2).build());
        List<ClientAction> a = h.fromServer(ReadAttributes.of(0x0000, 0x0001, 0x0002, 0x0003, 0x0004, 0x0005, 0x0006,
                0x0007, 0x0008, 0x0009, 0x000A, 0x000B, 0x000C, 0xFFFD, 0xFFFE, 0x1234));
        assertEquals(List.of(new ReadAttributesResponse(List.of(
                StatusRecord.success(0x0000, new ZclValue.Eui64(SERVER)),
                StatusRecord.success(0x0001, ZclValue.uint32(0xFFFF_FFFFL)),
                StatusRecord.success(0x0002, ZclValue.uint32(OLD_VERSION)),
                StatusRecord.success(0x0003, ZclValue.uint16(2)),
                StatusRecord.success(0x0004, ZclValue.uint32(0xFFFF_FFFFL)),
                StatusRecord.success(0x0005, ZclValue.uint16(0xFFFF)),
                StatusRecord.success(0x0006, ZclValue.enum8(0)),
                StatusRecord.success(0x0007, ZclValue.uint16(MANUFACTURER)),
                StatusRecord.success(0x0008, ZclValue.uint16(0xFFFF)),
                StatusRecord.success(0x0009, ZclValue.uint16(0)),
                StatusRecord.success(0x000A, ZclValue.uint32(0xCAFEF00DL)),
                StatusRecord.success(0x000B, ZclValue.enum8(0)),
                StatusRecord.success(0x000C, ZclValue.enum8(0)),
                StatusRecord.success(0xFFFD, ZclValue.uint16(2)),
                StatusRecord.failure(0xFFFE, ZclStatus.UNSUPPORTED_ATTRIBUTE),
                StatusRecord.failure(0x1234, ZclStatus.UNSUPPORTED_ATTRIBUTE)))), sent(a));
    }

    @Test
    void attributesFollowTheDownload() {
        ClientHarness h = new ClientHarness().serving(IMAGE, NEW_VERSION);
        h.powerOn();
        h.offer();
        h.serveBlock(0, 64);
        List<ClientAction> a = h.fromServer(ReadAttributes.of(0x0001, 0x0004, 0x0006, 0x0008));
        assertEquals(List.of(ReadAttributesResponse.of(
                StatusRecord.success(0x0001, ZclValue.uint32(64)),
                StatusRecord.success(0x0004, ZclValue.uint32(NEW_VERSION)),
                StatusRecord.success(0x0006, ZclValue.enum8(1)),
                StatusRecord.success(0x0008, ZclValue.uint16(IMAGE_TYPE)))), sent(a));
    }

    @Test
    void imageStampIsUnsupportedWithoutAProfileValue() {
        ClientHarness h = idle();
        assertEquals(List.of(ReadAttributesResponse.of(StatusRecord.failure(0x000A, ZclStatus.UNSUPPORTED_ATTRIBUTE))),
                sent(h.fromServer(ReadAttributes.of(0x000A))));
    }

    @Test
    void imageStampAfterAnActivationIsTheCrc32OfTheNewFile() {
        ClientHarness h = new ClientHarness(profile().imageStamp(1).build()).serving(IMAGE, NEW_VERSION);
        h.powerOn();
        h.downloadAll();
        h.fromServer(new UpgradeEndResponse(MANUFACTURER, IMAGE_TYPE, NEW_VERSION, 0, 0));
        h.fire(ClientTimer.COUNTDOWN);
        CRC32 crc = new CRC32();
        crc.update(IMAGE.toArray());
        assertEquals(ZclValue.uint32(crc.getValue()), h.client.attribute(OtaClientAttribute.IMAGE_STAMP).orElseThrow());
    }

    @Test
    void writeAttributesIsAnsweredReadOnlyOrUnsupported() {
        ClientHarness h = idle();
        List<ClientAction> a = h.fromServer(WriteAttributes.of(new AttributeRecord(0x000B, ZclValue.enum8(1)),
                new AttributeRecord(0x4000, ZclValue.uint8(1))));
        assertEquals(List.of(WriteAttributesResponse.of(
                new WriteAttributesResponse.StatusRecord(ZclStatus.READ_ONLY, 0x000B),
                new WriteAttributesResponse.StatusRecord(ZclStatus.UNSUPPORTED_ATTRIBUTE, 0x4000))), sent(a));
        assertEquals(ZclValue.enum8(0), h.client.attribute(OtaClientAttribute.UPGRADE_ACTIVATION_POLICY).orElseThrow());
        assertEquals(List.of(WriteAttributesResponse.success()), sent(h.fromServer(new WriteAttributes(List.of()))));
    }

    // ---- malformed and unsupported frames, zigbee-ota.md §1

    @Test
    void aTruncatedCommandIsAnsweredMalformedCommand() {
        ClientHarness h = new ClientHarness();
        h.powerOn();
        byte[] frame = OtaCodec.encode(OtaFrame.of(4, QueryNextImageResponse.success(MANUFACTURER, IMAGE_TYPE, NEW_VERSION, 400)));
        List<ClientAction> a = h.frame(SERVER, false, java.util.Arrays.copyOf(frame, frame.length - 2));
        assertEquals(List.of(new IgnoredAs(IgnoreReason.MALFORMED_FRAME),
                new Sent(SERVER, new DefaultResponse(0x02, ZclStatus.MALFORMED_COMMAND))), norm(a));
        assertEquals(OtaClient.State.QUERYING, h.client.state());
    }

    @Test
    void trailingBytesAreAnsweredMalformedCommand() {
        ClientHarness h = new ClientHarness();
        h.powerOn();
        byte[] frame = OtaCodec.encode(OtaFrame.of(4, QueryNextImageResponse.NO_IMAGE_AVAILABLE));
        byte[] longer = java.util.Arrays.copyOf(frame, frame.length + 1);
        assertEquals(List.of(new DefaultResponse(0x02, ZclStatus.MALFORMED_COMMAND)), sent(h.frame(SERVER, false, longer)));
    }

    @Test
    void anUnknownCommandIdIsAnsweredUnsupClusterCommand() {
        ClientHarness h = idle();
        assertEquals(List.of(new DefaultResponse(0x0A, ZclStatus.UNSUP_CLUSTER_COMMAND)),
                sent(h.frame(SERVER, false, new byte[] {0x19, 1, 0x0A})));
    }

    @Test
    void aRequestIdTravellingServerToClientIsAnsweredUnsupClusterCommand() {
        ClientHarness h = idle();
        byte[] frame = OtaCodec.encode(OtaFrame.of(4, QueryNextImageRequest.of(1, 2, 3)));
        frame[0] = 0x19; // direction bit set: no such server→client command
        assertEquals(List.of(new DefaultResponse(0x01, ZclStatus.UNSUP_CLUSTER_COMMAND)), sent(h.frame(SERVER, false, frame)));
    }

    @Test
    void aStatusTheCommandMayNotCarryIsAnsweredInvalidValue() {
        ClientHarness h = new ClientHarness();
        h.powerOn();
        assertEquals(List.of(new DefaultResponse(0x02, ZclStatus.INVALID_VALUE)),
                sent(h.frame(SERVER, false, new byte[] {0x19, 1, 0x02, 0x01})));
    }

    @Test
    void aMalformedBroadcastGetsNoAnswer() {
        ClientHarness h = idle();
        assertEquals(List.of(new IgnoredAs(IgnoreReason.MALFORMED_FRAME)),
                norm(h.frame(SERVER, true, new byte[] {0x19, 1, 0x00, 0x05})));
    }

    @Test
    void aFrameTooShortForAHeaderIsDropped() {
        ClientHarness h = idle();
        assertEquals(List.of(new IgnoredAs(IgnoreReason.MALFORMED_FRAME)), norm(h.frame(SERVER, false, new byte[] {0x19, 1})));
        assertEquals(List.of(new IgnoredAs(IgnoreReason.MALFORMED_FRAME)), norm(h.frame(SERVER, false, new byte[0])));
        assertEquals(List.of(new IgnoredAs(IgnoreReason.MALFORMED_FRAME)),
                norm(h.frame(SERVER, false, new byte[] {0x1D, 0x34, 0x12, 7})), "manufacturer code but no command id");
    }

    @Test
    void aReservedFrameTypeIsAnsweredMalformedCommandWithTheFramesTsn() {
        ClientHarness h = idle();
        List<ClientAction> a = h.frame(SERVER, false, new byte[] {0x1A, 0x33, 0x05});
        assertEquals(List.of(new DefaultResponse(0x05, ZclStatus.MALFORMED_COMMAND)), sent(a));
        assertEquals(List.of(0x33), Actions.sentTsns(a));
    }

    @Test
    void aFrameForTheServerSideIsAnsweredUnsupportedCluster() {
        ClientHarness h = idle();
        List<ClientAction> a = h.frame(SERVER, false, OtaCodec.encode(OtaFrame.of(4, QueryNextImageRequest.of(1, 2, 3))));
        assertEquals(List.of(new DefaultResponse(0x01, ZclStatus.UNSUPPORTED_CLUSTER)), sent(a));
        a = h.frame(SERVER, false, GeneralCommandCodec.encode(GeneralFrame.of(Direction.CLIENT_TO_SERVER, false, 5,
                ReadAttributes.of(0))));
        assertEquals(List.of(new DefaultResponse(0x00, ZclStatus.UNSUPPORTED_CLUSTER)), sent(a));
    }

    @Test
    void aManufacturerSpecificClusterCommandIsAnsweredInTheManufacturersName() {
        ClientHarness h = idle();
        List<ClientAction> a = h.frame(SERVER, false, new byte[] {0x1D, 0x34, 0x12, 7, 0x42, 0x00});
        assertEquals(List.of(new DefaultResponse(0x42, ZclStatus.UNSUP_MANUF_CLUSTER_COMMAND)), sent(a));
        byte[] dr = Actions.of(a, ClientAction.SendFrame.class).get(0).zclFrame().toArray();
        ZclHeader header = ClientHarness.header(dr);
        assertTrue(header.manufacturerSpecific());
        assertEquals(0x1234, header.manufacturerCode());
        assertEquals(7, header.transactionSequenceNumber());
    }

    @Test
    void aManufacturerSpecificGeneralCommandIsAnsweredUnsupManufGeneralCommand() {
        ClientHarness h = idle();
        List<ClientAction> a = h.frame(SERVER, false, GeneralCommandCodec.encode(GeneralFrame.ofManufacturer(0x1234,
                Direction.SERVER_TO_CLIENT, false, 5, ReadAttributes.of(0x4000))));
        assertEquals(List.of(new DefaultResponse(0x00, ZclStatus.UNSUP_MANUF_GENERAL_COMMAND)), sent(a));
    }

    @Test
    void anUnsupportedGeneralCommandIsAnsweredUnsupGeneralCommand() {
        ClientHarness h = idle();
        // Configure Reporting (0x06), server→client
        assertEquals(List.of(new DefaultResponse(0x06, ZclStatus.UNSUP_GENERAL_COMMAND)),
                sent(h.frame(SERVER, false, new byte[] {0x18, 1, 0x06, 0x00, 0x01, 0x00})));
    }

    @Test
    void aMalformedReadAttributesIsAnsweredMalformedCommand() {
        ClientHarness h = idle();
        assertEquals(List.of(new DefaultResponse(0x00, ZclStatus.MALFORMED_COMMAND)),
                sent(h.frame(SERVER, false, new byte[] {0x18, 1, 0x00, 0x02})));
    }

    @Test
    void aDefaultResponseIsNeverAnswered() {
        ClientHarness h = idle();
        assertEquals(List.of(), sent(h.frame(SERVER, false, GeneralCommandCodec.encode(GeneralFrame.of(
                Direction.SERVER_TO_CLIENT, false, 5, new DefaultResponse(0x01, ZclStatus.SUCCESS))))));
        assertEquals(List.of(), sent(h.frame(SERVER, false, new byte[] {0x08, 5, 0x0B, 0x01})), "malformed");
        assertEquals(List.of(), sent(h.frame(SERVER, false, new byte[] {0x08, 5, 0x0B, 0x01, (byte) 0xEE})),
                "undefined status");
    }

    @Test
    void aReportWantingADefaultResponseGetsSuccess() {
        ClientHarness h = idle();
        assertEquals(List.of(new DefaultResponse(0x0A, ZclStatus.SUCCESS)), sent(h.frame(SERVER, false,
                GeneralCommandCodec.encode(GeneralFrame.of(Direction.SERVER_TO_CLIENT, false, 5,
                        new ReportAttributes(List.of(new AttributeRecord(0, ZclValue.uint8(1)))))))));
    }

    @Test
    void aQueryDeviceSpecificFileResponseNobodyAskedForIsAnsweredFailure() {
        ClientHarness h = idle();
        assertEquals(List.of(new DefaultResponse(0x09, ZclStatus.FAILURE)),
                sent(h.fromServer(QueryDeviceSpecificFileResponse.failure(ZclStatus.NO_IMAGE_AVAILABLE))));
    }

    @Test
    void aBlockResponseWhileIdleIsAnsweredFailure() {
        ClientHarness h = idle();
        assertEquals(List.of(new DefaultResponse(0x05, ZclStatus.FAILURE)),
                sent(h.fromServer(ImageBlockResponse.StatusOnly.ABORT)));
    }

    @Test
    void aStaleOrEarlyTimerIsIgnored() {
        ClientHarness h = idle();
        assertEquals(List.of(new IgnoredAs(IgnoreReason.STALE_TIMER)),
                norm(h.handle(new ClientEvent.TimerFired(h.now, ClientTimer.COUNTDOWN))));
        long due = h.deadline(ClientTimer.QUERY);
        assertEquals(List.of(new IgnoredAs(IgnoreReason.STALE_TIMER)),
                norm(h.handle(new ClientEvent.TimerFired(due - 1, ClientTimer.QUERY))));
        assertEquals(OtaClient.State.IDLE, h.client.state());
    }

    @Test
    void sentRequestsUseFrameControl01AndCountTheirTsn() {
        ClientHarness h = new ClientHarness().serving(IMAGE, NEW_VERSION);
        List<ClientAction> a = h.powerOn();
        byte[] q = Actions.of(a, ClientAction.SendFrame.class).get(0).zclFrame().toArray();
        assertEquals(0x01, q[0]);
        a = h.offer();
        assertEquals(List.of(1), Actions.sentTsns(a));
        assertArrayEquals(new byte[] {0x01, 1, 0x03}, java.util.Arrays.copyOf(
                Actions.of(a, ClientAction.SendFrame.class).get(0).zclFrame().toArray(), 3));
    }
}
