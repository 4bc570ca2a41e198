package io.hansim.device.inventory;

/**
 * The SMETS generation of a system or a device's enrolment (MP202): SMETS1 (enrolled and adopted
 * meters) or SMETS2 and later. A Communications Hub has one; a PPMID takes the CH's (R202.3).
 */
public enum SmetsVersion {
    SMETS1,
    SMETS2_PLUS
}
