package io.hansim.bench;

import io.hansim.cli.report.RunReport;
import io.hansim.cli.run.ScenarioRunner;
import io.hansim.cli.scenario.Scenario;
import io.hansim.cli.scenario.ScenarioLoader;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * One CH with N PPMIDs, a 1 KiB image distributed to all of them and six hours of virtual time, run
 * through the scenario runner as {@code hansim run} does (issue 14, item 5: 250 devices took 10 s,
 * 1 000 68 s, 2 000 190 s, 10 000 more than 5 min). Whole runs, single shot: the score divided by N is
 * the cost per device, which must stay roughly constant as N grows.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.SECONDS)
public class OneHubScaleBenchmark {
    @Param({"250", "1000", "2000", "10000"})
    public int devices;

    private Scenario scenario;

    /** The scenario text, as a lab would write it: one distribute to every PPMID, then a six-hour wait. */
    static String scenarioText(int n) {
        StringBuilder sb = new StringBuilder(n * 120);
        sb.append("name: one CH, ").append(n).append(" PPMIDs\nseed: 1\ntopology:\n")
                .append("  hub: { eui: 00DB1234567890A2 }\n  devices:\n");
        for (int i = 0; i < n; i++) {
            sb.append(String.format("  - {id: p%d, type: ppmid, eui: 00DB12345%07X, manufacturerCode: 0x1234,"
                    + " imageType: 0x0101, firmwareVersion: 0x100}%n", i, 0x100000 + i));
        }
        sb.append("images:\n  - { id: v2, generate: { manufacturerCode: 0x1234, imageType: 0x0101,"
                + " fileVersion: 0x00000200, size: 1KiB } }\nsteps:\n  - distribute: { image: v2, to: [");
        for (int i = 0; i < n; i++) {
            sb.append(i == 0 ? "" : ", ").append('p').append(i);
        }
        return sb.append("] }\n  - wait: 6h\n").toString();
    }

    @Setup(Level.Trial)
    public void load() throws Exception {
        scenario = ScenarioLoader.parse(scenarioText(devices), "one-hub.yaml", Path.of("."));
    }

    @Benchmark
    public RunReport sixHoursOfOneHub() throws Exception {
        RunReport r = ScenarioRunner.run(scenario);
        if (r.virtualEndMicros() != 6L * 3600 * 1_000_000) {
            throw new IllegalStateException("the run stopped at " + r.virtualEndMicros() + " µs");
        }
        return r;
    }
}
