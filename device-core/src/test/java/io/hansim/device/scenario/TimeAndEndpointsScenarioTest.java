package io.hansim.device.scenario;

import static io.hansim.device.Fixtures.HOUR;
import static io.hansim.device.Fixtures.NEW;
import static io.hansim.device.Fixtures.PPMID;
import static io.hansim.device.Fixtures.SECOND;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hansim.device.Fixtures;
import io.hansim.device.Fixtures.RecordingSink;
import io.hansim.device.Simulation;
import io.hansim.device.han.HanBus;
import io.hansim.device.han.TraceRecord;
import io.hansim.device.node.DeviceClock;
import io.hansim.device.node.EndpointPolicy;
import io.hansim.device.ppmid.Ppmid;
import io.hansim.device.role.TimeClientRole;
import io.hansim.device.sim.RunOutcome;
import io.hansim.zigbee.ota.OtaCluster;
import io.hansim.zigbee.time.TimeAttribute;
import io.hansim.zigbee.zdo.MatchDescriptorRequest;
import io.hansim.zigbee.zdo.MatchDescriptorResponse;
import org.junit.jupiter.api.Test;

/** G.4 (the CH is the time master, devices correct their clocks) and G.5 (endpoints are discovered). */
class TimeAndEndpointsScenarioTest {

    private static Simulation ota(Simulation.Builder b, RecordingSink sink) {
        Simulation sim = b.seed(7).ppmid(Ppmid.Spec.of("ppmid", PPMID, 0x0002, Fixtures.ppmidProfile().build()))
                .traceSink(sink).build();
        sim.hub().distribute(Fixtures.gbImage(NEW, 2 * 1024), PPMID);
        return sim;
    }

    @Test
    void g5_aPpmidDiscoversTheChOnEndpoint0x7BAndUpgrades() {
        RecordingSink sink = new RecordingSink();
        Simulation sim = ota(Simulation.builder().hub(Fixtures.hub().withEndpoint(0x7B)).endpointDiscovery(true), sink);
        assertEquals(RunOutcome.CONDITION_MET,
                sim.runUntil(() -> sim.hub().readBack(PPMID).isPresent(), 12 * HOUR), "OTA and read-back finish");
        assertEquals(NEW, sim.ppmid(PPMID).runningFirmwareVersion());
        assertEquals(0x7B, sim.ppmid(PPMID).node().knownEndpoint(Fixtures.HUB, OtaCluster.CLUSTER_ID).orElseThrow(),
                "the PPMID found the OTA server at 0x7B");
        assertTrue(sink.records.stream().anyMatch(r -> r.kind() == TraceRecord.Kind.SEND
                && r.frame().clusterId() == MatchDescriptorRequest.CLUSTER_ID && r.frame().profileId() == 0
                && r.frame().destinationEndpoint() == 0), "Match Descriptor Request on profile 0, endpoint 0");
        assertTrue(sink.records.stream().anyMatch(r -> r.kind() == TraceRecord.Kind.SEND
                && r.frame().clusterId() == MatchDescriptorResponse.CLUSTER_ID), "answered");
        assertEquals(0, sim.bus().stats().noSuchEndpoint());
        assertTrue(sink.records.stream().filter(r -> r.kind() == TraceRecord.Kind.SEND)
                .filter(r -> r.frame().destinationEui64() == Fixtures.HUB && r.frame().profileId() != 0)
                .allMatch(r -> r.frame().destinationEndpoint() == 0x7B), "every ZCL unicast to the CH goes to 0x7B");
    }

    @Test
    void g5_aDeviceThatAssumesEndpoint1FailsAgainstAChOn0x7B() {
        RecordingSink sink = new RecordingSink();
        Simulation sim = ota(Simulation.builder().hub(Fixtures.hub().withEndpoint(0x7B)).endpointDiscovery(true)
                .assumesEndpoint1(PPMID), sink);
        assertEquals(EndpointPolicy.ASSUME_ENDPOINT_1, sim.ppmid(PPMID).node().endpointPolicy());
        assertFalse(RunOutcome.CONDITION_MET == sim.runUntil(() -> sim.hub().readBack(PPMID).isPresent(), 6 * HOUR));
        assertFalse(NEW == sim.ppmid(PPMID).runningFirmwareVersion(), "never upgraded");
        assertTrue(sim.bus().stats().noSuchEndpoint() > 0, "its frames died at the CH's APS layer");
        assertTrue(sink.records.stream().anyMatch(r -> r.fate() == TraceRecord.Fate.DROPPED
                && r.detail().startsWith(HanBus.NO_SUCH_ENDPOINT + ": 0x01, the device is on 0x7B")), "named fate");
    }

    @Test
    void g5_theSameDeviceWorksWhenTheChIsOnEndpoint1() {
        RecordingSink sink = new RecordingSink();
        Simulation sim = ota(Simulation.builder().hub(Fixtures.hub()).assumesEndpoint1(PPMID), sink);
        assertEquals(RunOutcome.CONDITION_MET,
                sim.runUntil(() -> sim.hub().readBack(PPMID).isPresent(), 12 * HOUR));
    }

    @Test
    void g4_aDriftingClockIsCorrectedFromTheChTimeAtJoinAndOnSchedule() {
        RecordingSink sink = new RecordingSink();
        Simulation sim = Simulation.builder().seed(3).hub(Fixtures.hub())
                .ppmid(Ppmid.Spec.of("ppmid", PPMID, 0x0002, Fixtures.ppmidProfile().build()))
                .clock(PPMID, new DeviceClock(-600, 1000)) // 10 minutes slow, 1000 ppm fast
                .timeSync(HOUR).traceSink(sink).build();
        var node = sim.ppmid(PPMID).node();
        sim.advance(5 * SECOND);
        TimeClientRole client = node.role(TimeClientRole.class).orElseThrow();
        assertEquals(1, client.syncs(), "set at join");
        assertTrue(Math.abs(node.clock().errorAt(sim.now())) < 2 * SECOND, "error after the sync: "
                + node.clock().errorAt(sim.now()));
        // Just before the next sync the drift has built up: 1000 ppm of an hour = 3.6 s (- the sub-second
        // lag), more than the one-second window a whole-second Time leaves, so the next sync steps it.
        sim.advance(HOUR - 10 * SECOND);
        long drifted = node.clock().errorAt(sim.now());
        assertTrue(drifted > 2 * SECOND && drifted < 5 * SECOND, "drifted: " + drifted);
        sim.advance(20 * SECOND);
        assertEquals(2, client.syncs(), "synced again on schedule");
        assertTrue(Math.abs(node.clock().errorAt(sim.now())) < SECOND + 1, "corrected again");
        // The device stamps with its own view: utcNow follows its clock, the CH's is the master.
        assertEquals(sim.time().zclUtcTimeAt(node.clock().localAt(sim.now())), sim.ppmid(PPMID).utcNow());
        assertTrue(sink.records.stream().anyMatch(r -> r.frame().clusterId() == TimeAttribute.CLUSTER_ID
                && r.frame().sourceEui64() == Fixtures.HUB), "the CH answered on the Time cluster");
    }

    @Test
    void g4_withoutTimeSyncTheClockKeepsItsError() {
        Simulation sim = Simulation.builder().seed(3).hub(Fixtures.hub()).noTimeSync()
                .ppmid(Ppmid.Spec.of("ppmid", PPMID, 0x0002, Fixtures.ppmidProfile().build()))
                .clock(PPMID, new DeviceClock(-600, 0)).build();
        sim.advance(HOUR);
        assertEquals(-600 * SECOND, sim.ppmid(PPMID).node().clock().errorAt(sim.now()));
        assertEquals(sim.hub().utcNow() - 600, sim.ppmid(PPMID).utcNow(), "the device's own view of UTC");
    }

    @Test
    void g4_theChServesTimeStatus0x09() {
        Simulation sim = Simulation.builder().seed(3).hub(Fixtures.hub()).build();
        var attrs = sim.hub().node().role(io.hansim.device.role.TimeServerRole.class).orElseThrow().attributes();
        assertEquals(io.hansim.zigbee.zcl.ZclValue.bitmap8(0x09), attrs.get(TimeAttribute.TIME_STATUS.id()));
        assertEquals(new io.hansim.zigbee.zcl.ZclValue.UtcTime(sim.hub().utcNow()), attrs.get(TimeAttribute.TIME.id()));
    }

    @Test
    void g4_whatADeviceStampsUsesItsOwnClockUntilTheChSetsIt() {
        var tenancy = io.hansim.device.cot.TenancyConfig.of(io.hansim.device.cot.CotProfile.ppmid(
                new io.hansim.device.cot.SpecVersion(5, 0), io.hansim.device.Fixtures.ESME, io.hansim.device.Fixtures.GPF));
        // One day behind, and no time sync: its top-up is stamped with its own (wrong) date.
        Simulation off = Simulation.builder().seed(3).hub(Fixtures.hub()).noTimeSync()
                .ppmid(Ppmid.Spec.of("ppmid", PPMID, 0x0002, Fixtures.ppmidProfile().build()).withTenancy(tenancy))
                .clock(PPMID, new DeviceClock(-86_400, 0)).build();
        off.advance(HOUR);
        off.ppmid(PPMID).recordTopUp("TOPUP-1", 500);
        assertEquals(off.hub().utcNow() - 86_400,
                off.ppmid(PPMID).occupierData().records().get(0).recordedAtUtc(), "the device's view of time");
        // The same device with time sync: set at join, its stamp is the CH's time (within the sync's second).
        Simulation on = Simulation.builder().seed(3).hub(Fixtures.hub())
                .ppmid(Ppmid.Spec.of("ppmid", PPMID, 0x0002, Fixtures.ppmidProfile().build()).withTenancy(tenancy))
                .clock(PPMID, new DeviceClock(-86_400, 0)).timeSync(0).build();
        on.advance(HOUR);
        on.ppmid(PPMID).recordTopUp("TOPUP-1", 500);
        long stamped = on.ppmid(PPMID).occupierData().records().get(0).recordedAtUtc();
        assertTrue(stamped >= on.hub().utcNow() - 1 && stamped <= on.hub().utcNow(), "corrected: " + stamped);
    }

    @Test
    void g4_g5_sameSeedSameTraceWithDiscoveryTimeSyncAndDriftingClocks() {
        java.util.function.Supplier<String> run = () -> {
            RecordingSink sink = new RecordingSink();
            Simulation sim = ota(Simulation.builder().hub(Fixtures.hub().withEndpoint(0x7B)).endpointDiscovery(true)
                    .timeSync(HOUR).clock(PPMID, new DeviceClock(-30, 333.3))
                    .link(io.hansim.device.han.LinkFaults.PERFECT.withLoss(10).withDelay(5_000, 50_000)), sink);
            sim.runUntil(() -> sim.hub().readBack(PPMID).isPresent(), 24 * HOUR);
            return sink.fingerprint() + "/" + sink.records.size();
        };
        assertEquals(run.get(), run.get());
    }

    /** Decision 0025: a plain simulation discovers endpoints and syncs time daily; both can be turned off. */
    @Test
    void g4_g5_discoveryAndADailyTimeSyncAreTheDefault() {
        Simulation on = Simulation.builder().seed(3).hub(Fixtures.hub())
                .ppmid(Ppmid.Spec.of("ppmid", PPMID, 0x0002, Fixtures.ppmidProfile().build())).build();
        var node = on.ppmid(PPMID).node();
        assertEquals(io.hansim.device.node.EndpointPolicy.DISCOVER, node.endpointPolicy());
        assertTrue(node.role(TimeClientRole.class).isPresent(), "a time client by default");
        Simulation off = Simulation.builder().seed(3).hub(Fixtures.hub()).endpointDiscovery(false).noTimeSync()
                .ppmid(Ppmid.Spec.of("ppmid", PPMID, 0x0002, Fixtures.ppmidProfile().build())).build();
        assertEquals(io.hansim.device.node.EndpointPolicy.BOUND, off.ppmid(PPMID).node().endpointPolicy());
        assertTrue(off.ppmid(PPMID).node().role(TimeClientRole.class).isEmpty(), "no time client when off");
        // A perfect clock stays perfect through the daily syncs (a whole-second Time that shows it right
        // does not step it).
        on.advance(25 * HOUR);
        assertEquals(0, node.clock().errorAt(on.now()), "a right clock is left alone");
        assertEquals(0, node.role(TimeClientRole.class).orElseThrow().syncs());
    }
}
