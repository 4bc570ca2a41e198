package io.hansim.zigbee.ota.image;

/** What follows the OTA header. */
public enum ImageFormat {
    /**
     * Zigbee tag/length sub-elements; a GB raw body only when the element chain fails and the
     * body ends with {@code 00 40} + 64 bytes (zigbee-ota.md §8). A GB body without signature
     * tail (the PPMID form) cannot be told from a broken chain, so it needs {@link #GB}.
     */
    AUTO,
    /** Zigbee tag/length sub-elements only (zigbee-ota.md §7.2). */
    ZIGBEE,
    /**
     * GB form (zigbee-ota.md §8, requirements G.6): header + raw body = Manufacturer Image, then
     * optionally {@code 00} ‖ {@code 40} ‖ 64-byte ECDSA P-256 signature.
     */
    GB
}
