package io.hansim.zigbee.zcl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

class BytesWriteToTest {
    @Test
    void writesAllBytesAtTheWriterIndexAndGrowsTheBuffer() {
        ByteBuf out = Unpooled.buffer(2);
        out.writeByte(0x7E);
        Bytes.of((byte) 1, (byte) 2, (byte) 3).writeTo(out);
        assertEquals(4, out.readableBytes());
        byte[] got = new byte[4];
        out.readBytes(got);
        assertArrayEquals(new byte[] {0x7E, 1, 2, 3}, got);
    }

    @Test
    void emptyWritesNothing() {
        ByteBuf out = Unpooled.buffer(1);
        Bytes.EMPTY.writeTo(out);
        assertEquals(0, out.writerIndex());
    }
}
