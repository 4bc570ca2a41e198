package io.hansim.device.scenario;

import static io.hansim.device.Fixtures.ESME;
import static io.hansim.device.Fixtures.GPF;
import static io.hansim.device.Fixtures.HOUR;
import static io.hansim.device.Fixtures.IHD;
import static io.hansim.device.Fixtures.PPMID;
import static io.hansim.device.Fixtures.SECOND;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.hansim.device.node.HanDevice;
import io.hansim.device.Simulation;
import io.hansim.device.han.ApsFrame;
import io.hansim.device.han.LinkFaults;
import io.hansim.device.ihd.Ihd;
import io.hansim.device.privacy.PrivacyCheck;
import io.hansim.zigbee.zcl.Bytes;
import java.util.List;

/**
 * Change of Tenancy on the HAN under fuzzed input (DESIGN.md §6).
 * <ul>
 *   <li>Any bytes on 0x0702, 0x0703, 0x0705 or 0x0708 to an IHD, a PPMID, the ESME or the GPF are
 *       answered or ignored: nothing throws, and nothing a device sends is too big for the HAN.</li>
 *   <li>R56.5 as a stateful property: a household under link loss, with power cuts of the IHD and the
 *       PPMID at fuzzed moments (also between clear steps) and a CoT at a fuzzed time; once the faults
 *       stop and the devices have polled, the privacy check finds nothing on either device.</li>
 * </ul>
 */
class CotHanFuzzTest {
    private static final long PROBE = 0x00D0_0000_0000_0098L;
    private static final long[] TARGETS = {IHD, PPMID, ESME, GPF};
    private static final int[] CLUSTERS = {0x0702, 0x0703, 0x0705, 0x0708};

    @FuzzTest(maxDuration = "30s")
    void anyFrameIsAnsweredOrIgnored(FuzzedDataProvider in) {
        List<String> tooBig = new java.util.ArrayList<>();
        Simulation sim = CotScenarioTest.household(in.consumeLong(), CotScenarioTest.V5_0).traceSink(r -> {
            if (r.fate() == io.hansim.device.han.TraceRecord.Fate.DROPPED && r.detail().startsWith("too big")) {
                tooBig.add(String.format("%016X cluster 0x%04X: %s %s", r.frame().sourceEui64(),
                        r.frame().clusterId(), r.detail(), r.frame().payload()));
            }
        }).build();
        sim.bus().attach(PROBE, 0x0098, HanDevice.ENDPOINT, f -> { });
        for (int i = 0; i < 8 && in.remainingBytes() > 0; i++) {
            long to = TARGETS[in.consumeInt(0, TARGETS.length - 1)];
            int cluster = CLUSTERS[in.consumeInt(0, CLUSTERS.length - 1)];
            byte[] zcl = in.consumeBytes(in.consumeInt(0, 90));
            sim.bus().send(new ApsFrame(PROBE, 0x0098, 1, to, sim.bus().attachment(to).orElseThrow().shortAddress(),
                    1, ApsFrame.PROFILE_SMART_ENERGY, cluster, 0, Bytes.of(zcl)));
            sim.advance(SECOND);
        }
        assertEquals(0, sim.bus().stats().tooBig(), () -> "a device sent a frame too big for the HAN: " + tooBig);
    }

    @FuzzTest(maxDuration = "60s")
    void nothingOfThePreviousOccupierSurvivesFaultsAndPowerCuts(FuzzedDataProvider in) {
        Simulation sim = CotScenarioTest.household(in.consumeLong(), CotScenarioTest.V5_0)
                .link(LinkFaults.PERFECT.withLoss(in.consumeInt(0, 50)).withDelay(1_000, in.consumeLong(1_000, 2_000_000)))
                .build();
        CotScenarioTest.previousOccupier(sim);
        long cot = sim.time().zclUtcTimeAt(sim.now()) + in.consumeLong(0, 6 * 3600);
        CotScenarioTest.gcs09(sim, cot);
        Ihd ihd = sim.ihd(IHD);
        for (int step = 0; step < 12 && in.remainingBytes() > 0; step++) {
            HanDevice d = in.consumeBoolean() ? ihd : sim.device(PPMID);
            switch (in.consumeInt(0, 2)) {
                case 0 -> sim.advance(in.consumeLong(1, 3 * 3600) * SECOND);
                case 1 -> sim.advance(in.consumeLong(1, 4_000_000)); // lands between clear steps
                default -> {
                    d.powerOff();
                    sim.advance(in.consumeLong(1, 3600) * SECOND);
                    d.powerOn();
                }
            }
        }
        sim.bus().setDefaultFaults(LinkFaults.PERFECT);
        long due = sim.time().microsAtZclUtcTime(cot);
        sim.advance(Math.max(0, due - sim.now()) + 2 * HOUR);
        PrivacyCheck check = PrivacyCheck.attach(sim);
        assertEquals(List.of(), check.check(IHD, cot));
        assertEquals(List.of(), check.check(PPMID, cot));
    }
}
