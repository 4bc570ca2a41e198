package io.hansim.device.scenario;

import static io.hansim.device.Fixtures.HOUR;
import static io.hansim.device.Fixtures.HUB;
import static io.hansim.device.Fixtures.NEW;
import static io.hansim.device.Fixtures.OLD;
import static io.hansim.device.Fixtures.PPMID;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hansim.device.Fixtures;
import io.hansim.device.Fixtures.RecordingSink;
import io.hansim.device.Simulation;
import io.hansim.device.han.LinkFaults;
import io.hansim.device.ppmid.Ppmid;
import io.hansim.device.sim.RunOutcome;
import io.hansim.zigbee.ota.client.ClientAction;
import io.hansim.zigbee.ota.client.ClientProfile;
import io.hansim.zigbee.ota.client.ClientQuirk;
import io.hansim.zigbee.ota.client.DiscardReason;
import io.hansim.zigbee.ota.image.DeterministicEcdsa;
import io.hansim.device.gb.Ccs08Code;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Faults 2 and 3 of issue 13. A distribution has a lifecycle that ends in exactly one CCS08; after it
 * ends the CH does not offer that image to that device again unless a new SR 11.4 asks (R7.6, R7.8,
 * R7.14). And CCS08 code 0 at the end of the transfer is never the last word: every read-back ends
 * in a 0x012B that says what the device runs (R7.10).
 */
class DistributionLifecycleTest {
    private static final long DAY = 24 * HOUR;

    private static long ccs08(Simulation sim) {
        return OtaAlerts.firmwareAlerts(sim, PPMID).stream().filter(a -> a.startsWith("CCS08")).count();
    }

    /**
     * R7.8 on a hopeless link: 85 % of the frames each way are lost, so a transfer stalls and the CH
     * gives up (code 3). The PPMID keeps asking every hour, and some of its queries get through:
     * they are not offered the image again, so one distribution gives one CCS08 in 24 h. A new
     * distribute opens a new lifecycle with its own (one) CCS08.
     */
    @Test
    void r7_8_aHopelessLinkGivesOneCcs08PerDistributionIn24Hours() {
        RecordingSink sink = new RecordingSink();
        Simulation sim = Simulation.builder().seed(13).hub(Fixtures.hub()).traceSink(sink)
                .ppmid(Ppmid.Spec.of("ppmid", PPMID, 0x0002, Fixtures.ppmidProfile().build()))
                .link(HUB, PPMID, LinkFaults.PERFECT.withLoss(85)).build();
        byte[] image = Fixtures.gbImage(NEW, 64 * 1024);
        sim.hub().distribute(image, PPMID);
        sim.advance(DAY);
        assertEquals(List.of("CCS08 3"), OtaAlerts.firmwareAlerts(sim, PPMID), "one distribution, one CCS08");
        assertEquals(OLD, sim.ppmid(PPMID).runningFirmwareVersion());
        assertTrue(OtaAlerts.refusedQueries(sink, HUB, PPMID) > 0,
                "the PPMID's hourly queries did get through, and were answered NO_IMAGE_AVAILABLE");
        long offersDuringTheFirstDay = OtaAlerts.offers(sink, HUB, PPMID);

        // A new SR 11.4: a new lifecycle, on the same hopeless link, ends in its own single CCS08.
        sim.hub().distribute(image, PPMID);
        sim.advance(DAY);
        assertEquals(List.of("CCS08 3", "CCS08 3"), OtaAlerts.firmwareAlerts(sim, PPMID));
        assertTrue(OtaAlerts.offers(sink, HUB, PPMID) >= offersDuringTheFirstDay, "served again after the new distribute");
    }

    /**
     * R7.14 and R7.8: a PPMID that does not trust the image's signature discards it and says
     * INVALID_IMAGE; the CH reports CCS08 code 1 once and does not serve it again every hour (it did
     * three times in three hours). A new distribute serves it once more.
     */
    @Test
    void r7_8_r7_14_anUntrustedImageIsDownloadedOnceAndReportedOncePerDistribution() {
        RecordingSink sink = new RecordingSink();
        var otherKey = DeterministicEcdsa.keyPairFromSeed("not the supplier's key", 1);
        ClientProfile distrusting = Fixtures.ppmidProfile().trustedKey(otherKey.getPublic()).build();
        Simulation sim = Simulation.builder().seed(13).hub(Fixtures.hub()).traceSink(sink)
                .ppmid(Ppmid.Spec.of("ppmid", PPMID, 0x0002, distrusting)).build();
        Ppmid p = sim.ppmid(PPMID);
        byte[] image = Fixtures.gbImage(NEW, 4096);
        sim.hub().distribute(image, PPMID);
        sim.advance(DAY);
        assertEquals(List.of("CCS08 1"), OtaAlerts.firmwareAlerts(sim, PPMID));
        assertEquals(image.length, OtaAlerts.blockBytesSent(sink, HUB, PPMID), "downloaded once in 24 h");
        assertEquals(1, p.ota().orElseThrow().actions(ClientAction.DiscardImage.class).stream()
                .filter(d -> d.reason() == DiscardReason.SIGNATURE_INVALID).count());

        sim.hub().distribute(image, PPMID);
        sim.advance(DAY);
        assertEquals(List.of("CCS08 1", "CCS08 1"), OtaAlerts.firmwareAlerts(sim, PPMID));
        assertEquals(2L * image.length, OtaAlerts.blockBytesSent(sink, HUB, PPMID), "once more, for the new SR 11.4");
        assertEquals(OLD, p.runningFirmwareVersion());
    }

    /**
     * A distribution that ended is not re-opened by a bare Image Notify (a scenario's {@code notify}
     * step): only a new distribute is a new SR 11.4 (R7.8).
     */
    @Test
    void r7_8_aNotifyAloneDoesNotReopenAnEndedDistribution() {
        Simulation sim = Simulation.builder().seed(13).hub(Fixtures.hub())
                .ppmid(Ppmid.Spec.legacyNoOta("legacy", PPMID, 0x0002, OLD)).build();
        var key = sim.hub().distribute(Fixtures.gbImage(NEW, 1024), PPMID);
        assertEquals(RunOutcome.CONDITION_MET, sim.runUntil(() -> ccs08(sim) == 1, HOUR));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> sim.hub().notify(PPMID, key));
        assertTrue(e.getMessage().contains("has ended"), e.getMessage());
        sim.advance(DAY);
        assertEquals(List.of("CCS08 3"), OtaAlerts.firmwareAlerts(sim, PPMID), "R7.12: one code 3, then silence");
        sim.hub().distribute(Fixtures.gbImage(NEW, 1024), PPMID);
        sim.advance(HOUR);
        assertEquals(List.of("CCS08 3", "CCS08 3"), OtaAlerts.firmwareAlerts(sim, PPMID));
    }

    /** How the read-back of fault 3 goes wrong. */
    enum ReadBackFailure {
        /** The PPMID is off when the CH reads back: no answer. */
        DEVICE_OFF,
        /** The link dies after the activation: no answer. */
        DEAD_LINK,
        /** The image does not boot: the PPMID runs the old version (it says so in its next query). */
        OTHER_VERSION,
        /** The PPMID has no CurrentFileVersion attribute: UNSUPPORTED_ATTRIBUTE, activation unconfirmed. */
        UNSUPPORTED_ATTRIBUTE
    }

    /**
     * R7.10: CCS08 code 0 goes out when the transfer ends; a read-back that gets no answer, reads
     * another version or gets UNSUPPORTED_ATTRIBUTE is followed by 0x012B saying failure (Activate
     * Image 1), so the DCC never sees only "success" for a device that may still run the old version.
     */
    @ParameterizedTest
    @EnumSource(ReadBackFailure.class)
    void r7_10_readBackFailureRaises012B(ReadBackFailure how) {
        ClientProfile.Builder profile = Fixtures.ppmidProfile();
        if (how == ReadBackFailure.UNSUPPORTED_ATTRIBUTE) {
            profile.quirk(ClientQuirk.NO_CURRENT_FILE_VERSION);
        }
        Ppmid.Spec spec = Ppmid.Spec.of("ppmid", PPMID, 0x0002, profile.build())
                .withNewImagesFailingToBoot(how == ReadBackFailure.OTHER_VERSION);
        Simulation sim = Simulation.builder().seed(13).hub(Fixtures.hub()).ppmid(spec).build();
        Ppmid p = sim.ppmid(PPMID);
        sim.hub().distribute(Fixtures.gbImage(NEW, 4096), PPMID);
        assertEquals(RunOutcome.CONDITION_MET, sim.runUntil(() -> !p.activations().isEmpty() && p.isPowered(), 2 * HOUR));
        assertEquals(List.of("CCS08 0"), OtaAlerts.firmwareAlerts(sim, PPMID), "success when the transfer ended");
        switch (how) {
            case DEVICE_OFF -> p.powerOff();
            case DEAD_LINK -> sim.bus().setFaultsBothWays(HUB, PPMID, LinkFaults.PERFECT.withDown(sim.now(),
                    Long.MAX_VALUE));
            default -> {
            }
        }
        sim.advance(HOUR);
        String version = switch (how) {
            case OTHER_VERSION -> "01000001"; // the old version, read from the query after the failed boot
            default -> "00000000"; // nothing read (the form of a CS08 read failure, gbcs.md §8.2)
        };
        assertEquals(List.of("CCS08 0", "012B 1 " + version), OtaAlerts.firmwareAlerts(sim, PPMID));
        assertEquals(Ccs08Code.SUCCESS, sim.hub().transferOutcome(PPMID).orElseThrow().code(), "one CCS08");
        sim.advance(DAY);
        assertEquals(2, OtaAlerts.firmwareAlerts(sim, PPMID).size(), "nothing more for this distribution");
    }

    @Test
    void r7_10_aReadBackThatFindsTheNewVersionRaises012BSuccess() {
        Simulation sim = Simulation.builder().seed(13).hub(Fixtures.hub())
                .ppmid(Ppmid.Spec.of("ppmid", PPMID, 0x0002, Fixtures.ppmidProfile().build())).build();
        sim.hub().distribute(Fixtures.gbImage(NEW, 4096), PPMID);
        sim.advance(2 * HOUR);
        assertEquals(List.of("CCS08 0", "012B 0 01000002"), OtaAlerts.firmwareAlerts(sim, PPMID));
        assertEquals(NEW, sim.ppmid(PPMID).runningFirmwareVersion());
    }
}
