package io.hansim.zigbee.ota.server;

import io.hansim.zigbee.ota.ImageBlockRequest;
import io.hansim.zigbee.ota.OtaCodec;
import io.hansim.zigbee.ota.QueryNextImageRequest;
import io.hansim.zigbee.ota.QueryNextImageResponse;
import io.hansim.zigbee.ota.server.ServerAction.FrameRejected;
import io.hansim.zigbee.zcl.AttributeRecord;
import io.hansim.zigbee.zcl.DefaultResponse;
import io.hansim.zigbee.zcl.GeneralFrame;
import io.hansim.zigbee.zcl.ReadAttributes;
import io.hansim.zigbee.zcl.ReadAttributesResponse;
import io.hansim.zigbee.zcl.ReportAttributes;
import io.hansim.zigbee.zcl.WriteAttributes;
import io.hansim.zigbee.zcl.WriteAttributesResponse;
import io.hansim.zigbee.zcl.ZclHeader.Direction;
import io.hansim.zigbee.zcl.ZclStatus;
import io.hansim.zigbee.zcl.ZclValue;
import org.junit.jupiter.api.Test;

import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import static io.hansim.zigbee.ota.server.ServerHarness.MFR;
import static io.hansim.zigbee.ota.server.ServerHarness.PPMID;
import static io.hansim.zigbee.ota.server.ServerHarness.TYPE;
import static io.hansim.zigbee.ota.server.ServerHarness.V_OLD;
import static io.hansim.zigbee.ota.server.ServerHarness.assertActions;
import static io.hansim.zigbee.ota.server.ServerHarness.defaultResponse;
import static io.hansim.zigbee.ota.server.ServerHarness.ota;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What the server answers to frames that are not a well-formed OTA request it expects (zigbee-ota.md
 * §1, §3; ZCL Default Response rules): malformed payloads, bad values, commands it does not
 * receive, manufacturer-specific frames, broadcasts, unreadable headers, and the general commands.
 */
class OtaServerFrameRulesTest {
    private final ServerHarness s = new ServerHarness();

    private static byte[] hex(String h) {
        return HexFormat.of().parseHex(h.replace(" ", ""));
    }

    private List<ServerAction> raw(String h) {
        return s.raw(PPMID, hex(h));
    }

    private static FrameRejected rejected(int commandId, ZclStatus answered, String reason) {
        return new FrameRejected(PPMID, commandId, Optional.ofNullable(answered), reason);
    }

    @Test
    void truncatedQueryIsMalformedCommandNamingTheCommand() {
        assertActions(raw("01 21 01 00 1d12 8400 100000"),
                defaultResponse(PPMID, 0x21, 0x01, ZclStatus.MALFORMED_COMMAND),
                rejected(0x01, ZclStatus.MALFORMED_COMMAND,
                        "Query Next Image Request: payload is 8 bytes, its field control needs 9"));
        assertEquals(TransferState.IDLE, s.server.state(PPMID));
    }

    @Test
    void missingHardwareVersionAnnouncedByFieldControlIsMalformed() {
        assertEquals(defaultResponse(PPMID, 0x22, 0x01, ZclStatus.MALFORMED_COMMAND),
                raw("01 22 01 01 1d12 8400 10000000").get(0));
    }

    @Test
    void emptyPayloadAndTrailingBytesAreMalformed() {
        assertEquals(defaultResponse(PPMID, 0x23, 0x03, ZclStatus.MALFORMED_COMMAND), raw("01 23 03").get(0));
        byte[] ok = OtaCodec.encode(0x24, ImageBlockRequest.of(MFR, TYPE, 1, 0, 40));
        byte[] longer = java.util.Arrays.copyOf(ok, ok.length + 1);
        assertActions(s.raw(PPMID, longer),
                defaultResponse(PPMID, 0x24, 0x03, ZclStatus.MALFORMED_COMMAND),
                rejected(0x03, ZclStatus.MALFORMED_COMMAND,
                        "Image Block Request: payload is 15 bytes, its field control needs 14"));
    }

    @Test
    void peer13_blockRequestWithMinimumBlockPeriodBitButNoFieldIsMalformed() {
        assertEquals(defaultResponse(PPMID, 0x25, 0x03, ZclStatus.MALFORMED_COMMAND),
                raw("01 25 03 02 1d12 8400 20000000 00000000 28").get(0));
    }

    @Test
    void reservedFieldControlBitsAreInvalidField() {
        assertActions(raw("01 26 01 02 1d12 8400 10000000"),
                defaultResponse(PPMID, 0x26, 0x01, ZclStatus.INVALID_FIELD),
                rejected(0x01, ZclStatus.INVALID_FIELD, "Query Next Image Request: FieldControl at offset 3: "
                        + "reserved bits set (field control 0x02, defined bits 0x01)"));
    }

    @Test
    void upgradeEndRequestWithAStatusItMayNotCarryIsInvalidField() {
        assertEquals(defaultResponse(PPMID, 0x27, 0x06, ZclStatus.INVALID_FIELD),
                raw("01 27 06 01 1d12 8400 20000000").get(0));
        assertEquals(defaultResponse(PPMID, 0x28, 0x06, ZclStatus.INVALID_FIELD),
                raw("01 28 06 02 1d12 8400 20000000").get(0));
    }

    @Test
    void commandsTheServerDoesNotReceiveAreUnsupClusterCommand() {
        // 0x0A..0xFF are not OTA commands.
        assertEquals(defaultResponse(PPMID, 0x29, 0x0A, ZclStatus.UNSUP_CLUSTER_COMMAND), raw("01 29 0a").get(0));
        // Image Notify from a client (client→server direction bit).
        assertEquals(defaultResponse(PPMID, 0x2A, 0x00, ZclStatus.UNSUP_CLUSTER_COMMAND),
                raw("01 2a 00 00 64").get(0));
        // A server→client command sent to the server: the Default Response goes back client→server.
        List<ServerAction> a = raw("19 2b 02 98");
        assertEquals("102b0b0281", ((ServerAction.SendFrame) a.get(0)).zclFrame().hex());
    }

    @Test
    void manufacturerSpecificFrameIsNotAnOtaCommand() {
        List<ServerAction> a = raw("05 3412 2c 01 00 1d12 8400 10000000");
        assertEquals("1c34122c0b0183", ((ServerAction.SendFrame) a.get(0)).zclFrame().hex());
        assertEquals(rejected(0x01, ZclStatus.UNSUP_MANUF_CLUSTER_COMMAND,
                "manufacturer-specific command 0x01 (manufacturer 0x1234) is not an OTA Upgrade command"), a.get(1));
    }

    @Test
    void broadcastGetsNoDefaultResponse() {
        assertActions(s.broadcast(PPMID, hex("01 2d 01 00")),
                rejected(0x01, null, "Query Next Image Request: payload is 1 bytes, its field control needs 9"));
        // A well-formed broadcast request still gets its specific answer, unicast.
        s.stage(ServerHarness.ppmidImage(10));
        assertTrue(ServerHarness.otaSent(s.broadcast(PPMID, OtaCodec.encode(0x2e,
                QueryNextImageRequest.of(MFR, TYPE, V_OLD)))).get(0) instanceof QueryNextImageResponse r
                && r.hasImage());
    }

    @Test
    void unreadableHeaderIsDroppedAndReported() {
        List<ServerAction> a = raw("01 2f");
        assertEquals(1, a.size());
        assertEquals(-1, ((FrameRejected) a.get(0)).commandId());
        assertEquals(Optional.empty(), ((FrameRejected) a.get(0)).answeredWith());
        assertEquals(1, raw("").size());
        // Reserved frame type 2, reserved bits 5–7.
        assertEquals(-1, ((FrameRejected) raw("02 30 01").get(0)).commandId());
        assertEquals(-1, ((FrameRejected) raw("21 31 01").get(0)).commandId());
    }

    @Test
    void requestWithDisableDefaultResponseStillGetsItsResponse() {
        assertActions(s.sendNoDefaultResponse(PPMID, QueryNextImageRequest.of(MFR, TYPE, V_OLD)),
                ota(PPMID, s.tsn(), QueryNextImageResponse.NO_IMAGE_AVAILABLE));
    }

    @Test
    void defaultResponseIsNeverAnswered() {
        assertActions(s.sendGeneral(PPMID, GeneralFrame.of(Direction.CLIENT_TO_SERVER, false, 0x31,
                        new DefaultResponse(0x00, ZclStatus.SUCCESS))),
                new ServerAction.DefaultResponseReceived(PPMID, 0x00, ZclStatus.SUCCESS));
        // Even a malformed one: reported, not answered.
        List<ServerAction> a = raw("08 32 0b 00");
        assertEquals(1, a.size());
        assertEquals(Optional.empty(), ((FrameRejected) a.get(0)).answeredWith());
    }

    @Test
    void readAttributesGetsClusterRevisionAndUnsupportedAttribute() {
        List<ServerAction> a = s.sendGeneral(PPMID, GeneralFrame.of(Direction.CLIENT_TO_SERVER, false, 0x33,
                ReadAttributes.of(0xFFFD, 0x0000)));
        var sent = (ServerAction.SendFrame) a.get(0);
        assertEquals(ReadAttributesResponse.of(
                ReadAttributesResponse.StatusRecord.success(0xFFFD, ZclValue.uint16(3)),
                ReadAttributesResponse.StatusRecord.failure(0x0000, ZclStatus.UNSUPPORTED_ATTRIBUTE)),
                ServerHarness.generalCommand(sent, ReadAttributesResponse.class));
        assertEquals(0x18, sent.zclFrame().get(0));
        assertEquals(1, a.size());
        // Addressed to the client side (server→client direction): the server has no such attribute.
        var b = (ServerAction.SendFrame) s.sendGeneral(PPMID, GeneralFrame.of(Direction.SERVER_TO_CLIENT, false, 0x34,
                ReadAttributes.of(0xFFFD))).get(0);
        assertEquals(ReadAttributesResponse.of(ReadAttributesResponse.StatusRecord.failure(0xFFFD,
                ZclStatus.UNSUPPORTED_ATTRIBUTE)), ServerHarness.generalCommand(b, ReadAttributesResponse.class));
        assertEquals(0x10, b.zclFrame().get(0));
    }

    @Test
    void writeAttributesGetsReadOnlyAndUnsupportedAttribute() {
        var a = (ServerAction.SendFrame) s.sendGeneral(PPMID, GeneralFrame.of(Direction.CLIENT_TO_SERVER, false, 0x35,
                WriteAttributes.of(new AttributeRecord(0xFFFD, ZclValue.uint16(9)),
                        new AttributeRecord(0x0001, ZclValue.uint32(0))))).get(0);
        assertEquals(WriteAttributesResponse.of(new WriteAttributesResponse.StatusRecord(ZclStatus.READ_ONLY, 0xFFFD),
                new WriteAttributesResponse.StatusRecord(ZclStatus.UNSUPPORTED_ATTRIBUTE, 0x0001)),
                ServerHarness.generalCommand(a, WriteAttributesResponse.class));
        var empty = (ServerAction.SendFrame) s.sendGeneral(PPMID, GeneralFrame.of(Direction.CLIENT_TO_SERVER, false,
                0x36, WriteAttributes.of())).get(0);
        assertEquals(WriteAttributesResponse.success(), ServerHarness.generalCommand(empty,
                WriteAttributesResponse.class));
    }

    @Test
    void unsupportedAndMalformedGeneralCommands() {
        assertEquals(defaultResponse(PPMID, 0x37, 0x0C, ZclStatus.UNSUP_GENERAL_COMMAND),
                raw("00 37 0c 0000 10").get(0));
        assertEquals("1c3412380b0c84", ((ServerAction.SendFrame) raw("04 3412 38 0c 0000 10").get(0)).zclFrame().hex());
        assertEquals(defaultResponse(PPMID, 0x39, 0x00, ZclStatus.MALFORMED_COMMAND), raw("00 39 00 fd").get(0));
    }

    @Test
    void reportsAndStrayResponsesGetDefaultResponseSuccessOnlyWhenAsked() {
        GeneralFrame report = GeneralFrame.of(Direction.CLIENT_TO_SERVER, false, 0x3A,
                new ReportAttributes(List.of(new AttributeRecord(0x0006, ZclValue.enum8(1)))));
        assertActions(s.sendGeneral(PPMID, report), defaultResponse(PPMID, 0x3A, 0x0A, ZclStatus.SUCCESS));
        assertActions(s.sendGeneral(PPMID, GeneralFrame.of(Direction.CLIENT_TO_SERVER, true, 0x3B,
                report.command())));
        assertActions(s.sendGeneral(PPMID, GeneralFrame.of(Direction.CLIENT_TO_SERVER, false, 0x3C,
                        ReadAttributesResponse.of(ServerHarness.version(5)))),
                defaultResponse(PPMID, 0x3C, 0x01, ZclStatus.SUCCESS));
    }

    @Test
    void noPageSupportAnswersEvenAMalformedPageRequestUnsupported() {
        ServerHarness np = new ServerHarness(ServerHarness.config().withPageRequestsSupported(false));
        assertEquals(defaultResponse(PPMID, 0x3D, 0x04, ZclStatus.UNSUP_CLUSTER_COMMAND),
                np.raw(PPMID, hex("01 3d 04 00")).get(0));
    }

    @Test
    void framesAreNeverExceptions() {
        // A few shapes that once looked dangerous; the fuzz test covers the rest.
        for (String h : List.of("01 40 01 ff ffff ffff ffffffff ffff", "01 41 03 03" + "00".repeat(23),
                "01 42 04 01" + "00".repeat(25), "01 43 08" + "ff".repeat(18), "00 44 01 ffff 00",
                "00 45 01 0200 00 23", "08 46 0b 00 ff")) {
            List<ServerAction> a = s.raw(PPMID, hex(h));
            assertTrue(a.stream().anyMatch(x -> x instanceof FrameRejected || x instanceof ServerAction.SendFrame
                    || x instanceof ServerAction.DefaultResponseReceived), h);
        }
    }
}
