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
class ExamplesTest {
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
        RunReport r = new ScenarioRunner(ScenarioLoader.load(file), ScenarioRunner.Options.defaults()).run();
        assertFalse(r.expectations().isEmpty(), file + " checks something");
        assertTrue(r.passed(), file + ": " + r.expectations().stream().filter(e -> !e.passed())
                .map(ExpectationResult::toString).collect(Collectors.joining("\n")));
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
