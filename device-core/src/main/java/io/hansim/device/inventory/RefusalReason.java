package io.hansim.device.inventory;

/** Why the CPL or the SMI refused something. Each constant says which rule refuses it. */
public enum RefusalReason {
    // --- CPL (ProductsList) ---
    /** The same key and SMETS version is already on the CPL (R202.2: a row is added once). */
    CPL_DUPLICATE_ROW("the CPL already holds this row"),
    /** A key already has its SMETS1 and SMETS2+ rows (R202.2: a third is rejected). */
    CPL_THIRD_ROW("the key already has a SMETS1 and a SMETS2+ row; MP202 allows two"),
    /** Two rows per key are for PPMIDs only (R202.1: only PPMIDs are dual-mode under MP202). */
    CPL_SECOND_ROW_NOT_PPMID("only a PPMID key may have a second row (MP202)"),
    /** Before MP202 the key takes one record per firmware version (R202.6, MP202 §3). */
    CPL_INTERIM_ONE_ROW_PER_KEY("in interim-cpl mode the key holds one row; the SMETS1 row needs a fictitious firmware version"),
    /** Appendix Z 3.13(b): the SMETS1 row's version must differ from the real one (R202.6). */
    CPL_FICTITIOUS_VERSION_EQUALS_REAL("the fictitious SMETS1 firmware version must differ from the real one"),
    /** Dual-mode model rows were asked for a device type other than PPMID (R202.1). */
    CPL_DUAL_MODE_NOT_PPMID("only PPMID models are dual-mode (MP202)"),

    // --- SMI (Inventory) ---
    /** A pre-notified device's EUI-64 is already in the SMI. */
    SMI_DUPLICATE_DEVICE("the device is already in the SMI"),
    /** No SMI entry for this EUI-64. */
    SMI_UNKNOWN_DEVICE("no such device in the SMI"),
    /** Pre-notification must match a CPL row for the pre-notified SMETS version (MP202 §2). */
    SMI_NOT_ON_CPL("no CPL row for the pre-notified identity and SMETS version"),
    /** Only a PPMID may be declared dual-mode (R202.1). */
    SMI_DUAL_MODE_NOT_PPMID("only a PPMID may have capability DUAL (R202.1)"),
    /** The device has not joined a system yet, so it has no resulting SMETS version (R202.3). */
    SMI_NOT_JOINED("the device has not joined a Communications Hub"),
    /** The device has already joined. */
    SMI_ALREADY_JOINED("the device has already joined a Communications Hub"),
    /** A manual fix named a firmware version with no CPL row for the resulting SMETS version (R202.6). */
    SMI_FIX_NOT_ON_CPL("the corrected firmware version has no CPL row for the device's resulting SMETS version"),
    /** A manual fix was asked for a device that is targetable already (R202.6). */
    SMI_FIX_NOT_NEEDED("the device is targetable; no manual fix is needed"),

    // --- Targeting (SRs and OTA) ---
    /**
     * Interim CPL: the PPMID joined a system of the other SMETS version than it was pre-notified
     * as, so its SMI firmware version matches no CPL row for that version (R202.6, MP202 §2).
     */
    TARGET_INTERIM_SMETS_MISMATCH("interim-cpl: the PPMID joined a system of another SMETS version than pre-notified; no SR until a manual SMI fix"),
    /** The device's firmware version has no CPL row for its resulting SMETS version. */
    TARGET_NO_CPL_ROW("no CPL row for the device's firmware version and resulting SMETS version"),
    /** The device's capability does not include the system's SMETS version (R202.1). */
    TARGET_CAPABILITY_MISMATCH("the device cannot work in a system of its resulting SMETS version"),
    /** R202.4, MP202 §7 Requirement 7: no OTA by this route to a device in a SMETS1 system. */
    OTA_SMETS1_SYSTEM("OTA goes only to devices enrolled in SMETS2+ systems (MP202 Requirement 7)"),

    // --- Distribution ---
    /** R202.5, MP202 §7: a distribution SR carries exactly one image. */
    DISTRIBUTION_NOT_ONE_IMAGE("a distribution carries exactly one image (MP202 §7)");

    private final String description;

    RefusalReason(String description) {
        this.description = description;
    }

    /** One line saying why. */
    public String description() {
        return description;
    }
}
