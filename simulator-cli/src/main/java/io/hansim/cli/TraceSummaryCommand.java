package io.hansim.cli;

import io.hansim.zigbee.ClusterLabels;
import io.hansim.cli.report.MessageEvents;
import io.hansim.device.han.ApsFrame;
import io.hansim.device.han.TraceRecord;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code hansim trace summary}: how many records, the first and last virtual time, and counts of
 * deliveries per device pair, cluster, command and fate. Streams the file, so a trace of millions of
 * frames needs no more memory than the counts. Sorted output, so summaries of two runs diff cleanly.
 */
@Command(
        name = "summary",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = "Count the records of a JSON-lines trace by device pair, cluster, command and fate.",
        footer = {
            "",
            "Examples:",
            "  hansim trace summary run.trace.jsonl",
            "  hansim trace summary --name 0011223344556677=hub --name 00000000000000a1=ppmid run.trace.jsonl",
            "",
            "Pairs, clusters and commands count deliveries (delivered, duplicated and dropped copies);",
            "sends are counted once in the header line.",
            "Exit codes: 0 ok, 2 bad input (file:line:column: reason)."
        })
final class TraceSummaryCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--name", paramLabel = "EUI=ID", description = "Show the device with this EUI-64 (16 hex digits) as ID.")
    Map<String, String> names;

    @Parameters(paramLabel = "FILE", description = "A JSON-lines trace (what JsonLinesTraceSink writes).")
    Path file;

    @Override
    public Integer call() {
        Map<Long, String> ids = TraceFiles.names(names);
        Map<String, Long> fates = new TreeMap<>();
        Map<String, Long> pairs = new TreeMap<>();
        Map<String, Long> clusters = new TreeMap<>();
        Map<String, Long> commands = new TreeMap<>();
        long[] counts = new long[3]; // records, sends, deliveries
        long[] times = {Long.MAX_VALUE, Long.MIN_VALUE};
        TraceFiles.forEach(file, r -> {
            counts[0]++;
            times[0] = Math.min(times[0], r.time());
            times[1] = Math.max(times[1], r.time());
            if (r.kind() == TraceRecord.Kind.SEND) {
                counts[1]++;
                return;
            }
            counts[2]++;
            ApsFrame f = r.frame();
            fates.merge(r.fate().name() + (r.detail().isEmpty() ? "" : " (" + r.detail() + ")"), 1L, Long::sum);
            pairs.merge(MessageEvents.idOf(f.sourceEui64(), ids) + " -> " + MessageEvents.idOf(r.receiverEui64(), ids),
                    1L, Long::sum);
            clusters.merge(String.format(Locale.ROOT, "0x%04x %s", f.clusterId(),
                    f.profileId() == io.hansim.zigbee.zdo.Zdo.PROFILE_ID ? "ZDO " + io.hansim.zigbee.zdo.Zdo.name(f.clusterId())
                            : clusterName(f.clusterId())), 1L, Long::sum);
            commands.merge(f.profileId() == io.hansim.zigbee.zdo.Zdo.PROFILE_ID ? io.hansim.zigbee.zdo.Zdo.name(f.clusterId())
                    : MessageEvents.commandName(f.clusterId(), f.payload().toArray()), 1L, Long::sum);
        });
        PrintWriter out = spec.commandLine().getOut();
        out.printf(Locale.ROOT, "%s: %d records (%d sends, %d deliveries)%n", file, counts[0], counts[1], counts[2]);
        if (counts[0] > 0) {
            out.printf(Locale.ROOT, "first %s, last %s%n", time(times[0]), time(times[1]));
        }
        table(out, "fates", fates);
        table(out, "device pairs", pairs);
        table(out, "clusters", clusters);
        table(out, "commands", commands);
        return Main.EXIT_OK;
    }

    private static void table(PrintWriter out, String title, Map<String, Long> counts) {
        if (counts.isEmpty()) {
            return;
        }
        out.println(title + ":");
        int width = counts.keySet().stream().mapToInt(String::length).max().orElse(0);
        counts.forEach((k, v) -> out.printf(Locale.ROOT, "  %-" + width + "s  %8d%n", k, v));
    }

    private static String time(long micros) {
        String sign = micros < 0 ? "-" : "";
        long abs = Math.abs(micros);
        return String.format(Locale.ROOT, "%s%d.%06d s", sign, abs / 1_000_000, abs % 1_000_000);
    }

    /** The clusters hansim uses (DESIGN.md §1), by name ({@link ClusterLabels}); others are left unnamed. */
    static String clusterName(int clusterId) {
        return ClusterLabels.clusterName(clusterId).orElse("");
    }
}
