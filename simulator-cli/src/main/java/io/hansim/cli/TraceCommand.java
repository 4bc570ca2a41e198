package io.hansim.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code hansim trace}: tools for the JSON-lines traces a run writes (DESIGN.md §5). */
@Command(
        name = "trace",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = "Summarise a JSON-lines trace, or convert it to pcap (Wireshark) or an HTML sequence page.",
        subcommands = {TraceSummaryCommand.class, TraceConvertCommand.class, CommandLine.HelpCommand.class},
        footer = {
            "",
            "Examples:",
            "  hansim trace summary run.trace.jsonl",
            "  hansim trace convert --to pcap run.trace.jsonl -o run.pcap",
            "  hansim trace convert --to html --name 0011223344556677=hub run.trace.jsonl -o run.html",
            "",
            "Exit codes: 0 ok, 2 bad input (the message names file:line:column)."
        })
final class TraceCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
