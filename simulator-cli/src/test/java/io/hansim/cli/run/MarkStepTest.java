package io.hansim.cli.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.hansim.cli.report.RunReport;
import io.hansim.cli.report.TimelineEvent;
import io.hansim.cli.scenario.MarkKind;
import io.hansim.cli.scenario.Position;
import io.hansim.cli.scenario.ScenarioException;
import io.hansim.cli.scenario.ScenarioProblem;
import io.hansim.device.trace.FingerprintTraceSink;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The {@code mark} step kind, the worked example of README "How to add a scenario step kind"
 * (issue 15): one class ({@link MarkKind}), its registration line and its docs.
 */
class MarkStepTest {

    private static final String STEPS = """
              - mark: lab starts the upgrade
              - distribute: { image: v2, to: ppmid }
              - wait: 90s
              - mark: { text: engineer pulls the PPMID's battery, device: ppmid }
              - power-cut: { device: ppmid }
              - mark: { text: back to the CH, device: hub }
            """;

    private static List<TimelineEvent> marks(RunReport r) {
        return r.timeline().stream().filter(e -> e.kind().equals("mark")).toList();
    }

    @Test
    void issue15_markStampsItsLabelIntoTheTimelineAtItsMomentOnItsLane() throws Exception {
        RunReport r = ScenarioRunnerTest.run(STEPS, ScenarioRunner.Options.defaults());
        assertEquals(List.of(
                new TimelineEvent(0, "hub", "mark", "lab starts the upgrade (t.yaml:17:5)"),
                new TimelineEvent(90 * ScenarioRunner.SECOND, "ppmid", "mark",
                        "engineer pulls the PPMID's battery (t.yaml:20:5)"),
                new TimelineEvent(90 * ScenarioRunner.SECOND, "hub", "mark", "back to the CH (t.yaml:22:5)")),
                marks(r));
    }

    @Test
    void issue15_marksSendNothing() throws Exception {
        FingerprintTraceSink with = new FingerprintTraceSink();
        FingerprintTraceSink without = new FingerprintTraceSink();
        ScenarioRunnerTest.run(STEPS, ScenarioRunner.Options.defaults().withTraceSink(with));
        String unmarked = STEPS.lines().filter(l -> !l.contains("mark:")).map(l -> l + "\n")
                .reduce("", String::concat);
        ScenarioRunnerTest.run(unmarked, ScenarioRunner.Options.defaults().withTraceSink(without));
        assertEquals(without.hex(), with.hex(), "the same trace with and without marks");
    }

    @Test
    void issue15_badMarksAreErrorsWithTheirLineAndColumn() {
        ScenarioException e = assertThrows(ScenarioException.class, () -> ScenarioRunnerTest.scenario("""
                  - mark: { text: x, device: ppmd }
                  - mark: { device: ppmid }
                  - mark: [a, b]
                  - mark: ""
                  - mark: { text: y, colour: red }
                """));
        assertEquals(List.of(
                "t.yaml:17:30: steps[0].mark.device: unknown device 'ppmd' (did you mean 'ppmid'?); devices are: ppmid, ihd",
                "t.yaml:18:11: steps[1].mark: missing required key 'text' (the label)",
                "t.yaml:19:11: steps[2].mark: expected a label such as 'engineer opens the meter cabinet', got a list",
                "t.yaml:20:11: steps[3].mark: expected a label, got an empty one",
                "t.yaml:21:22: unknown key 'colour' in steps[4].mark; expected one of: device, text"),
                e.problems().stream().map(ScenarioProblem::toString).toList());
        assertEquals(new MarkKind.Mark("x", "hub", new Position("f", 1, 1)).devices(), List.of());
    }
}
