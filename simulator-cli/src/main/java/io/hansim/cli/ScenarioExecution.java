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
import io.hansim.cli.scenario.TerminalText;
import io.hansim.device.trace.JsonLinesTraceSink;
import io.hansim.device.trace.PcapTraceSink;
import java.io.BufferedOutputStream;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
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
                    java.nio.file.Path p = RunOptions.numbered(o.pcap, i, scenarios.size());
                    pcap = new PcapTraceSink(new BufferedOutputStream(OutputFiles.open(p, false)), p.toString(),
                            PcapTraceSink.DEFAULT_EPOCH, PcapTraceSink.DEFAULT_PAN_ID, PcapTraceSink.DELIVERED);
                    opts = opts.withTraceSink(pcap);
                }
                if (o.trace != null) {
                    java.nio.file.Path p = RunOptions.numbered(o.trace, i, scenarios.size());
                    trace = new JsonLinesTraceSink(new BufferedWriter(new OutputStreamWriter(OutputFiles.open(p, false),
                            StandardCharsets.UTF_8)), p.toString());
                    opts = opts.withTraceSink(trace);
                }
                // The name and file come from the user: printed with controls escaped (issue 14 item 7).
                out.println("Running " + TerminalText.escape(s.name()) + (s.position().file().isEmpty() ? ""
                        : " (" + TerminalText.escape(s.position().file()) + ")"));
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
                OutputFiles.WriteFailedException w = OutputFiles.writeFailure(e);
                if (w != null) {
                    throw new BadInputException(w.getMessage(), e); // e.g. the disk filled during the run
                }
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
                    case "junit" -> OutputFiles.writeString(w.file(), JunitReportWriter.toXml(reports), false);
                    // One document at the file named, whatever the number of scenarios.
                    case "json" -> OutputFiles.writeString(w.file(), JsonReportWriter.toJson(reports), false);
                    default -> OutputFiles.writeString(w.file(), HtmlReportWriter.toHtml(reports), false);
                }
            } catch (UncheckedIOException e) {
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
            OutputFiles.WriteFailedException w = OutputFiles.writeFailure(e);
            throw new BadInputException(w != null ? w.getMessage() : "cannot finish writing a trace file: "
                    + e.getMessage(), e);
        }
    }
}
