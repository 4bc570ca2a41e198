package io.hansim.zigbee.ota.image;

/**
 * The two shapes a GB OTA image body takes (zigbee-ota.md §8, requirements G.6), named after the
 * DUIS service requests whose public templates carry them (SmartDCCInnovation/duis-templates,
 * {@code 11.1_UPDATE_FIRMWARE_REQUEST_DUIS.XML} and {@code 11.4_UPDATE_PPMID_FIRMWARE_REQUEST_DUIS.XML}).
 */
public enum GbForm {
    /**
     * Manufacturer Image ‖ {@code 00} ‖ {@code 40} ‖ 64-byte ECDSA P-256 signature: the SR 11.1 form
     * of ESME, CH and HCALCS-style images; the signature is the authorising supplier's over the
     * Manufacturer Image (GBCS §11.2.2–11.2.4 as cited by HenryGiraldo/gbcs {@code python/gbcs.py}).
     */
    SIGNED("GB signed form (SR 11.1: Manufacturer Image ‖ 00 ‖ 40 ‖ ECDSA P-256 signature; ESME/CH/HCALCS style)"),
    /**
     * The Manufacturer Image alone, no signature tail: the SR 11.4 Update PPMID Firmware form.
     */
    PPMID("GB SR 11.4 form (PPMID: Manufacturer Image only, no signature tail)");

    private final String label;

    GbForm(String label) {
        this.label = label;
    }

    /** One line naming the form, for findings and tools. */
    public String label() {
        return label;
    }
}
