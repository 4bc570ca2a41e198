package io.hansim.device.inventory;

/**
 * The CPL's Device Type, one of the four parts of its primary key (MP202 §3). Only
 * {@link #PPMID} may be dual-mode and hold two rows per key (R202.1, R202.2): MP202 changes the
 * rules for PPMIDs alone.
 */
public enum DeviceType {
    /** Electricity Smart Metering Equipment. */
    ESME,
    /** Gas Smart Metering Equipment. */
    GSME,
    /** Communications Hub Function. */
    CHF,
    /** Gas Proxy Function. */
    GPF,
    /** Prepayment Meter Interface Device. */
    PPMID,
    /** In-Home Display. */
    IHD,
    /** HAN Connected Auxiliary Load Control Switch. */
    HCALCS,
    /** Consumer Access Device. */
    CAD
}
