package io.hansim.device.hub;

import java.util.Objects;

/** A firmware distribution the CH refuses before any HAN traffic, with the typed reason. */
public final class DistributionRefusedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public enum Reason {
        /** The target has not joined this CH's HAN. */
        UNKNOWN_DEVICE,
        /** IHDs are excluded from OTA (R7.2). */
        IHD_EXCLUDED,
        /** The PPMID's resulting SMETS version is SMETS1: no OTA by this route (R202.4). */
        PPMID_IN_SMETS1_SYSTEM,
        /**
         * The PPMID joined a SMETS2+ CH but cannot work in SMETS2+ systems (capability S1): only
         * dual-mode and SMETS2+ PPMIDs get OTA (R202.1, R202.4).
         */
        PPMID_NOT_SMETS2_CAPABLE,
        /** The CH firmware has no OTA for HAN devices (R7.13). */
        NO_OTA_FOR_HAN_DEVICES,
        /** The target is not an OTA client class (a meter, the GPF). */
        NOT_AN_OTA_TARGET,
        /** The CH's limited image buffer cannot take the image (R7.7). */
        BUFFER_REFUSED,
        /** The CH is powered off: nothing can be staged or sent until it boots. */
        CH_POWERED_OFF,
        /** The bytes are not an OTA upgrade file. */
        INVALID_IMAGE
    }

    private final Reason reason;
    private final long target;

    public DistributionRefusedException(Reason reason, long target, String message) {
        super(String.format("distribution to %016X refused (%s): %s", target, reason, message));
        this.reason = Objects.requireNonNull(reason, "reason");
        this.target = target;
    }

    public Reason reason() {
        return reason;
    }

    public long target() {
        return target;
    }
}
