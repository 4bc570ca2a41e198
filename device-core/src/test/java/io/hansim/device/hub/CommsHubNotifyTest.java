package io.hansim.device.hub;

import static io.hansim.device.Fixtures.HOUR;
import static io.hansim.device.Fixtures.NEW;
import static io.hansim.device.Fixtures.PPMID;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.hansim.device.Fixtures;
import io.hansim.device.Fixtures.RecordingSink;
import io.hansim.device.Simulation;
import io.hansim.device.ppmid.Ppmid;
import io.hansim.device.han.TraceRecord;
import io.hansim.zigbee.ota.ImageNotify;
import io.hansim.zigbee.ota.OtaCluster;
import io.hansim.zigbee.ota.OtaCodec;
import io.hansim.zigbee.ota.server.ImageKey;
import io.hansim.zigbee.zcl.ZclFrame;
import io.hansim.zigbee.zcl.ZclHeader;
import org.junit.jupiter.api.Test;

/** {@link CommsHub#notify}: a fresh Image Notify for a staged image (a scenario's notify step). */
class CommsHubNotifyTest {

    static long notifies(RecordingSink sink) {
        return sink.records.stream().filter(r -> r.kind() == TraceRecord.Kind.SEND
                && r.frame().clusterId() == OtaCluster.CLUSTER_ID
                && ZclFrame.decode(r.frame().payload().toArray()).header().frameType() != ZclHeader.FrameType.GLOBAL
                && OtaCodec.decode(r.frame().payload().toArray()).command() instanceof ImageNotify).count();
    }

    @Test
    void notifySendsAnotherImageNotifyForTheStagedImage() {
        RecordingSink sink = new RecordingSink();
        Simulation sim = Simulation.builder().seed(1).hub(Fixtures.hub()).traceSink(sink)
                .ppmid(Ppmid.Spec.of("ppmid", PPMID, 0x0002, Fixtures.ppmidProfile().build())).build();
        ImageKey key = sim.hub().distribute(Fixtures.gbImage(NEW, 1024), PPMID);
        sim.advance(1_000_000); // the first Image Notify waits for the CH's Match Descriptor answer (G.5)
        assertEquals(1, notifies(sink));
        sim.hub().notify(PPMID, key);
        assertEquals(2, notifies(sink));
        sim.advance(HOUR);
        assertEquals(NEW, sim.ppmid(PPMID).runningFirmwareVersion(), "the upgrade still completes");
    }

    @Test
    void notifyWhilePoweredOffIsRefused() {
        Simulation sim = Simulation.builder().seed(1).hub(Fixtures.hub())
                .ppmid(Ppmid.Spec.of("ppmid", PPMID, 0x0002, Fixtures.ppmidProfile().build())).build();
        ImageKey key = sim.hub().distribute(Fixtures.gbImage(NEW, 1024), PPMID);
        sim.hub().powerOff();
        assertThrows(IllegalStateException.class, () -> sim.hub().notify(PPMID, key));
    }
}
