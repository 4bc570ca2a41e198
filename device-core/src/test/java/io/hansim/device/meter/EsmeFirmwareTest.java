package io.hansim.device.meter;

import static io.hansim.device.Fixtures.ESME;
import static io.hansim.device.Fixtures.HOUR;
import static io.hansim.device.Fixtures.NEW;
import static io.hansim.device.Fixtures.OLD;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hansim.device.Fixtures;
import io.hansim.device.Simulation;
import io.hansim.device.gb.ActivationOutcome;
import io.hansim.device.gbcs.HubGbcsService;
import io.hansim.device.gbcs.WanMessage;
import io.hansim.device.role.FirmwareAlert;
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
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * ESME firmware over the CH's OTA cluster (SR 11.1), verified on the meter (G.6), activated by CS06
 * (SR 11.3), and the G.7 alerts it raises in the 0x00CE form: 0x8F72, 0x8F1C, 0x8F1B, 0x8F43.
 */
class EsmeFirmwareTest {
    private static final TestPki PKI = new TestPki("esme firmware test");
    private static final MessageVerifier VERIFIER = new MessageVerifier(Simulation.DEFAULT_ACB,
            id -> (id >>> 32) == 0x00D0_0000L);

    private static Simulation sim() {
        return Simulation.builder().seed(5).pki(PKI).hub(Fixtures.hub())
                .electricityMeter(new ElectricityMeter.Spec("esme", ESME, 0x0005, OLD)
                        .withOta(Fixtures.ppmidProfile().name("test-esme").build()))
                .build();
    }

    private static ElectricityMeter esme(Simulation sim) {
        return (ElectricityMeter) sim.device(ESME);
    }

    /** SR 11.1: the image to the CH for the ESME, until the meter holds it verified. */
    private static byte[] holding(Simulation sim, byte[] image) {
        List<HubGbcsService.DistributionResult> r = sim.gbcs().updateFirmware(image, List.of(ESME));
        assertTrue(r.get(0).refusal().isEmpty(), "SR 11.1 accepted for an ESME: " + r);
        assertEquals(RunOutcome.CONDITION_MET, sim.runUntil(() -> esme(sim).firmware().orElseThrow().ota().client()
                .orElseThrow().imageUpgradeStatus() == ImageUpgradeStatus.WAITING_TO_UPGRADE_VIA_EXTERNAL_EVENT,
                2 * HOUR));
        return image;
    }

    private static UseCaseRecord.DlmsFirmwareReceiptAlert receipt(WanMessage w) {
        GbcsMessage m = GbcsCodec.decode(w.bytes().toByteArray());
        assertEquals(CraFlag.ALERT, m.groupingHeader().craFlag());
        assertEquals(ESME, m.groupingHeader().originator(), "raised by the ESME");
        assertEquals(Simulation.DEFAULT_SUPPLIER, m.groupingHeader().recipient(), "to the supplier, as in RTDS");
        assertFalse(m.groupingHeader().dateTime().isPresent(), "no header date-time (NA_FDRA-DLMS)");
        MessageVerifier.Result v = VERIFIER.verify(m, PKI);
        assertEquals(Verdict.VALID, v.signature(), "signed by the ESME (critical alert)");
        assertEquals(Verdict.ABSENT, v.mac());
        return (UseCaseRecord.DlmsFirmwareReceiptAlert) UseCaseCodec.decode(m).orElseThrow();
    }

    private static List<Integer> alertCodes(Simulation sim) {
        return sim.gbcs().sent(FirmwareAlert.ESME_RECEIPT).stream().map(w -> receipt(w).alertCode()).toList();
    }

    @Test
    void g6_g7_verifiedImageRaises8F72WithTheManufacturerImageHash() {
        Simulation sim = sim();
        byte[] image = holding(sim, Fixtures.gbImage(NEW, 2048));
        assertEquals(ImageUpgradeStatus.WAITING_TO_UPGRADE_VIA_EXTERNAL_EVENT,
                esme(sim).firmware().orElseThrow().ota().client().orElseThrow().imageUpgradeStatus(),
                "held until CS06 (SR 11.3)");
        List<WanMessage> sent = sim.gbcs().sent(0x00CE);
        assertEquals(1, sent.size());
        UseCaseRecord.DlmsFirmwareReceiptAlert a = receipt(sent.get(0));
        assertEquals(0x8F72, a.alertCode());
        assertArrayEquals(Fixtures.manufacturerImageHash(image), a.hash().toByteArray(), "G.6: SHA-256 of the MI");
        FirmwareAlert raised = esme(sim).firmware().orElseThrow().alerts().get(0);
        assertEquals(io.hansim.device.sim.SimTime.ZCL_EPOCH.plusSeconds(raised.utcTime()),
                io.hansim.gbcs.CosemDateTime.toInstant(a.dateTime(), 0), "the device's own time, in the COSEM form");
        assertTrue(Math.abs(sim.device(ESME).utcNow() - raised.utcTime()) <= 5, "raised by the device's clock, "
                + "at the verification a moment ago");
        assertEquals(OLD, esme(sim).runningFirmwareVersion(), "not activated by the download");
    }

    @Test
    void g7_imageFailingVerificationRaises8F1CAndTheOldVersionRuns() {
        Simulation sim = sim();
        // Signed by another key than the one the meter trusts: the signature does not verify (G.6).
        Bytes mi = SimulatedFirmware.manufacturerImage(NEW, 1024, NEW);
        byte[] forged = new OtaImageBuilder().manufacturerCode(Fixtures.MANUFACTURER).imageType(Fixtures.IMAGE_TYPE)
                .fileVersion(NEW).hardwareVersions(0x0100, 0x01FF).headerString("hansim forged image")
                .gbBody(GbBody.signed(mi, DeterministicEcdsa.sign(mi,
                        DeterministicEcdsa.keyPairFromSeed("not the supplier", 9).getPrivate())))
                .buildBytes().toArray();
        sim.gbcs().updateFirmware(forged, List.of(ESME));
        assertEquals(RunOutcome.CONDITION_MET, sim.runUntil(() -> !sim.gbcs().sent(0x00CE).isEmpty(), 2 * HOUR));
        assertEquals(List.of(0x8F1C), alertCodes(sim));
        UseCaseRecord.DlmsFirmwareReceiptAlert a = receipt(sim.gbcs().sent(0x00CE).get(0));
        assertArrayEquals(Fixtures.manufacturerImageHash(forged), a.hash().toByteArray(), "the hash it calculated");
        assertTrue(esme(sim).firmware().orElseThrow().heldImage().isEmpty(), "discarded");
        assertEquals(ActivationOutcome.NO_IMAGE_HELD, esme(sim).activate(Fixtures.manufacturerImageHash(forged)));
        assertEquals(OLD, esme(sim).runningFirmwareVersion());
    }

    @Test
    void g7_heldImageCorruptedAcrossAPowerCutRaises8F1BAtPowerOn() {
        Simulation sim = sim();
        byte[] image = holding(sim, Fixtures.gbImage(NEW, 2048));
        esme(sim).powerOff();
        esme(sim).store().corruptCandidate(60 + 100); // inside the Manufacturer Image
        esme(sim).powerOn();
        sim.advance(HOUR);
        assertEquals(List.of(0x8F72, 0x8F1B), alertCodes(sim));
        assertTrue(esme(sim).firmware().orElseThrow().heldImage().isEmpty(), "the corrupt image is not held");
        assertEquals(ActivationOutcome.NO_IMAGE_HELD, esme(sim).activate(Fixtures.manufacturerImageHash(image)));
    }

    @Test
    void g7_heldImageIntactAcrossAPowerCutIsNotReportedAgain() {
        Simulation sim = sim();
        holding(sim, Fixtures.gbImage(NEW, 2048));
        esme(sim).powerOff();
        esme(sim).powerOn();
        sim.advance(HOUR);
        assertEquals(List.of(0x8F72), alertCodes(sim));
        assertTrue(esme(sim).firmware().orElseThrow().heldImage().isPresent(), "verified again at power-on, held");
    }

    @Test
    void sr11_3_g7_cs06ActivatesTheEsmeAndTheNewVersionRaises8F43() {
        Simulation sim = sim();
        byte[] image = holding(sim, Fixtures.gbImage(NEW, 2048));
        List<WanMessage> wrong = sim.gbcs().receive(sim.supplier().cs06(ESME, Fixtures.sha256(new byte[] {1}),
                Optional.empty()));
        assertEquals(2, ((UseCaseRecord.Cs06Response) UseCaseCodec.decode(GbcsCodec.decode(
                wrong.get(0).bytes().toByteArray())).orElseThrow()).outcome(), "hash mismatch");
        List<WanMessage> ok = sim.gbcs().receive(sim.supplier().cs06(ESME, Fixtures.manufacturerImageHash(image),
                Optional.empty()));
        GbcsMessage resp = GbcsCodec.decode(ok.get(0).bytes().toByteArray());
        assertEquals(Verdict.VALID, VERIFIER.verify(resp, PKI).signature());
        assertEquals(0, ((UseCaseRecord.Cs06Response) UseCaseCodec.decode(resp).orElseThrow()).outcome());
        sim.advance(HOUR);
        assertEquals(NEW, esme(sim).runningFirmwareVersion());
        assertEquals(List.of(0x8F72, 0x8F43), alertCodes(sim));
        UseCaseRecord.DlmsFirmwareReceiptAlert changed = receipt(sim.gbcs().sent(0x00CE).get(1));
        assertArrayEquals(Fixtures.manufacturerImageHash(image), changed.hash().toByteArray(),
                "the hash of the firmware now executing");
    }

    @Test
    void sr11_3_futureDatedCs06ToTheEsmeActivatesAtItsTimeWith0x00CA() {
        Simulation sim = sim();
        byte[] image = holding(sim, Fixtures.gbImage(NEW, 2048));
        Instant at = sim.hub().instantNow().plusSeconds(3 * 3600).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        List<WanMessage> r = sim.gbcs().receive(sim.supplier().cs06(ESME, Fixtures.manufacturerImageHash(image),
                Optional.of(at)));
        assertEquals(new UseCaseRecord.Null(), UseCaseCodec.decode(GbcsCodec.decode(r.get(0).bytes().toByteArray()))
                .orElseThrow());
        sim.advance(2 * HOUR);
        assertEquals(OLD, esme(sim).runningFirmwareVersion(), "not before its time");
        sim.advance(2 * HOUR);
        assertEquals(NEW, esme(sim).runningFirmwareVersion());
        var fd = (UseCaseRecord.FutureDatedActivationAlert) UseCaseCodec.decode(GbcsCodec.decode(
                sim.gbcs().sent(0x00CA).get(0).bytes().toByteArray())).orElseThrow();
        assertEquals(HubGbcsService.ALERT_FUTURE_DATED_ACTIONED, fd.alertCode());
        assertEquals(List.of(0x8F72, 0x8F43), alertCodes(sim));
    }

    @Test
    void sr11_3_cancelledCs06LeavesTheEsmeOnItsVersion() {
        Simulation sim = sim();
        byte[] image = holding(sim, Fixtures.gbImage(NEW, 2048));
        byte[] hash = Fixtures.manufacturerImageHash(image);
        sim.gbcs().receive(sim.supplier().cs06(ESME, hash, Optional.of(sim.hub().instantNow().plusSeconds(3600))));
        sim.gbcs().receive(sim.supplier().cs06Cancel(ESME, hash));
        sim.advance(3 * HOUR);
        assertEquals(OLD, esme(sim).runningFirmwareVersion());
        assertTrue(sim.gbcs().sent(0x00CA).isEmpty());
    }

    @Test
    void anEsmeWithoutHanFirmwareIsStillRefusedDistribution() {
        Simulation sim = Simulation.builder().seed(5).pki(PKI).hub(Fixtures.hub())
                .electricityMeter(new ElectricityMeter.Spec("esme", ESME, 0x0005, OLD)).build();
        List<HubGbcsService.DistributionResult> r = sim.gbcs().updateFirmware(Fixtures.gbImage(NEW, 512), List.of(ESME));
        assertTrue(r.get(0).refusal().isPresent(), "no OTA client on that meter");
    }

    @Test
    void g7_gsmeFormAlertIsSealedAs0x00CFWithTheUtcTime() {
        Simulation sim = sim();
        long gsme = 0x00DB_1234_5678_90A1L;
        byte[] hash = Fixtures.sha256(new byte[] {7});
        sim.hub().firmwareAlerts().raise(new FirmwareAlert(gsme, FirmwareAlert.GSME_RECEIPT, 0x8F1C, 0x1C37_4A80L,
                Bytes.of(hash)));
        GbcsMessage m = GbcsCodec.decode(sim.gbcs().sent(0x00CF).get(0).bytes().toByteArray());
        assertEquals(gsme, m.groupingHeader().originator());
        var a = (UseCaseRecord.GbzFirmwareReceiptAlert) UseCaseCodec.decode(m).orElseThrow();
        assertEquals(0x8F1C, a.alertCode());
        assertEquals(0x1C37_4A80L, a.utcTime());
        assertArrayEquals(hash, a.hash().toByteArray());
    }

    @Test
    void corruptingOutsideTheCandidateIsATypedError() {
        Simulation sim = sim();
        assertThrows(IllegalArgumentException.class, () -> esme(sim).store().corruptCandidate(0));
    }
}
