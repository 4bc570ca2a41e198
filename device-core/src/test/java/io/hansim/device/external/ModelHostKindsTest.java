package io.hansim.device.external;

import static io.hansim.device.Fixtures.HCALCS;
import static io.hansim.device.Fixtures.HOUR;
import static io.hansim.device.Fixtures.IHD;
import static io.hansim.device.Fixtures.NEW;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hansim.device.Fixtures;
import io.hansim.device.Fixtures.RecordingSink;
import io.hansim.device.Simulation;
import io.hansim.device.gbcs.WanMessage;
import io.hansim.device.meter.ElectricityMeter;
import io.hansim.device.meter.GasProxy;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Issue 17: the IHD and the HCALCS through {@link ModelHost} in a child JVM run as they do in-process
 * (the same trace), and what the IHD keeps of the occupier is in its regions, where a flash scan
 * finds the previous occupier's data before a Change of Tenancy and not after (R56.5 on a device under test).
 */
class ModelHostKindsTest {
    private static final long DAY = 24 * HOUR;

    record IhdRun(String fingerprint, String regionBefore, String regionAfter, long frames, List<io.hansim.device.han.TraceRecord> records) {
    }

    private static IhdRun ihdCot(Object ihdSpec) {
        RecordingSink sink = new RecordingSink();
        try (Simulation sim = Simulation.builder().seed(5).hub(Fixtures.hub())
                .electricityMeter(new ElectricityMeter.Spec("esme", Fixtures.ESME, 0x0005, 0x0305_0001L))
                .gasProxy(new GasProxy.Spec("gpf", Fixtures.GPF, 0x0006, 0x0101_0002L))
                .device(ihdSpec).traceSink(sink).build()) {
            sim.advance(3 * DAY);
            sim.hub().sendSupplierMessage(IHD, "Welcome, Ms Previous");
            sim.advance(9 * DAY - sim.now());
            long cot = sim.time().zclUtcTimeAt(10 * DAY);
            List<WanMessage> out = sim.gbcs().receive(sim.supplier().gcs09(Fixtures.GPF, cot,
                    sim.time().zclUtcTimeAt(sim.now())));
            assertEquals(1, out.size(), "GCS09 answered");
            String before = region(sim);
            sim.advance(11 * DAY - sim.now());
            String after = region(sim);
            return new IhdRun(sink.fingerprint(), before, after, sink.records.size(), List.copyOf(sink.records));
        }
    }

    private static String region(Simulation sim) {
        return sim.externalDevices().isEmpty() ? ""
                : new String(sim.externalDevices().get(0).region(ModelHost.OCCUPIER_REGION).orElse(new byte[0]),
                        StandardCharsets.UTF_8);
    }

    @Test
    void anIhdThroughModelHostTakesChangeOfTenancyAsInProcessAndItsRegionsShowIt() {
        IhdRun in = ihdCot(TestIhd.spec());
        ExternalSpec ext = ExternalSpec.command("ihd", "ihd", 0x0003,
                Child.java(ModelHost.class, TestIhd.class.getName())).withEui64(IHD);
        IhdRun out = ihdCot(ext);
        assertTrue(in.frames() > 100, "a real run: " + in.frames());
        assertEquals(in.records().size(), out.records().size());
        for (int i = 0; i < in.records().size(); i++) {
            assertEquals(in.records().get(i), out.records().get(i), "trace record " + i);
        }
        assertEquals(in.fingerprint(), out.fingerprint(), "the same trace in-process and out-of-process");
        assertTrue(out.regionBefore().contains("Welcome, Ms Previous"), out.regionBefore());
        assertTrue(out.regionBefore().contains("CONSUMPTION"), out.regionBefore());
        assertFalse(out.regionAfter().contains("Welcome, Ms Previous"), out.regionAfter());
    }

    private static String hcalcsDownload(Object spec) {
        RecordingSink sink = new RecordingSink();
        try (Simulation sim = Simulation.builder().seed(9).hub(Fixtures.hub()).device(spec).traceSink(sink).build()) {
            sim.hub().distribute(Fixtures.gbImage(NEW, 2048), HCALCS);
            sim.runUntil(() -> sim.hub().readBack(HCALCS).isPresent(), 6 * HOUR);
            assertTrue(sim.hub().readBack(HCALCS).isPresent(), "the download ended with the CH's read-back");
            sim.advance(HOUR);
            return sink.fingerprint();
        }
    }

    @Test
    void anHcalcsThroughModelHostDownloadsAsInProcess() {
        ExternalSpec ext = ExternalSpec.command("hcalcs", "hcalcs", 0x0004,
                Child.java(ModelHost.class, TestHcalcs.class.getName())).withEui64(HCALCS);
        assertEquals(hcalcsDownload(TestHcalcs.spec()), hcalcsDownload(ext));
    }
}
