package io.hansim.zigbee.tunneling;

import io.hansim.zigbee.zcl.Bytes;
import io.hansim.zigbee.zcl.ZclDecodeException;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The GBCS tunnel command byte (G.3, gbcs.md §6): GET 01, GET-RESPONSE 02 + count, PUT 03 + message. */
class GbcsTunnelCommandTest {

    @Test
    void g3_tunnelCommandBytes() {
        assertEquals(Bytes.fromHex("01"), new GbcsTunnelCommand.Get().encode());
        assertEquals(Bytes.fromHex("02 05"), new GbcsTunnelCommand.GetResponse(5).encode());
        assertEquals(Bytes.fromHex("03 DD 00 01"), new GbcsTunnelCommand.Put(Bytes.fromHex("DD 00 01")).encode());
        assertEquals(new GbcsTunnelCommand.Get(), GbcsTunnelCommand.decode(Bytes.fromHex("01")));
        assertEquals(new GbcsTunnelCommand.GetResponse(0), GbcsTunnelCommand.decode(Bytes.fromHex("02 00")));
        assertEquals(new GbcsTunnelCommand.Put(Bytes.fromHex("DF 09")), GbcsTunnelCommand.decode(Bytes.fromHex("03 DF 09")));
    }

    @Test
    void g3_malformedTunnelCommandsAreTyped() {
        assertEquals(0, assertThrows(ZclDecodeException.class, () -> GbcsTunnelCommand.decode(Bytes.EMPTY)).offset());
        var unknown = assertThrows(ZclDecodeException.class, () -> GbcsTunnelCommand.decode(Bytes.fromHex("04")));
        assertEquals("GBCS tunnel command", unknown.field());
        assertEquals(1, assertThrows(ZclDecodeException.class, () -> GbcsTunnelCommand.decode(Bytes.fromHex("01 00"))).offset());
        assertEquals(1, assertThrows(ZclDecodeException.class, () -> GbcsTunnelCommand.decode(Bytes.fromHex("02"))).offset());
        assertEquals(2, assertThrows(ZclDecodeException.class, () -> GbcsTunnelCommand.decode(Bytes.fromHex("02 00 00"))).offset());
        assertEquals("PUT message", assertThrows(ZclDecodeException.class,
                () -> GbcsTunnelCommand.decode(Bytes.fromHex("03"))).field());
        assertThrows(IllegalArgumentException.class, () -> new GbcsTunnelCommand.Put(Bytes.EMPTY));
        assertThrows(IllegalArgumentException.class, () -> new GbcsTunnelCommand.GetResponse(256));
    }
}
