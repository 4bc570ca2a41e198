package io.hansim.zigbee.ota.image;

/**
 * What a {@link Finding} is about. Each constant names its severity; the choice is made so that
 * the expected results of corpora.md §3 hold exactly: each quirk file yields its listed code and no
 * other ERROR or WARNING, and the clean files yield INFO findings at most.
 *
 * <p>The INFO codes ({@link #WILDCARD_MANUFACTURER}, {@link #INTEGRITY_VERIFIED},
 * {@link #INTEGRITY_MISMATCH}, {@link #INTEGRITY_UNVERIFIABLE}, {@link #SIGNATURE_NOT_VERIFIED},
 * {@link #GB_BODY}) are the only ones a clean file may carry.
 */
public enum FindingCode {
    /** ERROR. No upgrade file identifier {@code 1E F1 EE 0B} anywhere in the file. Offset 0. */
    NO_IDENTIFIER(Severity.ERROR),
    /**
     * ERROR. Fewer bytes after the identifier than the header needs (56, or more when field
     * control announces optional fields). Offset: the file length. The header is then null.
     */
    TOO_SHORT(Severity.ERROR),
    /**
     * ERROR by default, WARNING with {@link ParseOptions#unwrap()}. The identifier is not at
     * offset 0; the message gives the prefix length (= the identifier offset). Offset 0.
     */
    PREFIX(Severity.ERROR),
    /** WARNING. Header version other than 0x0100 (every real file has 0x0100, zigbee-ota.md §7.1). */
    HEADER_VERSION(Severity.WARNING),
    /** WARNING. Field control has bits set other than 0, 1, 2 (zigbee-ota.md §7.1). */
    FIELD_CONTROL_RESERVED(Severity.WARNING),
    /**
     * ERROR. HeaderLength is smaller than the fields that field control announces; elements are
     * then read after those fields.
     */
    HEADER_LENGTH(Severity.ERROR),
    /**
     * WARNING. HeaderLength is larger than the known fields: the extra bytes are kept in
     * {@link OtaHeader#extraHeaderBytes()} and elements start at HeaderLength (corpora.md §4).
     * Offset: the first extra byte.
     */
    HEADER_PADDING(Severity.WARNING),
    /**
     * WARNING. The header string holds bytes outside 7-bit ASCII or a NUL before other bytes
     * (binary data). Control characters such as a trailing {@code \n} (Sonoff TRVZB) or a leading
     * length byte (Lumi, Amina) are ASCII and are not reported (corpora.md §3 "oddities").
     */
    HEADER_STRING_NON_ASCII(Severity.WARNING),
    /**
     * INFO. Manufacturer code 0xFFFF in a real header (TICMeter): a server must not treat it as
     * "matches everything" without a policy (corpora.md §3).
     */
    WILDCARD_MANUFACTURER(Severity.INFO),
    /** ERROR. TotalImageSize is smaller than the header. Nothing after the header is read. */
    TOTAL_SIZE(Severity.ERROR),
    /**
     * ERROR. The file ends before identifier offset + TotalImageSize; the message gives expected
     * and actual file length. Offset: the file length. Elements cut by the end are listed as
     * incomplete and are not also reported as overruns.
     */
    TRUNCATED(Severity.ERROR),
    /** WARNING. Bytes after TotalImageSize; they are never walked. Offset: the first such byte. */
    TRAILING_BYTES(Severity.WARNING),
    /**
     * ERROR. An element (or its 6-byte tag header) runs past TotalImageSize: the chain is not
     * tag/length. Offset: that element's tag. Lengths are never clamped (corpora.md §4).
     */
    ELEMENT_OVERRUN(Severity.ERROR),
    /** WARNING. Tag in the reserved range 0x0007–0xEFFF (zigbee-ota.md §7.2). Offset: the tag. */
    RESERVED_TAG(Severity.WARNING),
    /**
     * ERROR. A tag with a fixed size has another length: 0x0001 (50), 0x0002 (48), 0x0003 (16),
     * 0x0005 (80), 0x0006 (74) (zigbee-ota.md §7.2). Offset: the tag.
     */
    ELEMENT_SIZE(Severity.ERROR),
    /**
     * WARNING. Tag 0xF000 read in the Telink form (2 extra bytes after its length), because the
     * ordinary chain failed and the Telink reading ends exactly at TotalImageSize, or because
     * {@link TelinkMode#ALWAYS} was asked. Offset: the first 0xF000 tag.
     */
    TELINK_F000(Severity.WARNING),
    /** INFO. An image integrity code (tag 0x0003) matches AES-MMO under the rule the message names. */
    INTEGRITY_VERIFIED(Severity.INFO),
    /**
     * INFO. An image integrity code matches neither known coverage rule. INFO, not an error,
     * because which bytes the code covers is (unconfirmed) and vendors differ (corpora.md §3);
     * rejecting is a policy decision.
     */
    INTEGRITY_MISMATCH(Severity.INFO),
    /** INFO. An image integrity code cannot be checked (wrong size, cut off, message too long). */
    INTEGRITY_UNVERIFIABLE(Severity.INFO),
    /**
     * INFO. A Smart Energy ECDSA signature element (crypto suite 1 or 2) is present; it is
     * recognised and size-checked but not verified (sect163k1/sect283k1 and ECQV certificates,
     * zigbee-ota.md §7.3).
     */
    SIGNATURE_NOT_VERIFIED(Severity.INFO),
    /**
     * INFO. The body was read in the GB form (zigbee-ota.md §8): forced by {@link ImageFormat#GB},
     * or detected in {@link ImageFormat#AUTO}. The message starts with the {@link GbForm#label()}
     * of the form ({@link OtaImageReport#gbBody()} tells it too) and says how it was chosen.
     * Offset: the first body byte.
     */
    GB_BODY(Severity.INFO),
    /**
     * INFO. The GB signature over the Manufacturer Image verifies with the key the caller gave
     * (requirements G.6). Only raised on request: the parser alone has no key.
     */
    GB_SIGNATURE_VERIFIED(Severity.INFO),
    /**
     * ERROR. The GB signature over the Manufacturer Image does not verify with the key the caller
     * gave, or the image has no signature to verify. Offset: the signature-length byte.
     */
    GB_SIGNATURE_INVALID(Severity.ERROR),
    /**
     * WARNING. The firmware in the Manufacturer Image says its File Version ({@link SimulatedFirmware})
     * and it is not the header's: the header, which the GB signature does not cover, was changed, and
     * a simulated device refuses the image (issue 14, decision 0017). Offset: the first body byte.
     */
    FIRMWARE_VERSION_MISMATCH(Severity.WARNING);

    private final Severity defaultSeverity;

    FindingCode(Severity defaultSeverity) {
        this.defaultSeverity = defaultSeverity;
    }

    /** The severity the parser gives this code (only {@link #PREFIX} depends on the options). */
    public Severity defaultSeverity() {
        return defaultSeverity;
    }
}
