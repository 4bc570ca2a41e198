package io.hansim.zigbee.tunneling;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.hansim.zigbee.zcl.Bytes;
import io.hansim.zigbee.zcl.ZclDecodeException;
import io.hansim.zigbee.zcl.ZclHeader.Direction;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Properties of the Tunneling codec and the GBCS tunnel command (DESIGN.md §6): values built from fuzz
 * input survive {@code decode(encode(x))}; any bytes decode (and re-encode identically) or fail with a
 * {@link ZclDecodeException}. Seeds: {@code TunnelingCodecFuzzTestInputs/<method>/}.
 */
class TunnelingCodecFuzzTest {

    @FuzzTest(maxDuration = "20s")
    void commandsRoundTrip(FuzzedDataProvider in) {
        Direction d = in.consumeBoolean() ? Direction.CLIENT_TO_SERVER : Direction.SERVER_TO_CLIENT;
        TunnelingCommand c = switch (in.consumeInt(0, 4)) {
            case 0 -> new TunnelingCommand.RequestTunnel(u8(in), u16(in), in.consumeBoolean(), u16(in));
            case 1 -> new TunnelingCommand.RequestTunnelResponse(u16(in), u8(in), u16(in));
            case 2 -> new TunnelingCommand.TransferData(d, u16(in), Bytes.of(in.consumeBytes(in.consumeInt(0, 1600))));
            case 3 -> new TunnelingCommand.TransferDataError(d, u16(in), u8(in));
            default -> new TunnelingCommand.CloseTunnel(u16(in));
        };
        var frame = TunnelingFrame.of(u8(in), c, in.consumeBoolean());
        byte[] bytes = TunnelingCodec.encode(frame);
        assertEquals(frame.encodedLength(), bytes.length);
        assertEquals(frame, TunnelingCodec.decode(bytes));
        byte[] payload = TunnelingCodec.encodePayload(c);
        assertArrayEquals(Arrays.copyOfRange(bytes, 3, bytes.length), payload);
        assertEquals(c, TunnelingCodec.decodePayload(c.commandId(), c.direction(), payload));
        GbcsTunnelCommand t = switch (in.consumeInt(0, 2)) {
            case 0 -> new GbcsTunnelCommand.Get();
            case 1 -> new GbcsTunnelCommand.GetResponse(u8(in));
            default -> {
                byte[] m = in.consumeBytes(in.consumeInt(1, 1500));
                yield new GbcsTunnelCommand.Put(Bytes.of(m.length == 0 ? new byte[] {0x00} : m));
            }
        };
        assertEquals(t, GbcsTunnelCommand.decode(t.encode()));
    }

    @FuzzTest(maxDuration = "20s")
    void anyBytesDecodeOrFailTyped(FuzzedDataProvider in) {
        byte[] bytes = in.consumeRemainingAsBytes();
        ByteBuf buf = Unpooled.wrappedBuffer(bytes);
        try {
            TunnelingFrame f = TunnelingCodec.decode(buf);
            assertEquals(0, buf.readableBytes());
            assertArrayEquals(bytes, TunnelingCodec.encode(f));
        } catch (ZclDecodeException e) {
            assertEquals(0, buf.readerIndex(), "a failed decode leaves the reader index");
            if (e.offset() < 0 || e.offset() > bytes.length) {
                throw new AssertionError("error offset outside the frame: " + e.getMessage());
            }
        }
        try {
            GbcsTunnelCommand t = GbcsTunnelCommand.decode(bytes);
            assertEquals(Bytes.of(bytes), t.encode());
        } catch (ZclDecodeException e) {
            if (e.offset() < 0 || e.offset() > bytes.length) {
                throw new AssertionError("error offset outside the tunnel bytes: " + e.getMessage());
            }
        }
    }

    static int u8(FuzzedDataProvider in) {
        return in.consumeByte() & 0xFF;
    }

    static int u16(FuzzedDataProvider in) {
        return in.consumeShort() & 0xFFFF;
    }
}
