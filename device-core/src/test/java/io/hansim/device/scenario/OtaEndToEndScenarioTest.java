package io.hansim.device.scenario;

import static io.hansim.device.Fixtures.HOUR;
import static io.hansim.device.Fixtures.HUB;
import static io.hansim.device.Fixtures.NEW;
import static io.hansim.device.Fixtures.PPMID;
import static io.hansim.device.Fixtures.SECOND;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hansim.device.Fixtures;
import io.hansim.device.Fixtures.RecordingSink;
import io.hansim.device.Simulation;
import io.hansim.device.han.LinkFaults;
import io.hansim.device.ppmid.Ppmid;
import io.hansim.device.sim.RunOutcome;
import io.hansim.device.storage.NonVolatileStore;
import io.hansim.zigbee.ota.server.Ccs08Code;
import io.hansim.zigbee.ota.server.ReadBackStatus;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The whole path on the bus: CH → PPMID over a faulty link with a power cut in the middle (R7.4, R7.8,
 * R7.10, R7.14's "what the flash holds survives").
 */
class OtaEndToEndScenarioTest {
    record Run(Simulation sim, RecordingSink sink, long cutAtOffset) {
    }

    static Run run(long seed) {
        byte[] image = Fixtures.gbImage(NEW, 256 * 1024);
        RecordingSink sink = new RecordingSink();
        Simulation sim = Simulation.builder().seed(seed)
                .hub(Fixtures.hub())
                .ppmid(Ppmid.Spec.of("ppmid", PPMID, 0x0002, Fixtures.ppmidProfile().build()))
                .link(LinkFaults.PERFECT.withLoss(10).withDuplication(2).withDelay(5_000, 150_000))
                .traceSink(sink)
                .build();
        Ppmid ppmid = sim.ppmid(PPMID);
        sim.hub().distribute(image, PPMID);

        // The power cut comes at a block chosen from the scenario seed.
        int blocks = image.length / 64;
        long cutAt = 64L * (1 + new SplittableRandom(sim.seeds().derive("test power cut")).nextInt(blocks - 2));
        assertEquals(RunOutcome.CONDITION_MET, sim.runUntil(() -> ppmid.fileOffset() >= cutAt, 48 * HOUR));
        ppmid.powerOff();
        assertTrue(ppmid.otaClient().isEmpty(), "RAM (the client) is gone");
        long persisted = ppmid.store().persistedDownload().orElseThrow().fileOffset();
        assertTrue(persisted >= cutAt - 64, "progress persisted block by block: " + persisted);
        sim.advance(90 * SECOND); // shorter than the CH's 5-minute stall timeout: the transfer resumes
        ppmid.powerOn();
        assertEquals(persisted, ppmid.fileOffset(), "resumes where the flash says");

        RunOutcome o = sim.runUntil(() -> sim.hub().readBack(PPMID).isPresent(), 96 * HOUR);
        assertEquals(RunOutcome.CONDITION_MET, o, "transfer and read-back finish");
        return new Run(sim, sink, cutAt);
    }

    @Test
    void r7_4_r7_8_256KiBImageUnderLossDuplicationAndAPowerCutActivatesByteIdentical() {
        byte[] image = Fixtures.gbImage(NEW, 256 * 1024);
        Run r = run(2026);
        Simulation sim = r.sim();
        Ppmid ppmid = sim.ppmid(PPMID);

        // R7.4: activation on download, no activation command; the new version runs.
        assertEquals(java.util.List.of(NonVolatileStore.ActivationResult.ACTIVATED), ppmid.activations());
        assertEquals(NEW, ppmid.runningFirmwareVersion());
        assertArrayEquals(image, ppmid.store().running().image().toArray(), "byte-identical in the running slot");
        assertEquals(NEW, ppmid.otaClient().orElseThrow().runningFileVersion());

        // R7.8: the link really was faulty, and the CH still reports success.
        assertTrue(sim.bus().stats().lost() > 500, "lost: " + sim.bus().stats().lost());
        assertTrue(sim.bus().stats().duplicated() > 100, "duplicated: " + sim.bus().stats().duplicated());
        assertEquals(Ccs08Code.SUCCESS, sim.hub().transferOutcome(PPMID).orElseThrow().code());

        // R7.10: the CH reads back CurrentFileVersion and finds the new version.
        var rb = sim.hub().readBack(PPMID).orElseThrow();
        assertEquals(ReadBackStatus.VERSION_MATCHES, rb.status());
        assertEquals(NEW, rb.versionRead().getAsLong());
        assertTrue(r.sink().records.stream().allMatch(t -> t.frame().sourceEui64() == HUB
                || t.frame().sourceEui64() == PPMID));
    }

    @Test
    void sameSeedSameTraceOtherSeedAnother() {
        String a = run(11).sink().fingerprint();
        String b = run(11).sink().fingerprint();
        String c = run(12).sink().fingerprint();
        assertEquals(a, b, "same seed ⇒ byte-identical trace");
        assertNotEquals(a, c);
    }
}
