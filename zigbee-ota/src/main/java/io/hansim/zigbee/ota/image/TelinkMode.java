package io.hansim.zigbee.ota.image;

/**
 * How to read sub-elements with tag 0xF000.
 *
 * <p>Telink-based images (LEDVANCE, Sonoff TLSR, ...) put 2 extra bytes after the length field of
 * tag 0xF000, while Hue, Lumi, Develco and Sonoff TRVZB images use 0xF000 as an ordinary
 * manufacturer tag (corpora.md §3, §4; zigbee-ota.md §7.2). zigbee-herdsman always assumes the
 * Telink form and mis-walks the second group; zsmartsystems never does and misses the first.
 */
public enum TelinkMode {
    /**
     * Ordinary tag/length by default; the Telink form only when the ordinary chain fails and the
     * Telink reading ends exactly at TotalImageSize (the chain "proves" it, corpora.md §4).
     */
    AUTO,
    /** Always read tag 0xF000 with 2 extra bytes (a device profile says the vendor is Telink). */
    ALWAYS,
    /** Never: 0xF000 is an ordinary tag. */
    NEVER
}
