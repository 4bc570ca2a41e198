package io.hansim.cli;

import io.hansim.cli.scenario.Scenario;
import io.hansim.cli.scenario.ScenarioException;
import io.hansim.cli.scenario.ScenarioLoader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code hansim demo}: the built-in flagship scenario (a CH, a dual-mode PPMID, an IHD, an HCALCS, a
 * meter and the gas proxy; firmware to the PPMID and the HCALCS over a lossy HAN with a power cut,
 * then a Change of Tenancy). It is the resource {@code io/hansim/cli/demo.yaml}, loaded through the
 * same loader as any file, and a copy is {@code examples/demo.yaml}.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Run the built-in flagship scenario (no file needed); takes every option of 'run'.",
        footer = {
            "",
            "Examples:",
            "  hansim demo",
            "  hansim demo --report html demo.html --pcap demo.pcap",
            "  hansim demo --seed 7 --quiet --report junit demo.xml",
            "",
            "The scenario is examples/demo.yaml. Exit codes as for 'run'."
        })
final class DemoCommand implements Callable<Integer> {
    /** Where the demo scenario lives on the class path. */
    static final String RESOURCE = "/io/hansim/cli/demo.yaml";

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    RunOptions options;

    /** The demo scenario's text. */
    static String text() {
        try (InputStream in = DemoCommand.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the demo scenario " + RESOURCE + " is missing from the jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The demo scenario, loaded and validated like a file. */
    static Scenario scenario() {
        try {
            return ScenarioLoader.parse(text(), "demo.yaml", java.nio.file.Path.of(""));
        } catch (ScenarioException e) {
            throw new IllegalStateException("the built-in demo scenario does not load: " + e.getMessage(), e);
        }
    }

    @Override
    public Integer call() {
        options.check(List.of(), 1);
        return ScenarioExecution.run(List.of(scenario()), options, spec.commandLine().getOut());
    }
}
