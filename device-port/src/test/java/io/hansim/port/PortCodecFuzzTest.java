package io.hansim.port;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The device port codec under Jazzer (DESIGN.md §6): any octets decode or fail with the typed
 * {@link PortProtocolException} (never another exception, never a hang); what decodes re-encodes to the
 * same octets; values built from the fuzz input round-trip. Seeds: {@code PortCodecFuzzTestInputs/<method>/}.
 */
class PortCodecFuzzTest {

    @FuzzTest(maxDuration = "30s")
    void anyBytesDecodeOrFailTyped(byte[] framed) {
        try {
            PortMessage m = PortCodec.decode(framed, 0, 4096);
            assertArrayEquals(framed, PortCodec.encode(m), "what decodes re-encodes to the same octets");
        } catch (PortProtocolException expected) {
            // typed, with an offset
        }
    }

    @FuzzTest(maxDuration = "30s")
    void anyStreamReadsOrFailsTyped(byte[] stream) throws IOException {
        for (boolean device : new boolean[] {true, false}) {
            PortReader r = device ? PortReader.ofDevice(new ByteArrayInputStream(stream), 4096)
                    : PortReader.ofHansim(new ByteArrayInputStream(stream), 4096);
            try {
                while (r.read() != null) {
                    // keep reading
                }
            } catch (PortProtocolException | EOFException expected) {
                // typed
            }
        }
    }

    @FuzzTest(maxDuration = "30s")
    void valuesRoundTrip(FuzzedDataProvider in) {
        List<PortMessage> ms = new ArrayList<>();
        ms.add(new PortMessage.FrameIn(in.consumeLong(), in.consumeLong(), in.consumeInt(0, 0xFFFF),
                in.consumeInt(0, 255), in.consumeInt(0, 255), in.consumeInt(0, 0xFFFF), in.consumeInt(0, 0xFFFF),
                in.consumeBoolean(), Octets.of(in.consumeBytes(in.consumeInt(0, 200)))));
        ms.add(new PortMessage.FrameOut(in.consumeLong(), in.consumeInt(0, 255), in.consumeInt(0, 255),
                in.consumeInt(0, 0xFFFF), in.consumeInt(0, 0xFFFF), Octets.of(in.consumeBytes(in.consumeInt(0, 200)))));
        ms.add(new PortMessage.Write(str(in), in.consumeLong(0, 0xFFFF_FFFFL), Octets.of(in.consumeBytes(50))));
        Map<String, String> m = new LinkedHashMap<>();
        int n = in.consumeInt(0, 5);
        for (int i = 0; i < n; i++) {
            m.put(str(in), in.consumeString(100));
        }
        ms.add(new PortMessage.Status(m));
        List<Integer> server = new ArrayList<>();
        for (int i = in.consumeInt(0, 6); i > 0; i--) {
            server.add(in.consumeInt(0, 0xFFFF));
        }
        ms.add(new PortMessage.Hello(in.consumeInt(0, 0xFFFF), str(in), in.consumeLong(), in.consumeInt(0, 255),
                in.consumeInt(0, 0xFFFF), server, List.of(), str(in)));
        ms.add(new PortMessage.Done(in.consumeLong()));
        ms.add(new PortMessage.Log(in.consumeInt(0, 3), in.consumeString(300)));
        for (PortMessage x : ms) {
            assertEquals(x, PortCodec.decode(PortCodec.encode(x), 0));
        }
    }

    /** A {@code str}: at most 255 octets of UTF-8. */
    private static String str(FuzzedDataProvider in) {
        String s = in.consumeString(60);
        while (s.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > 255) {
            s = s.substring(0, s.length() / 2);
        }
        return s;
    }
}
