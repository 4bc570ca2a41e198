package io.hansim.device.scenario;

import static io.hansim.device.Fixtures.HOUR;
import static io.hansim.device.Fixtures.NEW;
import static io.hansim.device.Fixtures.PPMID;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hansim.device.Fixtures;
import io.hansim.device.Fixtures.RecordingSink;
import io.hansim.device.Simulation;
import io.hansim.device.han.TraceRecord;
import io.hansim.device.ppmid.Ppmid;
import io.hansim.device.sim.RunOutcome;
import io.hansim.zigbee.ota.OtaCluster;
import io.hansim.zigbee.zcl.ZclStatus;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** G.11 (optional, off by default): the "New OTA Firmware" flag and NOT_AUTHORIZED while nothing is staged. */
class NewFirmwareFlagTest {

    /** The status octets of the Query Next Image Responses the CH sent (ZCL header 3 octets, command 0x02). */
    private static List<Integer> qniStatuses(RecordingSink sink) {
        return sink.records.stream().filter(r -> r.kind() == TraceRecord.Kind.SEND)
                .filter(r -> r.frame().sourceEui64() == Fixtures.HUB && r.frame().clusterId() == OtaCluster.CLUSTER_ID)
                .map(r -> r.frame().payload().toArray())
                .filter(b -> b.length > 3 && (b[0] & 0x03) == 0x01 && b[2] == 0x02)
                .map(b -> b[3] & 0xFF).toList();
    }

    private static Simulation sim(boolean flag, RecordingSink sink) {
        return Simulation.builder().seed(11).hub(Fixtures.hub().withNewFirmwareFlag(flag))
                .ppmid(Ppmid.Spec.of("ppmid", PPMID, 0x0002, Fixtures.ppmidProfile().build()))
                .traceSink(sink).build();
    }

    @Test
    void g11_notAuthorizedWhileNothingIsStagedAndBit0OnceAnImageIs() {
        RecordingSink sink = new RecordingSink();
        Simulation sim = sim(true, sink);
        sim.advance(30 * HOUR); // the PPMID's own periodic queries
        assertTrue(!qniStatuses(sink).isEmpty(), "the PPMID queried");
        assertTrue(qniStatuses(sink).stream().allMatch(s -> s == ZclStatus.NOT_AUTHORIZED.code()),
                "NOT_AUTHORIZED while none is staged: " + qniStatuses(sink));
        assertEquals(Optional.of(0L), sim.hub().functionalNotificationFlags(PPMID));
        sim.hub().distribute(Fixtures.gbImage(NEW, 1024), PPMID);
        assertEquals(Optional.of(1L), sim.hub().functionalNotificationFlags(PPMID), "bit 0: New OTA Firmware");
        assertEquals(RunOutcome.CONDITION_MET, sim.runUntil(() -> sim.hub().readBack(PPMID).isPresent(), 12 * HOUR));
        assertEquals(NEW, sim.ppmid(PPMID).runningFirmwareVersion(), "a staged image is still served");
        assertEquals(Optional.of(0L), sim.hub().functionalNotificationFlags(PPMID), "cleared when it ended");
    }

    @Test
    void g11_offByDefault() {
        RecordingSink sink = new RecordingSink();
        Simulation sim = sim(false, sink);
        sim.advance(30 * HOUR);
        assertTrue(!qniStatuses(sink).isEmpty());
        assertTrue(qniStatuses(sink).stream().allMatch(s -> s == ZclStatus.NO_IMAGE_AVAILABLE.code()));
        assertEquals(Optional.empty(), sim.hub().functionalNotificationFlags(PPMID));
    }
}
