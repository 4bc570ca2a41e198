package io.hansim.device.inventory;

/**
 * Which CPL rules are in force: before MP202 (the DCC's tactical interim solution, R202.6) or
 * after it (the enduring solution, R202.2, R202.3).
 */
public enum CplMode {
    /**
     * MP202's enduring solution: a dual-mode PPMID has two rows with its real firmware version, one
     * per SMETS version; the SMI takes the PPMID's SMETS version from the CH (R202.2, R202.3).
     */
    ENDURING,
    /**
     * The {@code interim-cpl} mode (R202.6, MP202 §2, SEC Appendix Z 3.13(b)): one row per key; the
     * SMETS1 row of a dual-mode model carries a fictitious firmware version, so a PPMID joined to a
     * system of the other SMETS version matches no row and cannot be the target of any SR until the
     * DCC fixes the SMI by hand.
     */
    INTERIM
}
