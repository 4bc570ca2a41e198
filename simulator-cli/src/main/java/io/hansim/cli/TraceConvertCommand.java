package io.hansim.cli;

import io.hansim.cli.report.DeviceInfo;
import io.hansim.cli.report.HtmlReportWriter;
import io.hansim.cli.report.MessageEvents;
import io.hansim.cli.report.RunReport;
import io.hansim.device.trace.PcapTraceSink;
import io.hansim.device.han.TraceRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code hansim trace convert}: a JSON-lines trace to a pcap that Wireshark decodes
 * ({@link PcapTraceSink}) or to the HTML sequence page of {@link HtmlReportWriter}. When the trace
 * is bad, nothing is left at {@code -o}: a half-written pcap would look like a short run.
 */
@Command(
        name = "convert",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = "Convert a JSON-lines trace to pcap or to a self-contained HTML sequence diagram.",
        footer = {
            "",
            "Examples:",
            "  hansim trace convert --to pcap run.trace.jsonl -o run.pcap",
            "  hansim trace convert --to pcap --all run.trace.jsonl -o everything.pcap",
            "  hansim trace convert --to html --name 0011223344556677=hub run.trace.jsonl -o run.html",
            "",
            "Exit codes: 0 ok, 2 bad input (file:line:column: reason)."
        })
final class TraceConvertCommand implements Callable<Integer> {
    enum Format { pcap, html }

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--to", required = true, paramLabel = "FORMAT", description = "pcap or html.")
    Format to;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "OUT", description = "The file to write: a file (replaced), a link (written through) or a named pipe.")
    Path output;

    @Option(names = "--all", description = "pcap: also write sends and dropped deliveries (default: what devices received).")
    boolean all;

    @Option(names = "--name", paramLabel = "EUI=ID", description = "html: show the device with this EUI-64 as ID.")
    Map<String, String> names;

    @Parameters(paramLabel = "FILE", description = "A JSON-lines trace (what JsonLinesTraceSink writes).")
    Path file;

    @Override
    public Integer call() {
        Map<Long, String> ids = TraceFiles.names(names);
        // Not the input (links resolved), and something hansim may write (issue 14 item 1).
        OutputFiles.distinct(List.of(new OutputFiles.Named("trace", file)), List.of(new OutputFiles.Named("-o", output)));
        OutputFiles.Kind before = OutputFiles.check(output);
        // Only a plain file hansim made or truncated is removed after a failure; a pipe or a link is the user's.
        boolean removable = (before == OutputFiles.Kind.ABSENT || before == OutputFiles.Kind.REGULAR)
                && !Files.isSymbolicLink(output);
        try {
            if (to == Format.pcap) {
                pcap();
            } else {
                html(ids);
            }
        } catch (BadInputException e) {
            if (removable) {
                deleteQuietly(output);
            }
            throw e;
        } catch (UncheckedIOException e) {
            if (removable) {
                deleteQuietly(output);
            }
            OutputFiles.WriteFailedException w = OutputFiles.writeFailure(e);
            throw new BadInputException(w != null ? w.getMessage() : e.getMessage(), e);
        }
        return Main.EXIT_OK;
    }

    private void pcap() {
        long packets;
        long oversize;
        try (PcapTraceSink sink = new PcapTraceSink(new java.io.BufferedOutputStream(OutputFiles.open(output, false)),
                output.toString(), PcapTraceSink.DEFAULT_EPOCH, PcapTraceSink.DEFAULT_PAN_ID,
                all ? PcapTraceSink.EVERYTHING : PcapTraceSink.DELIVERED)) {
            TraceFiles.forEach(file, sink::record);
            packets = sink.packetCount();
            oversize = sink.oversizeCount();
        }
        spec.commandLine().getOut().println(output + ": " + packets + " packets"
                + (oversize > 0 ? ", " + oversize + " longer than an 802.15.4 frame (no APS fragmentation modelled)" : ""));
    }

    private void html(Map<Long, String> ids) {
        List<TraceRecord> records = new ArrayList<>();
        TraceFiles.forEach(file, records::add);
        Set<Long> euis = new LinkedHashSet<>();
        long end = 0;
        for (TraceRecord r : records) {
            euis.add(r.frame().sourceEui64());
            if (r.kind() == TraceRecord.Kind.DELIVERY) {
                euis.add(r.receiverEui64());
            }
            end = Math.max(end, r.time());
        }
        List<DeviceInfo> devices = new ArrayList<>();
        for (long eui : euis) {
            devices.add(new DeviceInfo(MessageEvents.idOf(eui, ids), "", String.format("%016x", eui)));
        }
        RunReport report = new RunReport(file.getFileName().toString(), file.toString(), 0, version(), end, devices,
                List.of(), MessageEvents.fromTrace(records, ids), List.of(),
                List.of("Converted from the trace " + file + ": messages only, no expectations, seed unknown."));
        OutputFiles.writeString(output, HtmlReportWriter.toHtml(report), false);
        spec.commandLine().getOut().println(output + ": " + report.messages().size() + " messages");
    }

    private static String version() {
        try {
            String v = new Main.Version().getVersion()[0];
            return v.startsWith("hansim ") ? v.substring("hansim ".length()) : v;
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException ignored) {
            // the error being reported matters more than a leftover file
        }
    }
}
