package io.hansim.device.han;

/**
 * Sees every send and every delivery on a HAN bus, in the order they happen (DESIGN.md §2). Sinks
 * must not change the simulation: they only write. {@link #close()} flushes whatever the sink
 * buffers; a sink that writes a file reports I/O failures as {@link java.io.UncheckedIOException}.
 */
public interface TraceSink extends AutoCloseable {
    void record(TraceRecord record);

    @Override
    default void close() {
    }
}
