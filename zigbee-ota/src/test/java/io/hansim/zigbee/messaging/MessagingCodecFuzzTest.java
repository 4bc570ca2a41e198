package io.hansim.zigbee.messaging;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.hansim.zigbee.messaging.MessagingCommand.CancelAllMessages;
import io.hansim.zigbee.messaging.MessagingCommand.CancelMessage;
import io.hansim.zigbee.messaging.MessagingCommand.DisplayMessage;
import io.hansim.zigbee.messaging.MessagingCommand.GetLastMessage;
import io.hansim.zigbee.messaging.MessagingCommand.GetMessageCancellation;
import io.hansim.zigbee.messaging.MessagingCommand.MessageConfirmation;
import io.hansim.zigbee.zcl.Bytes;
import io.hansim.zigbee.zcl.ZclDataType;
import io.hansim.zigbee.zcl.ZclDecodeException;
import io.hansim.zigbee.zcl.ZclHeader.Direction;
import io.hansim.zigbee.zcl.ZclValue;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.Arrays;
import java.util.Optional;
import java.util.OptionalInt;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Properties of the Messaging codec (DESIGN.md §6): every command built from fuzz input, with and
 * without its optional fields, survives {@code decode(encode(x))}; any bytes decode (and re-encode
 * identically) or fail with a {@link ZclDecodeException}. Seeds: {@code MessagingCodecFuzzTestInputs/<method>/}.
 */
class MessagingCodecFuzzTest {

    @FuzzTest(maxDuration = "20s")
    void commandsRoundTrip(FuzzedDataProvider in) {
        MessagingCommand c = switch (in.consumeInt(0, 5)) {
            case 0 -> {
                ZclValue.CharString message = in.consumeBoolean()
                        ? ZclValue.CharString.invalid(ZclDataType.CHARACTER_STRING)
                        : new ZclValue.CharString(ZclDataType.CHARACTER_STRING,
                                Bytes.of(in.consumeBytes(in.consumeInt(0, 254))), false);
                yield new DisplayMessage(u32(in), u8(in), u32(in), in.consumeShort() & 0xFFFF, message,
                        in.consumeBoolean() ? OptionalInt.of(u8(in)) : OptionalInt.empty());
            }
            case 1 -> new CancelMessage(u32(in), u8(in));
            case 2 -> new CancelAllMessages(u32(in));
            case 3 -> new GetLastMessage();
            case 4 -> {
                long id = u32(in);
                long time = u32(in);
                int form = in.consumeInt(0, 2);
                yield new MessageConfirmation(id, time, form >= 1 ? OptionalInt.of(u8(in)) : OptionalInt.empty(),
                        form == 2 ? Optional.of(Bytes.of(in.consumeBytes(in.consumeInt(0, 20)))) : Optional.empty());
            }
            default -> new GetMessageCancellation(u32(in));
        };
        var frame = MessagingFrame.of(u8(in), c, in.consumeBoolean());
        byte[] bytes = MessagingCodec.encode(frame);
        assertEquals(frame.encodedLength(), bytes.length);
        assertEquals(frame, MessagingCodec.decode(bytes));
        byte[] payload = MessagingCodec.encodePayload(c);
        assertArrayEquals(Arrays.copyOfRange(bytes, 3, bytes.length), payload);
        assertEquals(c, MessagingCodec.decodePayload(c.commandId(), c.direction(), payload));
    }

    @FuzzTest(maxDuration = "20s")
    void anyBytesDecodeOrFailTyped(FuzzedDataProvider in) {
        byte[] bytes = in.consumeRemainingAsBytes();
        ByteBuf buf = Unpooled.wrappedBuffer(bytes);
        try {
            MessagingFrame f = MessagingCodec.decode(buf);
            assertEquals(0, buf.readableBytes());
            assertArrayEquals(bytes, MessagingCodec.encode(f));
        } catch (ZclDecodeException e) {
            assertEquals(0, buf.readerIndex(), "a failed decode leaves the reader index");
            if (e.offset() < 0 || e.offset() > bytes.length) {
                throw new AssertionError("error offset outside the frame: " + e.getMessage());
            }
        }
        if (bytes.length >= 1) {
            Direction d = (bytes[0] & 0x80) != 0 ? Direction.SERVER_TO_CLIENT : Direction.CLIENT_TO_SERVER;
            try {
                MessagingCodec.decodePayload(bytes[0] & 0x07, d, Arrays.copyOfRange(bytes, 1, bytes.length));
            } catch (ZclDecodeException expected) {
                // typed
            }
        }
    }

    static int u8(FuzzedDataProvider in) {
        return in.consumeByte() & 0xFF;
    }

    static long u32(FuzzedDataProvider in) {
        return in.consumeInt() & 0xFFFF_FFFFL;
    }
}
