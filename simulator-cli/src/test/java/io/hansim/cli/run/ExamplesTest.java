package io.hansim.cli.run;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hansim.cli.report.ExpectationResult;
import io.hansim.cli.report.RunReport;
import io.hansim.cli.scenario.ScenarioLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every {@code examples/*.yaml} scenario runs green (issue 7); the Change of Tenancy examples
 * ({@code cot-*}) run in their own tagged test, so a CoT regression is named as such. Fleet files
 * ({@code fleet-*}) are not scenarios: {@code hansim fleet} runs them.
 */
public class ExamplesTest {
    static final Path ROOT = Path.of(System.getProperty("hansim.root", ".."));

    static List<Path> examples(boolean cot) throws IOException {
        try (Stream<Path> s = Files.list(ROOT.resolve("examples"))) {
            return s.filter(p -> p.toString().endsWith(".yaml") && !p.getFileName().toString().startsWith("fleet-"))
                    .filter(p -> p.getFileName().toString().startsWith("cot-") == cot).sorted().toList();
        }
    }

    static List<Path> otaExamples() throws IOException {
        return examples(false);
    }

    static List<Path> cotExamples() throws IOException {
        return examples(true);
    }

    static void runsGreen(Path file) throws Exception {
        String text = Files.readString(file);
        assertTrue(text.startsWith("# "), file + ": starts with a comment saying what it shows");
        assertTrue(text.lines().limit(12).anyMatch(l -> l.matches("#.*(R\\d+\\.\\d+|G\\.\\d+).*")), file + ": names R- or G-numbers");
        RunReport r = new ScenarioRunner(withTestHansim(ScenarioLoader.load(file)), ScenarioRunner.Options.defaults())
                .run();
        assertFalse(r.expectations().isEmpty(), file + " checks something");
        assertTrue(r.passed(), file + ": " + r.expectations().stream().filter(e -> !e.passed())
                .map(ExpectationResult::toString).collect(Collectors.joining("\n")));
    }

    /**
     * Issue 17: an external device whose command is {@code ./hansim ...} (examples/external-ppmid.yaml)
     * runs the CLI of the classes under test instead ({@code java -cp <test class path> io.hansim.cli.Main
     * ...}): while {@code mvn test} runs, the jar {@code ./hansim} starts is not built yet (or is an old
     * one). {@code .ci/run} runs the example with {@code ./hansim} itself.
     */
    static io.hansim.cli.scenario.Scenario withTestHansim(io.hansim.cli.scenario.Scenario s) {
        List<io.hansim.cli.scenario.DeviceSpec> devices = new java.util.ArrayList<>();
        for (io.hansim.cli.scenario.DeviceSpec d : s.topology().devices()) {
            if (d instanceof io.hansim.cli.scenario.DeviceSpec.External x && !x.command().isEmpty()
                    && x.command().get(0).equals("./hansim")) {
                List<String> argv = new java.util.ArrayList<>(hansimOfTheTests());
                argv.addAll(x.command().subList(1, x.command().size()));
                d = new io.hansim.cli.scenario.DeviceSpec.External(x.id(), x.eui64(), x.stands(), argv, x.workdir(),
                        x.connect(), x.realTime(), x.helloTimeout(), x.exchangeTimeout(), x.byeTimeout(),
                        x.maxMessage(), x.smets(), x.position());
            }
            devices.add(d);
        }
        return new io.hansim.cli.scenario.Scenario(s.name(), s.seed(), new io.hansim.cli.scenario.Topology(
                s.topology().hub(), devices, s.topology().position()), s.images(), s.faults(), s.steps(), s.inventory(),
                s.position());
    }

    /** The command line that runs {@code hansim} from the classes under test, in a child JVM. */
    public static List<String> hansimOfTheTests() {
        return List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), "io.hansim.cli.Main");
    }

    @ParameterizedTest
    @MethodSource("otaExamples")
    void everyExampleRunsGreen(Path file) throws Exception {
        runsGreen(file);
    }

    @Tag("cot")
    @ParameterizedTest
    @MethodSource("cotExamples")
    void everyChangeOfTenancyExampleRunsGreen(Path file) throws Exception {
        runsGreen(file);
    }
}
