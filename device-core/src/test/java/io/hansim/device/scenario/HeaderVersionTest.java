package io.hansim.device.scenario;

import static io.hansim.device.Fixtures.HOUR;
import static io.hansim.device.Fixtures.KEY;
import static io.hansim.device.Fixtures.NEW;
import static io.hansim.device.Fixtures.OLD;
import static io.hansim.device.Fixtures.PPMID;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hansim.device.Fixtures;
import io.hansim.device.Simulation;
import io.hansim.device.ppmid.Ppmid;
import io.hansim.device.sim.RunOutcome;
import io.hansim.zigbee.ota.client.ClientAction;
import io.hansim.zigbee.ota.client.DiscardReason;
import io.hansim.zigbee.ota.image.GbImages;
import io.hansim.zigbee.ota.image.OtaImageParser;
import io.hansim.zigbee.ota.image.OtaImageReport;
import io.hansim.zigbee.ota.image.SimulatedFirmware;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Issue 14 item 6: a device believes its firmware, not the header. The GB signature covers only the
 * Manufacturer Image (zigbee-ota.md §8), so flipped bits of the header's File Version leave it
 * VALID; the firmware inside says its own version, and a device refuses an image whose header and
 * firmware disagree (INVALID_IMAGE), keeps what it runs, and the CH hears the truth.
 */
class HeaderVersionTest {
    /** Offset of File Version in the OTA header: identifier 4, version 2, length 2, control 2, mfr 2, type 2. */
    private static final int FILE_VERSION_OFFSET = 14;

    private static byte[] withHeaderVersion(byte[] image, long version) {
        byte[] out = image.clone();
        for (int i = 0; i < 4; i++) {
            out[FILE_VERSION_OFFSET + i] = (byte) (version >>> (8 * i));
        }
        return out;
    }

    private static Simulation sim() {
        return sim(Fixtures.ppmidProfile().build());
    }

    private static Simulation sim(io.hansim.zigbee.ota.client.ClientProfile profile) {
        return Simulation.builder().seed(14).hub(Fixtures.hub()).ppmid(Ppmid.Spec.of("ppmid", PPMID, 0x0002, profile))
                .build();
    }

    /** A PPMID as the CLI simulates one: it takes the SR 11.4 form, and the signed form only when it verifies. */
    private static Simulation ppmidTakingTheSr114Form() {
        return sim(Fixtures.ppmidProfile().gbSignaturePolicy(io.hansim.zigbee.ota.client.GbSignaturePolicy.IF_SIGNED)
                .build());
    }

    @Test
    void r7_14_headerFileVersionFlippedInASignedImageIsRefusedAndTheDeviceKeepsItsVersion() {
        byte[] image = Fixtures.gbImage(NEW, 4096);
        long flipped = NEW ^ 0x0010_0100L; // two bits of the header's File Version, still newer than OLD
        byte[] tampered = withHeaderVersion(image, flipped);
        OtaImageReport r = OtaImageParser.parse(tampered);
        assertEquals(flipped, r.header().fileVersion());
        assertTrue(GbImages.verify(r.gbBody(), KEY.getPublic()), "the GB signature is still VALID: it covers the body");
        assertEquals(NEW, SimulatedFirmware.version(r.gbBody().manufacturerImage()).orElseThrow());

        Simulation sim = sim();
        sim.hub().distribute(tampered, PPMID);
        assertEquals(RunOutcome.CONDITION_MET, sim.runUntil(() -> sim.hub().transferOutcome(PPMID).isPresent(),
                24 * HOUR));
        sim.advance(2 * HOUR);
        Ppmid p = sim.ppmid(PPMID);
        List<ClientAction.DiscardImage> discards = p.ota().orElseThrow().actions(ClientAction.DiscardImage.class);
        assertEquals(1, discards.size(), discards.toString());
        assertEquals(DiscardReason.FIRMWARE_VERSION_MISMATCH, discards.get(0).reason());
        assertTrue(discards.get(0).reason().isVerificationFailure(), "answered INVALID_IMAGE");
        assertEquals(OLD, p.runningFirmwareVersion(), "the device keeps the firmware it runs");
        assertEquals(List.of("CCS08 1"), OtaAlerts.firmwareAlerts(sim, PPMID), "the CH reports the refusal");
        assertTrue(sim.hub().readBack(PPMID).map(rb -> rb.versionRead().orElse(OLD) == OLD).orElse(true),
                "no read-back says the flipped version runs: " + sim.hub().readBack(PPMID));
        assertTrue(OtaAlerts.firmwareAlerts(sim, PPMID).stream().noneMatch(a -> a.contains("CCS08 0")));
    }

    /**
     * The SR 11.4 form a PPMID takes has no signature at all (decision 0014), so nothing stops a header
     * and a body edited together; the PPMID still checks the firmware's version against the header,
     * so a header edited on its own is refused the same way (decision 0017).
     */
    @Test
    void r7_14_headerFileVersionFlippedInTheUnsignedPpmidFormIsRefusedToo() {
        io.hansim.zigbee.zcl.Bytes mi = SimulatedFirmware.manufacturerImage(NEW, 4096, NEW);
        byte[] image = new io.hansim.zigbee.ota.image.OtaImageBuilder().manufacturerCode(Fixtures.MANUFACTURER)
                .imageType(Fixtures.IMAGE_TYPE).fileVersion(NEW).hardwareVersions(0x0100, 0x01FF)
                .headerString("hansim device-core image").gbBody(io.hansim.zigbee.ota.image.GbBody.unsigned(mi))
                .buildBytes().toArray();
        Simulation sim = ppmidTakingTheSr114Form();
        sim.hub().distribute(withHeaderVersion(image, NEW ^ 0x0000_0100L), PPMID);
        assertEquals(RunOutcome.CONDITION_MET, sim.runUntil(() -> sim.hub().transferOutcome(PPMID).isPresent(),
                24 * HOUR));
        Ppmid p = sim.ppmid(PPMID);
        assertEquals(List.of(DiscardReason.FIRMWARE_VERSION_MISMATCH), p.ota().orElseThrow()
                .actions(ClientAction.DiscardImage.class).stream().map(ClientAction.DiscardImage::reason).toList());
        assertEquals(OLD, p.runningFirmwareVersion());

        Simulation clean = ppmidTakingTheSr114Form();
        clean.hub().distribute(image, PPMID);
        assertEquals(RunOutcome.CONDITION_MET, clean.runUntil(() -> clean.hub().readBack(PPMID).isPresent(), 24 * HOUR));
        assertEquals(NEW, clean.ppmid(PPMID).runningFirmwareVersion(), "the same image, untouched, is taken");
    }

    @Test
    void r7_10_anUntamperedImageActivatesAndTheReadBackSaysTheFirmwaresVersion() {
        Simulation sim = sim();
        sim.hub().distribute(Fixtures.gbImage(NEW, 4096), PPMID);
        assertEquals(RunOutcome.CONDITION_MET, sim.runUntil(() -> sim.hub().readBack(PPMID).isPresent(), 24 * HOUR));
        assertEquals(NEW, sim.ppmid(PPMID).runningFirmwareVersion());
        assertEquals(NEW, sim.hub().readBack(PPMID).orElseThrow().versionRead().orElseThrow());
    }
}
