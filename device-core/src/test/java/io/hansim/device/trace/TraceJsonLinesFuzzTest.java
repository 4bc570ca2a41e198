package io.hansim.device.trace;

import io.hansim.device.han.TraceRecord;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.hansim.device.han.ApsFrame;
import io.hansim.zigbee.zcl.Bytes;

/** Properties of the JSON-lines trace format (DESIGN.md §6): bad text fails typed and located. */
class TraceJsonLinesFuzzTest {

    /** Any line: a record that formats back to the same line, or a TraceFormatException with a position. */
    @FuzzTest(maxDuration = "30s")
    void anyLineParsesOrFailsTyped(FuzzedDataProvider in) {
        String line = in.consumeRemainingAsString();
        try {
            TraceRecord r = TraceJsonLines.parseLine(line, "fuzz", 1);
            assertEquals(r, TraceJsonLines.parseLine(JsonLinesTraceSink.format(r), "again", 1));
        } catch (TraceFormatException e) {
            assertEquals(1, e.line());
            assertTrue(e.column() >= 1, "column is 1-based: " + e.column());
        }
    }

    /** Records built from the input survive format → parse unchanged. */
    @FuzzTest(maxDuration = "30s")
    void recordsRoundTrip(FuzzedDataProvider in) {
        boolean send = in.consumeBoolean();
        TraceRecord.Fate fate = send ? TraceRecord.Fate.SENT
                : in.pickValue(new TraceRecord.Fate[] {TraceRecord.Fate.DELIVERED, TraceRecord.Fate.DROPPED,
                        TraceRecord.Fate.DUPLICATED});
        ApsFrame f = new ApsFrame(in.consumeLong(), in.consumeInt(0, 0xFFFF), in.consumeInt(0, 0xFF), in.consumeLong(),
                in.consumeInt(0, 0xFFFF), in.consumeInt(0, 0xFF), in.consumeInt(0, 0xFFFF), in.consumeInt(0, 0xFFFF),
                in.consumeInt(0, 0xFF), Bytes.of(in.consumeBytes(in.consumeInt(0, 300))));
        TraceRecord r = new TraceRecord(in.consumeLong(0, Long.MAX_VALUE), send ? TraceRecord.Kind.SEND
                : TraceRecord.Kind.DELIVERY, fate, in.consumeLong(), f, in.consumeString(40));
        assertEquals(r, TraceJsonLines.parseLine(JsonLinesTraceSink.format(r), "fuzz", 1));
    }
}
