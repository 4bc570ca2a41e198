package io.hansim.gbcs.gbt;

import io.hansim.gbcs.ByteString;
import java.util.ArrayList;
import java.util.List;

/** Splitting a whole GBCS message into General Block Transfer blocks (gbcs.md §7). */
public final class GbtTransfer {
    /** Largest block data HenryGiraldo's parser accepts (gbcs.md §7). */
    public static final int MAX_BLOCK_DATA = 1200;

    private GbtTransfer() {
    }

    /**
     * Blocks numbered from 1, the last flagged, each holding at most {@code blockSize} bytes of
     * {@code message}; an empty message gives one empty last block.
     */
    public static List<GbtBlock> split(GbtHeader header, byte[] message, int blockSize, int window) {
        if (blockSize < 1) {
            throw new IllegalArgumentException("block size must be positive: " + blockSize);
        }
        int count = Math.max(1, (message.length + blockSize - 1) / blockSize);
        if (count > 0xFFFF) {
            throw new IllegalArgumentException(count + " blocks exceed the 2-byte block number");
        }
        List<GbtBlock> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int from = i * blockSize;
            int len = Math.min(blockSize, message.length - from);
            out.add(new GbtBlock(header, i == count - 1, false, window, i + 1, 0,
                    ByteString.copyOf(message, from, Math.max(0, len))));
        }
        return out;
    }
}
