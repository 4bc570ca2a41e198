package io.hansim.gbcs;

import java.util.Objects;

/**
 * The signature field (gbcs.md §1, §2.3): {@link Kind#ABSENT} in a PRECOMMAND (no length byte at
 * all), {@link Kind#EMPTY} for the single byte {@code 00}, or {@link Kind#PRESENT} for {@code 40}
 * followed by the 64-byte ECDSA P-256 r‖s.
 */
public record Signature(Kind kind, ByteString value) {
    /** Size of r‖s. */
    public static final int SIZE = 64;

    public static final Signature ABSENT = new Signature(Kind.ABSENT, ByteString.EMPTY);
    public static final Signature EMPTY = new Signature(Kind.EMPTY, ByteString.EMPTY);

    /** Which form the field has. */
    public enum Kind {
        ABSENT,
        EMPTY,
        PRESENT
    }

    public Signature {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(value, "value");
        int want = kind == Kind.PRESENT ? SIZE : 0;
        if (value.length() != want) {
            throw new IllegalArgumentException(kind + " signature must hold " + want + " bytes, not "
                    + value.length());
        }
    }

    /** A present 64-byte signature. */
    public static Signature of(ByteString rs) {
        return new Signature(Kind.PRESENT, rs);
    }

    /** Bytes this field takes on the wire. */
    public int encodedLength() {
        return switch (kind) {
            case ABSENT -> 0;
            case EMPTY -> 1;
            case PRESENT -> 1 + SIZE;
        };
    }
}
