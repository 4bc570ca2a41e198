package io.hansim.device.external;

import static io.hansim.device.Fixtures.NEW;
import static io.hansim.device.Fixtures.PPMID;
import static io.hansim.device.Fixtures.SECOND;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hansim.device.Fixtures;
import io.hansim.device.Fixtures.RecordingSink;
import io.hansim.device.Simulation;
import io.hansim.device.han.TraceRecord;
import org.junit.jupiter.api.Test;

/**
 * Issue 17, real time: virtual time follows the wall clock, the device's messages are taken as they come
 * (no DONE awaited), and the run says it is not deterministic.
 */
class ExternalRealTimeTest {
    @Test
    void aRealTimeDeviceIsPacedAndAnswersAndTheRunIsMarkedNonDeterministic() {
        RecordingSink sink = new RecordingSink();
        ExternalSpec ext = ExternalSpec.command("ppmid", "ppmid", 0x0002,
                Child.java(ModelHost.class, TestPpmid.class.getName())).withEui64(PPMID)
                .withClock(ExternalSpec.Clock.REALTIME);
        try (Simulation sim = Simulation.builder().seed(3).hub(Fixtures.hub()).traceSink(sink).device(ext).build()) {
            assertFalse(sim.isDeterministic(), "a real-time device makes the run non-deterministic");
            assertFalse(sim.externalDevices().get(0).isDeterministic());
            long t0 = System.nanoTime();
            sim.advance(2 * SECOND); // the device boots, learns the CH's endpoint and time
            sim.hub().distribute(Fixtures.gbImage(NEW, 1024), PPMID);
            sim.advance(3 * SECOND);
            long wallMs = (System.nanoTime() - t0) / 1_000_000;
            assertTrue(wallMs >= 4_500, "5 virtual seconds took " + wallMs + " ms of wall time");
            ExternalDevice x = sim.externalDevices().get(0);
            assertTrue(x.failure().isEmpty(), () -> "no failure: " + x.failure());
            assertTrue(sink.records.stream().anyMatch(r -> r.kind() == TraceRecord.Kind.SEND
                    && r.frame().sourceEui64() == PPMID && r.frame().clusterId() == 0x0019),
                    "the device answered the CH's Image Notify on the OTA cluster");
        }
    }
}
