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

    /**
     * Throws the problems in file order (line, then column) when there are any. {@code fallback}
     * stands for a document that gave no value yet named no problem (e.g. an empty file).
     */
    static void throwIfAny(List<ScenarioProblem> problems, boolean gotValue, ScenarioProblem fallback)
            throws ScenarioException {
        if (problems.isEmpty() && gotValue) {
            return;
        }
        List<ScenarioProblem> sorted = new java.util.ArrayList<>(problems.isEmpty() ? List.of(fallback) : problems);
        sorted.sort(java.util.Comparator.comparingInt((ScenarioProblem p) -> p.position().line())
                .thenComparingInt(p -> p.position().column()));
        throw new ScenarioException(sorted);
    }

    /**
     * The UTF-8 text of a scenario or fleet file, at most {@code maxSize} octets; an unreadable,
     * oversized or non-UTF-8 file is one problem naming the file without a line (it is about the
     * whole file; a non-UTF-8 one says the byte offset of its first bad byte).
     */
    static String readText(java.nio.file.Path file, long maxSize, String what) throws ScenarioException {
        String name = file.toString();
        byte[] bytes;
        try {
            bytes = InputBytes.read(file, maxSize); // capped as it is read: a FIFO or /dev/zero ends too
        } catch (InputBytes.TooLargeException e) {
            throw atStart(name, "the file is larger than " + maxSize + " octets");
        } catch (java.io.IOException e) {
            throw atStart(name, "cannot read the " + what + " file: " + e.getMessage());
        }
        try {
            return Utf8Text.decode(bytes);
        } catch (Utf8Text.NotUtf8Exception e) {
            throw atStart(name, "the file is " + e.getMessage());
        }
    }

    private static ScenarioException atStart(String file, String message) {
        return new ScenarioException(List.of(new ScenarioProblem(new Position(file, 0, 0), message)));
    }

    /** The problems in file order. */
    public List<ScenarioProblem> problems() {
        return problems;
    }
}
