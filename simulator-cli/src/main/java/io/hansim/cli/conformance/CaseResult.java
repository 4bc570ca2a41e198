package io.hansim.cli.conformance;

import java.util.List;
import java.util.Objects;

/**
 * One case's outcome, as reports show it.
 *
 * @param id          the case id, e.g. {@code ota.min-block-period}
 * @param requirement the rules it checks (R-/G-numbers, zigbee-ota.md sections)
 * @param title       what it checks, one line
 * @param verdict     pass, fail or not applicable
 * @param expected    what the rule asks for, in words
 * @param seen        what the device did, in words (the reason of a failure)
 * @param frames      the trace lines that show it (the first offending frames for a failure)
 */
public record CaseResult(String id, String requirement, String title, Verdict verdict, String expected, String seen,
        List<String> frames) {
    public CaseResult {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(requirement, "requirement");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(verdict, "verdict");
        Objects.requireNonNull(expected, "expected");
        Objects.requireNonNull(seen, "seen");
        frames = List.copyOf(frames);
    }
}
