package io.hansim.device.trace;

import io.hansim.device.han.TraceRecord;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hansim.device.han.ApsFrame;
import io.hansim.zigbee.zcl.Bytes;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class PcapTraceSinkTest {
    private static final HexFormat HEX = HexFormat.of();

    @Test
    void crc16KermitKnownVectors() {
        // CRC-16/KERMIT catalogue check value
        byte[] check = "123456789".getBytes(StandardCharsets.US_ASCII);
        assertEquals(0x2189, Crc16Kermit.compute(check, 0, check.length));
        assertEquals(0x0000, Crc16Kermit.compute(new byte[0], 0, 0));
        // shared/oracles/tshark/reference/frames.tsv frame 2: MAC bytes and FCS "1b8a" (little-endian)
        byte[] mac = HEX.parseHex("418881621a341200000800341200001e4100011900040101111902000032");
        assertEquals(0x8A1B, Crc16Kermit.compute(mac, 0, mac.length));
    }

    /**
     * Reference frame 7 of shared/oracles/tshark/reference/frames.tsv (Image Block Request, field
     * control 3, profile 0x0104, MAC sequence 0x86, NWK sequence 0x46, APS counter 0x16), byte for byte
     * including the FCS 32 ce.
     */
    @Test
    void reproducesReferenceFrame7() {
        String zcl = "010603033412785604030201400100004077665544332211006400";
        ApsFrame frame = new ApsFrame(0x0011223344556677L, 0x1234, 1, 0xA1L, 0x0000, 1, 0x0104, 0x0019, 0x16,
                Bytes.fromHex(zcl));
        PcapTraceSink sink = new PcapTraceSink(new ByteArrayOutputStream());
        int length = sink.encodeFrame(frame, 0x86, 0x46);
        // MAC 41 88 86 621a 0000 3412 | NWK 0800 0000 3412 1e 46 | APS 00 01 1900 0401 01 16 | ZCL | FCS
        String expected = "418886621a00003412" + "0800000034121e46" + "0001190004010116" + zcl + "32ce";
        assertEquals(expected, HEX.formatHex(sink.lastPacket(length)));
    }

    @Test
    void globalHeaderIsClassicPcapLinkType195() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new PcapTraceSink(out).close();
        assertEquals("d4c3b2a1" + "0200" + "0400" + "00000000" + "00000000" + "ffff0000" + "c3000000",
                HEX.formatHex(out.toByteArray()));
    }

    @Test
    void writesDeliveredAndDuplicatedOnlyByDefault() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (PcapTraceSink sink = new PcapTraceSink(out)) {
            TraceFixtures.records().forEach(sink::record);
            assertEquals(TraceFixtures.otaExchange().size() + 1, sink.packetCount());
        }
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        try (PcapTraceSink sink = new PcapTraceSink(all, "all", PcapTraceSink.DEFAULT_EPOCH,
                PcapTraceSink.DEFAULT_PAN_ID, PcapTraceSink.EVERYTHING)) {
            TraceFixtures.records().forEach(sink::record);
            assertEquals(TraceFixtures.records().size(), sink.packetCount());
        }
    }

    @Test
    void timestampsAreEpochPlusVirtualTimeAndSequencesCount() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ApsFrame f = TraceFixtures.toClient(9, Bytes.fromHex("190100"));
        try (PcapTraceSink sink = new PcapTraceSink(out)) {
            sink.record(delivery(1_500_000, f));
            sink.record(delivery(2_000_001, f));
        }
        ByteBuffer b = ByteBuffer.wrap(out.toByteArray()).order(ByteOrder.LITTLE_ENDIAN);
        long epoch = Instant.parse("2025-01-01T00:00:00Z").getEpochSecond();
        int packet = 25 + 3 + 2;
        assertEquals(24 + 2 * (16 + packet), b.limit());
        assertEquals(epoch + 1, b.getInt(24) & 0xFFFFFFFFL);
        assertEquals(500_000, b.getInt(28));
        assertEquals(packet, b.getInt(32));
        assertEquals(packet, b.getInt(36));
        assertEquals(0, b.get(40 + 2), "first MAC sequence");
        int second = 24 + 16 + packet;
        assertEquals(epoch + 2, b.getInt(second) & 0xFFFFFFFFL);
        assertEquals(1, b.getInt(second + 4));
        assertEquals(1, b.get(second + 16 + 2), "second MAC sequence");
        assertEquals(1, b.get(second + 16 + 16), "second NWK sequence");
    }

    @Test
    void broadcastUsesMacBroadcastAndApsBroadcastDeliveryMode() {
        ApsFrame notify = TraceFixtures.otaExchange().get(0);
        PcapTraceSink sink = new PcapTraceSink(new ByteArrayOutputStream());
        int length = sink.encodeFrame(notify, 5, 5);
        byte[] p = sink.lastPacket(length);
        assertEquals("4188" + "05" + "621a" + "ffff" + "0000", HEX.formatHex(p, 0, 9), "MAC");
        assertEquals("0800" + "fdff" + "0000" + "1e" + "05", HEX.formatHex(p, 9, 17), "NWK");
        assertEquals("08" + "ff" + "1900" + "0901" + "01" + "01", HEX.formatHex(p, 17, 25), "APS");
        int fcs = (p[length - 2] & 0xFF) | (p[length - 1] & 0xFF) << 8;
        assertEquals(Crc16Kermit.compute(p, 0, length - 2), fcs);
    }

    @Test
    void oversizeFramesAreWrittenWholeAndCounted() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (PcapTraceSink sink = new PcapTraceSink(out)) {
            sink.record(delivery(0, TraceFixtures.toClient(1, Bytes.of(new byte[100]))));
            assertEquals(0, sink.oversizeCount(), "25 + 100 + 2 = 127 bytes fits");
            sink.record(delivery(0, TraceFixtures.toClient(2, Bytes.of(new byte[101]))));
            assertEquals(1, sink.oversizeCount());
        }
        assertEquals(24 + 16 + 127 + 16 + 128, out.size());
    }

    @Test
    void ioFailuresNameTheTarget() {
        OutputStream broken = new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                throw new IOException("disk full");
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                throw new IOException("disk full");
            }
        };
        UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> new PcapTraceSink(broken,
                "/tmp/x.pcap", PcapTraceSink.DEFAULT_EPOCH, PcapTraceSink.DEFAULT_PAN_ID, PcapTraceSink.DELIVERED));
        assertTrue(e.getMessage().contains("/tmp/x.pcap") && e.getMessage().contains("disk full"), e.getMessage());
    }

    @Test
    void sameRecordsGiveSameBytes() {
        byte[][] runs = new byte[2][];
        for (int i = 0; i < 2; i++) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (PcapTraceSink sink = new PcapTraceSink(out)) {
                TraceFixtures.records().forEach(sink::record);
            }
            runs[i] = out.toByteArray();
        }
        assertArrayEquals(runs[0], runs[1]);
        assertTrue(runs[0].length > 24 && !Arrays.equals(runs[0], new byte[runs[0].length]));
    }

    static TraceRecord delivery(long time, ApsFrame f) {
        return new TraceRecord(time, TraceRecord.Kind.DELIVERY, TraceRecord.Fate.DELIVERED, f.destinationEui64(), f, "");
    }
}
