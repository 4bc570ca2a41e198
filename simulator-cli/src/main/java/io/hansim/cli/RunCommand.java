package io.hansim.cli;

import io.hansim.cli.scenario.ImageSpec;
import io.hansim.cli.scenario.Scenario;
import io.hansim.cli.scenario.ScenarioException;
import io.hansim.cli.scenario.ScenarioLoader;
import io.hansim.cli.scenario.ScenarioProblem;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * {@code hansim run SCENARIO...}: loads every file first; if any has mistakes, prints every problem
 * as {@code file:line:column: message} and runs nothing (exit 2). Otherwise runs each scenario in turn
 * (issue 7, docs/scenario-format.md).
 */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run scenario files: build the HAN, run the steps in virtual time, check the expectations.",
        footer = {
            "",
            "Examples:",
            "  hansim run examples/ppmid-ota.yaml",
            "  hansim run --seed 7 --report junit target/hansim.xml examples/*.yaml",
            "  hansim run --report html run.html --report json run.json --pcap run.pcap --quiet my.yaml",
            "",
            "Exit codes: 0 every expectation met, 1 an expectation failed, 2 bad input (the scenario is",
            "not started; every problem is printed as file:line:column: message), 3 internal error."
        })
final class RunCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "SCENARIO", description = "Scenario files (YAML).")
    List<Path> files;

    @Mixin
    RunOptions options;

    @Override
    public Integer call() {
        List<Scenario> scenarios = new ArrayList<>();
        List<ScenarioProblem> problems = new ArrayList<>();
        for (Path f : files) {
            try {
                scenarios.add(ScenarioLoader.load(f));
            } catch (ScenarioException e) {
                problems.addAll(e.problems());
            }
        }
        if (!problems.isEmpty()) {
            for (ScenarioProblem p : problems) {
                spec.commandLine().getErr().println(p);
            }
            spec.commandLine().getErr().println("hansim: " + problems.size() + " problem"
                    + (problems.size() == 1 ? "" : "s") + "; nothing was run");
            spec.commandLine().getErr().flush();
            return Main.EXIT_BAD_INPUT;
        }
        // A bad --report format, folder or output path is bad input before anything runs.
        List<OutputFiles.Named> inputs = new ArrayList<>();
        for (Path f : files) {
            inputs.add(new OutputFiles.Named("scenario", f));
        }
        for (Scenario s : scenarios) {
            for (ImageSpec i : s.images()) {
                if (i instanceof ImageSpec.File f) {
                    inputs.add(new OutputFiles.Named("image " + f.id(), f.path()));
                }
            }
        }
        options.check(inputs, scenarios.size());
        return ScenarioExecution.run(scenarios, options, spec.commandLine().getOut());
    }
}
