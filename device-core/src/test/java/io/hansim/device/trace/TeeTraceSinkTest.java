package io.hansim.device.trace;

import io.hansim.device.han.TraceRecord;
import io.hansim.device.han.TraceSink;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TeeTraceSinkTest {

    @Test
    void feedsEverySinkInOrderAndClosesAllEvenWhenOneFails() {
        CollectingTraceSink a = new CollectingTraceSink();
        CollectingTraceSink b = new CollectingTraceSink();
        List<String> closed = new ArrayList<>();
        IllegalStateException boom = new IllegalStateException("boom");
        TraceSink failing = new TraceSink() {
            @Override
            public void record(TraceRecord record) {
            }

            @Override
            public void close() {
                closed.add("failing");
                throw boom;
            }
        };
        TraceSink last = new TraceSink() {
            @Override
            public void record(TraceRecord record) {
            }

            @Override
            public void close() {
                closed.add("last");
            }
        };
        TeeTraceSink tee = TeeTraceSink.of(a, failing, b, last);
        TraceFixtures.records().forEach(tee::record);
        assertEquals(TraceFixtures.records(), a.records());
        assertEquals(a.records(), b.records());
        assertEquals(TraceFixtures.otaExchange().size() + 1, a.delivered().size());
        assertSame(boom, assertThrows(IllegalStateException.class, tee::close));
        assertEquals(List.of("failing", "last"), closed);
        a.clear();
        assertTrue(a.records().isEmpty());
    }
}
