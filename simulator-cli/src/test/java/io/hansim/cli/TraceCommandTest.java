package io.hansim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hansim.device.han.ApsFrame;
import io.hansim.device.trace.JsonLinesTraceSink;
import io.hansim.device.han.TraceRecord;
import io.hansim.zigbee.ota.ImageBlockRequest;
import io.hansim.zigbee.ota.ImageBlockResponse;
import io.hansim.zigbee.ota.OtaCodec;
import io.hansim.zigbee.zcl.Bytes;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TraceCommandTest {
    static final long HUB = 0x0011223344556677L;
    static final long PPMID = 0x00000000000000A1L;

    @TempDir
    Path dir;

    private static TraceRecord record(long t, TraceRecord.Kind kind, TraceRecord.Fate fate, long from, long to,
            byte[] zcl, String detail) {
        ApsFrame f = new ApsFrame(from, from == HUB ? 0 : 0x1234, 1, to, to == HUB ? 0 : 0x1234, 1,
                ApsFrame.PROFILE_SMART_ENERGY, 0x0019, 3, Bytes.of(zcl));
        return new TraceRecord(t, kind, fate, to, f, detail);
    }

    /** Three blocks: request and response each sent and delivered, the second response dropped. */
    private Path trace() {
        Path p = dir.resolve("run.trace.jsonl");
        try (JsonLinesTraceSink sink = JsonLinesTraceSink.create(p)) {
            for (int i = 0; i < 3; i++) {
                long t = 1_000_000L + i * 100_000L;
                byte[] req = OtaCodec.encode(1, ImageBlockRequest.of(0x1234, 1, 2, i * 64L, 64));
                byte[] rsp = OtaCodec.encode(1, new ImageBlockResponse.Success(0x1234, 1, 2, i * 64L, new byte[64]));
                sink.record(record(t, TraceRecord.Kind.SEND, TraceRecord.Fate.SENT, PPMID, HUB, req, ""));
                sink.record(record(t + 10, TraceRecord.Kind.DELIVERY, TraceRecord.Fate.DELIVERED, PPMID, HUB, req, ""));
                sink.record(record(t + 20, TraceRecord.Kind.SEND, TraceRecord.Fate.SENT, HUB, PPMID, rsp, ""));
                sink.record(record(t + 30, TraceRecord.Kind.DELIVERY,
                        i == 1 ? TraceRecord.Fate.DROPPED : TraceRecord.Fate.DELIVERED, HUB, PPMID, rsp, i == 1 ? "loss" : ""));
            }
        }
        return p;
    }

    @Test
    void summaryCountsPairsClustersCommandsAndFates() {
        Path t = trace();
        Cli r = Cli.run("trace", "summary", "--name", "0011223344556677=hub", t.toString());
        assertEquals(0, r.exit(), r.err());
        String out = r.out();
        assertTrue(out.contains(t + ": 12 records (6 sends, 6 deliveries)"), out);
        assertTrue(out.contains("first 1.000000 s, last 1.200030 s"), out);
        assertTrue(out.matches("(?s).*DELIVERED\\s+5\\n.*"), out);
        assertTrue(out.matches("(?s).*DROPPED \\(loss\\)\\s+1\\n.*"), out);
        assertTrue(out.matches("(?s).*00000000000000a1 -> hub\\s+3\\n.*"), out);
        assertTrue(out.matches("(?s).*hub -> 00000000000000a1\\s+3\\n.*"), out);
        assertTrue(out.matches("(?s).*0x0019 OTA Upgrade\\s+6\\n.*"), out);
        assertTrue(out.matches("(?s).*Image Block Request\\s+3\\n.*"), out);
        assertTrue(out.matches("(?s).*Image Block Response\\s+3\\n.*"), out);
    }

    @Test
    void convertToPcapWritesTheDeliveredFrames() throws Exception {
        Path out = dir.resolve("run.pcap");
        Cli r = Cli.run("trace", "convert", "--to", "pcap", trace().toString(), "-o", out.toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("5 packets"), r.out());
        byte[] pcap = Files.readAllBytes(out);
        ByteBuffer b = ByteBuffer.wrap(pcap).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(0xA1B2C3D4, b.getInt(0));
        assertEquals(195, b.getInt(20));
        int packets = 0;
        for (int at = 24; at < pcap.length; at += 16 + b.getInt(at + 8)) {
            packets++;
        }
        assertEquals(5, packets);

        Cli all = Cli.run("trace", "convert", "--to", "PCAP", "--all", trace().toString(), "-o", out.toString());
        assertEquals(0, all.exit(), all.err());
        assertTrue(all.out().contains("12 packets"), all.out());
    }

    @Test
    void convertToHtmlDrawsTheSequence() throws Exception {
        Path out = dir.resolve("run.html");
        Cli r = Cli.run("trace", "convert", "--to", "html", "--name", "0011223344556677=hub", "--name",
                "00000000000000A1=ppmid", trace().toString(), "-o", out.toString());
        assertEquals(0, r.exit(), r.err());
        String html = Files.readString(out);
        assertTrue(html.contains("<svg id=\"sequence-diagram\""));
        assertTrue(html.contains(">hub</text>") && html.contains(">ppmid</text>"));
        assertTrue(html.contains("\u2715 Image Block Response off=64 size=64"), "the dropped response is marked");
    }

    @Test
    void badLineIsBadInputWithFileAndLine() throws Exception {
        Path t = trace();
        List<String> lines = Files.readAllLines(t, StandardCharsets.UTF_8);
        lines.set(2, lines.get(2).replace("\"fate\":\"SENT\"", "\"fate\":\"LOST\""));
        Files.write(t, lines, StandardCharsets.UTF_8);
        Path out = dir.resolve("bad.pcap");
        Cli r = Cli.run("trace", "convert", "--to", "pcap", t.toString(), "-o", out.toString());
        assertEquals(Main.EXIT_BAD_INPUT, r.exit());
        assertTrue(r.err().startsWith("hansim: " + t + ":3:"), r.err());
        assertTrue(r.err().contains("\"fate\""), r.err());
        assertEquals(1, r.err().strip().lines().count(), "one line a problem: " + r.err());
        assertFalse(Files.exists(out), "no half-written pcap is left behind");

        Cli s = Cli.run("trace", "summary", t.toString());
        assertEquals(Main.EXIT_BAD_INPUT, s.exit());
        assertTrue(s.err().startsWith("hansim: " + t + ":3:"), s.err());
    }

    @Test
    void missingOrBinaryFileOrBadNameIsBadInput() throws Exception {
        Cli missing = Cli.run("trace", "summary", dir.resolve("nope.jsonl").toString());
        assertEquals(Main.EXIT_BAD_INPUT, missing.exit());
        assertTrue(missing.err().contains("no such file"), missing.err());

        Path binary = dir.resolve("x.pcap");
        Files.write(binary, new byte[] {(byte) 0xD4, (byte) 0xC3, (byte) 0xB2, (byte) 0xA1, (byte) 0xFF, 0x0A});
        Cli bin = Cli.run("trace", "summary", binary.toString());
        assertEquals(Main.EXIT_BAD_INPUT, bin.exit());
        assertTrue(bin.err().contains(binary.toString()), bin.err());

        Cli name = Cli.run("trace", "summary", "--name", "hub=hub", trace().toString());
        assertEquals(Main.EXIT_BAD_INPUT, name.exit());
        assertTrue(name.err().contains("16 hex digits"), name.err());

        Cli noFormat = Cli.run("trace", "convert", trace().toString(), "-o", dir.resolve("o").toString());
        assertEquals(Main.EXIT_BAD_INPUT, noFormat.exit());
        assertTrue(noFormat.err().contains("--to"), noFormat.err());
    }

    @Test
    void helpHasExamples() {
        for (String[] args : new String[][] {{"trace", "--help"}, {"trace", "summary", "--help"},
            {"trace", "convert", "--help"}}) {
            Cli r = Cli.run(args);
            assertEquals(0, r.exit(), String.join(" ", args));
            assertTrue(r.out().contains("Examples:"), r.out());
        }
        assertTrue(Cli.run("--help").out().contains("trace"));
    }
}
