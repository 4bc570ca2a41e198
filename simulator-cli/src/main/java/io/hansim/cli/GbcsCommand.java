package io.hansim.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code hansim gbcs}: tools for GBCS messages. */
@Command(
        name = "gbcs",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = "Decode, verify and build GBCS messages; write simulation keystores.",
        subcommands = {GbcsDecodeCommand.class, GbcsEncodeCommand.class, GbcsKeysCommand.class, CommandLine.HelpCommand.class},
        footer = {
            "",
            "Examples:",
            "  hansim gbcs decode --keys ../shared/vectors/gbcs/keystore ../shared/vectors/gbcs/rtds-4.5.0/11.2_CS08/*.HEX",
            "  hansim gbcs decode --json DD000000000000819C11000000...   (hex on the command line)",
            "  hansim gbcs keys --pki-seed demo --entity 90B3D51F30010000 --entity 90B3D51F30000002:ka \\",
            "      --entity 00DB123456789001 -o target/keys",
            "  hansim gbcs encode --keys target/keys examples/gbcs/cs06.json",
            "  hansim gbcs decode --json --keys DIR m.hex | hansim gbcs encode --keys DIR -   (same bytes back)"
        })
final class GbcsCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
