package io.hansim.zigbee.zcl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.netty.buffer.Unpooled;

/** Properties of the general-command codec (DESIGN.md §6), checked with Jazzer. */
class GeneralCommandFuzzTest {

    /** decode(encode(f)) == f for any general frame built from the input. */
    @FuzzTest(maxDuration = "30s")
    void frameRoundTrips(FuzzedDataProvider in) {
        GeneralFrame f = ZclFuzzGen.frame(in);
        byte[] bytes = GeneralCommandCodec.encode(f);
        assertEquals(f, GeneralCommandCodec.decode(bytes));
        assertEquals(f.command(), GeneralCommandCodec.decodePayload(f.command().commandId(),
                Unpooled.wrappedBuffer(GeneralCommandCodec.encodePayload(f.command())), f.header().encodedLength()));
    }

    /**
     * Any bytes: a general frame or a ZclDecodeException, nothing else; and a frame that decodes
     * encodes back to the same bytes.
     */
    @FuzzTest(maxDuration = "30s")
    void anyBytesDecodeOrFailTyped(byte[] frame) {
        GeneralFrame f;
        try {
            f = GeneralCommandCodec.decode(frame);
        } catch (ZclDecodeException e) {
            assertTrue(e.offset() >= 0 && e.offset() <= frame.length, e.getMessage());
            return;
        }
        assertArrayEquals(frame, GeneralCommandCodec.encode(f));
    }
}
