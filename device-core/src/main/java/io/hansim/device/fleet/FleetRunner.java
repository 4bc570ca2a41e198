package io.hansim.device.fleet;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs a fleet: hubs are sharded over a fixed pool of worker threads, each taking the next hub index
 * and running that hub's {@link HubRun} to its end on its own thread (DESIGN.md §2: parallelism comes
 * from many simulations, never from threads inside one). Only each hub's {@link HubResult} is kept;
 * results are aggregated in hub-index order, so the {@link FleetSummary} is the same for any number
 * of threads.
 */
public final class FleetRunner {
    private FleetRunner() {
    }

    /**
     * Runs {@code spec} on {@code threads} worker threads (the caller's thread waits).
     *
     * @throws FleetException       if a hub's simulation failed (the first failure, by hub index)
     * @throws InterruptedException if the caller is interrupted; the workers stop after their hub
     */
    public static FleetSummary run(FleetSpec spec, int threads, FleetProgress progress) throws InterruptedException {
        return FleetSummary.aggregate(spec, runHubs(spec, threads, progress));
    }

    /** As {@link #run}, returning each hub's result, in hub-index order. */
    public static List<HubResult> runHubs(FleetSpec spec, int threads, FleetProgress progress)
            throws InterruptedException {
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(progress, "progress");
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1: " + threads);
        }
        FleetImages images = FleetImages.build(spec);
        HubResult[] results = new HubResult[spec.hubs()];
        Throwable[] failures = new Throwable[spec.hubs()];
        AtomicInteger next = new AtomicInteger();
        Object lock = new Object();
        int[] done = {0};
        long[] totals = new long[2];
        java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
        Runnable worker = () -> {
            int i;
            while (!stop.get() && (i = next.getAndIncrement()) < spec.hubs()) {
                try {
                    results[i] = new HubRun(spec, images, i).run();
                } catch (RuntimeException | Error e) {
                    failures[i] = e;
                    stop.set(true);
                    return;
                }
                synchronized (lock) {
                    done[0]++;
                    totals[0] += results[i].targeted();
                    totals[1] += results[i].upgraded();
                    progress.hubDone(done[0], spec.hubs(), totals[0], totals[1]);
                }
            }
        };
        Thread[] pool = new Thread[Math.min(threads, spec.hubs())];
        for (int t = 0; t < pool.length; t++) {
            pool[t] = new Thread(worker, "hansim-fleet-" + t);
            pool[t].setDaemon(true);
            pool[t].start();
        }
        try {
            for (Thread t : pool) {
                t.join();
            }
        } catch (InterruptedException e) {
            stop.set(true);
            throw e;
        }
        for (int i = 0; i < failures.length; i++) {
            if (failures[i] != null) {
                throw new FleetException(i, failures[i]);
            }
        }
        return Arrays.asList(results);
    }
}
