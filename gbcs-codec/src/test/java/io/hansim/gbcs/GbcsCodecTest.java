package io.hansim.gbcs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** Unit tests of the envelope codec with hand-built messages (gbcs.md §2–§3). */
class GbcsCodecTest {

    /** The CS08 command worked through in gbcs.md §10. */
    static final String CS08_COMMAND = "DD00000000000046" + "1100000000"
            + "DF09010000000000000514" + "0890B3D51F30000002" + "0800DB1234567890A4" + "00"
            + "12012990B3D51F3001000000000000000003E8" + "020500" + "00" + "BDC5E70406017D96EE0F9759";

    static final long ACB = 0x90B3D51F30000002L;
    static final long SUPPLIER = 0x90B3D51F30010000L;
    static final long PPMID = 0x00DB1234567890A4L;
    static final ByteString DATE_TIME = ByteString.ofHex("07DF0101FF000000008000FF");

    private static byte[] hex(String s) {
        return HexFormat.of().parseHex(s);
    }

    static GroupingHeader header(CraFlag cra, Optional<ByteString> dateTime, OtherInformation oi) {
        return new GroupingHeader(cra, 1300, ACB, PPMID, dateTime, oi, 0);
    }

    static ByteString filled(int n, int seed) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (seed + i);
        }
        return ByteString.of(b);
    }

    private static void assertRoundTrip(GbcsMessage m) {
        byte[] b = GbcsCodec.encode(m);
        assertEquals(m, GbcsCodec.decode(b));
        assertEquals(m, GbcsCodec.decode(b, m.form()));
        assertArrayEquals(b, GbcsCodec.encode(GbcsCodec.decode(b)));
    }

    private static GbcsDecodeException fails(String hexBytes, String field) {
        GbcsDecodeException e = assertThrows(GbcsDecodeException.class, () -> GbcsCodec.decode(hex(hexBytes)));
        assertEquals(field, e.field(), e.getMessage());
        return e;
    }

    @Test
    void decodesTheCs08CommandField() {
        byte[] b = hex(CS08_COMMAND);
        GbcsMessage m = GbcsCodec.decode(b);
        assertEquals(new MacHeader(0x11, 0, 70), m.macHeader().orElseThrow());
        GroupingHeader g = m.groupingHeader();
        assertEquals(CraFlag.COMMAND, g.craFlag());
        assertEquals(1300, g.originatorCounter());
        assertEquals(ACB, g.originator());
        assertEquals(PPMID, g.recipient());
        assertEquals(Optional.empty(), g.dateTime());
        assertEquals(OtherInformation.of(0x0129, SUPPLIER, 1000), g.otherInformation());
        assertEquals(2, g.contentLength());
        assertEquals(ByteString.ofHex("0500"), m.payload());
        assertEquals(Signature.EMPTY, m.signature());
        assertEquals(ByteString.ofHex("BDC5E70406017D96EE0F9759"), m.mac().orElseThrow());
        assertEquals(GbcsCodec.Form.ON_AIR, m.form());
        assertArrayEquals(b, GbcsCodec.encode(m));
    }

    @Test
    void ofComputesTheLengthsTheVectorCarries() {
        GbcsMessage built = GbcsMessage.of(Optional.of(new MacHeader(0x11, 0, 0)),
                header(CraFlag.COMMAND, Optional.empty(), OtherInformation.of(0x0129, SUPPLIER, 1000)),
                ByteString.ofHex("0500"), Signature.EMPTY,
                Optional.of(ByteString.ofHex("BDC5E70406017D96EE0F9759")));
        assertArrayEquals(hex(CS08_COMMAND), GbcsCodec.encode(built));
    }

    @Test
    void truncationAtEveryLengthNamesTheField() {
        byte[] b = hex(CS08_COMMAND);
        for (int n = 0; n < b.length; n++) {
            byte[] cut = Arrays.copyOf(b, n);
            GbcsDecodeException e = assertThrows(GbcsDecodeException.class, () -> GbcsCodec.decode(cut));
            // gbcs.md §2.1: the ciphered length is checked against the bytes left before anything after it
            String want = n == 0 ? "message" : n < MacHeader.FIXED_PREFIX ? "MAC header" : "ciphered length";
            assertEquals(want, e.field(), "cut at " + n + ": " + e.getMessage());
            assertTrue(e.offset() <= n);
        }
    }

    @Test
    void truncatingAnUnmacdSignedMessageNamesEachField() {
        GbcsMessage m = GbcsMessage.of(Optional.empty(),
                header(CraFlag.ALERT, Optional.of(DATE_TIME), OtherInformation.of(0x0128)),
                filled(43, 3), Signature.of(filled(64, 9)), Optional.empty());
        byte[] b = GbcsCodec.encode(m);
        assertRoundTrip(m);
        int payloadEnd = b.length - 65;
        for (int n = 0; n < b.length; n++) {
            byte[] cut = Arrays.copyOf(b, n);
            if (n == payloadEnd) {
                // ends right after the payload: a well-formed PRECOMMAND (gbcs.md §2.3)
                assertEquals(GbcsCodec.Form.PRECOMMAND, GbcsCodec.decode(cut).form());
                GbcsDecodeException e = assertThrows(GbcsDecodeException.class,
                        () -> GbcsCodec.decode(cut, GbcsCodec.Form.ON_AIR));
                assertEquals("signature", e.field());
                continue;
            }
            GbcsDecodeException e = assertThrows(GbcsDecodeException.class, () -> GbcsCodec.decode(cut));
            String want;
            if (n == 0) {
                want = "message";
            } else if (n == 1) {
                want = "transaction id";
            } else if (n == 2) {
                want = "CRA flag";
            } else if (n < 11) {
                want = "originator counter";
            } else if (n < 20) {
                want = "originator system title";
            } else if (n < 29) {
                want = "recipient system title";
            } else if (n < 42) {
                want = "date-time";
            } else if (n == 42) {
                want = "other-information length";
            } else if (n < 45) {
                want = "other-information";
            } else if (n == 45) {
                want = "content length";
            } else if (n < payloadEnd) {
                want = "payload";
            } else {
                want = "signature";
            }
            assertEquals(want, e.field(), "cut at " + n + ": " + e.getMessage());
        }
    }

    @Test
    void precommandRoundTripsAndHasNoSignatureField() {
        GbcsMessage m = GbcsMessage.of(Optional.empty(),
                header(CraFlag.COMMAND, Optional.empty(), OtherInformation.of(0x0012)),
                filled(40, 1), Signature.ABSENT, Optional.empty());
        assertEquals(GbcsCodec.Form.PRECOMMAND, m.form());
        byte[] b = GbcsCodec.encode(m);
        assertEquals(1 + 10 + 9 + 9 + 1 + 3 + 1 + 40, b.length);
        assertRoundTrip(m);
        // a pre-1.4.1 PRECOMMAND with a trailing 00 (gbcs.md §2.3) decodes as ON_AIR, byte-exact
        byte[] withZero = Arrays.copyOf(b, b.length + 1);
        GbcsMessage old = GbcsCodec.decode(withZero);
        assertEquals(Signature.EMPTY, old.signature());
        assertArrayEquals(withZero, GbcsCodec.encode(old));
        GbcsDecodeException e = assertThrows(GbcsDecodeException.class,
                () -> GbcsCodec.decode(withZero, GbcsCodec.Form.PRECOMMAND));
        assertEquals("payload", e.field());
    }

    @Test
    void everyOptionalPartRoundTrips() {
        OtherInformation oi26 = new OtherInformation(0x00CA, OptionalLong.of(SUPPLIER), OptionalLong.of(7),
                OptionalLong.of(-1L), ByteString.EMPTY);
        OtherInformation oi10 = new OtherInformation(0x0001, OptionalLong.of(SUPPLIER), OptionalLong.empty(),
                OptionalLong.empty(), ByteString.EMPTY);
        OtherInformation oiLong = new OtherInformation(0x0100, OptionalLong.of(1), OptionalLong.of(2),
                OptionalLong.empty(), filled(150, 5));
        Optional<MacHeader> mh = Optional.of(new MacHeader(0x11, 0xFFFF_FFFFL, 0));
        Optional<ByteString> mac = Optional.of(filled(12, 0x70));
        for (CraFlag cra : CraFlag.values()) {
            for (OtherInformation oi : new OtherInformation[] {OtherInformation.of(0x1001), oi10,
                OtherInformation.of(1, 2, 3), oi26, oiLong}) {
                for (Optional<ByteString> dt : java.util.List.of(Optional.<ByteString>empty(), Optional.of(DATE_TIME))) {
                    for (int size : new int[] {0, 1, 127, 128, 255, 256, 70_000}) {
                        ByteString payload = filled(size, size);
                        GroupingHeader g = header(cra, dt, oi);
                        assertRoundTrip(GbcsMessage.of(Optional.empty(), g, payload, Signature.ABSENT, Optional.empty()));
                        assertRoundTrip(GbcsMessage.of(Optional.empty(), g, payload, Signature.EMPTY, Optional.empty()));
                        assertRoundTrip(GbcsMessage.of(Optional.empty(), g, payload, Signature.of(filled(64, 1)),
                                Optional.empty()));
                        assertRoundTrip(GbcsMessage.of(mh, g, payload, Signature.EMPTY, mac));
                        assertRoundTrip(GbcsMessage.of(mh, g, payload, Signature.of(filled(64, 2)), mac));
                    }
                }
            }
        }
    }

    @Test
    void malformedFieldsAreNamed() {
        // ciphered length in a non-shortest form (gbcs.md §3)
        fails("DD000000000000" + "8146" + CS08_COMMAND.substring(16), "ciphered length");
        // ciphered length one too many / one too few
        fails("DD00000000000047" + CS08_COMMAND.substring(16), "ciphered length");
        fails("DD00000000000045" + CS08_COMMAND.substring(16), "ciphered length");
        // DD 09: a GBT block, not an ordinary MAC header (gbcs.md §2.1, §7)
        fails("DD09" + CS08_COMMAND.substring(4), "MAC header transaction id");
        fails("DD00000000000146" + CS08_COMMAND.substring(16), "MAC header key-info");
        String dfPart = CS08_COMMAND.substring(26, CS08_COMMAND.length() - 26); // DF ... payload
        fails("00" + dfPart, "message tag");
        fails(dfPart.replaceFirst("^DF0901", "DF0904"), "CRA flag");
        fails(dfPart.replaceFirst("^DF09", "DF08"), "transaction id");
        fails(dfPart.replaceFirst("0890B3D51F30000002", "0790B3D51F30000002"), "originator system title");
        fails(dfPart.replaceFirst("0800DB1234567890A4", "0900DB1234567890A4"), "recipient system title");
        fails(dfPart.replaceFirst("0800DB1234567890A400", "0800DB1234567890A405"), "date-time");
        fails(dfPart.replaceFirst("A400120129", "A400030129"), "other-information length");
        fails(dfPart.replaceFirst("A400120129", "A400800129"), "other-information length");
        // content length 3 where 2 bytes follow
        fails(dfPart.replaceFirst("020500$", "030500"), "payload");
        // signature length 0x20
        fails(dfPart + "20", "signature");
        fails(dfPart + "40" + "00".repeat(63), "signature");
        fails(dfPart + "00" + "00", "signature");
        // a MAC header on a PRECOMMAND
        GbcsDecodeException e = assertThrows(GbcsDecodeException.class,
                () -> GbcsCodec.decode(hex(CS08_COMMAND), GbcsCodec.Form.PRECOMMAND));
        assertEquals("MAC header", e.field());
        assertEquals("message", assertThrows(GbcsDecodeException.class, () -> GbcsCodec.decode(null)).field());
    }

    @Test
    void theMacHeaderOffsetsAreReported() {
        GbcsDecodeException e = fails("DD00000000000047" + CS08_COMMAND.substring(16), "ciphered length");
        assertEquals(7, e.offset());
        e = fails(CS08_COMMAND.substring(0, 30) + "04" + CS08_COMMAND.substring(32), "CRA flag");
        assertEquals(15, e.offset());
    }

    @Test
    void inconsistentValuesAreRefused() {
        GroupingHeader g = header(CraFlag.COMMAND, Optional.empty(), OtherInformation.of(1));
        assertThrows(IllegalArgumentException.class,
                () -> new GbcsMessage(Optional.empty(), g, filled(1, 0), Signature.EMPTY, Optional.empty()));
        assertThrows(IllegalArgumentException.class, () -> GbcsMessage.of(Optional.of(new MacHeader(0x11, 0, 0)),
                g, ByteString.EMPTY, Signature.ABSENT, Optional.of(filled(12, 0))));
        assertThrows(IllegalArgumentException.class, () -> GbcsMessage.of(Optional.of(new MacHeader(0x11, 0, 0)),
                g, ByteString.EMPTY, Signature.EMPTY, Optional.empty()));
        assertThrows(IllegalArgumentException.class, () -> GbcsMessage.of(Optional.empty(),
                g, ByteString.EMPTY, Signature.EMPTY, Optional.of(filled(12, 0))));
        // a ciphered length that does not match what follows it
        assertThrows(IllegalArgumentException.class, () -> new GbcsMessage(Optional.of(new MacHeader(0x11, 0, 5)),
                g, ByteString.EMPTY, Signature.EMPTY, Optional.of(filled(12, 0))));
        assertThrows(IllegalArgumentException.class,
                () -> new GroupingHeader(CraFlag.ALERT, 0, 0, 0, Optional.of(filled(11, 0)), OtherInformation.of(1), 0));
        assertThrows(IllegalArgumentException.class, () -> new Signature(Signature.Kind.PRESENT, filled(63, 0)));
        assertThrows(IllegalArgumentException.class, () -> new OtherInformation(1, OptionalLong.empty(),
                OptionalLong.of(1), OptionalLong.empty(), ByteString.EMPTY));
        assertThrows(IllegalArgumentException.class, () -> OtherInformation.of(0x10000));
        // a certificate takes the originator counter's place and is longer than 8 bytes
        assertThrows(IllegalArgumentException.class, () -> new OtherInformation(1, OptionalLong.of(1),
                OptionalLong.of(2), OptionalLong.of(3), filled(20, 0)));
        assertThrows(IllegalArgumentException.class, () -> new OtherInformation(1, OptionalLong.of(1),
                OptionalLong.of(2), OptionalLong.empty(), filled(8, 0)));
    }
}
