package io.hansim.gbcs.payload;

/** The three payload families of gbcs.md §5. */
public enum PayloadForm {
    /** Zigbee GBZ: profile 0x0109, components or an alert header (gbcs.md §5). */
    GBZ,
    /** xDLMS APDU: access-request D9, access-response DA, data-notification 0F (gbcs.md §5). */
    DLMS,
    /** ASN.1 DER (gbcs.md §3, §5, §8.2). */
    DER;

    /** The form suggested by a payload's first byte, or {@code null} when it suggests none. */
    public static PayloadForm byFirstByte(int first) {
        return switch (first & 0xFF) {
            case 0x01 -> GBZ;
            case 0xD9, 0xDA, 0x0F -> DLMS;
            case 0x30, 0x02, 0x04, 0x05, 0x18 -> DER;
            default -> null;
        };
    }
}
