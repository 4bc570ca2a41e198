package io.hansim.zigbee.devicemgmt;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.hansim.zigbee.devicemgmt.DeviceManagementCommand.GetChangeOfTenancy;
import io.hansim.zigbee.devicemgmt.DeviceManagementCommand.PublishChangeOfTenancy;
import io.hansim.zigbee.zcl.ZclDecodeException;
import io.hansim.zigbee.zcl.ZclHeader.Direction;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Properties of the Device Management codec (DESIGN.md §6): records built from fuzz input survive
 * {@code decode(encode(x))} as frame and as payload; any bytes decode or fail with a
 * {@link ZclDecodeException} (offset inside the frame, reader index untouched), and a frame that
 * decodes re-encodes to the same bytes. Seeds: {@code DeviceManagementCodecFuzzTestInputs/<method>/}.
 */
class DeviceManagementCodecFuzzTest {

    @FuzzTest(maxDuration = "20s")
    void commandsRoundTrip(FuzzedDataProvider in) {
        DeviceManagementCommand c = in.consumeBoolean() ? new GetChangeOfTenancy()
                : new PublishChangeOfTenancy(u32(in), u32(in), in.consumeByte() & 0xFF, u32(in), u32(in));
        var frame = DeviceManagementFrame.of(in.consumeByte() & 0xFF, c, in.consumeBoolean());
        byte[] bytes = DeviceManagementCodec.encode(frame);
        assertEquals(frame.encodedLength(), bytes.length);
        assertEquals(frame, DeviceManagementCodec.decode(bytes));
        byte[] payload = DeviceManagementCodec.encodePayload(c);
        assertArrayEquals(Arrays.copyOfRange(bytes, 3, bytes.length), payload);
        assertEquals(c, DeviceManagementCodec.decodePayload(c.commandId(), c.direction(), payload));
    }

    @FuzzTest(maxDuration = "20s")
    void anyBytesDecodeOrFailTyped(FuzzedDataProvider in) {
        byte[] bytes = in.consumeRemainingAsBytes();
        ByteBuf buf = Unpooled.wrappedBuffer(bytes);
        try {
            DeviceManagementFrame f = DeviceManagementCodec.decode(buf);
            assertEquals(0, buf.readableBytes());
            assertArrayEquals(bytes, DeviceManagementCodec.encode(f));
        } catch (ZclDecodeException e) {
            assertEquals(0, buf.readerIndex(), "a failed decode leaves the reader index");
            if (e.offset() < 0 || e.offset() > bytes.length) {
                throw new AssertionError("error offset outside the frame: " + e.getMessage());
            }
        }
        if (bytes.length >= 1) {
            Direction d = (bytes[0] & 0x80) != 0 ? Direction.SERVER_TO_CLIENT : Direction.CLIENT_TO_SERVER;
            try {
                DeviceManagementCodec.decodePayload(bytes[0] & 0x07, d, Arrays.copyOfRange(bytes, 1, bytes.length));
            } catch (ZclDecodeException expected) {
                // typed
            }
        }
    }

    static long u32(FuzzedDataProvider in) {
        return in.consumeInt() & 0xFFFF_FFFFL;
    }
}
