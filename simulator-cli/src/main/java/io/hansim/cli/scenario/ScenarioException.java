package io.hansim.cli.scenario;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A scenario file that cannot be run: every problem found, not only the first, so a test lab fixes
 * a file in one pass (issue 7). The message is one {@code file:line:column: message} line a problem.
 */
public final class ScenarioException extends Exception {

    private static final long serialVersionUID = 1L;

    private final List<ScenarioProblem> problems;

    public ScenarioException(List<ScenarioProblem> problems) {
        super(problems.stream().map(ScenarioProblem::toString).collect(Collectors.joining("\n")));
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("a ScenarioException needs at least one problem");
        }
        this.problems = List.copyOf(problems);
    }

    /** The problems in file order. */
    public List<ScenarioProblem> problems() {
        return problems;
    }
}
