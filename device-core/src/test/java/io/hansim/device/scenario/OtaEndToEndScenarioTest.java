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
import io.hansim.device.gb.Ccs08Code;
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

    static Run run(long seed, io.hansim.device.han.TraceSink... extraSinks) {
        byte[] image = Fixtures.gbImage(NEW, 256 * 1024);
        RecordingSink sink = new RecordingSink();
        Simulation sim = Simulation.builder().seed(seed)
                .hub(Fixtures.hub())
                .ppmid(Ppmid.Spec.of("ppmid", PPMID, 0x0002, Fixtures.ppmidProfile().build()))
                .link(LinkFaults.PERFECT.withLoss(10).withDuplication(2).withDelay(5_000, 150_000))
                .traceSink(sink)
                .build();
        for (io.hansim.device.han.TraceSink extra : extraSinks) {
            sim.bus().addTraceSink(extra);
        }
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

    /**
     * Seeds are per device and per link: extra devices on the HAN, one of them downloading at the same
     * time, leave the CH–PPMID conversation exactly as it was.
     */
    @Test
    void addingADeviceDoesNotChangeAnotherLinksFaults() {
        byte[] image = Fixtures.gbImage(NEW, 16 * 1024);
        String[] prints = new String[2];
        for (int i = 0; i < 2; i++) {
            RecordingSink sink = new RecordingSink();
            Simulation.Builder b = Simulation.builder().seed(5).hub(Fixtures.hub())
                    .ppmid(Ppmid.Spec.of("ppmid", PPMID, 0x0002, Fixtures.ppmidProfile().build()))
                    .link(LinkFaults.PERFECT.withLoss(10).withDuplication(5).withDelay(5_000, 100_000))
                    .traceSink(sink);
            long other = 0x00D0_0000_0000_0022L;
            if (i == 1) {
                b.ihd(new io.hansim.device.ihd.Ihd.Spec("ihd", Fixtures.IHD, 0x0003, 1));
                b.ppmid(Ppmid.Spec.of("ppmid-2", other, 0x0022, Fixtures.ppmidProfile().build()));
            }
            Simulation sim = b.build();
            sim.hub().distribute(image, PPMID);
            if (i == 1) {
                sim.hub().distribute(image, other); // a second download at the same time, on its own link
            }
            assertEquals(RunOutcome.CONDITION_MET, sim.runUntil(() -> sim.hub().readBack(PPMID).isPresent(), 24 * HOUR));
            // The frames' ZCL sequence numbers and APS counters are per sender, so the CH's differ when
            // it also talks to another device; the faults (which frame is lost, doubled, delayed) and
            // therefore the timing must not.
            prints[i] = sink.records.stream().filter(t -> t.frame().sourceEui64() == PPMID
                    || t.frame().destinationEui64() == PPMID)
                    .map(t -> t.time() + " " + t.kind() + " " + t.fate() + " " + t.detail() + " "
                            + t.frame().sourceEui64() + " " + t.frame().payload().length())
                    .collect(java.util.stream.Collectors.joining("\n"));
        }
        assertTrue(prints[0].length() > 1000);
        assertEquals(prints[0], prints[1]);
    }
}
