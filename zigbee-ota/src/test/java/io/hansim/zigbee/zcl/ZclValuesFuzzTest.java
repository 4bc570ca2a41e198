package io.hansim.zigbee.zcl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.Arrays;

/** Properties of the ZCL value codec (DESIGN.md §6), checked with Jazzer. */
class ZclValuesFuzzTest {

    /** decode(encode(x)) == x for a value of any type built from the input. */
    @FuzzTest(maxDuration = "30s")
    void valueRoundTrips(FuzzedDataProvider in) {
        ZclValue v = ZclFuzzGen.value(in);
        byte[] bytes = ZclValues.encode(v);
        assertEquals(ZclValues.encodedLength(v), bytes.length);
        assertEquals(v, ZclValues.decode(v.type(), bytes));

        ByteBuf typed = Unpooled.buffer();
        ZclValues.writeTyped(v, typed);
        ZclReader r = new ZclReader(typed);
        assertEquals(v, ZclValues.readTyped(r, "AttributeDataType", "AttributeValue"));
        assertEquals(0, r.remaining());
    }

    /**
     * Any bytes, read as a type octet and a value: a value or a ZclDecodeException (nothing else),
     * and the octets a value was read from encode back to exactly those octets.
     */
    @FuzzTest(maxDuration = "30s")
    void anyBytesReadAValueOrFailTyped(byte[] data) {
        ZclReader r = new ZclReader(Unpooled.wrappedBuffer(data));
        ZclValue v;
        try {
            v = ZclValues.readTyped(r, "AttributeDataType", "AttributeValue");
        } catch (ZclDecodeException e) {
            assertTrue(e.offset() >= 0 && e.offset() <= data.length, e.getMessage());
            return;
        }
        int consumed = data.length - r.remaining();
        ByteBuf out = Unpooled.buffer();
        ZclValues.writeTyped(v, out);
        byte[] again = new byte[out.readableBytes()];
        out.readBytes(again);
        assertArrayEquals(Arrays.copyOf(data, consumed), again);
    }
}
