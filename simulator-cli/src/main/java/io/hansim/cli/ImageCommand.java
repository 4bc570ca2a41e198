package io.hansim.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code hansim image}: tools for Zigbee OTA upgrade files and GB firmware images. */
@Command(
        name = "image",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = "Inspect, lint and build Zigbee OTA upgrade files (and the GB image form).",
        subcommands = {ImageInspectCommand.class, ImageBuildCommand.class, CommandLine.HelpCommand.class},
        footer = {
            "",
            "Examples:",
            "  hansim image inspect firmware.ota",
            "  hansim image build --demo -o target/demo-ppmid.ota"
        })
final class ImageCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
