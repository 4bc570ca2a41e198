package io.hansim.device.gsme;

import static io.hansim.device.Fixtures.HOUR;
import static io.hansim.device.Fixtures.NEW;
import static io.hansim.device.gsme.GsmeTunnelTest.GSME;
import static io.hansim.device.gsme.GsmeTunnelTest.MINUTE;
import static io.hansim.device.gsme.GsmeTunnelTest.SECOND;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hansim.device.Fixtures;
import io.hansim.device.Simulation;
import io.hansim.device.gb.ActivationOutcome;
import io.hansim.device.gbcs.HubGbcsService;
import io.hansim.device.gbcs.WanMessage;
import io.hansim.device.han.TraceRecord;
import io.hansim.device.sim.RunOutcome;
import io.hansim.gbcs.CraFlag;
import io.hansim.gbcs.GbcsCodec;
import io.hansim.gbcs.GbcsMessage;
import io.hansim.gbcs.crypto.MessageVerifier;
import io.hansim.gbcs.crypto.TestPki;
import io.hansim.gbcs.crypto.Verdict;
import io.hansim.gbcs.usecase.UseCaseCodec;
import io.hansim.gbcs.usecase.UseCaseRecord;
import io.hansim.zigbee.ota.client.ImageUpgradeStatus;
import io.hansim.zigbee.ota.image.DeterministicEcdsa;
import io.hansim.zigbee.ota.image.GbBody;
import io.hansim.zigbee.ota.image.OtaImageBuilder;
import io.hansim.zigbee.ota.image.SimulatedFirmware;
import io.hansim.zigbee.zcl.Bytes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * GSME firmware through its wake-ups (SR 11.1 / 11.3, G.6, G.7): the CH's Image Notify to the sleeping
 * GSME is lost, the OTA client asks at its next wake, holds the radio on while the blocks come, verifies
 * the image and raises 0x8F72 / 0x8F1C as 0x00CF; 0x8F1B at power-on, 0x8F43 after CS06.
 */
class GsmeFirmwareTest {
    private static final TestPki PKI = new TestPki("gsme firmware test");
    private static final MessageVerifier VERIFIER = new MessageVerifier(Simulation.DEFAULT_ACB,
            id -> (id >>> 32) == 0x00D0_0000L);
    private static final long OLD = 0x0100_0001L;

    private static Simulation sim(List<TraceRecord> trace) {
        return Simulation.builder().seed(5).pki(PKI).hub(Fixtures.hub())
                .gsme(GsmeTunnelTest.spec(0).withOta(Fixtures.ppmidProfile().name("test-gsme").build()))
                .traceSink(trace::add).build();
    }

    private static Gsme gsme(Simulation sim) {
        return sim.gsme(GSME);
    }

    private static ImageUpgradeStatus status(Simulation sim) {
        return gsme(sim).firmware().orElseThrow().ota().client().orElseThrow().imageUpgradeStatus();
    }

    /** SR 11.1 after the power-on wake is over, until the GSME holds the image verified. */
    private static byte[] holding(Simulation sim, byte[] image) {
        sim.advance(SECOND); // the power-on wake (500 ms) is over: the GSME sleeps
        assertFalse(gsme(sim).awake());
        List<HubGbcsService.DistributionResult> r = sim.gbcs().updateFirmware(image, List.of(GSME));
        assertTrue(r.get(0).refusal().isEmpty(), "SR 11.1 accepted for a GSME: " + r);
        assertEquals(RunOutcome.CONDITION_MET, sim.runUntil(
                () -> status(sim) == ImageUpgradeStatus.WAITING_TO_UPGRADE_VIA_EXTERNAL_EVENT, 2 * HOUR));
        return image;
    }

    private static UseCaseRecord.GbzFirmwareReceiptAlert receipt(WanMessage w) {
        GbcsMessage m = GbcsCodec.decode(w.bytes().toByteArray());
        assertEquals(CraFlag.ALERT, m.groupingHeader().craFlag());
        assertEquals(GSME, m.groupingHeader().originator(), "raised by the GSME");
        assertEquals(Verdict.VALID, VERIFIER.verify(m, PKI).signature(), "signed by the GSME");
        return (UseCaseRecord.GbzFirmwareReceiptAlert) UseCaseCodec.decode(m).orElseThrow();
    }

    private static List<Integer> alertCodes(Simulation sim) {
        return sim.gbcs().sent(0x00CF).stream().map(w -> receipt(w).alertCode()).toList();
    }

    private static boolean otaTo(TraceRecord r, long to) {
        return r.frame().clusterId() == 0x0019 && r.receiverEui64() == to;
    }

    @Test
    void sr11_1_g7_gsmeDownloadsAtItsNextWakeAndRaises8F72As0x00CF() {
        List<TraceRecord> trace = new ArrayList<>();
        Simulation sim = sim(trace);
        byte[] image = holding(sim, Fixtures.gbImage(NEW, 2048));
        assertEquals(List.of(0x8F72), alertCodes(sim));
        UseCaseRecord.GbzFirmwareReceiptAlert a = receipt(sim.gbcs().sent(0x00CF).get(0));
        assertArrayEquals(Fixtures.manufacturerImageHash(image), a.hash().toByteArray(), "G.6: SHA-256 of the MI");
        assertTrue(Math.abs(gsme(sim).utcNow() - a.utcTime()) <= 5, "the GSME's own time");
        assertTrue(gsme(sim).wakes() >= 2, "the download rode a later wake: " + gsme(sim).wakes());
        // The CH's Image Notify found the radio off; every block answer found it on (the hold).
        List<TraceRecord> toGsme = trace.stream().filter(r -> r.kind() == TraceRecord.Kind.DELIVERY
                && r.time() >= SECOND && otaTo(r, GSME)).toList();
        assertEquals("receiver asleep", toGsme.get(0).detail(), "the Image Notify to the sleeping GSME is lost");
        assertTrue(toGsme.stream().skip(1).allMatch(r -> r.fate() == TraceRecord.Fate.DELIVERED),
                "the radio stayed on for the whole download");
        assertTrue(toGsme.size() > 2048 / 64, "blocks came: " + toGsme.size());
        // The first Query Next Image Request after the distribution is sent at a wake.
        assertEquals(OLD, gsme(sim).runningFirmwareVersion(), "not activated by the download");
        sim.advance(MINUTE);
        assertFalse(gsme(sim).awake(), "asleep again once the image is held (holding needs no air)");
    }

    @Test
    void g7_gsmeImageFailingVerificationRaises8F1C() {
        Simulation sim = sim(new ArrayList<>());
        Bytes mi = SimulatedFirmware.manufacturerImage(NEW, 1024, NEW);
        byte[] forged = new OtaImageBuilder().manufacturerCode(Fixtures.MANUFACTURER).imageType(Fixtures.IMAGE_TYPE)
                .fileVersion(NEW).hardwareVersions(0x0100, 0x01FF).headerString("hansim forged image")
                .gbBody(GbBody.signed(mi, DeterministicEcdsa.sign(mi,
                        DeterministicEcdsa.keyPairFromSeed("not the supplier", 9).getPrivate())))
                .buildBytes().toArray();
        sim.advance(SECOND);
        sim.gbcs().updateFirmware(forged, List.of(GSME));
        assertEquals(RunOutcome.CONDITION_MET, sim.runUntil(() -> !sim.gbcs().sent(0x00CF).isEmpty(), 2 * HOUR));
        assertEquals(List.of(0x8F1C), alertCodes(sim));
        assertTrue(gsme(sim).firmware().orElseThrow().heldImage().isEmpty(), "discarded");
        assertEquals(ActivationOutcome.NO_IMAGE_HELD, gsme(sim).activate(Fixtures.manufacturerImageHash(forged)));
        sim.advance(MINUTE);
        assertFalse(gsme(sim).awake(), "the hold is given back after a failed verification");
    }

    @Test
    void g7_gsmeHeldImageCorruptedAcrossAPowerCutRaises8F1BAtPowerOn() {
        Simulation sim = sim(new ArrayList<>());
        holding(sim, Fixtures.gbImage(NEW, 2048));
        gsme(sim).powerOff();
        gsme(sim).store().corruptCandidate(60 + 100);
        gsme(sim).powerOn();
        sim.advance(HOUR);
        assertEquals(List.of(0x8F72, 0x8F1B), alertCodes(sim));
        assertTrue(gsme(sim).firmware().orElseThrow().heldImage().isEmpty());
    }

    @Test
    void sr11_1_gsmeDownloadCutByAPowerCutResumesAtItsOffset() {
        List<TraceRecord> trace = new ArrayList<>();
        Simulation sim = sim(trace);
        sim.advance(SECOND);
        sim.gbcs().updateFirmware(Fixtures.gbImage(NEW, 4096), List.of(GSME));
        assertEquals(RunOutcome.CONDITION_MET, sim.runUntil(() -> gsme(sim).firmware().orElseThrow().ota().client()
                .orElseThrow().fileOffset() >= 1024, 2 * HOUR));
        long offset = gsme(sim).firmware().orElseThrow().ota().client().orElseThrow().fileOffset();
        gsme(sim).powerOff();
        sim.advance(MINUTE);
        gsme(sim).powerOn();
        assertEquals(ImageUpgradeStatus.DOWNLOAD_IN_PROGRESS, status(sim), "the persisted download goes on");
        assertTrue(gsme(sim).firmware().orElseThrow().ota().client().orElseThrow().fileOffset() >= offset);
        assertTrue(gsme(sim).awake(), "the power-on wake holds the radio for the download");
        assertEquals(RunOutcome.CONDITION_MET, sim.runUntil(
                () -> status(sim) == ImageUpgradeStatus.WAITING_TO_UPGRADE_VIA_EXTERNAL_EVENT, 2 * HOUR));
        assertEquals(List.of(0x8F72), alertCodes(sim));
    }

    @Test
    void sr11_3_g7_cs06ActivatesTheGsmeAndTheNewVersionRaises8F43() {
        Simulation sim = sim(new ArrayList<>());
        byte[] image = holding(sim, Fixtures.gbImage(NEW, 2048));
        List<WanMessage> ok = sim.gbcs().receive(sim.supplier().cs06(GSME, Fixtures.manufacturerImageHash(image),
                Optional.empty()));
        assertEquals(0, ((UseCaseRecord.Cs06Response) UseCaseCodec.decode(GbcsCodec.decode(
                ok.get(0).bytes().toByteArray())).orElseThrow()).outcome());
        sim.advance(HOUR);
        assertEquals(NEW, gsme(sim).runningFirmwareVersion());
        assertEquals(List.of(0x8F72, 0x8F43), alertCodes(sim));
        assertTrue(gsme(sim).wakes() >= 3, "it still wakes after the restart");
    }

    @Test
    void sr11_3_futureDatedCs06ToTheGsmeActivatesAtItsTimeWith0x00CA() {
        Simulation sim = sim(new ArrayList<>());
        byte[] image = holding(sim, Fixtures.gbImage(NEW, 2048));
        Instant at = sim.hub().instantNow().plusSeconds(3 * 3600).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        sim.gbcs().receive(sim.supplier().cs06(GSME, Fixtures.manufacturerImageHash(image), Optional.of(at)));
        sim.advance(2 * HOUR);
        assertEquals(OLD, gsme(sim).runningFirmwareVersion(), "not before its time");
        sim.advance(2 * HOUR);
        assertEquals(NEW, gsme(sim).runningFirmwareVersion());
        assertEquals(1, sim.gbcs().sent(0x00CA).size());
        assertEquals(List.of(0x8F72, 0x8F43), alertCodes(sim));
    }

    @Test
    void sr11_3_cancelledCs06LeavesTheGsmeOnItsVersion() {
        Simulation sim = sim(new ArrayList<>());
        byte[] hash = Fixtures.manufacturerImageHash(holding(sim, Fixtures.gbImage(NEW, 2048)));
        sim.gbcs().receive(sim.supplier().cs06(GSME, hash, Optional.of(sim.hub().instantNow().plusSeconds(3600))));
        sim.gbcs().receive(sim.supplier().cs06Cancel(GSME, hash));
        sim.advance(3 * HOUR);
        assertEquals(OLD, gsme(sim).runningFirmwareVersion());
        assertTrue(sim.gbcs().sent(0x00CA).isEmpty());
    }

    /**
     * With the default 30-minute sleep, longer than the CH's default notify timeout (600 s), the CH still
     * waits for the GSME's query at its next wake (before the fix the distribution ended with CCS08 code 3
     * "no Query Next Image" and the GSME never got the image).
     */
    @Test
    void sr11_1_chWaitsASleepPeriodForTheGsmesQuery() {
        Gsme.Spec spec = new Gsme.Spec("gsme", GSME, 0x0007, OLD).withOta(Fixtures.ppmidProfile().name("g").build());
        Simulation sim = Simulation.builder().seed(5).pki(PKI).hub(Fixtures.hub()).gsme(spec).build();
        assertTrue(Fixtures.hub().ota().timeouts().notifyTimeout().toSeconds() < spec.sleepPeriod() / 1_000_000,
                "the case: the CH's own notify timeout is shorter than the sleep period");
        sim.advance(SECOND);
        sim.gbcs().updateFirmware(Fixtures.gbImage(NEW, 2048), List.of(GSME));
        assertEquals(RunOutcome.CONDITION_MET, sim.runUntil(
                () -> status(sim) == ImageUpgradeStatus.WAITING_TO_UPGRADE_VIA_EXTERNAL_EVENT, 2 * HOUR));
        assertEquals(List.of(0x8F72), alertCodes(sim));
    }

    @Test
    void aGsmeWithoutHanFirmwareIsRefusedDistribution() {
        Simulation sim = Simulation.builder().seed(5).pki(PKI).hub(Fixtures.hub()).gsme(GsmeTunnelTest.spec(0))
                .build();
        assertTrue(sim.gbcs().updateFirmware(Fixtures.gbImage(NEW, 512), List.of(GSME)).get(0).refusal().isPresent());
        assertEquals(ActivationOutcome.NO_IMAGE_HELD, gsme(sim).activate(new byte[32]));
    }
}
