package io.hansim.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.hansim.cli.scenario.FleetLoader;
import io.hansim.cli.scenario.ScenarioException;
import io.hansim.cli.scenario.ScenarioProblem;
import io.hansim.device.fleet.FleetException;
import io.hansim.device.fleet.FleetProgress;
import io.hansim.device.fleet.FleetRunner;
import io.hansim.device.fleet.FleetSpec;
import io.hansim.device.fleet.FleetSummary;
import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code hansim fleet}: runs a fleet rollout (issue 8) — one simulation per Communications Hub,
 * sharded over worker threads — and prints its summary: success rate, CCS08 outcomes, time to
 * upgrade in virtual time, HAN traffic, devices left on the old image and why, wall time and peak
 * heap. The figures other than wall time and memory depend only on the file (and its seed), not on
 * {@code --threads}.
 */
@Command(
        name = "fleet",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = "Run a fleet rollout: many hubs, each its own deterministic simulation, over worker threads.",
        footer = {
            "",
            "Examples:",
            "  hansim fleet examples/fleet-small.yaml",
            "  hansim fleet examples/fleet-100k.yaml --threads 2 --report json target/fleet.json",
            "",
            "Exit codes: 0 success rate at or above the file's successThreshold, 1 below it,",
            "2 bad input (file:line:column: reason), 3 internal error."
        })
final class FleetCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "FILE", description = "A fleet file (docs/scenario-format.md, \"Fleet files\").")
    Path file;

    @Option(names = "--threads", paramLabel = "N",
            description = "Worker threads (default: the number of processors). Results do not depend on it.")
    Integer threads;

    @Option(names = "--report", arity = "2", paramLabel = "json FILE", hideParamSyntax = true,
            description = "Also write the summary as JSON to FILE (json is the only format).")
    String[] report;

    @Option(names = "--quiet", description = "No progress line.")
    boolean quiet;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        int n = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
        if (n < 1 || n > 1024) {
            throw new BadInputException("--threads must be 1..1024, got " + n);
        }
        Path json = null;
        if (report != null) {
            if (!report[0].equalsIgnoreCase("json")) {
                throw new BadInputException("--report: the only format is json, got '" + report[0] + "'");
            }
            json = Path.of(report[1]);
            // Not the fleet file, and something hansim may write, before the (long) run (issue 14 item 1).
            OutputFiles.distinct(List.of(new OutputFiles.Named("fleet", file)),
                    List.of(new OutputFiles.Named("--report json", json)));
            OutputFiles.check(json);
        }
        FleetSpec fleet;
        try {
            fleet = FleetLoader.load(file);
        } catch (ScenarioException e) {
            for (ScenarioProblem p : e.problems()) {
                err.println(p);
            }
            err.flush();
            return Main.EXIT_BAD_INPUT;
        }
        boolean live = !quiet && System.console() != null;
        long t0 = System.nanoTime(); // wall clock: the CLI's business only (DESIGN.md §2)
        resetPeaks();
        long cpu0 = processCpuNanos();
        FleetProgress progress = live ? new Progress(err, t0) : FleetProgress.NONE;
        FleetSummary s;
        try {
            s = FleetRunner.run(fleet, n, progress);
        } catch (FleetException e) {
            OutOfMemoryError oom = Main.outOfMemory(e);
            if (oom != null) {
                err.println(Main.outOfMemoryMessage(oom));
                err.flush();
                return Main.EXIT_INTERNAL;
            }
            err.println("hansim: internal error in " + e.getMessage());
            e.getCause().printStackTrace(err);
            err.flush();
            return Main.EXIT_INTERNAL;
        }
        double wall = (System.nanoTime() - t0) / 1e9;
        double cpu = (processCpuNanos() - cpu0) / 1e9;
        long peak = peakHeap();
        if (live) {
            err.print("\r\033[K");
            err.flush();
        }
        print(out, s, n, wall, cpu, peak);
        if (json != null) {
            byte[] bytes;
            try {
                bytes = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                        .writeValueAsBytes(toJson(s, n, wall, cpu, peak));
            } catch (IOException e) {
                throw new IllegalStateException("the fleet summary does not serialise", e);
            }
            OutputFiles.write(json, bytes, true);
        }
        out.flush();
        return s.passed() ? Main.EXIT_OK : Main.EXIT_CHECK_FAILED;
    }

    /** The progress line on a terminal: hubs done, devices upgraded, ETA from the wall clock. */
    private static final class Progress implements FleetProgress {
        private final PrintWriter err;
        private final long t0;
        private long last;

        Progress(PrintWriter err, long t0) {
            this.err = err;
            this.t0 = t0;
        }

        @Override
        public void hubDone(int done, int hubs, long targeted, long upgraded) {
            long now = System.nanoTime();
            if (now - last < 200_000_000L && done < hubs) {
                return;
            }
            last = now;
            double elapsed = (now - t0) / 1e9;
            double eta = done == 0 ? 0 : elapsed * (hubs - done) / done;
            err.printf(Locale.ROOT, "\r\033[Khubs %d/%d (%.1f%%)  devices upgraded %d/%d  elapsed %s  ETA %s", done,
                    hubs, 100.0 * done / hubs, upgraded, targeted, clock(elapsed), clock(eta));
            err.flush();
        }
    }

    static String clock(double seconds) {
        long s = Math.round(seconds);
        return String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60);
    }

    private static void resetPeaks() {
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() == MemoryType.HEAP) {
                p.resetPeakUsage();
            }
        }
    }

    /** Sum of the heap pools' peaks since the run started (an upper bound of the peak heap). */
    private static long peakHeap() {
        long sum = 0;
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() == MemoryType.HEAP && p.getPeakUsage() != null) {
                sum += p.getPeakUsage().getUsed();
            }
        }
        return sum;
    }

    /**
     * CPU time of the whole process (all threads), or -1 if the JVM does not say: on a machine shared
     * with other work, wall time overstates what the run needs, CPU time does not.
     */
    private static long processCpuNanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return -1;
    }

    static void print(PrintWriter out, FleetSummary s, int threads, double wall, double cpu, long peak) {
        out.printf(Locale.ROOT, "fleet: %s (seed %d)%n", io.hansim.cli.scenario.TerminalText.escape(s.name()), s.seed());
        out.printf(Locale.ROOT, "  hubs %d; devices %s%n", s.hubs(), s.devices());
        out.printf(Locale.ROOT, "  upgraded %d of %d targeted: success rate %.2f%% (%s)%n", s.upgraded(), s.targeted(),
                100 * s.successRate(), s.passed() ? "at or above the threshold" : "BELOW the threshold");
        out.printf(Locale.ROOT, "  CCS08 outcomes: %s%n", s.ccs08());
        FleetSummary.Percentiles t = s.timeToUpgrade();
        out.printf(Locale.ROOT, "  time to upgrade (virtual): p50 %s  p90 %s  p95 %s  p99 %s  max %s%n",
                virtual(t.p50()), virtual(t.p90()), virtual(t.p95()), virtual(t.p99()), virtual(t.max()));
        out.printf(Locale.ROOT, "  rollout ends at %s virtual%n", virtual(s.rolloutEnd()));
        out.printf(Locale.ROOT, "  HAN traffic: %d frames, %d octets of APS payload%n", s.hanFrames(), s.hanBytes());
        out.printf(Locale.ROOT, "  left on the old image:%s%n", s.leftOnOldImage().isEmpty() ? " none" : "");
        s.leftOnOldImage().forEach((why, count) -> out.printf(Locale.ROOT, "    %8d  %s%n", count, why));
        out.printf(Locale.ROOT, "  hubs by fault profile: %s%n", s.hubsByFault());
        out.printf(Locale.ROOT, "  wall time %.1f s on %d thread%s (CPU time %.1f s); peak heap %.0f MiB%n", wall,
                threads, threads == 1 ? "" : "s", cpu, peak / 1048576.0);
    }

    /** Virtual microseconds as h:mm:ss. */
    static String virtual(long micros) {
        return clock(micros / 1e6);
    }

    /**
     * The JSON report: {@code summary} is a pure function of the file (compare runs with it); the
     * {@code run} part (threads, wall time, peak heap) is not.
     */
    static Map<String, Object> toJson(FleetSummary s, int threads, double wall, double cpu, long peak) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("summary", summaryJson(s));
        Map<String, Object> run = new LinkedHashMap<>();
        run.put("threads", threads);
        run.put("wallTimeSeconds", Math.round(wall * 1000) / 1000.0);
        run.put("cpuTimeSeconds", Math.round(cpu * 1000) / 1000.0);
        run.put("peakHeapBytes", peak);
        root.put("run", run);
        return root;
    }

    static Map<String, Object> summaryJson(FleetSummary s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", s.name());
        m.put("seed", s.seed());
        m.put("hubs", s.hubs());
        m.put("devices", s.devices());
        m.put("targeted", s.targeted());
        m.put("upgraded", s.upgraded());
        m.put("successRate", s.successRate());
        m.put("passed", s.passed());
        m.put("ccs08", s.ccs08());
        FleetSummary.Percentiles t = s.timeToUpgrade();
        Map<String, Object> ttu = new LinkedHashMap<>();
        ttu.put("count", t.count());
        ttu.put("p50", t.p50() / 1e6);
        ttu.put("p90", t.p90() / 1e6);
        ttu.put("p95", t.p95() / 1e6);
        ttu.put("p99", t.p99() / 1e6);
        ttu.put("max", t.max() / 1e6);
        m.put("timeToUpgradeSeconds", ttu);
        m.put("rolloutEndSeconds", s.rolloutEnd() / 1e6);
        m.put("hanFrames", s.hanFrames());
        m.put("hanBytes", s.hanBytes());
        m.put("leftOnOldImage", s.leftOnOldImage());
        m.put("hubsByFaultProfile", s.hubsByFault());
        return m;
    }
}
