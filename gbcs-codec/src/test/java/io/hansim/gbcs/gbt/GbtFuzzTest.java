package io.hansim.gbcs.gbt;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.hansim.gbcs.CraFlag;
import io.hansim.gbcs.GbcsDecodeException;
import java.util.ArrayList;
import java.util.List;

/** Properties of General Block Transfer (gbcs.md §7). */
class GbtFuzzTest {

    /** Arbitrary bytes give a block that re-encodes exactly, or a typed error. */
    @FuzzTest(maxDuration = "30s")
    void anyBytesDecodeOrFailTyped(byte[] data) {
        try {
            assertArrayEquals(data, GbtBlock.decode(data).encode());
        } catch (GbcsDecodeException expected) {
            // the only other allowed outcome
        }
    }

    /** Split then reassemble is the identity for any block size and any delivery order with duplicates. */
    @FuzzTest(maxDuration = "30s")
    void splitReassembleIsIdentity(FuzzedDataProvider in) {
        GbtHeader h = new GbtHeader(in.pickValue(CraFlag.values()), in.consumeLong(), in.consumeLong(),
                in.consumeLong(), in.consumeInt(0, 0xFFFF), in.consumeInt(0, 0xFF), in.consumeLong(0, 0xFFFFFFFFL));
        int blockSize = in.consumeInt(1, 1300);
        byte[] message = in.consumeBytes(in.consumeInt(0, 4000));
        List<GbtBlock> blocks = GbtTransfer.split(h, message, blockSize, in.consumeInt(0, 63));
        List<GbtBlock> pending = new ArrayList<>(blocks);
        GbtReassembler r = new GbtReassembler(h);
        while (!pending.isEmpty()) {
            int i = in.consumeInt(0, pending.size() - 1);
            GbtBlock b = GbtBlock.decode(pending.get(i).encode());
            GbtReassembler.Outcome o = r.accept(b);
            assertTrue(o == GbtReassembler.Outcome.ACCEPTED || o == GbtReassembler.Outcome.DUPLICATE, o.toString());
            if (!in.consumeBoolean()) {
                pending.remove(i);
            }
            assertEquals(r.missing().isEmpty() && r.lastSeen(), r.isComplete());
        }
        assertTrue(r.isComplete());
        assertArrayEquals(message, r.message());
    }
}
