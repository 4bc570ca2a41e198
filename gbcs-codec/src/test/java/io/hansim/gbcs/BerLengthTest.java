package io.hansim.gbcs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BerLengthTest {

    @ParameterizedTest
    @CsvSource({
        "0, 00", "127, 7f", "128, 8180", "156, 819c", "255, 81ff", "256, 820100",
        "65535, 82ffff", "65536, 83010000", "16777215, 83ffffff"
    })
    void encodesCanonicalForms(int length, String hex) {
        assertArrayEquals(hex(hex), BerLength.encode(length));
        long d = BerLength.decode(hex(hex), 0, hex.length() / 2, "ContentLength");
        assertEquals(length, BerLength.lengthOf(d));
        assertEquals(hex.length() / 2, BerLength.sizeOf(d));
    }

    @Test
    void everyTwoOctetLengthRoundTrips() {
        byte[] buf = new byte[4];
        for (int n = 0; n <= 0x1_0100; n++) {
            int end = BerLength.encode(n, buf, 0);
            long d = BerLength.decode(buf, 0, end, "len");
            assertEquals(n, BerLength.lengthOf(d));
            assertEquals(end, BerLength.sizeOf(d));
        }
    }

    @Test
    void refusesNonShortestForms() {
        var e = assertThrows(GbcsDecodeException.class,
                () -> BerLength.decode(hex("aa8105"), 1, 3, "ContentLength"));
        assertEquals("ContentLength", e.field());
        assertEquals(1, e.offset());
        assertTrue(e.getMessage().contains("shortest"), e.getMessage());
        assertThrows(GbcsDecodeException.class, () -> BerLength.decode(hex("8200ff"), 0, 3, "x"));
    }

    @Test
    void refusesIndefiniteAndOverlongForms() {
        assertEquals(0, assertThrows(GbcsDecodeException.class,
                () -> BerLength.decode(hex("80"), 0, 1, "x")).offset());
        assertTrue(assertThrows(GbcsDecodeException.class,
                () -> BerLength.decode(hex("840000000001"), 0, 6, "x")).getMessage().contains("at most 3"));
    }

    @Test
    void truncatedAtEveryPointIsTyped() {
        byte[] full = hex("0083010000");
        for (int limit = 1; limit < full.length; limit++) {
            int l = limit;
            var e = assertThrows(GbcsDecodeException.class, () -> BerLength.decode(full, 1, l, "ContentLength"));
            assertEquals(1, e.offset());
        }
        assertThrows(GbcsDecodeException.class, () -> BerLength.decode(new byte[0], 0, 0, "x"));
    }

    @Test
    void refusesOutOfRangeLengthsWhenEncoding() {
        assertThrows(IllegalArgumentException.class, () -> BerLength.encode(-1));
        assertThrows(IllegalArgumentException.class, () -> BerLength.encode(BerLength.MAX + 1));
    }

    static byte[] hex(String s) {
        return java.util.HexFormat.of().parseHex(s);
    }
}
