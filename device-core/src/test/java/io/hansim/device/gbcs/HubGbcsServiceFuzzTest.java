package io.hansim.device.gbcs;

import static io.hansim.device.Fixtures.ESME;
import static io.hansim.device.Fixtures.GPF;
import static io.hansim.device.Fixtures.PPMID;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.hansim.device.Fixtures;
import io.hansim.device.Simulation;
import io.hansim.device.meter.ElectricityMeter;
import io.hansim.device.meter.GasProxy;
import io.hansim.device.ppmid.Ppmid;
import io.hansim.gbcs.crypto.TestPki;
import java.time.Instant;
import java.util.List;

/**
 * The CH's GBCS side under hostile input (DESIGN.md §6): arbitrary bytes never throw and never act;
 * a valid command with any one bit flipped is refused and changes nothing (G.1, issue 6).
 */
class HubGbcsServiceFuzzTest {
    private static final TestPki PKI = new TestPki("hub gbcs fuzz");

    private static Simulation sim() {
        return Simulation.builder().seed(3).pki(PKI).hub(Fixtures.hub())
                .ppmid(Ppmid.Spec.of("ppmid", PPMID, 0x0002, Fixtures.ppmidProfile().build()))
                .electricityMeter(new ElectricityMeter.Spec("esme", ESME, 0x0005, 1))
                .gasProxy(new GasProxy.Spec("gpf", GPF, 0x0006, 1)).build();
    }

    private static boolean untouched(Simulation sim) {
        return ((GasProxy) sim.device(GPF)).changeOfTenancy().isEmpty()
                && ((ElectricityMeter) sim.device(ESME)).changeOfTenancy().isEmpty();
    }

    @FuzzTest(maxDuration = "20s")
    void anyBytesAreRefusedOrAnsweredNeverThrown(byte[] wire) {
        Simulation sim = sim();
        List<WanMessage> out = sim.gbcs().receive(wire);
        // Without the simulation's keys nobody can MAC a command, so nothing may have been acted on.
        assertTrue(out.isEmpty(), "answered a message nobody could have MAC'd");
        assertTrue(untouched(sim));
        assertEquals(1, sim.gbcs().rejections().size());
    }

    @FuzzTest(maxDuration = "20s")
    void anyBitFlipOfAValidCommandIsRefused(FuzzedDataProvider in) {
        Simulation sim = sim();
        byte[] wire = switch (in.consumeInt(0, 2)) {
            case 0 -> sim.supplier().gcs09(GPF, in.consumeLong(0, 0xFFFF_FFFEL), in.consumeLong(0, 0xFFFF_FFFFL));
            case 1 -> sim.supplier().ecs12(ESME, Instant.parse("2025-01-01T00:00:00Z")
                    .plusSeconds(in.consumeLong(0, 3_000_000_000L)));
            default -> sim.supplier().cs08(PPMID);
        };
        int bit = in.consumeInt(0, wire.length * 8 - 1);
        wire[bit / 8] ^= (byte) (1 << (bit % 8));
        assertEquals(List.of(), sim.gbcs().receive(wire), "bit " + bit + " flipped yet answered");
        assertTrue(untouched(sim));
        assertEquals(1, sim.gbcs().rejections().size());
    }
}
