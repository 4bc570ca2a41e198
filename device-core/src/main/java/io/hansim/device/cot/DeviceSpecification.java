package io.hansim.device.cot;

/** The technical specification a CoT-capable device is built to (R56.6). */
public enum DeviceSpecification {
    /** In-Home Display Technical Specification. */
    IHDTS,
    /** Prepayment Interface Device Technical Specification. */
    PPMIDTS
}
