package io.hansim.zigbee.devicemgmt;

import io.hansim.zigbee.devicemgmt.DeviceManagementCommand.GetChangeOfTenancy;
import io.hansim.zigbee.devicemgmt.DeviceManagementCommand.PublishChangeOfTenancy;
import io.hansim.zigbee.devicemgmt.TenancyChangeControl.Bit;
import io.hansim.zigbee.zcl.DefaultResponse;
import io.hansim.zigbee.zcl.GeneralCommandCodec;
import io.hansim.zigbee.zcl.ZclDataType;
import io.hansim.zigbee.zcl.ZclDecodeException;
import io.hansim.zigbee.zcl.ZclHeader;
import io.hansim.zigbee.zcl.ZclHeader.Direction;
import io.hansim.zigbee.zcl.ZclReader;
import io.hansim.zigbee.zcl.ZclStatus;
import io.hansim.zigbee.zcl.ZclUtcTime;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Device Management codec against literal frames laid out by hand from SE 1.4 D.10.2.4.1 (field
 * order ProviderID, IssuerEventID, TariffType, ImplementationDateTime, ProposedTenancyChangeControl,
 * all little-endian) and against the ZCL frame of the RTDS 4.5.0 GCS09 command vector.
 */
class DeviceManagementCodecTest {

    /**
     * The ZCL frame inside the GBZ component of {@code 3.2_GCS09/GCS09_3.2_SUCCESS_COMMAND_GBCS.HEX}
     * (cluster 0x0708, length 0x0014): FC 09, TSN 00, command 00, ProviderID 0, IssuerEventID
     * 0x1C374A80 (2015-01-01), TariffType 0, ImplementationDateTime 0x1FC66E20, control 0x200.
     */
    static final String GCS09_FRAME = "090000" + "00000000" + "804A371C" + "00" + "206EC61F" + "00020000";

    /** The ZCL frame of the GCS09 response vector: a Default Response for command 0x00, SUCCESS. */
    static final String GCS09_RESPONSE_FRAME = "00000B0000";

    @Test
    void r56_7_gcs09FrameDecodesAsPublishChangeOfTenancy() {
        DeviceManagementFrame f = DeviceManagementCodec.decode(hex(GCS09_FRAME));
        assertEquals(Direction.SERVER_TO_CLIENT, f.header().direction());
        assertFalse(f.header().disableDefaultResponse(), "GCS09 asks for a Default Response");
        assertEquals(0, f.header().transactionSequenceNumber());
        PublishChangeOfTenancy p = assertInstanceOf(PublishChangeOfTenancy.class, f.command());
        assertEquals(0L, p.providerId());
        assertEquals(0x1C374A80L, p.issuerEventId());
        assertEquals(Instant.parse("2015-01-01T00:00:00Z"), ZclUtcTime.toInstant(p.issuerEventId()));
        assertEquals(0, p.tariffType());
        assertEquals(Instant.parse("2016-11-22T02:46:56Z"), ZclUtcTime.toInstant(p.implementationDateTime()));
        assertEquals(0x200L, p.proposedTenancyChangeControl());
        assertEquals(TenancyChangeControl.GCS09_DEFAULT, p.control());
        assertEquals(GCS09_FRAME.toLowerCase(), hex(DeviceManagementCodec.encode(f)));
        // A record built from the values encodes to the vector with the default frame control.
        assertEquals(GCS09_FRAME.toLowerCase(), hex(DeviceManagementCodec.encode(0,
                new PublishChangeOfTenancy(0, 0x1C374A80L, 0, 0x1FC66E20L, 0x200))));
    }

    @Test
    void r56_7_gcs09ResponseIsAGlobalDefaultResponse() {
        var r = GeneralCommandCodec.decode(hex(GCS09_RESPONSE_FRAME));
        assertEquals(new DefaultResponse(0x00, ZclStatus.SUCCESS), r.command());
        assertError(GCS09_RESPONSE_FRAME, "FrameType", 0);
    }

    @Test
    void publishChangeOfTenancyFieldsAreLittleEndianInSpecOrder() {
        var p = new PublishChangeOfTenancy(0x04030201L, 0x08070605L, 0x09, 0x0D0C0B0AL, 0x11100F0EL);
        assertEquals("0102030405060708090a0b0c0d0e0f1011", hex(DeviceManagementCodec.encodePayload(p)));
        assertEquals("097f00" + "0102030405060708090a0b0c0d0e0f1011", hex(DeviceManagementCodec.encode(0x7F, p)));
        assertEquals(p, DeviceManagementCodec.decodePayload(0x00, Direction.SERVER_TO_CLIENT,
                hex("0102030405060708090a0b0c0d0e0f1011")));
        assertEquals(17, p.payloadLength());
    }

    @Test
    void r56_2_getChangeOfTenancyIsAnEmptyClientRequest() {
        assertEquals("012a00", hex(DeviceManagementCodec.encode(0x2A, new GetChangeOfTenancy())));
        DeviceManagementFrame f = DeviceManagementCodec.decode(hex("012a00"));
        assertEquals(new GetChangeOfTenancy(), f.command());
        assertEquals(Direction.CLIENT_TO_SERVER, f.header().direction());
        // Disable-default-response is kept so the frame re-encodes unchanged.
        assertEquals("112a00", hex(DeviceManagementCodec.encode(DeviceManagementCodec.decode(hex("112a00")))));
        assertError("012a0000", "Get Change of Tenancy", 3);
    }

    @Test
    void truncatedPublishNamesTheFieldThatRanOut() {
        byte[] full = hex(GCS09_FRAME);
        for (int len = 3; len < full.length; len++) {
            int k = len - 3;
            String field = k < 4 ? "ProviderID" : k < 8 ? "IssuerEventID" : k < 9 ? "TariffType"
                    : k < 13 ? "ImplementationDateTime" : "ProposedTenancyChangeControl";
            int offset = k < 4 ? 3 : k < 8 ? 7 : k < 9 ? 11 : k < 13 ? 12 : 16;
            assertError(hex(Arrays.copyOf(full, len)), field, offset);
        }
    }

    @Test
    void trailingBytesAreAnError() {
        assertError(GCS09_FRAME + "00", "Publish Change of Tenancy", 20);
    }

    @Test
    void headersThatNameNoModelledCommandAreRejected() {
        assertError("090001", "CommandIdentifier", 2);             // Publish Change of Supplier: not modelled
        assertError("0d3412000000", "ManufacturerSpecific", 0);
        assertError("080000", "FrameType", 0);
        assertError("0900", "CommandIdentifier", 2);               // header cut short
        assertError("e90000", "FrameControl", 0);                  // reserved frame-control bits
        assertError("", "FrameControl", 0);
    }

    @Test
    void decodeWithAPredecodedHeaderCountsOffsetsFromTheFrameControl() {
        byte[] frame = hex(GCS09_FRAME);
        ByteBuf buf = Unpooled.wrappedBuffer(frame);
        ZclHeader header = ZclHeader.decode(new ZclReader(buf));
        assertEquals(DeviceManagementCodec.decode(frame), DeviceManagementCodec.decode(header, buf));

        ByteBuf shortPayload = Unpooled.wrappedBuffer(hex("00000000"));
        var e = assertThrows(ZclDecodeException.class, () -> DeviceManagementCodec.decode(header, shortPayload));
        assertEquals("IssuerEventID", e.field());
        assertEquals(7, e.offset());
        assertEquals(0, shortPayload.readerIndex(), "a failed decode leaves the reader index");
    }

    @Test
    void bareDecodePayloadCountsFromZero() {
        var e = assertThrows(ZclDecodeException.class,
                () -> DeviceManagementCodec.decodePayload(0x00, Direction.SERVER_TO_CLIENT, hex("0000")));
        assertEquals("ProviderID", e.field());
        assertEquals(0, e.offset());
        var unknown = assertThrows(ZclDecodeException.class,
                () -> DeviceManagementCodec.decodePayload(0x07, Direction.CLIENT_TO_SERVER, new byte[0]));
        assertEquals("CommandIdentifier", unknown.field());
    }

    @Test
    void recordsRejectValuesThatDoNotFitTheWire() {
        assertThrows(IllegalArgumentException.class, () -> new PublishChangeOfTenancy(-1, 0, 0, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new PublishChangeOfTenancy(0, 1L << 32, 0, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new PublishChangeOfTenancy(0, 0, 256, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new PublishChangeOfTenancy(0, 0, 0, 0, 1L << 32));
        assertThrows(IllegalArgumentException.class, () -> new TenancyChangeControl(-1));
    }

    @Test
    void frameMustAgreeWithItsCommand() {
        var client = ZclHeader.of(ZclHeader.FrameType.CLUSTER_SPECIFIC, Direction.CLIENT_TO_SERVER, false, 1, 0);
        assertThrows(IllegalArgumentException.class, () -> new DeviceManagementFrame(client,
                new PublishChangeOfTenancy(0, 0, 0, 0, 0)));
        var global = ZclHeader.of(ZclHeader.FrameType.GLOBAL, Direction.CLIENT_TO_SERVER, false, 1, 0);
        assertThrows(IllegalArgumentException.class, () -> new DeviceManagementFrame(global,
                new GetChangeOfTenancy()));
    }

    @Test
    void r56_3_controlBitsNameWhatToClear() {
        var consumer = new TenancyChangeControl(0x200);
        assertTrue(consumer.has(Bit.CLEAR_IHD_DATA_CONSUMER));
        assertFalse(consumer.has(Bit.CLEAR_IHD_DATA_SUPPLIER));
        assertTrue(consumer.clearsIhdData());
        assertEquals(EnumSet.of(Bit.CLEAR_IHD_DATA_CONSUMER), consumer.flags());
        var supplier = new TenancyChangeControl(0x400);
        assertTrue(supplier.has(Bit.CLEAR_IHD_DATA_SUPPLIER));
        assertTrue(supplier.clearsIhdData());
        assertFalse(new TenancyChangeControl(0x1FF).clearsIhdData());
        assertEquals(0x200L, Bit.CLEAR_IHD_DATA_CONSUMER.mask());
        assertEquals(0x400L, Bit.CLEAR_IHD_DATA_SUPPLIER.mask());
        assertEquals(0x4000L, Bit.CLEAR_PREPAYMENT_DATA.mask());
        assertEquals(3, new TenancyChangeControl(0x1800).meterContactorState());
        assertEquals(1, new TenancyChangeControl(0x0800).meterContactorState());
        assertTrue(new TenancyChangeControl(0x1800).flags().isEmpty());
        assertEquals(0x601L, TenancyChangeControl.of(Bit.PRE_SNAPSHOTS, Bit.CLEAR_IHD_DATA_CONSUMER,
                Bit.CLEAR_IHD_DATA_SUPPLIER).bits());
        assertEquals(ZclDataType.BITMAP32, consumer.toValue().type());
        assertEquals(0x200L, consumer.toValue().bits());
    }

    @Test
    void r56_1_tenancyAttributes() {
        assertEquals(0x0708, DeviceManagementCluster.CLUSTER_ID);
        assertEquals(0x0200, DeviceManagementCluster.CHANGE_OF_TENANCY_UPDATE_DATE_TIME.id());
        assertEquals(ZclDataType.UTC_TIME, DeviceManagementCluster.CHANGE_OF_TENANCY_UPDATE_DATE_TIME.type());
        assertEquals(0x0201, DeviceManagementCluster.PROPOSED_TENANCY_CHANGE_CONTROL.id());
        assertEquals(ZclDataType.BITMAP32, DeviceManagementCluster.PROPOSED_TENANCY_CHANGE_CONTROL.type());
        assertTrue(DeviceManagementCluster.PROPOSED_TENANCY_CHANGE_CONTROL.accepts(
                TenancyChangeControl.GCS09_DEFAULT.toValue()));
        assertEquals(DeviceManagementCluster.PROPOSED_TENANCY_CHANGE_CONTROL,
                DeviceManagementCluster.fromId(0x0201).orElseThrow());
        assertTrue(DeviceManagementCluster.fromId(0x0202).isEmpty());
    }

    static void assertError(String frameHex, String field, int offset) {
        byte[] bytes = hex(frameHex);
        ByteBuf buf = Unpooled.wrappedBuffer(bytes);
        var e = assertThrows(ZclDecodeException.class, () -> DeviceManagementCodec.decode(buf), frameHex);
        assertEquals(field, e.field(), () -> frameHex + ": " + e.getMessage());
        assertEquals(offset, e.offset(), () -> frameHex + ": " + e.getMessage());
        assertEquals(0, buf.readerIndex(), "a failed decode leaves the reader index");
    }

    static byte[] hex(String s) {
        return HexFormat.of().parseHex(s.replace(" ", ""));
    }

    static String hex(byte[] b) {
        return HexFormat.of().formatHex(b);
    }
}
