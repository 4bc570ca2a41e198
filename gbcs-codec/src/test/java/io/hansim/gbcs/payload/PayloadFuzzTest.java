package io.hansim.gbcs.payload;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.hansim.gbcs.GbcsDecodeException;

/** Property: every payload decoder gives a value that re-encodes exactly, or a typed error (gbcs.md §5). */
class PayloadFuzzTest {

    private static void check(byte[] data, PayloadForm form, boolean alert) {
        try {
            Payload p = PayloadCodec.decode(data, form, alert, 0);
            assertArrayEquals(data, p.encode());
        } catch (GbcsDecodeException expected) {
            // the only other allowed outcome
        }
    }

    @FuzzTest(maxDuration = "30s")
    void anyBytesDecodeOrFailTyped(byte[] data) {
        check(data, PayloadForm.GBZ, false);
        check(data, PayloadForm.GBZ, true);
        check(data, PayloadForm.DLMS, false);
        check(data, PayloadForm.DER, false);
    }
}
