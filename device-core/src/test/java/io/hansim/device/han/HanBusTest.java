package io.hansim.device.han;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hansim.device.Fixtures.RecordingSink;
import io.hansim.device.sim.Scheduler;
import io.hansim.device.sim.Seeds;
import io.hansim.device.han.TraceRecord;
import io.hansim.device.han.TraceRecord.Fate;
import io.hansim.device.han.TraceRecord.Kind;
import io.hansim.zigbee.zcl.Bytes;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class HanBusTest {
    static final long A = 0xA;
    static final long B = 0xB;
    static final long C = 0xC;

    /** A bus with three devices that record what they receive. */
    static final class Rig {
        final Scheduler scheduler = new Scheduler();
        final HanBus bus;
        final RecordingSink sink = new RecordingSink();
        final List<ApsFrame> atA = new ArrayList<>();
        final List<ApsFrame> atB = new ArrayList<>();
        final List<ApsFrame> atC = new ArrayList<>();

        Rig(long seed) {
            bus = new HanBus(scheduler, new Seeds(seed));
            bus.addTraceSink(sink);
            bus.attach(A, 0x0000, 1, atA::add);
            bus.attach(B, 0x0001, 1, atB::add);
            bus.attach(C, 0x0002, 1, atC::add);
        }

        void send(long from, long to, int counter, int payloadLength) {
            bus.send(frame(from, to, counter, payloadLength));
        }
    }

    static ApsFrame frame(long from, long to, int counter, int payloadLength) {
        boolean bc = to == ApsFrame.BROADCAST_EUI64;
        byte[] p = new byte[payloadLength];
        p[0] = (byte) counter;
        return new ApsFrame(from, (int) from, 1, to, bc ? ApsFrame.BROADCAST_RX_ON_WHEN_IDLE : (int) to,
                bc ? 0xFF : 1, ApsFrame.PROFILE_SMART_ENERGY, 0x0019, counter & 0xFF, Bytes.of(p));
    }

    /** Sends 2000 frames A→B spaced 1 ms apart under the given faults and returns the rig afterwards. */
    static Rig stress(long seed, LinkFaults f) {
        Rig r = new Rig(seed);
        r.bus.setFaults(A, B, f);
        for (int i = 0; i < 2000; i++) {
            int n = i;
            r.scheduler.at(i * 1_000L, () -> r.send(A, B, n, 10));
        }
        r.scheduler.run();
        return r;
    }

    @Test
    void lossDuplicationAndReorderingFollowTheSeedAndTheRates() {
        LinkFaults f = LinkFaults.PERFECT.withLoss(10).withDuplication(5).withDelay(1_000, 20_000);
        Rig r1 = stress(7, f);
        Rig r2 = stress(7, f);
        Rig r3 = stress(8, f);
        assertEquals(r1.sink.fingerprint(), r2.sink.fingerprint(), "same seed, same trace");
        assertNotEquals(r1.sink.fingerprint(), r3.sink.fingerprint());

        HanBus.Stats s = r1.bus.stats();
        assertEquals(2000, s.sent());
        assertTrue(s.lost() > 150 && s.lost() < 250, "about 10 % lost: " + s.lost());
        assertTrue(s.duplicated() > 50 && s.duplicated() < 140, "about 5 % of the rest doubled: " + s.duplicated());
        assertEquals(s.sent() - s.lost(), s.delivered());
        assertEquals(s.delivered() + s.duplicated(), r1.atB.size());
        int inversions = 0;
        for (int i = 1; i < r1.atB.size(); i++) {
            if (r1.atB.get(i).apsCounter() < r1.atB.get(i - 1).apsCounter()
                    && r1.atB.get(i - 1).apsCounter() - r1.atB.get(i).apsCounter() < 100) {
                inversions++;
            }
        }
        assertTrue(inversions > 100, "a delay spread wider than the spacing reorders: " + inversions);
    }

    @Test
    void anotherLinksTrafficDoesNotChangeThisLinksFaults() {
        LinkFaults f = LinkFaults.PERFECT.withLoss(30);
        Rig quiet = new Rig(3);
        Rig busy = new Rig(3);
        quiet.bus.setDefaultFaults(f);
        busy.bus.setDefaultFaults(f);
        for (int i = 0; i < 200; i++) {
            quiet.send(A, B, i, 4);
            busy.send(C, B, i, 4); // extra traffic on C→B only
            busy.send(A, B, i, 4);
        }
        quiet.scheduler.run();
        busy.scheduler.run();
        List<Integer> q = quiet.atB.stream().map(ApsFrame::apsCounter).toList();
        List<Integer> b = busy.atB.stream().filter(x -> x.sourceEui64() == A).map(ApsFrame::apsCounter).toList();
        assertEquals(q, b, "A→B losses depend only on the A→B stream");
    }

    @Test
    void aLinkDownWindowDropsEverythingInsideIt() {
        Rig r = new Rig(1);
        r.bus.setFaults(A, B, LinkFaults.PERFECT.withDown(100_000, 200_000));
        for (int i = 0; i < 30; i++) {
            int n = i;
            r.scheduler.at(i * 10_000L, () -> r.send(A, B, n, 4));
        }
        r.scheduler.run();
        assertEquals(20, r.atB.size());
        assertEquals(10, r.sink.records.stream().filter(x -> "link down".equals(x.detail())).count());
        assertTrue(r.atB.stream().noneMatch(f -> f.apsCounter() >= 10 && f.apsCounter() < 20));
    }

    @Test
    void faultsApplyOnlyInsideTheirWindow() {
        Rig r = new Rig(1);
        r.bus.setFaults(A, B, LinkFaults.PERFECT.withLoss(100).withFaultWindow(0, 50_000));
        r.scheduler.at(10_000, () -> r.send(A, B, 1, 4));
        r.scheduler.at(60_000, () -> r.send(A, B, 2, 4));
        r.scheduler.run();
        assertEquals(List.of(2), r.atB.stream().map(ApsFrame::apsCounter).toList());
    }

    @Test
    void aPoweredOffDeviceReceivesNothingEvenInFlight() {
        Rig r = new Rig(1);
        r.send(A, B, 1, 4); // arrives at 10 ms
        r.scheduler.at(5_000, () -> r.bus.setPowered(B, false));
        r.scheduler.at(20_000, () -> r.send(A, B, 2, 4));
        r.scheduler.at(40_000, () -> r.bus.setPowered(B, true));
        r.scheduler.at(50_000, () -> r.send(A, B, 3, 4));
        r.scheduler.run();
        assertEquals(List.of(3), r.atB.stream().map(ApsFrame::apsCounter).toList());
        assertEquals(2, r.bus.stats().receiverOff());
    }

    @Test
    void aBroadcastReachesEveryOtherDevice() {
        Rig r = new Rig(1);
        r.send(A, ApsFrame.BROADCAST_EUI64, 9, 4);
        r.scheduler.run();
        assertEquals(0, r.atA.size(), "not to the sender");
        assertEquals(1, r.atB.size());
        assertEquals(1, r.atC.size());
    }

    /**
     * Issue 13, fault 6: a unicast whose addressee is not on the HAN carries the "address unknown"
     * network address 0xFFFE; it is still a unicast, dropped with the reason in the trace, never handed
     * to the devices that are there.
     */
    @Test
    void aUnicastToADeviceNotOnTheHanIsDroppedNotBroadcast() {
        Rig r = new Rig(1);
        long absent = 0xE5;
        ApsFrame f = new ApsFrame(A, 0x0000, 1, absent, ApsFrame.ADDRESS_UNKNOWN, 1, ApsFrame.PROFILE_SMART_ENERGY,
                0x0708, 0, Bytes.of(new byte[] {0x00, 0x01, 0x00}));
        assertTrue(!f.isBroadcast(), "0xFFFE is not a broadcast address");
        r.bus.send(f);
        r.scheduler.run();
        assertTrue(r.atA.isEmpty() && r.atB.isEmpty() && r.atC.isEmpty(), "nobody receives it");
        assertEquals(1, r.bus.stats().noSuchDevice());
        TraceRecord drop = r.sink.records.get(r.sink.records.size() - 1);
        assertEquals(Fate.DROPPED, drop.fate());
        assertEquals(HanBus.NOT_ON_THE_HAN, drop.detail());
        assertEquals(absent, drop.receiverEui64());
    }

    @Test
    void g5_aUnicastToAnEndpointTheDeviceLacksIsDroppedWithANamedFate() {
        Rig r = new Rig(1);
        r.bus.send(new ApsFrame(A, 0x0000, 1, B, 0x0001, 0x7B, ApsFrame.PROFILE_SMART_ENERGY, 0x0019, 0,
                Bytes.of(new byte[] {0x01, 0x00, 0x01})));
        r.scheduler.run();
        assertTrue(r.atB.isEmpty(), "B is on endpoint 1");
        assertEquals(1, r.bus.stats().noSuchEndpoint());
        assertEquals(1, r.bus.stats().dropped());
        TraceRecord drop = r.sink.records.get(r.sink.records.size() - 1);
        assertEquals(Fate.DROPPED, drop.fate());
        assertEquals(HanBus.NO_SUCH_ENDPOINT + ": 0x7B, the device is on 0x01", drop.detail());
        // Endpoint 0 (the ZDO) and 0xFF always reach the device.
        r.bus.send(new ApsFrame(A, 0x0000, 0, B, 0x0001, 0x00, 0x0000, 0x0006, 1, Bytes.of(new byte[] {0, 1, 0, 9, 1, 0, 0})));
        r.bus.send(new ApsFrame(A, 0x0000, 1, B, 0x0001, 0xFF, ApsFrame.PROFILE_SMART_ENERGY, 0x0019, 2,
                Bytes.of(new byte[] {0x01, 0x00, 0x01})));
        r.scheduler.run();
        assertEquals(2, r.atB.size());
    }

    @Test
    void theBroadcastAddressesAreTheZigbeeOnes() {
        for (int a : new int[] {0xFFFF, 0xFFFD, 0xFFFC}) {
            assertTrue(new ApsFrame(A, 0, 1, ApsFrame.BROADCAST_EUI64, a, 0xFF, 0x0109, 6, 0, Bytes.of(new byte[3]))
                    .isBroadcast(), Integer.toHexString(a));
        }
        for (int a : new int[] {0x0000, 0x1234, 0xFFF7, ApsFrame.ADDRESS_UNKNOWN}) {
            assertTrue(!new ApsFrame(A, 0, 1, 0x42, a, 1, 0x0109, 6, 0, Bytes.of(new byte[3])).isBroadcast(),
                    Integer.toHexString(a));
        }
    }

    @Test
    void aFrameOverTheMaximumPayloadIsDropped() {
        Rig r = new Rig(1);
        r.bus.setFaults(A, B, LinkFaults.PERFECT.withMaxPayload(50));
        r.send(A, B, 1, 50);
        r.send(A, B, 2, 51);
        r.scheduler.run();
        assertEquals(List.of(1), r.atB.stream().map(ApsFrame::apsCounter).toList());
        assertEquals(1, r.bus.stats().tooBig());
        assertTrue(r.sink.records.stream().anyMatch(x -> x.detail().startsWith("too big")));
    }

    @Test
    void everySendAndDeliveryIsTracedInOrder() {
        Rig r = new Rig(1);
        r.bus.setFaults(A, B, LinkFaults.PERFECT.withDuplication(100));
        r.send(A, B, 1, 4);
        r.send(A, 0x99, 2, 4);
        r.scheduler.run();
        List<TraceRecord> t = r.sink.records;
        assertEquals(List.of(Kind.SEND, Kind.SEND, Kind.DELIVERY, Kind.DELIVERY, Kind.DELIVERY),
                t.stream().map(TraceRecord::kind).toList());
        assertEquals(List.of(Fate.SENT, Fate.SENT, Fate.DROPPED, Fate.DELIVERED, Fate.DUPLICATED),
                t.stream().map(TraceRecord::fate).toList());
        assertEquals(HanBus.NOT_ON_THE_HAN, t.get(2).detail());
        for (int i = 1; i < t.size(); i++) {
            assertTrue(t.get(i).time() >= t.get(i - 1).time(), "time never goes back in the trace");
        }
    }
}
