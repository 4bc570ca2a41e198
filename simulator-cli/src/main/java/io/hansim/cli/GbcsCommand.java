package io.hansim.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code hansim gbcs}: tools for GBCS messages. */
@Command(
        name = "gbcs",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = "Decode GBCS messages and check their MACs and signatures.",
        subcommands = {GbcsDecodeCommand.class, CommandLine.HelpCommand.class},
        footer = {
            "",
            "Examples:",
            "  hansim gbcs decode --keys ../shared/vectors/gbcs/keystore ../shared/vectors/gbcs/rtds-4.5.0/11.2_CS08/*.HEX",
            "  hansim gbcs decode --json DD000000000000819C11000000...   (hex on the command line)"
        })
final class GbcsCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
