package io.hansim.port;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The device port codec against docs/device-port.md, byte for byte, and every way a stream can be wrong. */
class PortCodecTest {
    private static final HexFormat HEX = HexFormat.of();

    static List<PortMessage> samples() {
        Map<String, String> status = new LinkedHashMap<>();
        status.put("firmware.version", "01000002");
        status.put("ota.state", "downloading 1234/262144 — ünïcödé");
        return List.of(
                new PortMessage.Hello(1, "ppmid", 0x00D0_0000_0000_0002L, 1, 0x0109, List.of(0x0000, 0x0702),
                        List.of(0x0019, 0x000A), "a model"),
                new PortMessage.FrameOut(0x00D0_0000_0000_0001L, 1, 1, 0x0109, 0x0019, Octets.of((byte) 0x01, (byte) 0x22, (byte) 0x01)),
                new PortMessage.FrameOut(PortMessage.BROADCAST, 0xFF, 1, 0x0109, 0x0019, Octets.EMPTY),
                new PortMessage.Read("ota.candidate", 64, PortMessage.Read.TO_END),
                new PortMessage.Write("ota.candidate", 0xFFFF_FFFFL, Octets.of(new byte[300])),
                new PortMessage.Erase("occupier"),
                new PortMessage.Status(status),
                new PortMessage.Status(Map.of()),
                new PortMessage.Log(PortMessage.Log.WARN, "block 12 retried"),
                new PortMessage.Done(PortMessage.NO_DEADLINE),
                new PortMessage.Done(3_600_000_000L),
                new PortMessage.Bye("done"),
                new PortMessage.Restart(1_000_000),
                new PortMessage.DeadlineOrigin(0),
                new PortMessage.DeadlineOrigin(12345),
                new PortMessage.Welcome(1, PortMessage.Clock.REALTIME, 5, 0xFFFF_FFFEL, -7, 0x1234,
                        List.of(new PortMessage.Peer(1, 0, 1, "ch"), new PortMessage.Peer(-1L, 0xFFF7, 240, "ihd")),
                        Map.of("ch.smets", "SMETS2+")),
                new PortMessage.Power(0, PortMessage.PowerState.CUT),
                new PortMessage.Power(Long.MAX_VALUE, PortMessage.PowerState.ON),
                new PortMessage.FrameIn(42, 0x00D0_0000_0000_0001L, 0x0000, 1, 1, 0x0109, 0x0019, true,
                        Octets.of((byte) 0x19, (byte) 0x00, (byte) 0x00)),
                new PortMessage.Timer(-1L),
                new PortMessage.ReadResult(PortMessage.ReadResult.BEYOND_END, Octets.EMPTY),
                new PortMessage.ReadResult(PortMessage.ReadResult.OK, Octets.of((byte) 0xFF)),
                new PortMessage.HansimBye("the run is over"));
    }

    @Test
    void everyMessageRoundTrips() {
        for (PortMessage m : samples()) {
            byte[] b = PortCodec.encode(m);
            assertEquals(m, PortCodec.decode(b, 0), m.getClass().getSimpleName());
            assertEquals(b.length - 4, (b[0] & 0xFF) | (b[1] & 0xFF) << 8, "the length field counts type and body");
            assertEquals(m.type(), b[4] & 0xFF);
        }
    }

    @Test
    void helloIsTheLayoutOfTheDoc() {
        var h = new PortMessage.Hello(1, "ppmid", 0x00D0_0000_0000_0002L, 1, 0x0109, List.of(0x0000),
                List.of(0x0019), "m");
        assertEquals("1c000000" + "01" + "0100" + "05" + "70706d6964" + "020000000000d000" + "01" + "0901" + "01"
                + "0000" + "01" + "1900" + "01" + "6d", HEX.formatHex(PortCodec.encode(h)));
    }

    @Test
    void frameInIsTheLayoutOfTheDoc() {
        var f = new PortMessage.FrameIn(0x0102, 0x00D0_0000_0000_0001L, 0x0000, 1, 2, 0x0109, 0x0019, true,
                Octets.of((byte) 0xAA));
        assertEquals("1f000000" + "83" + "0201000000000000" + "010000000000d000" + "0000" + "01" + "02" + "0901"
                + "1900" + "01" + "01000000" + "aa", HEX.formatHex(PortCodec.encode(f)));
    }

    @Test
    void doneWithoutDeadlineIsAllOnes() {
        assertEquals("0900000008ffffffffffffffff", HEX.formatHex(PortCodec.encode(new PortMessage.Done(-1))));
    }

    private static PortProtocolException decodeFails(String hex) {
        return assertThrows(PortProtocolException.class, () -> PortCodec.decode(HEX.parseHex(hex), 100));
    }

    @Test
    void lengthZeroIsRefused() {
        PortProtocolException e = decodeFails("00000000");
        assertEquals(100, e.offset());
        assertTrue(e.reason().contains("length 0"), e.reason());
    }

    @Test
    void aLengthAboveMaxMessageIsOversized() {
        PortOversizedException e = assertThrows(PortOversizedException.class,
                () -> PortCodec.decode(HEX.parseHex("01000100" + "08"), 7));
        assertEquals(65_537, e.length());
        assertEquals(7, e.offset());
    }

    @Test
    void anUnknownTypeIsNamedAtItsOffset() {
        PortProtocolException e = decodeFails("0100000042");
        assertEquals(104, e.offset());
        assertEquals("unknown message type 0x42", e.reason());
    }

    @Test
    void aShortBodyNamesTheField() {
        PortProtocolException e = decodeFails("0500000008ffffffff");
        assertEquals(105, e.offset());
        assertTrue(e.reason().contains("nextDeadline"), e.reason());
    }

    @Test
    void octetsLeftOverAreRefused() {
        PortProtocolException e = decodeFails("0a00000008ffffffffffffffff00");
        assertEquals(113, e.offset());
        assertTrue(e.reason().contains("1 octets left over"), e.reason());
    }

    @Test
    void invalidUtf8IsRefused() {
        PortProtocolException e = decodeFails("04000000050180ff"); // ERASE "\u0080?" — 0x80 alone is not UTF-8
        assertTrue(e.reason().contains("not valid UTF-8"), e.reason());
        assertEquals(106, e.offset());
    }

    @Test
    void aStatusKeyTwiceIsRefused() {
        // n=2, then (k, v) twice
        String body = "02" + "016b" + "010076" + "016b" + "010076";
        PortProtocolException e = decodeFails(String.format("%02x000000", 1 + body.length() / 2) + "06" + body);
        assertTrue(e.reason().contains("\"k\" given twice"), e.reason());
    }

    @Test
    void valuesOutOfTheirRangeAreRefused() {
        assertTrue(decodeFails("0a000000820000000000000000" + "03").reason().contains("power state 3"));
        assertTrue(decodeFails("0400000007040000").reason().contains("log level 4"));
        assertTrue(decodeFails("060000008503" + "00000000").reason().contains("status 3"));
        assertTrue(decodeFails("1e00000083" + "0000000000000000" + "0000000000000000" + "0000" + "01" + "01"
                + "0901" + "1900" + "02" + "00000000").reason().contains("flags 0x02"));
        assertTrue(decodeFails("0900000081" + "0100" + "02" + "0000000000").reason().contains("clock 2"));
        assertTrue(decodeFails("090000000a" + "ffffffffffffffff").reason().contains("above 2^63"));
    }

    @Test
    void aBytesLengthThatOverrunsIsRefused() {
        PortProtocolException e = decodeFails("0f00000002" + "0100000000000000" + "01" + "01" + "0901" + "1900");
        assertTrue(e.reason().contains("zcl length"), e.reason());
        PortProtocolException e2 = decodeFails("1300000002" + "0100000000000000" + "01" + "01" + "0901" + "1900"
                + "05000000");
        assertTrue(e2.reason().contains("zcl length 5 overruns"), e2.reason());
    }

    @Test
    void theReaderNamesTheOffsetOfTheBadMessageInTheStream() throws IOException {
        ByteArrayOutputStream s = new ByteArrayOutputStream();
        s.write(PortCodec.encode(new PortMessage.Done(5)));
        s.write(PortCodec.encode(new PortMessage.Log(1, "x")));
        s.write(HEX.parseHex("0100000042"));
        PortReader r = PortReader.ofDevice(new ByteArrayInputStream(s.toByteArray()), 1024);
        assertEquals(new PortMessage.Done(5), r.read());
        assertEquals(new PortMessage.Log(1, "x"), r.read());
        PortProtocolException e = assertThrows(PortProtocolException.class, r::read);
        assertEquals(13 + 9 + 4, e.offset());
    }

    @Test
    void theReaderRefusesTheOtherDirectionsMessages() throws IOException {
        byte[] b = PortCodec.encode(new PortMessage.Timer(1));
        PortProtocolException e = assertThrows(PortProtocolException.class,
                () -> PortReader.ofDevice(new ByteArrayInputStream(b), 1024).read());
        assertTrue(e.reason().contains("0x84 is sent by hansim"), e.reason());
        byte[] d = PortCodec.encode(new PortMessage.Done(1));
        assertThrows(PortProtocolException.class, () -> PortReader.ofHansim(new ByteArrayInputStream(d), 1024).read());
    }

    @Test
    void theReaderRefusesAnOversizedLengthBeforeReadingTheBody() {
        byte[] b = HEX.parseHex("ffffffff");
        PortOversizedException e = assertThrows(PortOversizedException.class,
                () -> PortReader.ofDevice(new ByteArrayInputStream(b), 64).read());
        assertEquals(0xFFFF_FFFFL, e.length());
        assertEquals(64, e.maxMessage());
    }

    @Test
    void aCleanEndIsNullAndAnEndInsideAMessageIsEof() throws IOException {
        assertNull(PortReader.ofDevice(new ByteArrayInputStream(new byte[0]), 64).read());
        assertThrows(EOFException.class, () -> PortReader.ofDevice(new ByteArrayInputStream(HEX.parseHex("0900")), 64)
                .read());
        assertThrows(EOFException.class, () -> PortReader.ofDevice(
                new ByteArrayInputStream(HEX.parseHex("0900000008ffff")), 64).read());
    }

    @Test
    void recordsCheckTheirRanges() {
        assertThrows(IllegalArgumentException.class, () -> new PortMessage.Erase("x".repeat(256)));
        assertThrows(IllegalArgumentException.class, () -> new PortMessage.FrameOut(1, 256, 1, 1, 1, Octets.EMPTY));
        assertThrows(IllegalArgumentException.class, () -> new PortMessage.Read("r", -1, 0));
        assertThrows(IllegalArgumentException.class, () -> new PortMessage.Log(4, ""));
        assertThrows(IllegalArgumentException.class, () -> new PortMessage.Restart(-1));
    }

    @Test
    void octetsAreValues() {
        byte[] b = {1, 2, 3};
        Octets o = Octets.of(b);
        b[0] = 9;
        assertEquals(1, o.get(0), "a copy is taken");
        assertEquals(Octets.of((byte) 1, (byte) 2, (byte) 3), o);
        assertArrayEquals(new byte[] {1, 2, 3}, o.toArray());
    }
}
