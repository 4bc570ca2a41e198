package io.hansim.cli.conformance;

/** The outcome of one conformance case. */
public enum Verdict {
    /** The device did what the rule asks. */
    PASS,
    /** The device broke the rule; the case result says what was expected and what was seen. */
    FAIL,
    /** The rule does not concern this device (its kind, or a feature it does not use). */
    NOT_APPLICABLE
}
