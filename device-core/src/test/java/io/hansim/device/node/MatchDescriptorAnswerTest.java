package io.hansim.device.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hansim.device.han.ApsFrame;
import io.hansim.device.han.HanBus;
import io.hansim.device.role.BasicServer;
import io.hansim.device.role.TimeServerRole;
import io.hansim.device.sim.Scheduler;
import io.hansim.device.sim.Seeds;
import io.hansim.zigbee.zcl.Bytes;
import io.hansim.zigbee.zdo.MatchDescriptorRequest;
import io.hansim.zigbee.zdo.MatchDescriptorResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** G.5: how a node answers Match Descriptor Requests for its endpoint's clusters. */
class MatchDescriptorAnswerTest {
    private final Scheduler scheduler = new Scheduler();
    private final HanBus bus = new HanBus(scheduler, new Seeds(1));
    private final List<ApsFrame> probe = new ArrayList<>();

    private Node node() {
        Node n = new Node("ch", 0xC1, 0x0000, 0x7B, bus, 1);
        n.add(new BasicServer(n.port()));
        n.add(new TimeServerRole(n.port()));
        n.attachAndBoot();
        bus.attach(0xAA, 0x0010, 1, probe::add);
        return n;
    }

    private void ask(int addr, List<Integer> in, List<Integer> out) {
        byte[] q = new MatchDescriptorRequest(5, addr, 0x0109, in, out).encode();
        bus.send(new ApsFrame(0xAA, 0x0010, 0, 0xC1, 0x0000, 0, 0x0000, MatchDescriptorRequest.CLUSTER_ID, 0,
                Bytes.of(q)));
        scheduler.run();
    }

    @Test
    void g5_aServerClusterMatchNamesTheEndpoint() {
        Node n = node();
        ask(0x0000, List.of(0x000A), List.of());
        assertEquals(1, probe.size());
        ApsFrame a = probe.get(0);
        assertEquals(0x0000, a.profileId());
        assertEquals(0, a.sourceEndpoint());
        assertEquals(0, a.destinationEndpoint());
        assertEquals(new MatchDescriptorResponse(5, 0, 0x0000, List.of(0x7B)),
                MatchDescriptorResponse.decode(a.payload().toArray()));
        assertEquals(0, n.discoveryFailures());
    }

    @Test
    void g5_noMatchGetsAnEmptyListToAUnicastAndSilenceToABroadcastQuestion() {
        node();
        ask(0x0000, List.of(0x0702), List.of(0x000A)); // no Metering; Time is a server here, not a client
        assertEquals(List.of(), MatchDescriptorResponse.decode(probe.get(0).payload().toArray()).matchList());
        probe.clear();
        ask(0xFFFD, List.of(0x0702), List.of());
        assertTrue(probe.isEmpty(), "a broadcast question is answered only by a match");
        ask(0x1234, List.of(0x000A), List.of());
        assertTrue(probe.isEmpty(), "a question about another device is not answered");
    }

    @Test
    void g5_aMalformedRequestIsDroppedWithoutAnAnswer() {
        node();
        bus.send(new ApsFrame(0xAA, 0x0010, 0, 0xC1, 0x0000, 0, 0x0000, MatchDescriptorRequest.CLUSTER_ID, 0,
                Bytes.of(new byte[] {1, 2})));
        scheduler.run();
        assertTrue(probe.isEmpty());
    }
}
