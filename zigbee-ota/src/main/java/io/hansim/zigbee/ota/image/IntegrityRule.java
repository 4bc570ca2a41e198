package io.hansim.zigbee.ota.image;

/**
 * Which bytes an image integrity code (tag 0x0003) covers. The specification's intent is
 * (unconfirmed); the corpus shows both (corpora.md §3 integrity table). Both start at the upgrade
 * file identifier.
 */
public enum IntegrityRule {
    /** Every byte before the 0x0003 tag header (Ubisys, Innr, Bosch: the majority). */
    BEFORE_ELEMENT,
    /** Every byte before the 16-byte code, the tag header included (NodOn V030103). */
    BEFORE_CODE
}
