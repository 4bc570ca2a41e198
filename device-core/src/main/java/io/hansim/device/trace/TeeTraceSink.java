package io.hansim.device.trace;

import io.hansim.device.han.TraceRecord;
import io.hansim.device.han.TraceSink;
import java.util.List;
import java.util.Objects;

/**
 * Hands every record to several sinks, in the order given (e.g. a pcap, a JSON lines file and a
 * fingerprint from one run). {@link #close()} closes them all, even when one fails; the first
 * failure is thrown with the later ones attached as suppressed exceptions.
 */
public final class TeeTraceSink implements TraceSink {
    private final List<TraceSink> sinks;

    private TeeTraceSink(List<TraceSink> sinks) {
        this.sinks = sinks;
    }

    /** A sink that feeds each of {@code sinks}. */
    public static TeeTraceSink of(TraceSink... sinks) {
        return of(List.of(sinks));
    }

    /** A sink that feeds each of {@code sinks}. */
    public static TeeTraceSink of(List<? extends TraceSink> sinks) {
        return new TeeTraceSink(List.copyOf(Objects.requireNonNull(sinks, "sinks")));
    }

    /** The sinks, in order. */
    public List<TraceSink> sinks() {
        return sinks;
    }

    @Override
    public void record(TraceRecord record) {
        for (TraceSink sink : sinks) {
            sink.record(record);
        }
    }

    @Override
    public void close() {
        RuntimeException first = null;
        for (TraceSink sink : sinks) {
            try {
                sink.close();
            } catch (RuntimeException e) {
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            } catch (Exception e) {
                // TraceSink.close() declares no checked exception, but AutoCloseable's could leak through
                // a raw implementation; wrap it so nothing is lost.
                RuntimeException wrapped = new IllegalStateException("closing " + sink + " failed", e);
                if (first == null) {
                    first = wrapped;
                } else {
                    first.addSuppressed(wrapped);
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
