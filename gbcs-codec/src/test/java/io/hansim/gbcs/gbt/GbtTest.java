package io.hansim.gbcs.gbt;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hansim.gbcs.ByteString;
import io.hansim.gbcs.CraFlag;
import io.hansim.gbcs.GbcsDecodeException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** General Block Transfer blocks, splitting and reassembly (gbcs.md §7). */
class GbtTest {

    static final GbtHeader HEADER = new GbtHeader(CraFlag.COMMAND, 0x0514L, 0x90B3D51F30000002L,
            0x00DB1234567890A4L, 0x0129, 0x11, 0);

    @Test
    void blockLayoutIsTheOneInGbcsMd7() {
        GbtBlock b = new GbtBlock(HEADER, true, false, 1, 2, 0, ByteString.ofHex("AABB"));
        byte[] bytes = b.encode();
        assertEquals("DD0901000000000000051408" + "90B3D51F30000002" + "08" + "00DB1234567890A4" + "00"
                + "020129" + "00" + "0E" + "1100000000" + "E0810002000002AABB", HexFormat.of().withUpperCase().formatHex(bytes));
        assertEquals(b, GbtBlock.decode(bytes));
    }

    @Test
    void decodeErrorsAreTyped() {
        byte[] bytes = new GbtBlock(HEADER, false, false, 0, 1, 0, ByteString.ofHex("01")).encode();
        for (int cut = 0; cut < bytes.length; cut++) {
            byte[] t = Arrays.copyOf(bytes, cut);
            GbcsDecodeException e = assertThrows(GbcsDecodeException.class, () -> GbtBlock.decode(t));
            assertTrue(e.offset() <= cut, e.getMessage());
        }
        byte[] bad = bytes.clone();
        bad[40] = 0xE1 - 256;
        assertEquals("GBT tag", assertThrows(GbcsDecodeException.class, () -> GbtBlock.decode(bad)).field());
    }

    @Test
    void splitAndReassembleOutOfOrderWithDuplicatesAndMissing() {
        byte[] message = new byte[2500];
        for (int i = 0; i < message.length; i++) {
            message[i] = (byte) (i * 7);
        }
        List<GbtBlock> blocks = GbtTransfer.split(HEADER, message, GbtTransfer.MAX_BLOCK_DATA, 0);
        assertEquals(3, blocks.size());
        assertTrue(blocks.get(2).last());
        assertFalse(blocks.get(1).last());
        GbtReassembler r = new GbtReassembler(HEADER);
        assertEquals(GbtReassembler.Outcome.ACCEPTED, r.accept(GbtBlock.decode(blocks.get(2).encode())));
        assertEquals(List.of(1, 2), r.missing());
        assertEquals(GbtReassembler.Outcome.DUPLICATE, r.accept(blocks.get(2)));
        assertEquals(GbtReassembler.Outcome.ACCEPTED, r.accept(blocks.get(0)));
        assertEquals(List.of(2), r.missing());
        assertEquals(1, r.acknowledgement(1, 0).blockNumberAck());
        assertFalse(r.isComplete());
        assertThrows(IllegalStateException.class, r::message);
        GbtBlock other = new GbtBlock(HEADER, false, false, 0, 2, 0, ByteString.ofHex("00"));
        assertEquals(GbtReassembler.Outcome.ACCEPTED, r.accept(blocks.get(1)));
        assertEquals(GbtReassembler.Outcome.CONFLICT, r.accept(other));
        assertEquals(GbtReassembler.Outcome.OUT_OF_RANGE,
                r.accept(new GbtBlock(HEADER, false, false, 0, 4, 0, ByteString.ofHex("00"))));
        assertEquals(GbtReassembler.Outcome.ACKNOWLEDGEMENT, r.accept(GbtBlock.acknowledgement(HEADER, 1, 1, 0)));
        assertEquals(GbtReassembler.Outcome.FOREIGN, r.accept(new GbtBlock(
                new GbtHeader(CraFlag.RESPONSE, 1, 2, 3, 0x0129, 0x11, 0), true, false, 0, 1, 0, ByteString.EMPTY)));
        assertTrue(r.isComplete());
        assertArrayEquals(message, r.message());
    }

    @Test
    void emptyMessageIsOneEmptyLastBlock() {
        List<GbtBlock> blocks = GbtTransfer.split(HEADER, new byte[0], 10, 0);
        assertEquals(1, blocks.size());
        GbtReassembler r = new GbtReassembler(HEADER);
        r.accept(blocks.get(0));
        assertArrayEquals(new byte[0], r.message());
    }
}
