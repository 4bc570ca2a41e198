package io.hansim.device.scenario;

import static io.hansim.device.Fixtures.HOUR;
import static io.hansim.device.Fixtures.HCALCS;
import static io.hansim.device.Fixtures.MANUFACTURER;
import static io.hansim.device.Fixtures.IMAGE_TYPE;
import static io.hansim.device.Fixtures.NEW;
import static io.hansim.device.Fixtures.OLD;
import static io.hansim.device.Fixtures.PPMID;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hansim.device.Fixtures;
import io.hansim.device.Simulation;
import io.hansim.device.gbcs.HubGbcsService;
import io.hansim.device.han.LinkFaults;
import io.hansim.device.hcalcs.Hcalcs;
import io.hansim.device.ppmid.Ppmid;
import io.hansim.device.sim.RunOutcome;
import io.hansim.device.storage.NonVolatileStore;
import io.hansim.zigbee.ota.attr.OtaClientAttribute;
import io.hansim.zigbee.ota.client.ClientAction;
import io.hansim.zigbee.ota.client.DiscardReason;
import io.hansim.zigbee.ota.client.GbSignaturePolicy;
import io.hansim.zigbee.ota.image.GbBody;
import io.hansim.zigbee.ota.image.GbForm;
import io.hansim.zigbee.ota.image.OtaImageBuilder;
import io.hansim.device.gb.Ccs08Code;
import io.hansim.zigbee.ota.server.ReadBackStatus;
import io.hansim.zigbee.zcl.ZclValue;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Fault 4 of issue 13: a PPMID image in the SR 11.4 form (OTA header + Manufacturer Image, no
 * {@code 00 40} signature tail: zigbee-ota.md §8, requirements G.6) is staged by the CH, downloaded
 * by the PPMID, activated on download and read back (R7.4, R7.10). Before the fix the CH refused it
 * at staging with ELEMENT_OVERRUN.
 */
class GbImageFormsScenarioTest {

    /** An SR 11.4 image for the fixtures' PPMID; {@code gbHeader}: G.6's 60-byte header with a hardware range. */
    static byte[] sr114Image(long version, int manufacturerImageLength, boolean gbHeader) {
        OtaImageBuilder b = new OtaImageBuilder().manufacturerCode(MANUFACTURER).imageType(IMAGE_TYPE)
                .fileVersion(version).headerString("hansim SR 11.4 PPMID image");
        if (gbHeader) {
            b.hardwareVersions(0x0100, 0x01FF);
        }
        return b.gbBody(GbBody.unsigned(OtaImageBuilder.generatedPayload(version, manufacturerImageLength)))
                .buildBytes().toArray();
    }

    /** The fixtures' PPMID (trusting the fixtures' key) with the PPMID setting for unsigned GB images. */
    static Ppmid.Spec ppmid() {
        return Ppmid.Spec.of("ppmid", PPMID, 0x0002,
                Fixtures.ppmidProfile().gbSignaturePolicy(GbSignaturePolicy.IF_SIGNED).build());
    }

    @Test
    void r7_4_g6_anSr114FormImageIsDistributedDownloadedActivatedAndItsVersionRuns() {
        byte[] image = sr114Image(NEW, 20_000, true);
        Simulation sim = Simulation.builder().seed(13).hub(Fixtures.hub()).ppmid(ppmid())
                .link(LinkFaults.PERFECT.withLoss(3).withDelay(5_000, 40_000)).build();
        Ppmid ppmid = sim.ppmid(PPMID);

        // SR 11.4 as the DCC hands it to the CH.
        List<HubGbcsService.DistributionResult> r = sim.gbcs().updatePpmidFirmware(image, List.of(PPMID));
        assertEquals(Optional.empty(), r.get(0).refusal(), r.get(0).detail());
        assertEquals(Optional.of(GbForm.PPMID),
                sim.hub().otaServer().store().image(r.get(0).image().orElseThrow()).orElseThrow().gbForm());

        assertEquals(RunOutcome.CONDITION_MET, sim.runUntil(() -> sim.hub().readBack(PPMID).isPresent(), 24 * HOUR));
        assertEquals(List.of(NonVolatileStore.ActivationResult.ACTIVATED), ppmid.activations());
        assertEquals(NEW, ppmid.runningFirmwareVersion());
        assertArrayEquals(image, ppmid.store().running().image().toArray(), "the SR 11.4 file byte for byte");
        assertEquals(ZclValue.uint32(NEW), ppmid.otaClient().orElseThrow()
                .attribute(OtaClientAttribute.CURRENT_FILE_VERSION).orElseThrow());
        assertEquals(Ccs08Code.SUCCESS, sim.hub().transferOutcome(PPMID).orElseThrow().code());
        assertEquals(ReadBackStatus.VERSION_MATCHES, sim.hub().readBack(PPMID).orElseThrow().status());
        assertTrue(sim.gbcs().sent(0x0128).size() == 1, "one CCS08");
    }

    @Test
    void r7_4_g6_anSr114ImageWithoutAHardwareRangeIsStagedToo() {
        // A 56-byte header is not G.6's shape, so the parser alone cannot call the body GB; the CH
        // stages what a firmware distribution carries, a GB image (decision 0014).
        byte[] image = sr114Image(NEW, 4096, false);
        Simulation sim = Simulation.builder().seed(14).hub(Fixtures.hub()).ppmid(ppmid()).build();
        sim.hub().distribute(image, PPMID);
        assertEquals(RunOutcome.CONDITION_MET, sim.runUntil(() -> sim.hub().readBack(PPMID).isPresent(), 24 * HOUR));
        assertEquals(NEW, sim.ppmid(PPMID).runningFirmwareVersion());
        assertEquals(ReadBackStatus.VERSION_MATCHES, sim.hub().readBack(PPMID).orElseThrow().status());
    }

    @Test
    void g6_anHcalcsStillRequiresTheSignedForm() {
        // HCALCS-style devices get the signed form (SR 11.1); the default profile policy refuses an
        // SR 11.4 body: the CH stages it, the device discards it as unsigned.
        Simulation sim = Simulation.builder().seed(15).hub(Fixtures.hub())
                .hcalcs(new Hcalcs.Spec("hcalcs", HCALCS, 0x0004, Fixtures.ppmidProfile().name("test-hcalcs").build()))
                .build();
        sim.hub().distribute(sr114Image(NEW, 4096, true), HCALCS);
        assertEquals(RunOutcome.CONDITION_MET,
                sim.runUntil(() -> sim.hub().transferOutcome(HCALCS).isPresent(), 24 * HOUR));
        assertEquals(OLD, sim.hcalcs(HCALCS).runningFirmwareVersion());
        assertTrue(sim.hcalcs(HCALCS).ota().actions(ClientAction.DiscardImage.class).stream()
                .anyMatch(d -> d.reason() == DiscardReason.SIGNATURE_MISSING));
    }

    @Test
    void aSignedImageStillReachesAPpmidThatTakesBothForms() {
        Simulation sim = Simulation.builder().seed(16).hub(Fixtures.hub()).ppmid(ppmid()).build();
        sim.hub().distribute(Fixtures.gbImage(NEW, 4096), PPMID);
        assertEquals(RunOutcome.CONDITION_MET, sim.runUntil(() -> sim.hub().readBack(PPMID).isPresent(), 24 * HOUR));
        assertEquals(NEW, sim.ppmid(PPMID).runningFirmwareVersion());
    }
}
