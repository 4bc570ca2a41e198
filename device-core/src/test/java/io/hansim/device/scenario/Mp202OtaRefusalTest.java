package io.hansim.device.scenario;

import static io.hansim.device.Fixtures.HOUR;
import static io.hansim.device.Fixtures.MINUTE;
import static io.hansim.device.Fixtures.NEW;
import static io.hansim.device.Fixtures.PPMID;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hansim.device.Fixtures;
import io.hansim.device.Fixtures.RecordingSink;
import io.hansim.device.Simulation;
import io.hansim.device.gbcs.HubGbcsService;
import io.hansim.device.hub.DistributionRefusedException;
import io.hansim.device.hub.DistributionRefusedException.Reason;
import io.hansim.device.inventory.PpmidSmetsCapability;
import io.hansim.device.inventory.RefusalReason;
import io.hansim.device.inventory.SmetsVersion;
import io.hansim.device.ppmid.Ppmid;
import io.hansim.device.han.TraceRecord;
import io.hansim.zigbee.ota.OtaCluster;
import io.hansim.zigbee.ota.OtaCommand;
import io.hansim.zigbee.ota.QueryNextImageRequest;
import io.hansim.zigbee.ota.QueryNextImageResponse;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Fault 5 of issue 13, R202.4 (MP202 §7 Requirement 7): OTA goes only to dual-mode or SMETS2+ PPMIDs
 * whose resulting SMETS version (the CH's, R202.3) is SMETS2+. Every other combination is refused
 * with a typed reason and no HAN traffic follows. Before the fix a SMETS1-only PPMID joined to a
 * SMETS2+ CH took the CH's version and was upgraded.
 */
class Mp202OtaRefusalTest {

    /** The PPMID's capability × the CH's SMETS version → the CH's refusal, or SERVED. */
    @ParameterizedTest(name = "{0} PPMID under a {1} CH: {2}")
    @CsvSource({
        "S1,     SMETS1,      PPMID_IN_SMETS1_SYSTEM",
        "S1,     SMETS2_PLUS, PPMID_NOT_SMETS2_CAPABLE",
        "S2PLUS, SMETS1,      PPMID_IN_SMETS1_SYSTEM",
        "S2PLUS, SMETS2_PLUS, SERVED",
        "DUAL,   SMETS1,      PPMID_IN_SMETS1_SYSTEM",
        "DUAL,   SMETS2_PLUS, SERVED"})
    void r202_4_onlyDualOrSmets2PpmidsInSmets2SystemsGetOtaOthersAreRefusedWithoutHanTraffic(
            PpmidSmetsCapability capability, SmetsVersion ch, String expected) {
        for (boolean viaGbcs : new boolean[] {false, true}) {
            Simulation sim = Simulation.builder().seed(202).hub(Fixtures.hub().withSmets(ch))
                    .ppmid(Ppmid.Spec.of("ppmid", PPMID, 0x0002, Fixtures.ppmidProfile().build())
                            .withSmets(capability, SmetsVersion.SMETS2_PLUS))
                    .build();
            // Let the PPMID's own start-up traffic (its first Query Next Image) pass; its next periodic
            // query is an hour away, so from here on every frame is the distribution's doing.
            sim.advance(10 * MINUTE);
            long before = sim.bus().stats().sent();
            Optional<Reason> refusal = distribute(sim, viaGbcs);
            sim.advance(30 * MINUTE);
            long frames = sim.bus().stats().sent() - before;
            String how = capability + " under " + ch + (viaGbcs ? " via SR 11.4" : " direct");
            if (expected.equals("SERVED")) {
                assertEquals(Optional.empty(), refusal, how);
                assertTrue(frames > 0, how + ": the CH notifies and serves");
                assertTrue(!sim.hub().otaServer().store().keys().isEmpty(), how);
            } else {
                assertEquals(Optional.of(Reason.valueOf(expected)), refusal, how);
                assertEquals(0, frames, how + ": no HAN traffic follows a refusal");
                assertTrue(sim.hub().otaServer().store().keys().isEmpty(), how + ": nothing staged");
            }
        }
    }

    private static Optional<Reason> distribute(Simulation sim, boolean viaGbcs) {
        byte[] image = Fixtures.gbImage(NEW, 4096);
        if (viaGbcs) {
            List<HubGbcsService.DistributionResult> r = sim.gbcs().updatePpmidFirmware(image, List.of(PPMID));
            return r.get(0).refusal();
        }
        try {
            sim.hub().distribute(image, PPMID);
            return Optional.empty();
        } catch (DistributionRefusedException e) {
            assertEquals(PPMID, e.target());
            return Optional.of(e.reason());
        }
    }

    /**
     * The other door: an image staged for a dual-mode PPMID is not served to a SMETS1-only PPMID of
     * the same model on the same SMETS2+ CH when it asks by itself (periodic Query Next Image): the
     * CH answers it NO_IMAGE_AVAILABLE and sends it no Image Notify and no block.
     */
    @Test
    void r202_4_aRefusedPpmidCannotFetchByQueryAnImageStagedForItsNeighbour() {
        long neighbour = 0x00D0_0000_0000_0022L;
        RecordingSink sink = new RecordingSink();
        Simulation sim = Simulation.builder().seed(2024).hub(Fixtures.hub()).traceSink(sink)
                .ppmid(Ppmid.Spec.of("s1-only", PPMID, 0x0002, Fixtures.ppmidProfile().build())
                        .withSmets(PpmidSmetsCapability.S1, SmetsVersion.SMETS1))
                .ppmid(Ppmid.Spec.of("dual", neighbour, 0x0022, Fixtures.ppmidProfile().ieeeAddress(neighbour).build()))
                .build();
        byte[] image = Fixtures.gbImage(NEW, 4096);
        var results = sim.gbcs().updatePpmidFirmware(image, List.of(PPMID, neighbour));
        assertEquals(Optional.of(Reason.PPMID_NOT_SMETS2_CAPABLE), results.get(0).refusal());
        assertEquals(Optional.empty(), results.get(1).refusal());
        sim.advance(4 * HOUR); // several periodic queries of the refused PPMID
        assertEquals(NEW, sim.ppmid(neighbour).runningFirmwareVersion());
        assertEquals(Fixtures.OLD, sim.ppmid(PPMID).runningFirmwareVersion());
        assertTrue(sim.hub().otaServer().isExcluded(PPMID));
        int queries = 0;
        for (TraceRecord r : sink.records) {
            if (r.kind() != TraceRecord.Kind.SEND || r.frame().clusterId() != OtaCluster.CLUSTER_ID) {
                continue;
            }
            OtaCommand c = RequirementScenariosTest.ota(r.frame());
            if (r.frame().sourceEui64() == PPMID && c instanceof QueryNextImageRequest) {
                queries++;
            }
            if (r.frame().sourceEui64() == Fixtures.HUB && r.frame().destinationEui64() == PPMID) {
                assertTrue(c == null || c instanceof QueryNextImageResponse q && q.status() != io.hansim.zigbee.zcl.ZclStatus.SUCCESS,
                        "nothing but NO_IMAGE_AVAILABLE for the refused PPMID: " + c);
            }
        }
        assertTrue(queries >= 3, "it did ask: " + queries);
    }

    /** The rule as the inventory states it, the same table. */
    @ParameterizedTest(name = "{0} resulting {1}: {2}")
    @CsvSource({
        "S1,     SMETS1,      OTA_SMETS1_SYSTEM",
        "S1,     SMETS2_PLUS, TARGET_CAPABILITY_MISMATCH",
        "S2PLUS, SMETS1,      OTA_SMETS1_SYSTEM",
        "S2PLUS, SMETS2_PLUS, ",
        "DUAL,   SMETS1,      OTA_SMETS1_SYSTEM",
        "DUAL,   SMETS2_PLUS, "})
    void r202_4_theCapabilityRule(PpmidSmetsCapability capability, SmetsVersion resulting, RefusalReason expected) {
        assertEquals(Optional.ofNullable(expected), capability.otaRefusal(resulting));
        assertThrows(NullPointerException.class, () -> capability.otaRefusal(null));
    }

}
