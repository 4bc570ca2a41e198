package io.hansim.device.hub;

import static io.hansim.device.Fixtures.HUB;
import static io.hansim.device.Fixtures.IMAGE_TYPE;
import static io.hansim.device.Fixtures.MANUFACTURER;
import static io.hansim.device.Fixtures.NEW;
import static io.hansim.device.Fixtures.OLD;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hansim.device.Fixtures;
import io.hansim.device.Simulation;
import io.hansim.device.gb.Ccs08Code;
import io.hansim.device.gb.DeviceClass;
import io.hansim.device.han.ApsFrame;
import io.hansim.device.sim.SimTime;
import io.hansim.zigbee.ota.ImageBlockRequest;
import io.hansim.zigbee.ota.ImageBlockResponse;
import io.hansim.zigbee.ota.ImageNotify;
import io.hansim.zigbee.ota.OtaCluster;
import io.hansim.zigbee.ota.OtaCodec;
import io.hansim.zigbee.ota.OtaCommand;
import io.hansim.zigbee.ota.OtaFrame;
import io.hansim.zigbee.ota.QueryNextImageRequest;
import io.hansim.zigbee.ota.QueryNextImageResponse;
import io.hansim.zigbee.ota.server.OtaServerConfig;
import io.hansim.zigbee.ota.server.TransferResult;
import io.hansim.zigbee.zcl.Bytes;
import io.hansim.zigbee.zcl.ZclFrame;
import io.hansim.zigbee.zcl.ZclHeader;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The CH's own OTA policy, now that the Zigbee server holds none: it supplies the offer policy
 * (R7.2, R202.4), maps the server's outcomes to CCS08 codes, and gives the server the HAN's one
 * UTC origin. A bare node on the bus plays the client, so that every frame is the test's own.
 */
class CommsHubOtaPolicyTest {
    private static final long NODE = 0x00D0_0000_0000_0077L;
    private static final long OTHER_PPMID = 0x00D0_0000_0000_0078L;

    /** A node on the bus that keeps the OTA commands the CH sends it and can send its own. */
    private static final class Node {
        final Simulation sim;
        final long eui;
        final List<OtaCommand> received = new ArrayList<>();
        int tsn = 0x10;

        Node(Simulation sim, long eui, int shortAddress) {
            this.sim = sim;
            this.eui = eui;
            sim.bus().attach(eui, shortAddress, 1, f -> {
                if (f.clusterId() == OtaCluster.CLUSTER_ID && ZclFrame.decode(f.payload().toArray()).header()
                        .frameType() != ZclHeader.FrameType.GLOBAL) {
                    received.add(OtaCodec.decode(f.payload().toArray()).command());
                }
            });
        }

        OtaCommand ask(OtaCommand c) {
            int before = received.size();
            sim.bus().send(new ApsFrame(eui, 0x0BAD, 1, HUB, 0x0000, 1, ApsFrame.PROFILE_SMART_ENERGY,
                    OtaCluster.CLUSTER_ID, 0, Bytes.of(OtaCodec.encode(OtaFrame.of(tsn++, c)))));
            sim.advance(SimTime.seconds(1));
            assertEquals(before + 1, received.size(), "one answer to " + c);
            return received.get(received.size() - 1);
        }
    }

    private static Simulation sim(CommsHub.Spec hub) {
        return Simulation.builder().seed(7).hub(hub).build();
    }

    @Test
    void r7_2_ihdNeverOfferedByTheHubPolicy() {
        Simulation sim = sim(Fixtures.hub());
        Node ihd = new Node(sim, NODE, 0x0077);
        sim.hub().join(NODE, DeviceClass.IHD, null);
        // An image for exactly the identity the IHD asks with is staged for a PPMID beside it.
        sim.hub().join(OTHER_PPMID, DeviceClass.PPMID, null);
        sim.hub().distribute(Fixtures.gbImage(NEW, 1024), OTHER_PPMID);

        assertTrue(sim.hub().otaServer().isExcluded(NODE), "the CH's policy refuses the IHD");
        assertEquals(QueryNextImageResponse.NO_IMAGE_AVAILABLE,
                ihd.ask(QueryNextImageRequest.of(MANUFACTURER, IMAGE_TYPE, OLD)));
        assertInstanceOf(ImageBlockResponse.StatusOnly.class,
                ihd.ask(ImageBlockRequest.of(MANUFACTURER, IMAGE_TYPE, NEW, 0, 64)), "no block either");
        assertFalse(ihd.received.stream().anyMatch(ImageNotify.class::isInstance), "never notified");
        assertEquals(List.of(), sim.hub().transferOutcomes().stream().filter(o -> o.client() == NODE).toList());
    }

    @Test
    void r7_2_theSameNodeRegisteredAsAPpmidIsOffered() {
        // The control for the test above: the refusal comes from the class the CH registered, nothing else.
        Simulation sim = sim(Fixtures.hub());
        Node node = new Node(sim, NODE, 0x0077);
        sim.hub().join(NODE, DeviceClass.PPMID, null);
        sim.hub().join(OTHER_PPMID, DeviceClass.PPMID, null);
        sim.hub().distribute(Fixtures.gbImage(NEW, 1024), OTHER_PPMID);
        assertFalse(sim.hub().otaServer().isExcluded(NODE));
        assertTrue(node.ask(QueryNextImageRequest.of(MANUFACTURER, IMAGE_TYPE, OLD)) instanceof QueryNextImageResponse r
                && r.hasImage());
    }

    @Test
    void r202_4_aPpmidInASmets1SystemIsRefusedByTheHubPolicyAtJoinAndAfterABoot() {
        Simulation sim = sim(Fixtures.hub());
        Node ppmid = new Node(sim, NODE, 0x0077);
        sim.hub().join(NODE, DeviceClass.PPMID, () -> io.hansim.device.inventory.SmetsVersion.SMETS1);
        sim.hub().join(OTHER_PPMID, DeviceClass.PPMID, null);
        sim.hub().distribute(Fixtures.gbImage(NEW, 1024), OTHER_PPMID);
        assertEquals(QueryNextImageResponse.NO_IMAGE_AVAILABLE,
                ppmid.ask(QueryNextImageRequest.of(MANUFACTURER, IMAGE_TYPE, OLD)));
        sim.hub().powerOff();
        sim.hub().powerOn();
        sim.advance(SimTime.seconds(1));
        assertTrue(sim.hub().otaServer().isExcluded(NODE), "the fresh server after the boot asks the same policy");
        assertEquals(QueryNextImageResponse.NO_IMAGE_AVAILABLE,
                ppmid.ask(QueryNextImageRequest.of(MANUFACTURER, IMAGE_TYPE, OLD)));
    }

    @Test
    void r7_6_r7_7_r7_8_r7_10_theChMapsEveryServerOutcomeToItsCcs08Code() {
        // One CCS08 code for every result the server can report; the four codes all in use.
        EnumSet<Ccs08Code> used = EnumSet.noneOf(Ccs08Code.class);
        for (TransferResult r : TransferResult.values()) {
            used.add(Ccs08Code.of(r));
        }
        assertEquals(EnumSet.allOf(Ccs08Code.class), used);
        assertEquals(Ccs08Code.SUCCESS, Ccs08Code.of(TransferResult.UPGRADED));
        assertEquals(Ccs08Code.SUCCESS, Ccs08Code.of(TransferResult.UPGRADED_UNCONFIRMED));
        assertEquals(Ccs08Code.IMAGE_DISCARDED, Ccs08Code.of(TransferResult.INVALID_IMAGE));
        assertEquals(Ccs08Code.IMAGE_DISCARDED, Ccs08Code.of(TransferResult.IMAGE_REMOVED));
        assertEquals(Ccs08Code.IMAGE_DISCARDED, Ccs08Code.of(TransferResult.VERSION_UNCHANGED));
        assertEquals(Ccs08Code.HARDWARE_VERSION_MISMATCH, Ccs08Code.of(TransferResult.HARDWARE_MISMATCH));
        for (TransferResult r : EnumSet.of(TransferResult.ABORTED, TransferResult.TIMED_OUT,
                TransferResult.NO_MATCHING_IMAGE, TransferResult.READ_BACK_FAILED, TransferResult.SUPERSEDED)) {
            assertEquals(Ccs08Code.FILE_TRANSFER_FAILURE, Ccs08Code.of(r), r.name());
        }
    }

    @Test
    void r7_12_anUnansweredNotifyIsCcs08Code3AtTheHub() {
        Simulation sim = sim(Fixtures.hub());
        new Node(sim, NODE, 0x0077); // attached, never answers
        sim.hub().join(NODE, DeviceClass.PPMID, null);
        sim.hub().distribute(Fixtures.gbImage(NEW, 1024), NODE);
        sim.advance(SimTime.seconds(3600));
        Ccs08Outcome o = sim.hub().transferOutcome(NODE).orElseThrow();
        assertEquals(TransferResult.TIMED_OUT, o.result());
        assertEquals(Ccs08Code.FILE_TRANSFER_FAILURE, o.code());
    }

    /**
     * One clock: a CH on a bus whose epoch is not the default (as every fleet hub's is) serves
     * WAIT_FOR_DATA in UTC form with the HAN's UTC, not with a second origin of its own.
     */
    @Test
    void oneClock_theChUtcFollowsAShiftedBusEpoch() {
        Instant epoch = Instant.parse("2031-07-15T08:30:00Z");
        CommsHub.Spec hub = Fixtures.hub().withOta(OtaServerConfig.builder(HUB).blockSizeCap(64)
                .waitForData(new OtaServerConfig.WaitForData(OtaServerConfig.WaitForDataForm.WITH_MINIMUM_BLOCK_PERIOD,
                        0, Duration.ofSeconds(30), OtaServerConfig.TimeForm.UTC))
                .build());
        Simulation sim = Simulation.builder().seed(7).hub(hub).epoch(epoch).build();
        Node node = new Node(sim, NODE, 0x0077);
        sim.hub().join(NODE, DeviceClass.PPMID, null);
        byte[] image = Fixtures.gbImage(NEW, 1024);
        sim.hub().distribute(image, NODE, 0); // nothing has arrived from the WAN yet (R7.7)
        sim.advance(SimTime.seconds(100));
        assertTrue(node.ask(QueryNextImageRequest.of(MANUFACTURER, IMAGE_TYPE, OLD)) instanceof QueryNextImageResponse q
                && q.hasImage());
        var wait = assertInstanceOf(ImageBlockResponse.WaitForData.class,
                node.ask(ImageBlockRequest.of(MANUFACTURER, IMAGE_TYPE, NEW, 0, 64)));
        // The frame is built when the request arrives, a moment before the node's ask returns.
        long expected = sim.bus().time().zclUtcTimeAt(sim.now());
        assertTrue(wait.currentTime() <= expected && wait.currentTime() >= expected - 1,
                "CurrentTime " + wait.currentTime() + " is the HAN's UTC " + expected);
        assertTrue(wait.currentTime() > io.hansim.zigbee.zcl.ZclUtcTime.fromInstant(epoch),
                "after the shifted epoch, not near the default 2025-01-01 origin");
        assertEquals(wait.currentTime() + 30, wait.requestTime());
    }
}
