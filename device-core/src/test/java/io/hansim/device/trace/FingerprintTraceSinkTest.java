package io.hansim.device.trace;

import io.hansim.device.han.TraceRecord;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.hansim.device.han.ApsFrame;
import io.hansim.zigbee.zcl.Bytes;
import java.util.List;
import org.junit.jupiter.api.Test;

class FingerprintTraceSinkTest {

    @Test
    void emptyRunIsTheSha256OfNothing() {
        assertEquals("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
                new FingerprintTraceSink().hex());
    }

    @Test
    void sameDeliveriesSameFingerprintAndSendsDoNotCount() {
        FingerprintTraceSink a = fingerprint(TraceFixtures.records());
        FingerprintTraceSink b = fingerprint(TraceFixtures.records().stream()
                .filter(r -> r.kind() == TraceRecord.Kind.DELIVERY).toList());
        assertEquals(a.hex(), b.hex());
        assertEquals(a.count(), b.count());
        assertEquals(a.hex(), a.hex(), "hex() does not disturb the running digest");
    }

    @Test
    void everyHashedPartMatters() {
        ApsFrame f = TraceFixtures.toClient(3, Bytes.fromHex("19010203"));
        TraceRecord base = new TraceRecord(10, TraceRecord.Kind.DELIVERY, TraceRecord.Fate.DELIVERED, 1, f, "");
        String h = fingerprint(List.of(base)).hex();
        List<TraceRecord> variants = List.of(
                new TraceRecord(11, base.kind(), base.fate(), 1, f, ""),
                new TraceRecord(10, base.kind(), base.fate(), 2, f, ""),
                new TraceRecord(10, base.kind(), TraceRecord.Fate.DUPLICATED, 1, f, ""),
                new TraceRecord(10, base.kind(), base.fate(), 1, TraceFixtures.toClient(4, f.payload()), ""),
                new TraceRecord(10, base.kind(), base.fate(), 1, TraceFixtures.toClient(3, Bytes.fromHex("19010204")),
                        ""));
        for (TraceRecord v : variants) {
            assertNotEquals(h, fingerprint(List.of(v)).hex(), v.toString());
        }
        assertEquals(h, fingerprint(List.of(new TraceRecord(10, base.kind(), base.fate(), 1, f, "other detail"))).hex(),
                "the detail text explains, it is not hashed");
    }

    @Test
    void payloadBoundariesAreUnambiguous() {
        // "19 01" + "02" must differ from "19" + "01 02" across two records
        ApsFrame a1 = TraceFixtures.toClient(1, Bytes.fromHex("1901"));
        ApsFrame a2 = TraceFixtures.toClient(1, Bytes.fromHex("02"));
        ApsFrame b1 = TraceFixtures.toClient(1, Bytes.fromHex("19"));
        ApsFrame b2 = TraceFixtures.toClient(1, Bytes.fromHex("0102"));
        assertNotEquals(fingerprint(List.of(delivery(a1), delivery(a2))).hex(),
                fingerprint(List.of(delivery(b1), delivery(b2))).hex());
    }

    @Test
    void largePayloadsGrowTheScratchBuffer() {
        FingerprintTraceSink sink = fingerprint(List.of(delivery(TraceFixtures.toClient(1, Bytes.of(new byte[5000]))),
                delivery(TraceFixtures.toClient(1, Bytes.of(new byte[3])))));
        assertEquals(2, sink.count());
    }

    private static TraceRecord delivery(ApsFrame f) {
        return new TraceRecord(0, TraceRecord.Kind.DELIVERY, TraceRecord.Fate.DELIVERED, 1, f, "");
    }

    private static FingerprintTraceSink fingerprint(List<TraceRecord> records) {
        FingerprintTraceSink sink = new FingerprintTraceSink();
        records.forEach(sink::record);
        return sink;
    }
}
