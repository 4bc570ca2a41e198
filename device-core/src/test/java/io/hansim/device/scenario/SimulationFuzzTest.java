package io.hansim.device.scenario;

import static io.hansim.device.Fixtures.HOUR;
import static io.hansim.device.Fixtures.HUB;
import static io.hansim.device.Fixtures.NEW;
import static io.hansim.device.Fixtures.PPMID;
import static io.hansim.device.Fixtures.SECOND;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.hansim.device.Fixtures;
import io.hansim.device.Simulation;
import io.hansim.device.han.LinkFaults;
import io.hansim.device.ppmid.Ppmid;
import io.hansim.device.storage.NonVolatileStore;
import io.hansim.device.gb.Ccs08Code;

/**
 * A whole HAN under fuzzed conditions (DESIGN.md §6): link loss, duplication and delay, and power
 * cuts of the PPMID and of the CH at fuzzed moments. Checked: nothing throws; the PPMID never runs
 * bytes other than the image the CH was given, and activates it at most once; after the faults
 * stop, within three days the new version runs or the CH has reported a CCS08 failure (no silent
 * wedge, R7.8).
 */
class SimulationFuzzTest {
    private static final byte[] IMAGE = Fixtures.gbImage(NEW, 2048);

    @FuzzTest(maxDuration = "30s")
    void hanConvergesUnderAnyFaultsAndPowerCuts(FuzzedDataProvider in) {
        LinkFaults faults = LinkFaults.PERFECT.withLoss(in.consumeInt(0, 40)).withDuplication(in.consumeInt(0, 10))
                .withDelay(1_000, in.consumeLong(1_000, 3_000_000));
        Simulation sim = Simulation.builder().seed(in.consumeLong()).hub(Fixtures.hub())
                .ppmid(Ppmid.Spec.of("ppmid", PPMID, 0x0002, Fixtures.ppmidProfile().build()))
                .link(faults).build();
        Ppmid p = sim.ppmid(PPMID);
        sim.hub().distribute(IMAGE, PPMID);

        for (int step = 0; step < 16 && in.remainingBytes() > 0; step++) {
            switch (in.consumeInt(0, 3)) {
                case 0, 1 -> sim.advance(in.consumeInt(1, 900) * SECOND);
                case 2 -> {
                    p.powerOff();
                    sim.advance(in.consumeInt(1, 1200) * SECOND);
                    p.powerOn();
                }
                default -> {
                    sim.hub().powerOff();
                    sim.advance(in.consumeInt(1, 1200) * SECOND);
                    sim.hub().powerOn();
                }
            }
            checkSafety(p);
        }

        sim.bus().setDefaultFaults(LinkFaults.PERFECT);
        sim.runUntil(() -> p.runningFirmwareVersion() == NEW || failureReported(sim), 72 * HOUR);
        checkSafety(p);
        assertTrue(p.runningFirmwareVersion() == NEW || failureReported(sim),
                "neither upgraded nor a CCS08 failure after the faults stopped; CH " + HUB + " outcomes "
                        + sim.hub().transferOutcomes());
    }

    private static boolean failureReported(Simulation sim) {
        return sim.hub().transferOutcomes().stream().anyMatch(o -> o.code() != Ccs08Code.SUCCESS);
    }

    private static void checkSafety(Ppmid p) {
        assertTrue(p.activations().stream().filter(a -> a == NonVolatileStore.ActivationResult.ACTIVATED).count() <= 1,
                "activated more than once: " + p.activations());
        if (p.runningFirmwareVersion() == NEW) {
            assertArrayEquals(IMAGE, p.store().running().image().toArray(), "runs exactly the distributed bytes");
        }
    }
}
