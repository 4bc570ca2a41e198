package io.hansim.gbcs.crypto;

/** Which key of an entity (gbcs.md §4; keystore names in corpora.md §5.2). */
public enum KeyUsage {
    /** Digital signing (ECDSA P-256, gbcs.md §4.2). */
    DS("ds"),
    /** Key agreement (ECDH P-256, gbcs.md §4.1). */
    KA("ka"),
    /** Prepayment key agreement ({@code -pp-ka} in the keystore). */
    PREPAYMENT_KA("pp-ka");

    private final String suffix;

    KeyUsage(String suffix) {
        this.suffix = suffix;
    }

    /** The file-name suffix used in the keystore folder, e.g. {@code ka}. */
    public String suffix() {
        return suffix;
    }
}
