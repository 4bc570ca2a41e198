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

    @Option(names = "--seed", paramLabel = "N",
            description = "Override the scenario's seed (same scenario and seed: byte-identical trace and reports).")
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
     * Checks every output before anything runs, so a mistyped folder does not cost a whole run:
     * the report formats, and that each file's folder exists (bad input, exit 2).
     */
    void check() {
        List<Path> outputs = new ArrayList<>();
        for (Report r : reportList()) {
            outputs.add(r.file());
        }
        if (pcap != null) {
            outputs.add(pcap);
        }
        if (trace != null) {
            outputs.add(trace);
        }
        for (Path p : outputs) {
            Path parent = p.toAbsolutePath().getParent();
            if (parent == null || !java.nio.file.Files.isDirectory(parent)) {
                throw new BadInputException(p + ": no such folder " + parent);
            }
            if (java.nio.file.Files.isDirectory(p)) {
                throw new BadInputException(p + ": is a folder; expected a file name");
            }
        }
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
