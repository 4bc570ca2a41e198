package io.hansim.zigbee.prepayment;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.hansim.zigbee.prepayment.PrepaymentCommand.DebtRecord;
import io.hansim.zigbee.prepayment.PrepaymentCommand.GetDebtRepaymentLog;
import io.hansim.zigbee.prepayment.PrepaymentCommand.GetTopUpLog;
import io.hansim.zigbee.prepayment.PrepaymentCommand.PublishDebtLog;
import io.hansim.zigbee.prepayment.PrepaymentCommand.PublishTopUpLog;
import io.hansim.zigbee.prepayment.PrepaymentCommand.TopUp;
import io.hansim.zigbee.zcl.Bytes;
import io.hansim.zigbee.zcl.ZclDecodeException;
import io.hansim.zigbee.zcl.ZclHeader.Direction;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Properties of the Prepayment log codec (DESIGN.md §6): log commands with any number of records
 * built from fuzz input survive {@code decode(encode(x))}; any bytes decode (and re-encode
 * identically) or fail with a {@link ZclDecodeException}. Seeds: {@code PrepaymentCodecFuzzTestInputs/<method>/}.
 */
class PrepaymentCodecFuzzTest {

    @FuzzTest(maxDuration = "20s")
    void commandsRoundTrip(FuzzedDataProvider in) {
        PrepaymentCommand c = switch (in.consumeInt(0, 3)) {
            case 0 -> new GetTopUpLog(u32(in), u8(in));
            case 1 -> new GetDebtRepaymentLog(u32(in), u8(in), u8(in));
            case 2 -> {
                int index = u8(in);
                int total = u8(in);
                List<TopUp> topUps = new ArrayList<>();
                for (int n = in.consumeInt(0, 6); n > 0; n--) {
                    topUps.add(new TopUp(Bytes.of(in.consumeBytes(in.consumeInt(0, 25))), in.consumeInt(), u32(in)));
                }
                yield new PublishTopUpLog(index, total, topUps);
            }
            default -> {
                int index = u8(in);
                int total = u8(in);
                List<DebtRecord> debts = new ArrayList<>();
                for (int n = in.consumeInt(1, 6); n > 0; n--) {
                    debts.add(new DebtRecord(u32(in), u32(in), u8(in), u32(in)));
                }
                yield new PublishDebtLog(index, total, debts);
            }
        };
        var frame = PrepaymentFrame.of(u8(in), c, in.consumeBoolean());
        byte[] bytes = PrepaymentCodec.encode(frame);
        assertEquals(frame.encodedLength(), bytes.length);
        assertEquals(frame, PrepaymentCodec.decode(bytes));
        byte[] payload = PrepaymentCodec.encodePayload(c);
        assertArrayEquals(Arrays.copyOfRange(bytes, 3, bytes.length), payload);
        assertEquals(c, PrepaymentCodec.decodePayload(c.commandId(), c.direction(), payload));
    }

    @FuzzTest(maxDuration = "20s")
    void anyBytesDecodeOrFailTyped(FuzzedDataProvider in) {
        byte[] bytes = in.consumeRemainingAsBytes();
        ByteBuf buf = Unpooled.wrappedBuffer(bytes);
        try {
            PrepaymentFrame f = PrepaymentCodec.decode(buf);
            assertEquals(0, buf.readableBytes());
            assertArrayEquals(bytes, PrepaymentCodec.encode(f));
        } catch (ZclDecodeException e) {
            assertEquals(0, buf.readerIndex(), "a failed decode leaves the reader index");
            if (e.offset() < 0 || e.offset() > bytes.length) {
                throw new AssertionError("error offset outside the frame: " + e.getMessage());
            }
        }
        if (bytes.length >= 1) {
            Direction d = (bytes[0] & 0x80) != 0 ? Direction.SERVER_TO_CLIENT : Direction.CLIENT_TO_SERVER;
            try {
                PrepaymentCodec.decodePayload(bytes[0] & 0x0F, d, Arrays.copyOfRange(bytes, 1, bytes.length));
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
