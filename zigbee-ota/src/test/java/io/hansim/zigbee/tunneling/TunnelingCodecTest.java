package io.hansim.zigbee.tunneling;

import io.hansim.zigbee.ClusterLabels;
import io.hansim.zigbee.tunneling.TunnelingCommand.CloseTunnel;
import io.hansim.zigbee.tunneling.TunnelingCommand.RequestTunnel;
import io.hansim.zigbee.tunneling.TunnelingCommand.RequestTunnelResponse;
import io.hansim.zigbee.tunneling.TunnelingCommand.TransferData;
import io.hansim.zigbee.tunneling.TunnelingCommand.TransferDataError;
import io.hansim.zigbee.zcl.Bytes;
import io.hansim.zigbee.zcl.ZclDecodeException;
import io.hansim.zigbee.zcl.ZclHeader.Direction;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Byte-exact examples of the Tunneling cluster codec (SE 1.4 D.6) and its strictness. */
class TunnelingCodecTest {

    private static byte[] hex(String s) {
        return Bytes.fromHex(s).toArray();
    }

    @Test
    void requestTunnelEncodesLittleEndian() {
        var c = new RequestTunnel(6, 0x1234, false, 1500);
        assertArrayEquals(hex("01 07 00 06 34 12 00 DC 05"), TunnelingCodec.encode(7, c));
        assertEquals(c, TunnelingCodec.decode(hex("01 07 00 06 34 12 00 DC 05")).command());
    }

    @Test
    void requestTunnelResponseCarriesGbMaximumTransferSize() {
        var c = new RequestTunnelResponse(0x0001, TunnelingCluster.TUNNEL_STATUS_SUCCESS,
                TunnelingCluster.GB_MAXIMUM_INCOMING_TRANSFER_SIZE);
        assertArrayEquals(hex("09 07 00 01 00 00 DC 05"), TunnelingCodec.encode(7, c));
        assertEquals(c, TunnelingCodec.decode(hex("09 07 00 01 00 00 DC 05")).command());
    }

    @Test
    void g3_transferDataHasOneIdentifierPerDirection() {
        var up = new TransferData(Direction.CLIENT_TO_SERVER, 1, new GbcsTunnelCommand.Get().encode());
        assertArrayEquals(hex("01 02 02 01 00 01"), TunnelingCodec.encode(2, up));
        var down = new TransferData(Direction.SERVER_TO_CLIENT, 1, new GbcsTunnelCommand.GetResponse(3).encode());
        assertArrayEquals(hex("09 02 01 01 00 02 03"), TunnelingCodec.encode(2, down));
        assertEquals(up, TunnelingCodec.decode(hex("01 02 02 01 00 01")).command());
        assertEquals(down, TunnelingCodec.decode(hex("09 02 01 01 00 02 03")).command());
        assertEquals("Transfer Data", ClusterLabels.commandName(0x0704, 0x02, Direction.CLIENT_TO_SERVER).orElseThrow());
        assertEquals("Request Tunnel Response",
                ClusterLabels.commandName(0x0704, 0x00, Direction.SERVER_TO_CLIENT).orElseThrow());
    }

    @Test
    void transferDataErrorAndCloseTunnel() {
        var e = new TransferDataError(Direction.SERVER_TO_CLIENT, 2, TunnelingCluster.TRANSFER_DATA_STATUS_NO_SUCH_TUNNEL);
        assertArrayEquals(hex("09 00 02 02 00 00"), TunnelingCodec.encode(0, e));
        var e2 = new TransferDataError(Direction.CLIENT_TO_SERVER, 2, 2);
        assertArrayEquals(hex("01 00 03 02 00 02"), TunnelingCodec.encode(0, e2));
        assertEquals(new CloseTunnel(0x0102), TunnelingCodec.decode(hex("01 00 01 02 01")).command());
    }

    @Test
    void strictDecoding() {
        var flow = assertThrows(ZclDecodeException.class, () -> TunnelingCodec.decode(hex("01 07 00 06 34 12 02 DC 05")));
        assertEquals("FlowControlSupport", flow.field());
        assertEquals(6, flow.offset());
        var shortFrame = assertThrows(ZclDecodeException.class, () -> TunnelingCodec.decode(hex("09 07 00 01 00 00 DC")));
        assertEquals("MaximumIncomingTransferSize", shortFrame.field());
        var trailing = assertThrows(ZclDecodeException.class, () -> TunnelingCodec.decode(hex("01 00 01 02 01 FF")));
        assertEquals(5, trailing.offset());
        var unknown = assertThrows(ZclDecodeException.class, () -> TunnelingCodec.decode(hex("01 00 06")));
        assertEquals("CommandIdentifier", unknown.field());
        var noTunnel = assertThrows(ZclDecodeException.class, () -> TunnelingCodec.decode(hex("01 00 02 01")));
        assertEquals("TunnelID", noTunnel.field());
    }

    @Test
    void recordsRefuseOutOfRangeFields() {
        assertThrows(IllegalArgumentException.class, () -> new RequestTunnel(256, 0, false, 0));
        assertThrows(IllegalArgumentException.class, () -> new RequestTunnelResponse(0x10000, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new TransferData(Direction.CLIENT_TO_SERVER, -1, Bytes.EMPTY));
    }
}
