package io.hansim.device.gsme;

import static io.hansim.device.Fixtures.HUB;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hansim.device.Fixtures;
import io.hansim.device.Simulation;
import io.hansim.device.gbcs.WanMessage;
import io.hansim.device.han.TraceRecord;
import io.hansim.gbcs.CraFlag;
import io.hansim.gbcs.GbcsCodec;
import io.hansim.gbcs.GbcsMessage;
import io.hansim.gbcs.crypto.MessageVerifier;
import io.hansim.gbcs.crypto.TestPki;
import io.hansim.gbcs.crypto.Verdict;
import io.hansim.gbcs.usecase.UseCaseCodec;
import io.hansim.gbcs.usecase.UseCaseRecord;
import io.hansim.zigbee.events.EventsCluster;
import io.hansim.zigbee.tunneling.GbcsTunnelCommand;
import io.hansim.zigbee.tunneling.TunnelingCluster;
import io.hansim.zigbee.tunneling.TunnelingCodec;
import io.hansim.zigbee.tunneling.TunnelingCommand;
import io.hansim.zigbee.zcl.Bytes;
import io.hansim.zigbee.zcl.ZclHeader.Direction;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The GSME behind the GB tunnel (G.3) and CS11 clearing its event log (G.8): it sleeps, wakes every
 * sleep period ± seeded jitter, polls the CH with GET, takes queued GBCS commands as PUTs and answers
 * with a PUT the CH forwards to the WAN.
 */
class GsmeTunnelTest {
    static final long GSME = 0x00D0_0000_0000_0007L;
    static final long SECOND = 1_000_000;
    static final long MINUTE = 60 * SECOND;
    private static final TestPki PKI = new TestPki("gsme test");
    private static final MessageVerifier VERIFIER = new MessageVerifier(Simulation.DEFAULT_ACB,
            id -> (id >>> 32) == 0x00D0_0000L);

    record Frame(long time, TraceRecord.Kind kind, TraceRecord.Fate fate, long from, long to, Bytes zcl,
            int cluster, String detail) {
    }

    static Gsme.Spec spec(int entries) {
        return new Gsme.Spec("gsme", GSME, 0x0007, 0x0100_0001L, 10 * MINUTE, 30 * SECOND, 500_000, entries,
                TunnelingCluster.DEFAULT_GBCS_PROTOCOL_ID);
    }

    static Simulation sim(long seed, int entries, List<Frame> frames) {
        return sim(seed, entries, frames, io.hansim.device.han.LinkFaults.PERFECT);
    }

    static Simulation sim(long seed, int entries, List<Frame> frames, io.hansim.device.han.LinkFaults link) {
        return Simulation.builder().seed(seed).pki(PKI).hub(Fixtures.hub()).gsme(spec(entries)).link(link)
                .traceSink(r -> frames.add(new Frame(r.time(), r.kind(), r.fate(), r.frame().sourceEui64(),
                        r.receiverEui64(), r.frame().payload(), r.frame().clusterId(), r.detail())))
                .build();
    }

    static List<GbcsTunnelCommand> tunnel(List<Frame> frames, long from, Direction d) {
        List<GbcsTunnelCommand> out = new ArrayList<>();
        for (Frame f : frames) {
            if (f.kind() == TraceRecord.Kind.SEND && f.from() == from && f.cluster() == TunnelingCluster.CLUSTER_ID) {
                TunnelingCommand c = TunnelingCodec.decode(f.zcl().toArray()).command();
                if (c instanceof TunnelingCommand.TransferData t && t.direction() == d) {
                    out.add(GbcsTunnelCommand.decode(t.data()));
                }
            }
        }
        return out;
    }

    @Test
    void g3_gsmePollsWithTunnelGetAtEveryWake() {
        List<Frame> frames = new ArrayList<>();
        Simulation sim = sim(1, 0, frames);
        sim.advance(60 * MINUTE + 40 * SECOND);
        Gsme g = sim.gsme(GSME);
        // a wake at power-on, then one every 10 min ± 30 s: 6 or 7 in 60 min 40 s
        assertTrue(g.wakes() >= 6 && g.wakes() <= 7, "wakes " + g.wakes());
        long requests = frames.stream().filter(f -> f.kind() == TraceRecord.Kind.SEND && f.from() == GSME
                && f.cluster() == TunnelingCluster.CLUSTER_ID && TunnelingCodec.decode(f.zcl().toArray()).command() instanceof TunnelingCommand.RequestTunnel).count();
        assertEquals(1, requests, "one Request Tunnel, then GETs on the tunnel it opened");
        List<GbcsTunnelCommand> up = tunnel(frames, GSME, Direction.CLIENT_TO_SERVER);
        assertEquals(g.wakes(), up.size(), "one GET per wake: " + up);
        assertTrue(up.stream().allMatch(c -> c instanceof GbcsTunnelCommand.Get));
        List<GbcsTunnelCommand> down = tunnel(frames, HUB, Direction.SERVER_TO_CLIENT);
        assertEquals(up.size(), down.size());
        assertTrue(down.stream().allMatch(c -> c.equals(new GbcsTunnelCommand.GetResponse(0))), down.toString());
        assertFalse(g.awake(), "asleep between wakes");
    }

    @Test
    void g3_framesToASleepingGsmeAreDroppedReceiverAsleep() {
        List<Frame> frames = new ArrayList<>();
        Simulation sim = sim(1, 0, frames);
        sim.advance(MINUTE); // the first wake is over
        assertFalse(sim.gsme(GSME).awake());
        sim.hub().node().send(GSME, false, TunnelingCluster.CLUSTER_ID, Bytes.of(TunnelingCodec.encode(1,
                new TunnelingCommand.TransferData(Direction.SERVER_TO_CLIENT, 1, new GbcsTunnelCommand.GetResponse(0).encode()))));
        sim.advance(SECOND);
        Frame last = frames.get(frames.size() - 1);
        assertEquals(TraceRecord.Fate.DROPPED, last.fate());
        assertEquals("receiver asleep", last.detail());
        assertEquals(1, sim.bus().stats().receiverAsleep());
    }

    @Test
    void g3_wakeTimesAreSeededJitterAroundTheSleepPeriod() {
        List<Long> a = wakeTimes(5);
        assertEquals(a, wakeTimes(5), "same seed, same wakes");
        assertFalse(a.equals(wakeTimes(6)), "another seed moves the wakes");
        for (int i = 1; i < a.size(); i++) {
            long gap = a.get(i) - a.get(i - 1);
            // each GET is sent at the wake; the sleep starts when the answer has come (20 ms) or the window ends
            assertTrue(gap >= 10 * MINUTE - 30 * SECOND && gap <= 10 * MINUTE + 30 * SECOND + SECOND, "gap " + gap);
        }
    }

    private static List<Long> wakeTimes(long seed) {
        List<Frame> frames = new ArrayList<>();
        Simulation sim = sim(seed, 0, frames);
        sim.advance(5 * 60 * MINUTE);
        List<Long> out = new ArrayList<>();
        for (Frame f : frames) {
            if (f.kind() == TraceRecord.Kind.SEND && f.from() == GSME && f.cluster() == TunnelingCluster.CLUSTER_ID
                    && TunnelingCodec.decode(f.zcl().toArray()).command() instanceof TunnelingCommand.TransferData) {
                out.add(f.time());
            }
        }
        return out;
    }

    @Test
    void g8_cs11ClearsTheGsmeLogThroughTheTunnelAndAnswersTheBitmap() {
        List<Frame> frames = new ArrayList<>();
        Simulation sim = sim(3, 5, frames);
        Gsme g = sim.gsme(GSME);
        sim.advance(MINUTE);
        assertEquals(5, g.events().entries(EventsCluster.LOG_GENERAL).size());
        byte[] command = sim.supplier().cs11(GSME, EventsCluster.LOG_GENERAL);
        GbcsMessage cm = GbcsCodec.decode(command);
        assertTrue(sim.gbcs().receive(command).isEmpty(), "the answer comes when the GSME wakes");
        assertEquals(1, sim.hub().tunnel().queued(GSME));
        assertEquals(5, g.events().entries(EventsCluster.LOG_GENERAL).size(), "nothing happens while it sleeps");
        sim.advance(11 * MINUTE);
        assertEquals(0, g.events().entries(EventsCluster.LOG_GENERAL).size(), "cleared at its wake");
        assertEquals(0, sim.hub().tunnel().queued(GSME));
        List<GbcsTunnelCommand> down = tunnel(frames, HUB, Direction.SERVER_TO_CLIENT);
        assertTrue(down.contains(new GbcsTunnelCommand.Put(Bytes.of(command))), "the command went down as a PUT");
        List<WanMessage> out = sim.gbcs().sent(0x0015);
        assertEquals(1, out.size(), "one response on the WAN: " + sim.gbcs().rejections());
        byte[] wire = out.get(0).bytes().toByteArray();
        assertTrue(tunnel(frames, GSME, Direction.CLIENT_TO_SERVER).contains(new GbcsTunnelCommand.Put(Bytes.of(wire))),
                "the response came up as a PUT");
        GbcsMessage r = GbcsCodec.decode(wire);
        assertEquals(CraFlag.RESPONSE, r.groupingHeader().craFlag());
        assertEquals(GSME, r.groupingHeader().originator());
        assertEquals(Simulation.DEFAULT_SUPPLIER, r.groupingHeader().recipient());
        assertEquals(cm.groupingHeader().originatorCounter(), r.groupingHeader().originatorCounter());
        UseCaseRecord.Cs11Command c = (UseCaseRecord.Cs11Command) UseCaseCodec.decode(cm).orElseThrow();
        assertEquals(new UseCaseRecord.Cs11Response(c.tsn(), 0x08), UseCaseCodec.decode(r).orElseThrow());
        assertEquals(Verdict.VALID, VERIFIER.verify(r, PKI).mac());
    }

    @Test
    void g8_cs11ForALogTheGsmeDoesNotKeepClearsNothingAndAnswersZero() {
        Simulation sim = sim(3, 2, new ArrayList<>());
        sim.gbcs().receive(sim.supplier().cs11(GSME, EventsCluster.LOG_NETWORK));
        sim.advance(11 * MINUTE);
        GbcsMessage r = GbcsCodec.decode(sim.gbcs().sent(0x0015).get(0).bytes().toByteArray());
        assertEquals(EventsCluster.CLEARED_NONE, ((UseCaseRecord.Cs11Response) UseCaseCodec.decode(r).orElseThrow())
                .clearedEventsLogs());
        assertEquals(2, sim.gsme(GSME).events().entries(EventsCluster.LOG_GENERAL).size());
    }

    @Test
    void g8_cs11ToAnotherKindIsRefused() {
        Simulation sim = Simulation.builder().seed(3).pki(PKI).hub(Fixtures.hub())
                .gasProxy(new io.hansim.device.meter.GasProxy.Spec("gpf", Fixtures.GPF, 0x0006, 1)).build();
        assertTrue(sim.gbcs().receive(sim.supplier().cs11(Fixtures.GPF, 3)).isEmpty());
        assertEquals(1, sim.gbcs().rejections().size());
        assertTrue(sim.gbcs().rejections().get(0).detail().contains("CS11"), sim.gbcs().rejections().toString());
    }

    @Test
    void g3_getResponseSaysHowManyAreLeftAndTheGsmeAsksAgain() {
        List<Frame> frames = new ArrayList<>();
        Simulation sim = sim(3, 5, frames);
        sim.advance(MINUTE);
        sim.gbcs().receive(sim.supplier().cs11(GSME, EventsCluster.LOG_GENERAL));
        sim.gbcs().receive(sim.supplier().cs11(GSME, EventsCluster.LOG_SECURITY));
        assertEquals(2, sim.hub().tunnel().queued(GSME));
        sim.advance(11 * MINUTE);
        List<GbcsTunnelCommand> down = tunnel(frames, HUB, Direction.SERVER_TO_CLIENT);
        // first wake (boot): GET-RESPONSE 0; next wake: PUT, GET-RESPONSE 1, (GET) PUT, GET-RESPONSE 0
        assertEquals(new GbcsTunnelCommand.GetResponse(1), down.get(2), down.toString());
        assertEquals(new GbcsTunnelCommand.GetResponse(0), down.get(4), down.toString());
        assertEquals(2, sim.gbcs().sent(0x0015).size());
        assertEquals(3, sim.gsme(GSME).tunnel().getsSent(), "one GET at boot, two at the second wake");
    }

    @Test
    void g3_aChPowerCutKeepsTheTunnelsSoTheGsmeIsStillServed() {
        Simulation sim = sim(3, 5, new ArrayList<>());
        sim.advance(MINUTE);
        sim.hub().powerOff();
        sim.advance(SECOND);
        sim.hub().powerOn();
        sim.gbcs().receive(sim.supplier().cs11(GSME, EventsCluster.LOG_GENERAL));
        sim.advance(11 * MINUTE);
        assertEquals(1, sim.gbcs().sent(0x0015).size(), "answered through the tunnel opened before the cut");
    }

    @Test
    void g3_anAlertTheGsmeRaisesAsleepGoesUpTheTunnelAtItsNextWake() {
        // a signed alert needs a link that carries more than the default 100 octets (no APS fragmentation)
        Simulation sim = sim(3, 0, new ArrayList<>(), io.hansim.device.han.LinkFaults.PERFECT.withMaxPayload(1500));
        sim.advance(MINUTE);
        Gsme g = sim.gsme(GSME);
        assertFalse(g.awake());
        var body = new UseCaseRecord.GbzFirmwareReceiptAlert(0x8F72, g.utcNow(),
                io.hansim.gbcs.ByteString.of(new byte[32]));
        byte[] sent = g.gbcs().alert(0x00CF, Simulation.DEFAULT_ACB, body).orElseThrow();
        assertEquals(1, g.tunnel().outboxSize(), "held while asleep");
        assertTrue(sim.gbcs().sent(0x00CF).isEmpty());
        sim.advance(11 * MINUTE);
        assertEquals(0, g.tunnel().outboxSize());
        List<WanMessage> out = sim.gbcs().sent(0x00CF);
        assertEquals(1, out.size());
        assertEquals(Bytes.of(sent), Bytes.of(out.get(0).bytes().toByteArray()), "forwarded as the GSME sealed it");
        GbcsMessage m = GbcsCodec.decode(sent);
        assertEquals(CraFlag.ALERT, m.groupingHeader().craFlag());
        assertEquals(GSME, m.groupingHeader().originator());
        assertEquals(body, UseCaseCodec.decode(m).orElseThrow());
    }
}
