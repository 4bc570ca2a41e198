package io.hansim.cli;

import io.hansim.cli.report.ConsoleReporter;
import io.hansim.cli.report.HtmlReportWriter;
import io.hansim.cli.report.JsonReportWriter;
import io.hansim.cli.report.JunitReportWriter;
import io.hansim.cli.report.RunReport;
import io.hansim.cli.report.TimelineEvent;
import io.hansim.cli.run.RunListener;
import io.hansim.cli.run.ScenarioRunner;
import io.hansim.cli.scenario.Scenario;
import io.hansim.device.trace.JsonLinesTraceSink;
import io.hansim.device.trace.PcapTraceSink;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs loaded scenarios for {@code hansim run} and {@code hansim demo}: trace files, live console,
 * reports, and the exit code (DESIGN.md §5: 0 every expectation met, 1 one failed).
 */
final class ScenarioExecution {
    private ScenarioExecution() {
    }

    static int run(List<Scenario> scenarios, RunOptions o, PrintWriter out) {
        List<RunOptions.Report> wanted = o.reportList();
        List<RunReport> reports = new ArrayList<>();
        ConsoleReporter console = ConsoleReporter.forStdout(out, o.quiet);
        for (int i = 0; i < scenarios.size(); i++) {
            Scenario s = scenarios.get(i);
            ScenarioRunner.Options opts = ScenarioRunner.Options.defaults().withListener(new RunListener() {
                @Override
                public void progress(String id, long done, long total, long blocks, long now) {
                    console.progress(id, done, total, blocks, now);
                }

                @Override
                public void event(TimelineEvent e) {
                    console.event(e);
                }
            });
            if (o.seed != null) {
                opts = opts.withSeed(o.seed);
            }
            PcapTraceSink pcap = null;
            JsonLinesTraceSink trace = null;
            try {
                if (o.pcap != null) {
                    pcap = PcapTraceSink.create(RunOptions.numbered(o.pcap, i, scenarios.size()));
                    opts = opts.withTraceSink(pcap);
                }
                if (o.trace != null) {
                    trace = JsonLinesTraceSink.create(RunOptions.numbered(o.trace, i, scenarios.size()));
                    opts = opts.withTraceSink(trace);
                }
                out.println("Running " + s.name() + (s.position().file().isEmpty() ? "" : " (" + s.position().file()
                        + ")"));
                out.flush();
                RunReport r = new ScenarioRunner(s, opts).run();
                reports.add(r);
                console.summary(r);
            } catch (IOException e) {
                throw new BadInputException(s.position().file() + ": cannot read an image: " + e.getMessage(), e);
            } catch (io.hansim.device.trace.PcapTraceSink.TimeOutOfRangeException e) {
                // Issue 14: a run past 2106 (e.g. a 100-year wait) cannot go on in a pcap; --trace can.
                throw new BadInputException("--pcap: " + e.getMessage() + " (the run went past 2106-02-07;"
                        + " write --trace instead)", e);
            } catch (UncheckedIOException e) {
                if (pcap == null && o.pcap != null || trace == null && o.trace != null) {
                    throw new BadInputException(e.getMessage(), e); // the trace file could not be created
                }
                throw e;
            } finally {
                close(pcap);
                close(trace);
            }
        }
        for (RunOptions.Report w : wanted) {
            try {
                switch (w.format()) {
                    case "junit" -> Files.writeString(w.file(), JunitReportWriter.toXml(reports), StandardCharsets.UTF_8);
                    // One document at the file named, whatever the number of scenarios.
                    case "json" -> JsonReportWriter.write(reports, w.file());
                    default -> HtmlReportWriter.write(reports, w.file());
                }
            } catch (IOException | UncheckedIOException e) {
                throw new BadInputException(w.file() + ": cannot write the report: " + e.getMessage(), e);
            }
        }
        return reports.stream().allMatch(RunReport::passed) ? Main.EXIT_OK : Main.EXIT_CHECK_FAILED;
    }

    private static void close(AutoCloseable c) {
        if (c == null) {
            return;
        }
        try {
            c.close();
        } catch (Exception e) {
            throw new BadInputException("cannot finish writing a trace file: " + e.getMessage(), e);
        }
    }
}
