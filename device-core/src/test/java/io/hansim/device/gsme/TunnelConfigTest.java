package io.hansim.device.gsme;

import static io.hansim.device.gsme.GsmeTunnelTest.GSME;
import static io.hansim.device.gsme.GsmeTunnelTest.MINUTE;
import static io.hansim.device.gsme.GsmeTunnelTest.SECOND;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hansim.device.Fixtures;
import io.hansim.device.Simulation;
import io.hansim.device.gbcs.GbcsRejection;
import io.hansim.device.role.TunnelServerRole;
import io.hansim.gbcs.crypto.TestPki;
import io.hansim.zigbee.events.EventsCluster;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The CH's GB tunnel configuration in {@code CommsHub.Spec} (G.3, decision 0024). */
class TunnelConfigTest {
    private static final TestPki PKI = new TestPki("tunnel config test");

    private static Simulation sim(TunnelServerRole.Config tunnel, Gsme.Spec gsme) {
        return Simulation.builder().seed(3).pki(PKI).hub(Fixtures.hub().withTunnel(tunnel)).gsme(gsme).build();
    }

    private static Gsme.Spec gsme(int protocolId) {
        return new Gsme.Spec("gsme", GSME, 0x0007, 0x0100_0001L, 10 * MINUTE, 30 * SECOND, 500_000, 3, protocolId);
    }

    @Test
    void g3_theChsProtocolIdIsConfiguration() {
        Simulation other = sim(new TunnelServerRole.Config(7, 1500, 1), gsme(7));
        other.advance(SECOND);
        assertTrue(other.gsme(GSME).tunnel().tunnel().isPresent(), "a CH configured for 7 opens a tunnel for 7");
        Simulation mismatch = sim(TunnelServerRole.Config.DEFAULTS, gsme(7));
        mismatch.advance(SECOND);
        assertFalse(mismatch.gsme(GSME).tunnel().tunnel().isPresent(), "the default CH (6) refuses 7");
    }

    @Test
    void g3_theQueueLimitRejectsAFurtherCommandTunnelQueueFull() {
        Simulation sim = sim(new TunnelServerRole.Config(6, 1500, 1, 2), gsme(6));
        sim.advance(MINUTE); // asleep: the commands wait
        for (int i = 0; i < 3; i++) {
            sim.gbcs().receive(sim.supplier().cs11(GSME, EventsCluster.LOG_GENERAL));
        }
        assertEquals(2, sim.hub().tunnel().queued(GSME));
        List<GbcsRejection> r = sim.gbcs().rejections();
        assertEquals(1, r.size(), r.toString());
        assertEquals(GbcsRejection.Reason.TUNNEL_QUEUE_FULL, r.get(0).reason());
        sim.advance(11 * MINUTE);
        assertEquals(2, sim.gbcs().sent(0x0015).size(), "the two held ones are answered");
    }

    @Test
    void g3_theDefaultsAreTheDecisionsAndBadValuesAreTypedErrors() {
        assertEquals(TunnelServerRole.Config.DEFAULTS, Fixtures.hub().tunnel());
        assertEquals(32, TunnelServerRole.Config.DEFAULTS.maxQueuedPerDevice());
        assertThrows(IllegalArgumentException.class, () -> new TunnelServerRole.Config(6, 1500, 1, 0));
    }
}
