package io.hansim.device.gb;

/** The outcome of a device's Activate Firmware (GBCS CS06, SR 11.3): R7.5 for the HCALCS, SR 11.3 for ESME and GSME. */
public enum ActivationOutcome {
    SUCCESS(0),
    NO_IMAGE_HELD(1),
    HASH_MISMATCH(2),
    ACTIVATION_FAILURE(3);

    private final int code;

    ActivationOutcome(int code) {
        this.code = code;
    }

    /** The GBCS outcome code. */
    public int code() {
        return code;
    }
}
