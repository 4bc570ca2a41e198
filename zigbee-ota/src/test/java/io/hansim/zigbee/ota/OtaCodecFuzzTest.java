package io.hansim.zigbee.ota;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.hansim.zigbee.zcl.Bytes;
import io.hansim.zigbee.zcl.ZclDecodeException;
import io.hansim.zigbee.zcl.ZclStatus;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

import java.util.Arrays;
import java.util.List;
import java.util.OptionalInt;
import java.util.OptionalLong;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Properties of the OTA codec (DESIGN.md §6) with Jazzer: for values built from the fuzz input,
 * {@code decode(encode(x)) == x} for every command and form; any bytes decode or fail with a
 * {@link ZclDecodeException} and nothing else; a frame that decodes strictly re-encodes to the
 * same bytes. {@code mvn test} replays the seeds in {@code OtaCodecFuzzTestInputs/<method>/};
 * {@code JAZZER_FUZZ=1 mvn test -Dtest='OtaCodecFuzzTest#method'} fuzzes one target.
 */
class OtaCodecFuzzTest {
    private static final List<ZclStatus> QUERY_STATUSES =
            List.of(ZclStatus.SUCCESS, ZclStatus.NO_IMAGE_AVAILABLE, ZclStatus.NOT_AUTHORIZED);
    private static final List<ZclStatus> END_STATUSES = List.of(ZclStatus.SUCCESS, ZclStatus.INVALID_IMAGE,
            ZclStatus.REQUIRE_MORE_IMAGE, ZclStatus.ABORT);
    private static final List<ZclStatus> BLOCK_ONLY_STATUSES =
            List.of(ZclStatus.ABORT, ZclStatus.NO_IMAGE_AVAILABLE, ZclStatus.MALFORMED_COMMAND);

    // ------------------------------------------------------------------ decode(encode(x)) == x

    @FuzzTest(maxDuration = "30s")
    void imageNotifyRoundTrips(FuzzedDataProvider in) {
        int payloadType = in.consumeInt(0, 3);
        int jitter = u8(in);
        OptionalInt mfr = payloadType >= 1 ? OptionalInt.of(u16(in)) : OptionalInt.empty();
        OptionalInt type = payloadType >= 2 ? OptionalInt.of(u16(in)) : OptionalInt.empty();
        OptionalLong version = payloadType >= 3 ? OptionalLong.of(u32(in)) : OptionalLong.empty();
        var n = new ImageNotify(jitter, mfr, type, version);
        assertEquals(payloadType, n.payloadType());
        roundTrip(u8(in), n, in.consumeBoolean());
    }

    @FuzzTest(maxDuration = "30s")
    void queryNextImageRequestRoundTrips(FuzzedDataProvider in) {
        roundTrip(u8(in), new QueryNextImageRequest(u16(in), u16(in), u32(in), optU16(in)), false);
    }

    @FuzzTest(maxDuration = "30s")
    void queryNextImageResponseRoundTrips(FuzzedDataProvider in) {
        ZclStatus s = in.pickValue(QUERY_STATUSES);
        var r = s == ZclStatus.SUCCESS ? QueryNextImageResponse.success(u16(in), u16(in), u32(in), u32(in))
                : QueryNextImageResponse.failure(s);
        roundTrip(u8(in), r, true);
    }

    @FuzzTest(maxDuration = "30s")
    void imageBlockRequestRoundTrips(FuzzedDataProvider in) {
        roundTrip(u8(in), new ImageBlockRequest(u16(in), u16(in), u32(in), u32(in), u8(in), optU64(in), optU16(in)),
                false);
    }

    @FuzzTest(maxDuration = "30s")
    void imagePageRequestRoundTrips(FuzzedDataProvider in) {
        roundTrip(u8(in), new ImagePageRequest(u16(in), u16(in), u32(in), u32(in), u8(in), u16(in), u16(in),
                optU64(in)), false);
    }

    @FuzzTest(maxDuration = "30s")
    void imageBlockResponseSuccessRoundTrips(FuzzedDataProvider in) {
        int mfr = u16(in);
        int type = u16(in);
        long version = u32(in);
        long offset = u32(in);
        byte[] data = in.consumeBytes(in.consumeInt(0, 255));
        var r = new ImageBlockResponse.Success(mfr, type, version, offset, data);
        assertEquals(data.length, r.dataSize());
        roundTrip(u8(in), r, true);
    }

    @FuzzTest(maxDuration = "30s")
    void imageBlockResponseWaitForDataRoundTrips(FuzzedDataProvider in) {
        roundTrip(u8(in), new ImageBlockResponse.WaitForData(u32(in), u32(in), optU16(in)), true);
    }

    @FuzzTest(maxDuration = "30s")
    void imageBlockResponseStatusOnlyRoundTrips(FuzzedDataProvider in) {
        roundTrip(u8(in), new ImageBlockResponse.StatusOnly(in.pickValue(BLOCK_ONLY_STATUSES)), true);
    }

    @FuzzTest(maxDuration = "30s")
    void upgradeEndRequestRoundTrips(FuzzedDataProvider in) {
        roundTrip(u8(in), new UpgradeEndRequest(in.pickValue(END_STATUSES), u16(in), u16(in), u32(in)), false);
    }

    @FuzzTest(maxDuration = "30s")
    void upgradeEndResponseRoundTrips(FuzzedDataProvider in) {
        roundTrip(u8(in), new UpgradeEndResponse(u16(in), u16(in), u32(in), u32(in), u32(in)), true);
    }

    @FuzzTest(maxDuration = "30s")
    void queryDeviceSpecificFileRequestRoundTrips(FuzzedDataProvider in) {
        roundTrip(u8(in), new QueryDeviceSpecificFileRequest(in.consumeLong(), u16(in), u16(in), u32(in), u16(in)),
                false);
    }

    @FuzzTest(maxDuration = "30s")
    void queryDeviceSpecificFileResponseRoundTrips(FuzzedDataProvider in) {
        ZclStatus s = in.pickValue(QUERY_STATUSES);
        var r = s == ZclStatus.SUCCESS
                ? QueryDeviceSpecificFileResponse.success(u16(in), u16(in), u32(in), u32(in))
                : QueryDeviceSpecificFileResponse.failure(s);
        roundTrip(u8(in), r, true);
    }

    /** Encode as frame and as payload, decode both ways, compare value and bytes. */
    private static void roundTrip(int tsn, OtaCommand c, boolean disableDefaultResponse) {
        OtaFrame frame = OtaFrame.of(tsn, c, disableDefaultResponse);
        byte[] bytes = OtaCodec.encode(frame);
        assertEquals(3 + c.payloadLength(), bytes.length);
        OtaFrame decoded = OtaCodec.decode(bytes);
        assertEquals(frame, decoded);
        assertEquals(c, OtaCodec.decode(bytes, OtaCodec.Options.LENIENT).command());
        assertArrayEquals(bytes, OtaCodec.encode(decoded));
        byte[] payload = OtaCodec.encodePayload(c);
        assertArrayEquals(Arrays.copyOfRange(bytes, 3, bytes.length), payload);
        assertEquals(c, OtaCodec.decodePayload(c.commandId(), c.direction(), payload));
        ByteBuf buf = Unpooled.buffer(1);
        OtaCodec.encode(frame, buf);
        assertEquals(frame, OtaCodec.decode(buf));
        assertEquals(0, buf.readableBytes());
    }

    // ------------------------------------------------------------------ any bytes

    /** Any bytes: an OtaFrame or a ZclDecodeException, in both modes; never another exception. */
    @FuzzTest(maxDuration = "30s")
    void anyBytesDecodeOrFailTyped(FuzzedDataProvider in) {
        byte[] bytes = in.consumeRemainingAsBytes();
        for (OtaCodec.Options options : List.of(OtaCodec.Options.STRICT, OtaCodec.Options.LENIENT)) {
            ByteBuf buf = Unpooled.wrappedBuffer(bytes);
            try {
                OtaFrame f = OtaCodec.decode(buf, options);
                assertEquals(0, buf.readableBytes());
                assertEquals(bytes.length, f.encodedLength());
            } catch (ZclDecodeException e) {
                assertEquals(0, buf.readerIndex(), "a failed decode leaves the reader index");
                if (e.offset() < 0 || e.offset() > bytes.length) {
                    throw new AssertionError("error offset outside the frame: " + e.getMessage());
                }
            }
        }
        // The payload decoder alone, for every command id and direction the first bytes choose.
        if (bytes.length >= 1) {
            int id = bytes[0] & 0x0F;
            var direction = (bytes[0] & 0x10) != 0 ? io.hansim.zigbee.zcl.ZclHeader.Direction.SERVER_TO_CLIENT
                    : io.hansim.zigbee.zcl.ZclHeader.Direction.CLIENT_TO_SERVER;
            try {
                OtaCodec.decodePayload(id, direction, Arrays.copyOfRange(bytes, 1, bytes.length));
            } catch (ZclDecodeException expected) {
                // typed
            }
        }
    }

    /** A frame that decodes strictly re-encodes to exactly its bytes. */
    @FuzzTest(maxDuration = "30s")
    void validFramesReencodeIdentically(FuzzedDataProvider in) {
        byte[] bytes = in.consumeRemainingAsBytes();
        OtaFrame f;
        try {
            f = OtaCodec.decode(bytes);
        } catch (ZclDecodeException notValid) {
            return;
        }
        assertArrayEquals(bytes, OtaCodec.encode(f));
        // And lenient mode agrees with strict mode on every strictly valid frame.
        assertEquals(f, OtaCodec.decode(bytes, OtaCodec.Options.LENIENT));
        if (f.command() instanceof ImageBlockResponse.Success s) {
            assertEquals(Bytes.of(bytes, bytes.length - s.dataSize(), s.dataSize()), s.imageData());
        }
    }

    // ------------------------------------------------------------------ helpers

    private static int u8(FuzzedDataProvider in) {
        return in.consumeByte() & 0xFF;
    }

    private static int u16(FuzzedDataProvider in) {
        return in.consumeShort() & 0xFFFF;
    }

    private static long u32(FuzzedDataProvider in) {
        return in.consumeInt() & 0xFFFFFFFFL;
    }

    private static OptionalInt optU16(FuzzedDataProvider in) {
        return in.consumeBoolean() ? OptionalInt.of(u16(in)) : OptionalInt.empty();
    }

    private static OptionalLong optU64(FuzzedDataProvider in) {
        return in.consumeBoolean() ? OptionalLong.of(in.consumeLong()) : OptionalLong.empty();
    }
}
