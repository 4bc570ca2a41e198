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

    /**
     * Why OTA by SR 11.4 may not go to a PPMID of this capability whose resulting SMETS version
     * (the CH's, R202.3) is {@code resulting}, or empty when it may (R202.4, MP202 §7 Requirement 7:
     * OTA only to dual-mode PPMIDs enrolled in SMETS2+; SMETS2+-only PPMIDs pass too):
     * <ul>
     *   <li>{@link RefusalReason#OTA_SMETS1_SYSTEM} when the resulting version is SMETS1, whatever
     *       the capability (firmware for PPMIDs in SMETS1 systems goes outside MP202);</li>
     *   <li>{@link RefusalReason#TARGET_CAPABILITY_MISMATCH} when it is SMETS2+ but the PPMID cannot
     *       work in SMETS2+ systems ({@link #S1}): it took the CH's version on joining, yet an image
     *       for a SMETS2+ PPMID is not for it.</li>
     * </ul>
     */
    public java.util.Optional<RefusalReason> otaRefusal(SmetsVersion resulting) {
        java.util.Objects.requireNonNull(resulting, "resulting");
        if (resulting == SmetsVersion.SMETS1) {
            return java.util.Optional.of(RefusalReason.OTA_SMETS1_SYSTEM);
        }
        return supports(resulting) ? java.util.Optional.empty()
                : java.util.Optional.of(RefusalReason.TARGET_CAPABILITY_MISMATCH);
    }
}
