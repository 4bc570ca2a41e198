package io.hansim.zigbee.zdo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.hansim.zigbee.zcl.ZclDecodeException;
import java.util.ArrayList;
import java.util.List;

/**
 * Properties of the ZDO Match Descriptor codecs (DESIGN.md §6): built records survive
 * {@code decode(encode(x))}; any octets decode (and re-encode identically) or fail with a
 * {@link ZclDecodeException} whose offset lies in the input.
 */
class MatchDescriptorFuzzTest {

    @FuzzTest(maxDuration = "20s")
    void recordsRoundTrip(FuzzedDataProvider in) {
        var req = new MatchDescriptorRequest(u8(in), u16(in), u16(in), clusters(in), clusters(in));
        assertEquals(req, MatchDescriptorRequest.decode(req.encode()));
        List<Integer> eps = new ArrayList<>();
        for (int i = in.consumeInt(0, 20); i > 0; i--) {
            eps.add(u8(in));
        }
        var rsp = new MatchDescriptorResponse(u8(in), u8(in), u16(in), eps);
        assertEquals(rsp, MatchDescriptorResponse.decode(rsp.encode()));
    }

    @FuzzTest(maxDuration = "20s")
    void anyBytesDecodeOrFailTyped(FuzzedDataProvider in) {
        byte[] b = in.consumeRemainingAsBytes();
        try {
            assertArrayEquals(b, MatchDescriptorRequest.decode(b).encode());
        } catch (ZclDecodeException e) {
            inside(e, b);
        }
        try {
            assertArrayEquals(b, MatchDescriptorResponse.decode(b).encode());
        } catch (ZclDecodeException e) {
            inside(e, b);
        }
    }

    private static void inside(ZclDecodeException e, byte[] b) {
        if (e.offset() < 0 || e.offset() > b.length) {
            throw new AssertionError("error offset outside the frame: " + e.getMessage());
        }
    }

    private static List<Integer> clusters(FuzzedDataProvider in) {
        List<Integer> l = new ArrayList<>();
        for (int i = in.consumeInt(0, 8); i > 0; i--) {
            l.add(u16(in));
        }
        return l;
    }

    private static int u8(FuzzedDataProvider in) {
        return in.consumeByte() & 0xFF;
    }

    private static int u16(FuzzedDataProvider in) {
        return in.consumeShort() & 0xFFFF;
    }
}
