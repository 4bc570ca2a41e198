package io.hansim.gbcs.gbt;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Collects the blocks of one General Block Transfer (gbcs.md §7) in any order, tolerating duplicates,
 * and reports which block numbers are still missing. Not thread-safe.
 */
public final class GbtReassembler {

    /** What {@link #accept} did with a block. */
    public enum Outcome {
        /** New data stored. */
        ACCEPTED,
        /** Same number and same data as a block already held; ignored. */
        DUPLICATE,
        /** Same number but different data, or a second, different last block; ignored. */
        CONFLICT,
        /** From another transfer (different header); ignored. */
        FOREIGN,
        /** Block number 0, or beyond the last block; ignored. */
        OUT_OF_RANGE,
        /** An acknowledgement (no data); nothing to store. */
        ACKNOWLEDGEMENT
    }

    private final GbtHeader header;
    private final TreeMap<Integer, GbtBlock> blocks = new TreeMap<>();
    private int lastNumber = -1;

    public GbtReassembler(GbtHeader header) {
        this.header = Objects.requireNonNull(header, "header");
    }

    public Outcome accept(GbtBlock b) {
        if (!b.header().equals(header)) {
            return Outcome.FOREIGN;
        }
        if (b.isAcknowledgement()) {
            return Outcome.ACKNOWLEDGEMENT;
        }
        int n = b.blockNumber();
        if (n == 0 || (lastNumber >= 0 && n > lastNumber)) {
            return Outcome.OUT_OF_RANGE;
        }
        GbtBlock held = blocks.get(n);
        if (held != null) {
            return held.data().equals(b.data()) && held.last() == b.last() ? Outcome.DUPLICATE : Outcome.CONFLICT;
        }
        if (b.last()) {
            if (lastNumber >= 0 || (!blocks.isEmpty() && blocks.lastKey() > n)) {
                return Outcome.CONFLICT;
            }
            lastNumber = n;
        }
        blocks.put(n, b);
        return Outcome.ACCEPTED;
    }

    /** Whether the last block and every block before it have arrived. */
    public boolean isComplete() {
        return lastNumber >= 0 && blocks.size() == lastNumber;
    }

    /**
     * Block numbers not yet received, up to the last block if known, else up to the highest received
     * (more may follow it).
     */
    public List<Integer> missing() {
        int upTo = lastNumber >= 0 ? lastNumber : (blocks.isEmpty() ? 0 : blocks.lastKey());
        List<Integer> out = new ArrayList<>();
        for (int i = 1; i <= upTo; i++) {
            if (!blocks.containsKey(i)) {
                out.add(i);
            }
        }
        return out;
    }

    /** Whether the last block has been seen. */
    public boolean lastSeen() {
        return lastNumber >= 0;
    }

    /** The highest block number received with all blocks before it (0 if block 1 is missing). */
    public int contiguous() {
        int n = 0;
        while (blocks.containsKey(n + 1)) {
            n++;
        }
        return n;
    }

    /** An acknowledgement of the contiguous blocks received so far (gbcs.md §7). */
    public GbtBlock acknowledgement(int ownBlockNumber, int window) {
        return GbtBlock.acknowledgement(header, ownBlockNumber, contiguous(), window);
    }

    /** The reassembled message; only when {@link #isComplete}. */
    public byte[] message() {
        if (!isComplete()) {
            throw new IllegalStateException("missing blocks " + missing() + (lastSeen() ? "" : " and the last block"));
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (GbtBlock b : blocks.values()) {
            out.writeBytes(b.data().toByteArray());
        }
        return out.toByteArray();
    }
}
