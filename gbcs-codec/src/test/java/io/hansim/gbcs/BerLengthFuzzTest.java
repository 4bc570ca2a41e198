package io.hansim.gbcs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

/** Property tests for {@link BerLength} (DESIGN.md §6). */
class BerLengthFuzzTest {

    /** decode(encode(n)) == n for every encodable length. */
    @FuzzTest(maxDuration = "30s")
    void lengthRoundTrips(FuzzedDataProvider in) {
        int n = in.consumeInt(0, BerLength.MAX);
        byte[] enc = BerLength.encode(n);
        long d = BerLength.decode(enc, 0, enc.length, "len");
        assertEquals(n, BerLength.lengthOf(d));
        assertEquals(enc.length, BerLength.sizeOf(d));
    }

    /** Any bytes: a length (whose canonical encoding is those bytes) or the typed exception. */
    @FuzzTest(maxDuration = "30s")
    void anyBytesDecodeOrFailTyped(byte[] data) {
        try {
            long d = BerLength.decode(data, 0, data.length, "len");
            byte[] again = BerLength.encode(BerLength.lengthOf(d));
            byte[] used = java.util.Arrays.copyOf(data, BerLength.sizeOf(d));
            assertArrayEquals(used, again);
        } catch (GbcsDecodeException expected) {
            // typed failure is the only other allowed outcome
        }
    }
}
