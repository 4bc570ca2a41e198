package io.hansim.device.inventory;

/** Where a device is in its life in the SMI, as far as MP202 needs it. */
public enum SmiStatus {
    /** Pre-notified by the Supplier with a SMETS version (MP202 §2); not yet joined to a CH. */
    PRE_NOTIFIED,
    /** Joined to a Communications Hub; its resulting SMETS version is the CH's (R202.3). */
    JOINED
}
