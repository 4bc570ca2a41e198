package io.hansim.device.inventory;

/**
 * What SMETS systems a PPMID model can work in (R202.1): only SMETS1, only SMETS2+, or both
 * ("dual-mode", MP202 "bilingual").
 */
public enum PpmidSmetsCapability {
    S1,
    S2PLUS,
    DUAL;

    /** Whether a PPMID of this capability can run in a system of {@code version}. */
    public boolean supports(SmetsVersion version) {
        return this == DUAL || (this == S1) == (version == SmetsVersion.SMETS1);
    }
}
