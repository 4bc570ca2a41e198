package io.hansim.device.fleet;

import static io.hansim.device.Fixtures.HOUR;
import static io.hansim.device.Fixtures.NEW;
import static io.hansim.device.Fixtures.PPMID;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hansim.device.Fixtures;
import io.hansim.device.Simulation;
import io.hansim.device.han.LinkFaults;
import io.hansim.device.ppmid.Ppmid;
import io.hansim.device.sim.RunOutcome;
import io.hansim.zigbee.ota.server.ServerAction;
import org.junit.jupiter.api.Test;

/**
 * The options fleets use to keep memory down (issue 8) change what is kept, never what happens:
 * a lean run gives the same traffic and outcome as a full one.
 */
class LeanDevicesTest {
    record Run(long frames, long bytes, long time, int logged, int hubLogged, io.hansim.device.hub.Ccs08Outcome outcome) {
    }

    static Run run(boolean lean) {
        byte[] image = Fixtures.gbImage(NEW, 8 * 1024);
        Simulation sim = Simulation.builder().seed(3).hub(Fixtures.hub())
                .ppmid(Ppmid.Spec.of("ppmid", PPMID, 0x0002, Fixtures.ppmidProfile().build()))
                .link(LinkFaults.PERFECT.withLoss(5)).build();
        Ppmid p = sim.ppmid(PPMID);
        if (lean) {
            sim.hub().retainFrameActions(false);
            p.ota().orElseThrow().retainActionLog(false);
        }
        sim.hub().distribute(image, PPMID);
        assertEquals(RunOutcome.CONDITION_MET, sim.runUntil(() -> sim.hub().readBack(PPMID).isPresent(), 24 * HOUR));
        return new Run(sim.bus().stats().sent(), sim.bus().stats().bytesSent(), sim.now(),
                p.ota().orElseThrow().actions().size(), sim.hub().serverActions().size(),
                sim.hub().transferOutcome(PPMID).orElseThrow());
    }

    @Test
    void leanLogsKeepOutcomesAndChangeNothingElse() {
        Run full = run(false);
        Run lean = run(true);
        assertEquals(full.frames(), lean.frames());
        assertEquals(full.bytes(), lean.bytes());
        assertEquals(full.time(), lean.time());
        assertEquals(full.outcome(), lean.outcome(), "CCS08 outcomes stay in the CH's log");
        assertEquals(0, lean.logged(), "no client action log");
        assertTrue(full.logged() > 100);
        assertTrue(lean.hubLogged() < full.hubLogged() / 10, lean.hubLogged() + " vs " + full.hubLogged());
        // APS payload octets: at least the image itself went over the air.
        assertTrue(full.bytes() > 8 * 1024, "bytes " + full.bytes());
    }
}
