package io.hansim.device.external;

import static io.hansim.device.Fixtures.NEW;
import static io.hansim.device.Fixtures.PPMID;
import static io.hansim.device.Fixtures.SECOND;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hansim.device.Fixtures;
import io.hansim.device.Fixtures.RecordingSink;
import io.hansim.device.Simulation;
import io.hansim.device.han.TraceRecord;
import io.hansim.device.node.HanDevice;
import io.hansim.device.trace.PcapTraceSink;
import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * Issue 17: a scenario run with hansim's PPMID in-process and the same PPMID out-of-process (a child JVM
 * running {@link ModelHost} behind the Java shim, lockstep) gives byte-identical traces — every
 * {@link TraceRecord} and the pcap bytes — on an OTA download with a power cut in the middle.
 */
class ModelHostTraceTest {
    private static final int BODY = 4096;

    record Run(List<TraceRecord> records, byte[] pcap, long firmware, String fingerprint, int alerts012B) {
    }

    static Run run(Object ppmidSpec, Consumer<Simulation> extraChecks) throws Exception {
        return run(ppmidSpec, d -> { }, extraChecks);
    }

    static Run run(Object ppmidSpec, Consumer<HanDevice> atCut, Consumer<Simulation> extraChecks) throws Exception {
        RecordingSink sink = new RecordingSink();
        ByteArrayOutputStream pcap = new ByteArrayOutputStream();
        try (PcapTraceSink p = new PcapTraceSink(pcap);
                Simulation sim = Simulation.builder().seed(17).hub(Fixtures.hub()).traceSink(sink).traceSink(p)
                        .device(ppmidSpec).build()) {
            HanDevice d = sim.device(PPMID);
            sim.hub().distribute(Fixtures.gbImage(NEW, BODY), PPMID);
            // Into the download: 20 OTA frames from the CH (what the trace says, the same in both runs).
            sim.runUntil(() -> sink.records.stream().filter(r -> r.kind() == TraceRecord.Kind.SEND
                    && r.frame().sourceEui64() == Fixtures.HUB && r.frame().clusterId() == 0x0019).count() >= 20,
                    3 * Fixtures.HOUR);
            atCut.accept(d);
            d.powerOff();
            sim.advance(90 * SECOND);
            d.powerOn();
            sim.runUntil(() -> sim.hub().readBack(PPMID).isPresent(), 6 * Fixtures.HOUR);
            sim.advance(60 * SECOND);
            extraChecks.accept(sim);
            long fw = d.runningFirmwareVersion();
            sim.close();
            p.close();
            int alerts = sim.gbcs().sent(0x012B).size();
            return new Run(List.copyOf(sink.records), pcap.toByteArray(), fw, sink.fingerprint(), alerts);
        }
    }

    @Test
    void aPpmidThroughModelHostGivesTheSameTraceAsInProcess() throws Exception {
        Run in = run(TestPpmid.spec(), d -> {
            var p = d.store().persistedDownload();
            assertTrue(p.isPresent() && p.get().fileOffset() > 0 && p.get().fileOffset() < p.get().imageSize(),
                    () -> "the power is cut in the middle of the download: " + p);
        }, sim -> { });
        assertEquals(NEW, in.firmware(), "the in-process PPMID upgrades (the scenario does what it should)");
        ExternalSpec ext = ExternalSpec.command("ppmid", "ppmid", 0x0002,
                Child.java(ModelHost.class, TestPpmid.class.getName())).withEui64(PPMID);
        String[] status = new String[3];
        Run out = run(ext, sim -> {
            ExternalDevice x = sim.externalDevices().get(0);
            status[0] = x.failure().map(Object::toString).orElse("");
            status[1] = x.status().get("firmware.version");
            status[2] = x.status().get("ota.state");
        });
        assertEquals("", status[0], "no port failure");
        assertTrue(in.records().size() > 100, "a real download: " + in.records().size() + " records");
        for (int i = 0; i < Math.min(in.records().size(), out.records().size()); i++) {
            assertEquals(in.records().get(i), out.records().get(i), "trace record " + i);
        }
        assertEquals(in.records().size(), out.records().size(), "trace length");
        assertEquals(in.fingerprint(), out.fingerprint());
        assertArrayEquals(in.pcap(), out.pcap(), "pcap bytes");
        assertTrue(in.alerts012B() > 0, "the CH's read-back raised its 0x012B alert (R7.10)");
        assertEquals(in.alerts012B(), out.alerts012B(), "for the external PPMID too");
        assertEquals(String.format("%08X", NEW), status[1], "the device's firmware.version status");
        assertTrue(status[2] != null && !status[2].isEmpty(), "ota.state is exported: " + status[2]);
        assertEquals(NEW, out.firmware(), "the out-of-process PPMID upgrades too");
    }
}
