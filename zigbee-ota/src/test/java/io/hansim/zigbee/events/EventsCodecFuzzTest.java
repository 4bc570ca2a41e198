package io.hansim.zigbee.events;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.hansim.zigbee.zcl.ZclDecodeException;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Properties of the Events codec (DESIGN.md §6): round trip of values built from fuzz input, and any
 * bytes decode (re-encoding identically) or fail with a {@link ZclDecodeException}.
 */
class EventsCodecFuzzTest {

    @FuzzTest(maxDuration = "10s")
    void commandsRoundTrip(FuzzedDataProvider in) {
        int v = in.consumeByte() & 0xFF;
        EventsCommand c = in.consumeBoolean() ? new EventsCommand.ClearEventLogRequest(v)
                : new EventsCommand.ClearEventLogResponse(v);
        var frame = EventsFrame.of(in.consumeByte() & 0xFF, c, in.consumeBoolean());
        byte[] bytes = EventsCodec.encode(frame);
        assertEquals(frame, EventsCodec.decode(bytes));
        assertEquals(c, EventsCodec.decodePayload(c.commandId(), c.direction(), EventsCodec.encodePayload(c)));
    }

    @FuzzTest(maxDuration = "10s")
    void anyBytesDecodeOrFailTyped(FuzzedDataProvider in) {
        byte[] bytes = in.consumeRemainingAsBytes();
        ByteBuf buf = Unpooled.wrappedBuffer(bytes);
        try {
            EventsFrame f = EventsCodec.decode(buf);
            assertArrayEquals(bytes, EventsCodec.encode(f));
        } catch (ZclDecodeException e) {
            assertEquals(0, buf.readerIndex(), "a failed decode leaves the reader index");
            if (e.offset() < 0 || e.offset() > bytes.length) {
                throw new AssertionError("error offset outside the frame: " + e.getMessage());
            }
        }
    }
}
