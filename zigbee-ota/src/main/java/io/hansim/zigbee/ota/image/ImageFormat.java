package io.hansim.zigbee.ota.image;

/** What follows the OTA header. */
public enum ImageFormat {
    /**
     * Zigbee tag/length sub-elements when the chain reads; otherwise a GB body when the bytes show
     * one (zigbee-ota.md §8, requirements G.6): the {@linkplain GbForm#SIGNED signed form} when the
     * body ends with {@code 00 40} + 64 bytes, the {@linkplain GbForm#PPMID SR 11.4 form} when the
     * header has the GB shape G.6 names (HeaderLength 60, field control 0x0004: the hardware range
     * and nothing else). A body that fails the chain with neither is reported as a Zigbee file
     * (ELEMENT_OVERRUN ...): the Hue {@code .sbl-ota} files of the corpus are such files, and an
     * SR 11.4 body under another header cannot be told from them (decision 0014).
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
