package io.hansim.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Option;

/** The options {@code hansim run} and {@code hansim demo} share (issue 7). */
final class RunOptions {
    /** A report to write: its format and file. */
    record Report(String format, Path file) {
    }

    @Option(names = "--seed", paramLabel = "N", converter = Numbers.Seed.class,
            description = "Override the scenario's seed, 0..2^63-1 as in the file (same scenario and seed: "
                    + "byte-identical trace and reports).")
    Long seed;

    @Option(names = "--report", arity = "2", paramLabel = "FORMAT FILE",
            description = "Write a report: json, junit or html, then the file. Repeatable. With several "
                    + "scenarios each format is still one file: json holds a summary and a scenarios array, "
                    + "junit one testsuite per scenario, html one page with an index and every scenario.")
    List<String> reports = new ArrayList<>();

    @Option(names = "--pcap", paramLabel = "FILE",
            description = "Write the HAN frames as a pcap (IEEE 802.15.4, Wireshark decodes it). With several "
                    + "scenarios, one file each: -1, -2, ... before the extension (each is its own HAN and clock).")
    Path pcap;

    @Option(names = "--trace", paramLabel = "FILE", description = "Write the HAN trace as JSON lines. With several "
            + "scenarios, one file each, numbered as for --pcap.")
    Path trace;

    @Option(names = "--quiet", description = "No progress bars: plain lines and the summary only.")
    boolean quiet;

    /** The {@code --report} pairs, checked. */
    List<Report> reportList() {
        List<Report> out = new ArrayList<>();
        for (int i = 0; i + 1 < reports.size(); i += 2) {
            String f = reports.get(i).toLowerCase(Locale.ROOT);
            if (!f.equals("json") && !f.equals("junit") && !f.equals("html")) {
                throw new BadInputException("--report " + reports.get(i) + ": the format must be json, junit or html");
            }
            out.add(new Report(f, Path.of(reports.get(i + 1))));
        }
        return out;
    }

    /**
     * Checks every output before anything runs, so a mistyped folder does not cost a whole run: the
     * report formats; that each file's folder exists; that each is something hansim may write
     * (OutputFiles: a file, a link to one, a named pipe - not a folder or a device); and that no output
     * is one of the {@code inputs} (the scenario files and the image files they name) nor another
     * output, e.g. {@code --report json S.yaml S.yaml} or the same file for --report and --pcap
     * (issue 14 item 1). All bad input, exit 2.
     */
    void check(List<OutputFiles.Named> inputs, int scenarios) {
        List<OutputFiles.Named> outputs = new ArrayList<>();
        for (Report r : reportList()) {
            outputs.add(new OutputFiles.Named("--report " + r.format(), r.file()));
        }
        for (int i = 0; i < scenarios; i++) {
            if (pcap != null) {
                outputs.add(new OutputFiles.Named("--pcap", numbered(pcap, i, scenarios)));
            }
            if (trace != null) {
                outputs.add(new OutputFiles.Named("--trace", numbered(trace, i, scenarios)));
            }
        }
        for (OutputFiles.Named o : outputs) {
            Path p = o.path();
            Path parent = p.toAbsolutePath().getParent();
            if (parent == null || !java.nio.file.Files.isDirectory(parent)) {
                throw new BadInputException(p + ": no such folder " + parent);
            }
            OutputFiles.check(p);
        }
        OutputFiles.distinct(inputs, outputs);
    }

    /** {@code file} for the {@code index}-th (0-based) of {@code count} scenarios: run.json, run-2.json, ... */
    static Path numbered(Path file, int index, int count) {
        if (count == 1) {
            return file;
        }
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String n = dot > 0 ? name.substring(0, dot) + "-" + (index + 1) + name.substring(dot)
                : name + "-" + (index + 1);
        return file.resolveSibling(n);
    }
}
