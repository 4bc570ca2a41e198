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
        // control characters or line breaks, which are shown escaped.
        StringBuilder b = new StringBuilder();
        String m = message == null ? "" : message;
        for (int i = 0; i < m.length(); i++) {
            char c = m.charAt(i);
            if (c == '\n') {
                b.append("\\n");
            } else if (c < 0x20 || c == 0x7F || Character.isSurrogate(c) && !validPair(m, i)) {
                b.append(String.format("\\u%04X", (int) c));
            } else {
                b.append(c);
            }
        }
        message = b.toString();
    }

    private static boolean validPair(String m, int i) {
        char c = m.charAt(i);
        if (Character.isHighSurrogate(c)) {
            return i + 1 < m.length() && Character.isLowSurrogate(m.charAt(i + 1));
        }
        return i > 0 && Character.isHighSurrogate(m.charAt(i - 1));
    }

    /** The line the CLI prints: {@code file:line:column: message} (DESIGN.md §5). */
    @Override
    public String toString() {
        return position + ": " + message;
    }
}
