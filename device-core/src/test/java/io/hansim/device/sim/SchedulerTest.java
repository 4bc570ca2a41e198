package io.hansim.device.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SchedulerTest {
    @Test
    void eventsRunByTimeThenBySchedulingOrder() {
        Scheduler s = new Scheduler();
        List<String> order = new ArrayList<>();
        s.at(20, () -> order.add("b@20"));
        s.at(10, () -> order.add("a@10"));
        s.at(20, () -> order.add("c@20"));
        s.at(10, () -> order.add("d@10"));
        assertEquals(RunOutcome.CONDITION_MET, s.run());
        assertEquals(List.of("a@10", "d@10", "b@20", "c@20"), order);
        assertEquals(20, s.now());
    }

    @Test
    void eventsScheduledFromEventsAndInThePastRunAtNow() {
        Scheduler s = new Scheduler();
        List<Long> times = new ArrayList<>();
        s.at(100, () -> {
            s.after(5, () -> times.add(s.now()));
            s.at(3, () -> times.add(s.now())); // in the past: runs now, after the ones already due
        });
        s.run();
        assertEquals(List.of(100L, 105L), times);
    }

    @Test
    void cancelledEventsNeverRun() {
        Scheduler s = new Scheduler();
        List<String> ran = new ArrayList<>();
        Scheduler.Handle h = s.at(10, () -> ran.add("cancelled"));
        s.at(20, () -> ran.add("kept"));
        assertTrue(h.cancel());
        assertFalse(h.cancel(), "second cancel has no effect");
        s.run();
        assertEquals(List.of("kept"), ran);
        assertTrue(h.isCancelled());
    }

    @Test
    void runUntilStopsWhenTheConditionHolds() {
        Scheduler s = new Scheduler();
        int[] n = {0};
        for (int i = 1; i <= 10; i++) {
            s.at(i * 10L, () -> n[0]++);
        }
        assertEquals(RunOutcome.CONDITION_MET, s.runUntil(() -> n[0] == 3, 1_000));
        assertEquals(30, s.now());
        assertEquals(7, s.pending());
    }

    @Test
    void runUntilReportsTheDeadlineAndStandsThere() {
        Scheduler s = new Scheduler();
        s.at(500, () -> { });
        assertEquals(RunOutcome.DEADLINE_REACHED, s.runUntil(() -> false, 200));
        assertEquals(200, s.now());
        assertEquals(1, s.pending(), "the later event is still due");
    }

    @Test
    void runUntilReportsStalledWhenTheQueueEmpties() {
        Scheduler s = new Scheduler();
        s.at(50, () -> { });
        RunOutcome o = s.runUntil(() -> false, 1_000_000);
        assertEquals(RunOutcome.STALLED_QUEUE_EMPTY, o);
        assertTrue(o.isStalled());
        assertEquals(50, s.now(), "time does not jump to the deadline when nothing is left");
    }

    @Test
    void aLivelockAtOneInstantIsStoppedNotSpun() {
        Scheduler s = new Scheduler(1_000);
        Runnable[] loop = new Runnable[1];
        loop[0] = () -> s.after(0, loop[0]);
        s.at(7, loop[0]);
        RunOutcome o = s.runUntil(() -> false, 1_000_000);
        assertEquals(RunOutcome.STALLED_LIVELOCK, o);
        assertEquals(7, s.now());
        assertEquals(RunOutcome.STALLED_LIVELOCK, s.run());
    }

    @Test
    void advanceRunsDueEventsAndMovesTheClockEvenWhenIdle() {
        Scheduler s = new Scheduler();
        List<Long> times = new ArrayList<>();
        s.at(30, () -> times.add(s.now()));
        s.at(300, () -> times.add(s.now()));
        assertEquals(RunOutcome.DEADLINE_REACHED, s.advance(100));
        assertEquals(100, s.now());
        assertEquals(List.of(30L), times);
        assertEquals(RunOutcome.DEADLINE_REACHED, s.advance(1_000));
        assertEquals(1_100, s.now());
        assertEquals(List.of(30L, 300L), times);
    }

    @Test
    void seedsGiveIndependentReproducibleStreams() {
        Seeds a = new Seeds(42);
        Seeds b = new Seeds(42);
        assertEquals(a.link(1, 2).nextLong(), b.link(1, 2).nextLong());
        assertNotEquals(a.link(1, 2).nextLong(), a.link(2, 1).nextLong(), "direction matters");
        assertNotEquals(a.device(1).nextLong(), a.link(1, 2).nextLong());
        assertNotEquals(a.device(1).nextLong(), new Seeds(43).device(1).nextLong());
    }
}
