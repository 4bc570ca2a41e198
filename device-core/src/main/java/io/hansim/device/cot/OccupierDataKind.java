package io.hansim.device.cot;

/**
 * The kinds of occupier data an IHD or PPMID holds. The first four are named by SECMP0056's legal
 * text ("historic consumption data and supplier messages", R56.3) and are always cleared on a
 * Change of Tenancy; the last two are manufacturer extras beyond SMETS whose removal the SEC cannot
 * require (R56.4), so a device profile says per extra whether it is cleared.
 */
public enum OccupierDataKind {
    /** Daily historic consumption (R56.3). */
    CONSUMPTION_DAY(true),
    /** Weekly historic consumption (R56.3). */
    CONSUMPTION_WEEK(true),
    /** Monthly historic consumption (R56.3). */
    CONSUMPTION_MONTH(true),
    /** Messages from the supplier (Messaging cluster 0x0703) (R56.3). */
    SUPPLIER_MESSAGES(true),
    /** Top-up history: a manufacturer extra (R56.4). */
    TOP_UP_HISTORY(false),
    /** Debt-recovery information: a manufacturer extra (R56.4). */
    DEBT_RECOVERY(false);

    private final boolean mandated;

    OccupierDataKind(boolean mandated) {
        this.mandated = mandated;
    }

    /** Whether SECMP0056 mandates clearing this kind on a CoT (R56.3); false for extras (R56.4). */
    public boolean mandated() {
        return mandated;
    }
}
