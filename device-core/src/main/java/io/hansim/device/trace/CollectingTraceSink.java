package io.hansim.device.trace;

import io.hansim.device.han.TraceRecord;
import io.hansim.device.han.TraceSink;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * Keeps every record in memory, in order, for tests and small tools that want to assert on what
 * happened ("the client received three Image Block Responses").
 */
public final class CollectingTraceSink implements TraceSink {
    private final List<TraceRecord> records = new ArrayList<>();

    @Override
    public void record(TraceRecord record) {
        records.add(Objects.requireNonNull(record, "record"));
    }

    /** A snapshot of all records so far. */
    public List<TraceRecord> records() {
        return List.copyOf(records);
    }

    /** The records {@code filter} accepts, in order. */
    public List<TraceRecord> records(Predicate<? super TraceRecord> filter) {
        return records.stream().filter(filter).toList();
    }

    /** Deliveries a device received (fate DELIVERED or DUPLICATED), in order. */
    public List<TraceRecord> delivered() {
        return records(PcapTraceSink.DELIVERED);
    }

    public int size() {
        return records.size();
    }

    public void clear() {
        records.clear();
    }
}
