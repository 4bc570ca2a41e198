package io.hansim.device.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hansim.device.Fixtures;
import io.hansim.device.cot.CotProfile;
import io.hansim.device.cot.SpecVersion;
import io.hansim.device.cot.TenancyAction;
import io.hansim.device.cot.TenancyEvent;
import io.hansim.device.cot.TenancyMonitor;
import io.hansim.device.cot.TenancyTimer;
import io.hansim.device.sim.Scheduler;
import io.hansim.device.sim.SimTime;
import io.hansim.zigbee.machine.Action;
import io.hansim.zigbee.machine.ArmTimer;
import io.hansim.zigbee.machine.DisarmTimer;
import io.hansim.zigbee.machine.Machine;
import io.hansim.zigbee.machine.TimeBase;
import io.hansim.zigbee.machine.Transmit;
import io.hansim.zigbee.ota.OtaCluster;
import io.hansim.zigbee.ota.OtaCodec;
import io.hansim.zigbee.ota.QueryNextImageRequest;
import io.hansim.zigbee.ota.client.ClientAction;
import io.hansim.zigbee.ota.client.ClientEvent;
import io.hansim.zigbee.ota.client.ClientTimer;
import io.hansim.zigbee.ota.client.OtaClient;
import io.hansim.zigbee.zcl.Bytes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** The one machine driver (decision 0021) with a fake port, a tiny machine, and the real {@link OtaClient}. */
class MachineDriverTest {

    // ------------------------------------------------------------------ a fake port over the real scheduler

    record Sent(long destination, boolean broadcast, int clusterId, Bytes frame, long at) {
    }

    static final class FakePort implements MachineDriver.Port {
        final Scheduler scheduler = new Scheduler();
        final SimTime time = new SimTime(Instant.parse("2024-01-01T00:00:00Z"));
        final List<Sent> sent = new ArrayList<>();
        /** Sends and whatever a test adds, in the order they happened. */
        final List<Object> order = new ArrayList<>();
        int scheduled;

        @Override
        public void send(long destinationEui64, boolean broadcast, int clusterId, Bytes zclFrame) {
            sent.add(new Sent(destinationEui64, broadcast, clusterId, zclFrame, scheduler.now()));
            order.add("send");
        }

        @Override
        public MachineDriver.Cancellable schedule(long atMicros, Runnable action) {
            scheduled++;
            Scheduler.Handle h = scheduler.at(atMicros, action);
            return h::cancel;
        }

        @Override
        public long now() {
            return scheduler.now();
        }

        @Override
        public long zclUtcAt(long micros) {
            return time.zclUtcTimeAt(micros);
        }

        @Override
        public long microsAtZclUtc(long utc) {
            return time.microsAtZclUtcTime(utc);
        }
    }

    // ------------------------------------------------------------------ a tiny machine: a script per event

    sealed interface Act extends Action permits Send, Arm, Disarm, Note {
    }

    record Send(long destinationEui64, boolean broadcast, int clusterId, Bytes zclFrame) implements Act, Transmit {
    }

    record Arm(String timer, long at) implements Act, ArmTimer<String> {
    }

    record Disarm(String timer) implements Act, DisarmTimer<String> {
    }

    record Note(String text) implements Act {
    }

    /** Events: a string command, or a timer firing ("fired:<timer>@<now>"). */
    static final class Tiny implements Machine<String, Act, String> {
        final Function<String, List<Act>> script;
        final TimeBase base;
        final List<String> seen = new ArrayList<>();

        Tiny(TimeBase base, Function<String, List<Act>> script) {
            this.base = base;
            this.script = script;
        }

        @Override
        public List<Act> handle(String event) {
            seen.add(event);
            return script.apply(event);
        }

        @Override
        public String timerFired(String timer, long now) {
            return "fired:" + timer + "@" + now;
        }

        @Override
        public TimeBase timeBase() {
            return base;
        }
    }

    private static final Bytes FRAME = Bytes.of(new byte[] {0x01, 0x02, 0x03});

    @Test
    void transmitGoesOutOnItsClusterAndDomainActionsReachTheHostInOrder() {
        FakePort port = new FakePort();
        List<Object> order = port.order;
        MachineDriver<String, Act, String> d = new MachineDriver<>(port, a -> order.add(a));
        d.start(new Tiny(TimeBase.VIRTUAL_MICROS, e -> List.of(new Note("a"),
                new Send(0x1122L, false, 0x0708, FRAME), new Send(0, true, 0x0019, FRAME), new Note("b"))));

        List<Act> out = d.handle("go");

        assertEquals(4, out.size());
        assertEquals(List.of(new Note("a"), "send", "send", new Note("b")), order);
        assertEquals(List.of(new Sent(0x1122L, false, 0x0708, FRAME, 0), new Sent(0, true, 0x0019, FRAME, 0)), port.sent);
    }

    @Test
    void aTimerFiresOnceAtItsDeadlineWithTheMachinesTimerEvent() {
        FakePort port = new FakePort();
        Tiny m = new Tiny(TimeBase.VIRTUAL_MICROS, e -> e.equals("boot") ? List.of(new Arm("t", 5_000)) : List.of());
        MachineDriver<String, Act, String> d = new MachineDriver<>(port, a -> { });
        d.start(m);
        d.handle("boot");
        assertTrue(d.armed("t"));

        port.scheduler.run();

        assertEquals(List.of("boot", "fired:t@5000"), m.seen);
        assertFalse(d.armed("t"), "a fired timer is no longer pending");
        assertEquals(0, d.armedTimers());
    }

    @Test
    void reArmingReplacesTheEarlierDeadlineAndDisarmWithdrawsIt() {
        FakePort port = new FakePort();
        Tiny m = new Tiny(TimeBase.VIRTUAL_MICROS, e -> switch (e) {
            case "boot" -> List.of(new Arm("t", 1_000), new Arm("u", 2_000), new Arm("t", 9_000), new Disarm("u"));
            default -> List.of();
        });
        MachineDriver<String, Act, String> d = new MachineDriver<>(port, a -> { });
        d.start(m);
        d.handle("boot");
        assertEquals(1, d.armedTimers());

        port.scheduler.run();

        assertEquals(List.of("boot", "fired:t@9000"), m.seen, "t once, at the later deadline; u never");
    }

    @Test
    void disarmingATimerThatIsNotArmedIsHarmless() {
        FakePort port = new FakePort();
        MachineDriver<String, Act, String> d = new MachineDriver<>(port, a -> { });
        d.start(new Tiny(TimeBase.VIRTUAL_MICROS, e -> List.of(new Disarm("never"))));
        assertEquals(1, d.handle("x").size());
        assertEquals(0, d.armedTimers());
    }

    @Test
    void powerLossClearsTheTimersAndDropsEventsUntilTheNextStart() {
        FakePort port = new FakePort();
        Tiny m = new Tiny(TimeBase.VIRTUAL_MICROS, e -> e.equals("boot")
                ? List.of(new Arm("t", 1_000), new Arm("u", 2_000)) : List.of(new Note(e)));
        List<Act> domain = new ArrayList<>();
        MachineDriver<String, Act, String> d = new MachineDriver<>(port, domain::add);
        d.start(m);
        d.handle("boot");
        assertEquals(2, d.armedTimers());

        d.stop();

        assertFalse(d.running());
        assertEquals(0, d.armedTimers());
        assertEquals(List.of(), d.handle("while-off"), "no machine runs while the power is off");
        port.scheduler.run();
        assertEquals(List.of("boot"), m.seen, "the timers armed before the power cut never fire");
        assertEquals(List.of(), domain);

        Tiny next = new Tiny(TimeBase.VIRTUAL_MICROS, e -> List.of(new Note(e)));
        d.start(next);
        d.handle("boot2");
        assertEquals(List.of(new Note("boot2")), domain);
    }

    @Test
    void startingANewMachineVoidsTheOldMachinesTimers() {
        FakePort port = new FakePort();
        Tiny first = new Tiny(TimeBase.VIRTUAL_MICROS, e -> List.of(new Arm("t", 1_000)));
        Tiny second = new Tiny(TimeBase.VIRTUAL_MICROS, e -> List.of());
        MachineDriver<String, Act, String> d = new MachineDriver<>(port, a -> { });
        d.start(first);
        d.handle("boot");
        d.start(second);
        port.scheduler.run();
        assertEquals(List.of("boot"), first.seen);
        assertEquals(List.of(), second.seen);
    }

    @Test
    void aDomainActionThatStopsTheMachineEndsTheBatch() {
        FakePort port = new FakePort();
        List<Act> domain = new ArrayList<>();
        List<List<Act>> batches = new ArrayList<>();
        MachineDriver<String, Act, String>[] self = new MachineDriver[1];
        self[0] = new MachineDriver<>(port, batches::add, a -> {
            domain.add(a);
            if (a.equals(new Note("reboot"))) {
                self[0].stop();
            }
        });
        self[0].start(new Tiny(TimeBase.VIRTUAL_MICROS, e -> List.of(new Note("before"), new Note("reboot"),
                new Send(1, false, 0x19, FRAME), new Arm("t", 10), new Note("after"))));

        List<Act> out = self[0].handle("go");

        assertEquals(5, out.size(), "the whole list is returned");
        assertEquals(List.of(out), batches, "the observer saw the whole batch");
        assertEquals(List.of(new Note("before"), new Note("reboot")), domain);
        assertEquals(List.of(), port.sent);
        assertEquals(0, self[0].armedTimers());
        assertEquals(0, port.scheduled);
    }

    @Test
    void theBatchObserverSeesTheListBeforeAnyOfItIsCarriedOut() {
        FakePort port = new FakePort();
        List<String> order = new ArrayList<>();
        MachineDriver<String, Act, String> d = new MachineDriver<>(port,
                batch -> order.add("batch of " + batch.size() + ", sent so far " + port.sent.size()),
                a -> order.add("domain"));
        d.start(new Tiny(TimeBase.VIRTUAL_MICROS, e -> List.of(new Send(1, false, 0x19, FRAME), new Note("n"))));
        d.handle("go");
        assertEquals(List.of("batch of 2, sent so far 0", "domain"), order);
    }

    /**
     * A host's listeners hang on {@link MachineDriver#afterEachBatch}: they must see the batches a
     * fired timer starts as well as the ones the host started (the CH's read-back result comes from a
     * timer; a listener that saw only host-started batches never raised its 0x012B, R7.10).
     */
    @Test
    void theAfterBatchHookSeesEveryBatchCarriedOutIncludingThoseATimerStarts() {
        FakePort port = new FakePort();
        List<String> order = new ArrayList<>();
        MachineDriver<String, Act, String> d = new MachineDriver<String, Act, String>(port, a -> order.add("domain"))
                .afterEachBatch(batch -> order.add("after " + batch.size() + ", sent " + port.sent.size()));
        d.start(new Tiny(TimeBase.VIRTUAL_MICROS, e -> e.equals("boot")
                ? List.of(new Send(1, false, 0x19, FRAME), new Arm("read-back", 7_000))
                : List.of(new Note("read back"))));
        d.handle("boot");
        port.scheduler.run();
        assertEquals(List.of("after 2, sent 1", "domain", "after 1, sent 1"), order);
    }

    @Test
    void aUtcMachineArmsUtcSecondsAndIsToldTheUtcSecondInProgress() {
        FakePort port = new FakePort();
        long utcAtZero = port.zclUtcAt(0);
        Tiny m = new Tiny(TimeBase.ZCL_UTC_SECONDS, e -> e.equals("boot")
                ? List.of(new Arm("cot", utcAtZero + 90), new Arm("late", utcAtZero - 3_600)) : List.of());
        MachineDriver<String, Act, String> d = new MachineDriver<>(port, a -> { });
        d.start(m);
        port.scheduler.at(250_000, () -> d.handle("boot")); // a quarter second into UTC second 0

        port.scheduler.run();

        assertEquals(List.of("boot", "fired:late@" + utcAtZero, "fired:cot@" + (utcAtZero + 90)), m.seen,
                "a deadline in the past fires at once; the other at the start of its second");
        assertEquals(90 * SimTime.MICROS_PER_SECOND, port.scheduler.now());
    }

    @Test
    void anInvalidUtcDeadlineFiresAtOnce() {
        FakePort port = new FakePort();
        Tiny m = new Tiny(TimeBase.ZCL_UTC_SECONDS, e -> e.equals("boot")
                ? List.of(new Arm("x", SimTime.ZCL_UTC_INVALID)) : List.of());
        MachineDriver<String, Act, String> d = new MachineDriver<>(port, a -> { });
        d.start(m);
        port.scheduler.at(7_000_000, () -> d.handle("boot"));
        port.scheduler.run();
        assertEquals(List.of("boot", "fired:x@" + port.zclUtcAt(7_000_000)), m.seen);
    }

    // ------------------------------------------------------------------ the real OTA client

    @Test
    void drivesTheRealOtaClientQueryTimersOnTheOtaCluster() {
        FakePort port = new FakePort();
        List<ClientAction> domain = new ArrayList<>();
        MachineDriver<ClientEvent, ClientAction, ClientTimer> d = new MachineDriver<>(port, domain::add);
        OtaClient client = new OtaClient(Fixtures.ppmidProfile().startDelayMax(0).responseTimeout(5 * Fixtures.SECOND)
                .retryBackoff(2 * Fixtures.SECOND).build(), 42);
        d.start(client);

        d.handle(new ClientEvent.PowerOn(port.now(), null));
        assertEquals(1, port.sent.size(), "no start delay: the query goes out at power-on");
        assertTrue(d.armed(ClientTimer.RESPONSE));
        assertEquals(5 * Fixtures.SECOND, client.timerDeadline(ClientTimer.RESPONSE).orElseThrow());

        // The unanswered request times out (RESPONSE), the client waits (QUERY) and asks again.
        port.scheduler.runUntil(() -> port.sent.size() == 2, 60 * Fixtures.SECOND);

        assertEquals(2, port.sent.size());
        Sent first = port.sent.get(0);
        assertEquals(Fixtures.HUB, first.destination());
        assertFalse(first.broadcast());
        assertEquals(OtaCluster.CLUSTER_ID, first.clusterId());
        assertInstanceOf(QueryNextImageRequest.class, OtaCodec.decode(first.frame().toArray()).command());
        assertEquals(0, first.at());
        assertEquals(7 * Fixtures.SECOND, port.sent.get(1).at(), "RESPONSE after 5 s, then the 2 s retry back-off");
        assertTrue(domain.stream().noneMatch(a -> a instanceof ClientAction.SendFrame || a instanceof ClientAction.SetTimer
                || a instanceof ClientAction.CancelTimer), "common actions never reach the host");
        assertTrue(d.armed(ClientTimer.RESPONSE));
        assertEquals(client.timerDeadline(ClientTimer.RESPONSE).orElseThrow(), 12 * Fixtures.SECOND);
    }

    @Test
    void theOtaClientsActivationRebootEndsItsBatch() {
        FakePort port = new FakePort();
        List<ClientAction> domain = new ArrayList<>();
        List<ClientAction> all = new ArrayList<>();
        MachineDriver<ClientEvent, ClientAction, ClientTimer>[] self = new MachineDriver[1];
        self[0] = new MachineDriver<>(port, all::addAll, a -> {
            domain.add(a);
            if (a instanceof ClientAction.Activate) {
                self[0].stop(); // the device swaps slots and reboots: its power goes
            }
        });
        OtaClient client = new OtaClient(Fixtures.ppmidProfile().legacyLocalUpgrade(true).noQuirks().build(), 1);
        self[0].start(client);
        self[0].handle(new ClientEvent.PowerOn(0, null));
        self[0].handle(new ClientEvent.LocalUpgradeAttempt(port.now(),
                Bytes.of(Fixtures.gbImage(Fixtures.NEW, 100))));
        assertTrue(self[0].armed(ClientTimer.COUNTDOWN));

        port.scheduler.runUntil(() -> !self[0].running(), 60 * Fixtures.SECOND);

        assertFalse(self[0].running());
        ClientAction last = domain.get(domain.size() - 1);
        assertInstanceOf(ClientAction.Activate.class, last);
        int at = all.indexOf(last);
        assertTrue(at < all.size() - 1, "the client asked for more after Activate: " + all.subList(at, all.size()));
        assertEquals(0, self[0].armedTimers());
        assertSame(null, self[0].machine());
    }

    // ------------------------------------------------------------------ the real tenancy monitor (UTC seconds)

    @Test
    void drivesTheRealTenancyMonitorOnUtcSeconds() {
        FakePort port = new FakePort();
        List<TenancyAction> domain = new ArrayList<>();
        MachineDriver<TenancyEvent, TenancyAction, TenancyTimer> d = new MachineDriver<>(port, domain::add);
        d.start(new TenancyMonitor(CotProfile.ihd(new SpecVersion(5, 0), 0xE5L, 0x6FL).withPollInterval(600),
                OptionalLong.empty()));
        port.scheduler.at(500_000, () -> d.handle(new TenancyEvent.Started(port.zclUtcAt(port.now()))));

        port.scheduler.runUntil(() -> domain.size() == 4, 3_600 * Fixtures.SECOND);

        assertEquals(List.of(new TenancyAction.QueryChangeOfTenancy(0xE5L), new TenancyAction.QueryChangeOfTenancy(0x6FL),
                new TenancyAction.QueryChangeOfTenancy(0xE5L), new TenancyAction.QueryChangeOfTenancy(0x6FL)), domain);
        assertEquals(600 * Fixtures.SECOND, port.now(), "POLL armed for UTC second +600 fires as that second begins");
        assertTrue(d.armed(TenancyTimer.POLL));
    }
}
