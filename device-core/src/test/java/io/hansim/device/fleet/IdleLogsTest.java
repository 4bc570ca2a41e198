package io.hansim.device.fleet;

import static io.hansim.device.Fixtures.HOUR;
import static io.hansim.device.Fixtures.PPMID;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hansim.device.Fixtures;
import io.hansim.device.role.OtaClientRole;
import io.hansim.device.Simulation;
import io.hansim.device.hub.CommsHub;
import io.hansim.device.ppmid.Ppmid;
import org.junit.jupiter.api.Test;

/**
 * Issue 14 item 4: the logs a device keeps do not grow with idle virtual time. An idle PPMID
 * queries every hour; its client host counts those routine actions instead of keeping them, and
 * the CH keeps only the first {@link CommsHub#FRAME_ACTION_LOG_LIMIT} frame actions.
 */
class IdleLogsTest {
    @Test
    void issue14_idleQueriesDoNotGrowTheActionLogs() {
        Simulation sim = Simulation.builder().seed(1).hub(Fixtures.hub())
                .ppmid(Ppmid.Spec.of("ppmid", PPMID, 0x0002, Fixtures.ppmidProfile().build())).build();
        OtaClientRole ota = sim.ppmid(PPMID).ota().orElseThrow();
        sim.advance(24 * HOUR);
        int clientAfterADay = ota.actions().size();
        sim.advance(3 * 365 * 24 * HOUR);
        assertTrue(ota.routineActions() > 3 * 365 * 24, "it did query every hour: " + ota.routineActions());
        assertEquals(clientAfterADay, ota.actions().size(), "no outcome happened, so nothing more is kept");
        assertTrue(sim.hub().frameActions() > CommsHub.FRAME_ACTION_LOG_LIMIT, "answers: " + sim.hub().frameActions());
        assertTrue(sim.hub().serverActions().size() <= CommsHub.FRAME_ACTION_LOG_LIMIT + 10,
                "the CH's log is bounded: " + sim.hub().serverActions().size());
    }
}
