package io.hansim.cli.report;

import java.util.Objects;

/**
 * The verdict on one expectation of a scenario.
 *
 * @param description what was expected, in the scenario's words
 * @param location    where the expectation is written, {@code file:line:column} (DESIGN.md §5)
 * @param passed      whether it held
 * @param expected    the expected value, as text
 * @param observed    what the run showed, as text
 * @param atMicros    virtual time of the check, microseconds
 */
public record ExpectationResult(String description, String location, boolean passed, String expected,
        String observed, long atMicros) {
    public ExpectationResult {
        Objects.requireNonNull(description, "description");
        location = location == null ? "" : location;
        expected = expected == null ? "" : expected;
        observed = observed == null ? "" : observed;
    }
}
