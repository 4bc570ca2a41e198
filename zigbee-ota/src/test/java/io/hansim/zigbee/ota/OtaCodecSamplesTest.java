package io.hansim.zigbee.ota;

import io.hansim.zigbee.ota.OtaSamples.Field;
import io.hansim.zigbee.ota.OtaSamples.Sample;
import io.hansim.zigbee.zcl.ZclDecodeException;
import io.hansim.zigbee.zcl.ZclHeader.Direction;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Arrays;
import java.util.List;

import static io.hansim.zigbee.ota.OtaAssertions.assertDecodeError;
import static io.hansim.zigbee.ota.OtaAssertions.hex;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every hand-made sample frame (OtaSamples: each command, form and optional-field combination)
 * decoded and encoded both ways, then cut, extended and flipped, asserting the exact field and
 * offset of each error.
 */
class OtaCodecSamplesTest {

    static List<Sample> samples() {
        return OtaSamples.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void layoutCoversEveryByte(Sample s) {
        List<Field> fields = s.fields();
        Field last = fields.get(fields.size() - 1);
        assertEquals(s.bytes().length, last.offset() + last.size(), "layout of " + s.name());
        assertEquals(s.bytes().length, s.frame().encodedLength());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void decodesToTheExpectedValue(Sample s) {
        assertEquals(s.frame(), OtaCodec.decode(s.bytes()));
        assertEquals(s.frame(), OtaCodec.decode(s.bytes(), OtaCodec.Options.LENIENT));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void encodesToTheExpectedBytes(Sample s) {
        assertEquals(s.hex(), hex(OtaCodec.encode(s.frame())));
        ByteBuf out = Unpooled.buffer();
        out.writeByte(0xEE); // something already in the buffer must stay in front
        OtaCodec.encode(s.frame(), out);
        assertEquals("ee" + s.hex(), hex(Arrays.copyOf(out.array(), out.writerIndex())));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void defaultFrameControlFollowsSection1(Sample s) {
        // zigbee-ota.md §1: 0x01 requests, 0x19 server→client; only the unicast notify sample uses 0x09.
        OtaCommand c = s.frame().command();
        int expected = c.direction() == Direction.CLIENT_TO_SERVER ? 0x01 : 0x19;
        byte[] encoded = OtaCodec.encode(s.frame().transactionSequenceNumber(), c);
        assertEquals(expected, encoded[0] & 0xFF);
        if (s.bytes()[0] == expected) {
            assertArrayEquals(s.bytes(), encoded);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void payloadAloneDecodesWithFrameOffsets(Sample s) {
        byte[] frame = s.bytes();
        byte[] payload = Arrays.copyOfRange(frame, 3, frame.length);
        OtaCommand c = s.frame().command();
        assertEquals(payload.length, c.payloadLength());
        assertArrayEquals(payload, OtaCodec.encodePayload(c));
        assertEquals(c, OtaCodec.decodePayload(c.commandId(), c.direction(), payload));
        assertEquals(c, OtaCodec.decodePayload(c.commandId(), c.direction(), Unpooled.wrappedBuffer(payload), 3,
                OtaCodec.Options.STRICT));
        assertEquals(s.frame(), OtaCodec.decode(s.frame().header(), Unpooled.wrappedBuffer(payload),
                OtaCodec.Options.STRICT));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void byteBufDecodeCountsFromTheReaderIndexAndConsumes(Sample s) {
        ByteBuf in = Unpooled.buffer();
        in.writeBytes(new byte[] {0x55, 0x66});
        in.writeBytes(s.bytes());
        in.readerIndex(2);
        assertEquals(s.frame(), OtaCodec.decode(in));
        assertEquals(0, in.readableBytes());
    }

    /**
     * Cut the frame at every length: each cut is a typed error naming the field the cut falls in
     * and that field's first byte, except where the layout allows the frame to end there.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void everyTruncationIsATypedErrorAtTheCutField(Sample s) {
        byte[] full = s.bytes();
        for (int len = 0; len < full.length; len++) {
            byte[] cut = Arrays.copyOf(full, len);
            Field f = fieldAt(s, len);
            if (f.optional() && f.offset() == len) {
                OtaFrame decoded = OtaCodec.decode(cut);
                assertEquals(len, OtaCodec.encode(decoded).length);
                continue;
            }
            assertDecodeError(cut, OtaCodec.Options.STRICT, f.name(), f.offset());
        }
    }

    private static Field fieldAt(Sample s, int offset) {
        for (Field f : s.fields()) {
            if (f.offset() + f.size() > offset) {
                return f;
            }
        }
        throw new AssertionError("offset " + offset + " past the layout of " + s.name());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void trailingBytesAreReported(Sample s) {
        byte[] full = s.bytes();
        String command = s.frame().command().type().specName();
        List<Field> fields = s.fields();
        boolean openEnded = s.name().equals("ImageBlockResponse WAIT_FOR_DATA 9");
        if (openEnded) {
            // One more byte is half a MinimumBlockPeriod; three more are the field and one extra.
            assertDecodeError(concat(full, 0xAA), OtaCodec.Options.STRICT, "MinimumBlockPeriod", full.length);
            assertDecodeError(concat(full, 0xAA, 0xBB, 0xCC), OtaCodec.Options.STRICT, command, full.length + 2);
            return;
        }
        assertTrue(fields.size() > 3);
        for (OtaCodec.Options o : List.of(OtaCodec.Options.STRICT, OtaCodec.Options.LENIENT)) {
            ZclDecodeException e = assertDecodeError(concat(full, 0xAA), o, command, full.length);
            assertTrue(e.getMessage().contains("1 trailing byte"), e.getMessage());
            assertDecodeError(concat(full, 0xAA, 0xBB, 0xCC), o, command, full.length);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void wrongDirectionBitIsRejected(Sample s) {
        byte[] b = s.bytes();
        b[0] ^= 0x08;
        assertDecodeError(b, OtaCodec.Options.STRICT, "Direction", 0);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void manufacturerSpecificFrameIsNotAnOtaCommand(Sample s) {
        byte[] b = s.bytes();
        byte[] m = new byte[b.length + 2];
        m[0] = (byte) (b[0] | 0x04);
        m[1] = 0x37;
        m[2] = 0x10;
        System.arraycopy(b, 1, m, 3, b.length - 1);
        ZclDecodeException e = assertDecodeError(m, OtaCodec.Options.STRICT, "ManufacturerSpecific", 0);
        assertTrue(e.getMessage().contains("0x1037"), e.getMessage());
        assertDecodeError(m, OtaCodec.Options.LENIENT, "ManufacturerSpecific", 0);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void globalFrameTypeIsNotAnOtaCommand(Sample s) {
        byte[] b = s.bytes();
        b[0] &= ~0x03;
        assertDecodeError(b, OtaCodec.Options.STRICT, "FrameType", 0);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void failedDecodeLeavesTheReaderIndex(Sample s) {
        byte[] b = s.bytes();
        ByteBuf in = Unpooled.wrappedBuffer(Arrays.copyOf(b, b.length - 1));
        try {
            OtaCodec.decode(in);
        } catch (ZclDecodeException expected) {
            assertEquals(0, in.readerIndex());
            return;
        }
        // No sample may lose its last byte and still decode: even the 11-byte WAIT_FOR_DATA form
        // is then left with half a MinimumBlockPeriod.
        throw new AssertionError("cut frame decoded: " + s.name());
    }

    static byte[] concat(byte[] a, int... more) {
        byte[] out = Arrays.copyOf(a, a.length + more.length);
        for (int i = 0; i < more.length; i++) {
            out[a.length + i] = (byte) more[i];
        }
        return out;
    }
}
