package io.hansim.device.gsme;

import io.hansim.device.han.HanBus;
import io.hansim.device.node.Node;
import io.hansim.device.node.WakeCycle;
import io.hansim.device.sim.Scheduler;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * The battery GSME's radio duty cycle (requirements G.3). At power-on the device wakes at once; a wake
 * runs every {@link #onEveryWake} action (the tunnel client's GET), then the actions queued with
 * {@link #atNextWake}, and the radio stays on for at least the awake window and while any
 * {@link #stayAwake hold} is out. When the last hold goes the radio sleeps (frames to it are dropped
 * "receiver asleep" by the bus) and the next wake is armed a sleep period later, moved by a jitter drawn
 * uniformly from [−jitter, +jitter] from the device's own seeded stream (so adding a device changes no
 * other device's wake times).
 */
final class SleepCycle implements WakeCycle {
    private final Node node;
    private final HanBus bus;
    private final SplittableRandom random;
    private final long sleepPeriod;
    private final long jitter;
    private final long awakeWindow;
    private final List<Runnable> everyWake = new ArrayList<>();
    private List<Runnable> nextWake = new ArrayList<>();
    private final List<HoldImpl> holds = new ArrayList<>();
    private boolean awake;
    private long wakes;
    private Scheduler.Handle sleepTimer;

    private final class HoldImpl implements Hold {
        final String why;
        boolean released;

        HoldImpl(String why) {
            this.why = why;
        }

        @Override
        public void release() {
            if (released) {
                return;
            }
            released = true;
            holds.remove(this);
            maybeSleep();
        }

        @Override
        public String toString() {
            return why;
        }
    }

    SleepCycle(Node node, SplittableRandom random, long sleepPeriod, long jitter, long awakeWindow) {
        this.node = Objects.requireNonNull(node, "node");
        this.bus = node.bus();
        this.random = Objects.requireNonNull(random, "random");
        this.sleepPeriod = sleepPeriod;
        this.jitter = jitter;
        this.awakeWindow = awakeWindow;
    }

    /** At every power-on (after the roles booted): RAM is fresh, the device wakes. */
    void boot() {
        holds.clear();
        sleepTimer = null;
        wake();
    }

    @Override
    public boolean awake() {
        return awake && node.isPowered();
    }

    /** Wakes so far (the one at power-on too). */
    long wakes() {
        return wakes;
    }

    /** What holds the radio on now, for tests and reports. */
    List<String> holds() {
        return holds.stream().map(HoldImpl::toString).toList();
    }

    @Override
    public Hold stayAwake(String why) {
        HoldImpl h = new HoldImpl(Objects.requireNonNull(why, "why"));
        holds.add(h);
        return h;
    }

    @Override
    public void atNextWake(Runnable action) {
        Objects.requireNonNull(action, "action");
        if (awake()) {
            action.run();
        } else {
            nextWake.add(action);
        }
    }

    @Override
    public void onEveryWake(Runnable action) {
        everyWake.add(Objects.requireNonNull(action, "action"));
    }

    private void wake() {
        if (!node.isPowered()) {
            return;
        }
        awake = true;
        wakes++;
        bus.setAsleep(node.eui64(), false);
        Hold window = stayAwake("awake window");
        node.timer(node.now() + awakeWindow, window::release);
        for (Runnable r : List.copyOf(everyWake)) {
            r.run();
        }
        List<Runnable> queued = nextWake;
        nextWake = new ArrayList<>();
        queued.forEach(Runnable::run);
    }

    private void maybeSleep() {
        if (!awake || !holds.isEmpty() || !node.isPowered()) {
            return;
        }
        awake = false;
        bus.setAsleep(node.eui64(), true);
        long delay = sleepPeriod + (jitter > 0 ? random.nextLong(-jitter, jitter + 1) : 0);
        sleepTimer = node.timer(node.now() + Math.max(1, delay), this::wake);
    }
}
