package io.hansim.cli.scenario;

/**
 * One mistake in a scenario file: where it is and what was expected instead.
 *
 * @param position where the offending key or value starts
 * @param message  what is wrong and what was expected, without the position
 */
public record ScenarioProblem(Position position, String message) {

    public ScenarioProblem {
        // One problem, one line (DESIGN.md §5): keys and values quoted from the file may hold
        // control characters, line breaks or bidi overrides, which are shown escaped (issue 14).
        message = TerminalText.escape(message);
    }

    /** The line the CLI prints: {@code file:line:column: message} (DESIGN.md §5). */
    @Override
    public String toString() {
        return TerminalText.escape(position.toString()) + ": " + message;
    }
}
