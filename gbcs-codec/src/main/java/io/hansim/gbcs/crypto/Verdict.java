package io.hansim.gbcs.crypto;

/** Outcome of checking a MAC or a signature: a value, never an exception (gbcs.md §4). */
public enum Verdict {
    /** Present and correct. */
    VALID,
    /** Present and wrong. */
    INVALID,
    /** The message carries no such protection (no MAC Header, or signature field {@code 00}/absent). */
    ABSENT,
    /** Present, but a key needed to check it is not available. */
    UNVERIFIABLE
}
