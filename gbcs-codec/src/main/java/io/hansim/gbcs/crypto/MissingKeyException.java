package io.hansim.gbcs.crypto;

/**
 * A key needed to sign or MAC a message is not available from the {@link KeyResolver} (gbcs.md §4.1,
 * §4.2). Names the entity (EUI-64 in hex), the usage and which half of the key pair was wanted.
 */
public final class MissingKeyException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final long entity;
    private final KeyUsage usage;
    private final boolean privateKey;

    public MissingKeyException(long entity, KeyUsage usage, boolean privateKey, String purpose) {
        super(String.format("no %s %s key for %016X (needed to %s)", privateKey ? "private" : "public",
                usage.name(), entity, purpose));
        this.entity = entity;
        this.usage = usage;
        this.privateKey = privateKey;
    }

    /** The entity whose key is missing. */
    public long entity() {
        return entity;
    }

    public KeyUsage usage() {
        return usage;
    }

    /** True when the private half was wanted, false for the public half. */
    public boolean privateKey() {
        return privateKey;
    }
}
