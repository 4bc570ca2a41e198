package io.hansim.device.cot;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * The occupier data of an IHD or PPMID, in non-volatile memory: like
 * {@link io.hansim.device.storage.NonVolatileStore} the object stands for flash and survives a power
 * cut; the {@link TenancyMonitor} and everything else are RAM and are rebuilt at boot.
 *
 * <h2>Crash-safe clearing</h2>
 *
 * A CoT clears several stores, and erasing flash takes time, so a power cut can land in the middle.
 * Clearing therefore runs under a journal:
 * <ol>
 *   <li>{@link #beginClear(long, Set)} persists the intent (the CoT time and the kinds to clear) in
 *       one write;</li>
 *   <li>each {@link #clearNext()} erases the previous occupier's records of one kind, one write per
 *       record, then persists that the kind is done; the write that finishes the last kind also
 *       records the CoT as the last one handled (R56.3 "records the CoT date") and drops the
 *       journal, atomically;</li>
 *   <li>at boot, {@link #recover()} finishes a journal left behind by a power cut.</li>
 * </ol>
 * Erasing a kind again after a cut is harmless (it only removes records dated before the CoT), so
 * after the next boot a clear is either not begun or complete — never half done (R56.5). Records
 * dated at or after the CoT time are the new occupier's and are never touched (R56.3).
 *
 * <p>Fault injection: {@link #cutPowerAfterWrites(int)} makes a later write fail with
 * {@link PowerCutException} without taking effect.
 */
public final class OccupierDataStore {

    /**
     * The persisted intent of a clear in progress.
     *
     * @param cotUtc    the CoT time: records dated before it are the previous occupier's
     * @param remaining the kinds still to clear
     */
    public record ClearJournal(long cotUtc, Set<OccupierDataKind> remaining) {
        public ClearJournal {
            Utc.requireU32("cotUtc", cotUtc);
            remaining = java.util.Collections.unmodifiableSet(remaining.isEmpty() ? EnumSet.noneOf(OccupierDataKind.class)
                    : EnumSet.copyOf(remaining)); // declaration order: Set.copyOf iterates in a per-JVM order
        }
    }

    private final Map<OccupierDataKind, List<OccupierRecord>> records = new EnumMap<>(OccupierDataKind.class);
    private ClearJournal journal;
    private long lastHandledCotUtc = -1;
    private long writes;
    private long cutAtWrite = -1;

    public OccupierDataStore() {
        for (OccupierDataKind k : OccupierDataKind.values()) {
            records.put(k, new ArrayList<>());
        }
    }

    /** Stores a record (one write). */
    public void add(OccupierRecord r) {
        Objects.requireNonNull(r, "record");
        write();
        records.get(r.kind()).add(r);
    }

    /** Every record, kind by kind in declaration order, each kind in insertion order. */
    public List<OccupierRecord> records() {
        List<OccupierRecord> all = new ArrayList<>();
        records.values().forEach(all::addAll);
        return List.copyOf(all);
    }

    /** The records of one kind, in insertion order. */
    public List<OccupierRecord> records(OccupierDataKind kind) {
        return List.copyOf(records.get(Objects.requireNonNull(kind, "kind")));
    }

    /**
     * The privacy query of R56.5: every record of {@code kinds} dated strictly before {@code utc}.
     * After a CoT at {@code utc} has been handled, this is empty for every kind that was cleared.
     */
    public List<OccupierRecord> scanBefore(long utc, Set<OccupierDataKind> kinds) {
        List<OccupierRecord> hits = new ArrayList<>();
        for (OccupierDataKind k : kinds) {
            for (OccupierRecord r : records.get(k)) {
                if (r.recordedAtUtc() < utc) {
                    hits.add(r);
                }
            }
        }
        return List.copyOf(hits);
    }

    /** {@link #scanBefore(long, Set)} over every kind. */
    public List<OccupierRecord> scanBefore(long utc) {
        return scanBefore(utc, EnumSet.allOf(OccupierDataKind.class));
    }

    /** The clear in progress, if a power cut or the host left one unfinished. */
    public Optional<ClearJournal> journal() {
        return Optional.ofNullable(journal);
    }

    /** The CoT time of the last completed clear (what the {@link TenancyMonitor} is restored with). */
    public OptionalLong lastHandledCotUtc() {
        return lastHandledCotUtc < 0 ? OptionalLong.empty() : OptionalLong.of(lastHandledCotUtc);
    }

    /**
     * Persists the intent to clear {@code kinds} of the records dated before {@code cotUtc} (one
     * write). A clear already in progress must be finished first.
     *
     * @throws IllegalStateException when a journal is still open
     */
    public void beginClear(long cotUtc, Set<OccupierDataKind> kinds) {
        if (journal != null) {
            throw new IllegalStateException("a clear for CoT " + journal.cotUtc() + " is still in progress");
        }
        if (kinds.isEmpty()) {
            throw new IllegalArgumentException("nothing to clear");
        }
        ClearJournal j = new ClearJournal(cotUtc, kinds);
        write();
        journal = j;
    }

    /**
     * Clears the next kind of the journal (declaration order) and persists the progress. Returns the
     * kind cleared, or empty when no clear is in progress.
     */
    public Optional<OccupierDataKind> clearNext() {
        if (journal == null) {
            return Optional.empty();
        }
        OccupierDataKind kind = journal.remaining().stream().sorted().findFirst().orElseThrow();
        // Erase record by record: each removal is a write that a power cut may prevent (idempotent on retry).
        for (Iterator<OccupierRecord> it = records.get(kind).iterator(); it.hasNext(); ) {
            if (it.next().recordedAtUtc() < journal.cotUtc()) {
                write();
                it.remove();
            }
        }
        EnumSet<OccupierDataKind> left = EnumSet.copyOf(journal.remaining());
        left.remove(kind);
        write();
        if (left.isEmpty()) {
            // One write: the CoT becomes the last handled and the journal goes (R56.3).
            lastHandledCotUtc = Math.max(lastHandledCotUtc, journal.cotUtc());
            journal = null;
        } else {
            journal = new ClearJournal(journal.cotUtc(), left);
        }
        return Optional.of(kind);
    }

    /**
     * At boot: finishes a clear a power cut interrupted. Returns the journal found (empty when
     * there was none). Must run before the {@link TenancyMonitor} is rebuilt.
     */
    public Optional<ClearJournal> recover() {
        ClearJournal found = journal;
        while (journal != null) {
            clearNext();
        }
        return Optional.ofNullable(found);
    }

    /**
     * Fault injection: the write after the next {@code n} writes fails with
     * {@link PowerCutException} without effect ({@code n = 0}: the very next write). One-shot.
     */
    public void cutPowerAfterWrites(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("n " + n + " < 0");
        }
        cutAtWrite = writes + n;
    }

    /** Writes so far (a wear measure for reports). */
    public long writes() {
        return writes;
    }

    private void write() {
        if (writes == cutAtWrite) {
            cutAtWrite = -1;
            throw new PowerCutException(writes);
        }
        writes++;
    }
}
