package io.hansim.device.gb;

import io.hansim.zigbee.ota.server.TransferResult;

/**
 * The response codes of the GBCS Firmware Transfer Alert CCS08 (message code 0x0128) that the CH
 * raises when a transfer to a HAN device ends (requirements R7.6, R7.7, R7.8, R7.10; alert
 * 0x8F8A on success, 0x8F89 on failure). The CH maps the OTA server's Zigbee-native
 * {@link TransferResult} to one with {@link #of(TransferResult)}.
 */
public enum Ccs08Code {
    /** The image reached the device (alert 0x8F8A). */
    SUCCESS(0),
    /**
     * The image is gone: evicted from or withdrawn from the CH buffer mid-transfer (R7.7, the
     * mapping is derived), or discarded by the device (Upgrade End Request INVALID_IMAGE, or a
     * read-back that finds the old version).
     */
    IMAGE_DISCARDED(1),
    /** The device's hardware version is outside the image's range (R7.6). */
    HARDWARE_VERSION_MISMATCH(2),
    /** The transfer stalled, was aborted, or failed too often (R7.8, R7.12). */
    FILE_TRANSFER_FAILURE(3);

    private final int code;

    Ccs08Code(int code) {
        this.code = code;
    }

    /** The response code carried in CCS08. */
    public int code() {
        return code;
    }

    /** Whether the alert is the success alert 0x8F8A rather than the failure alert 0x8F89. */
    public boolean isSuccess() {
        return this == SUCCESS;
    }

    /**
     * The CCS08 code the CH raises for a transfer that ended so (R7.6, R7.7, R7.8, R7.10, R7.12).
     * A completed download whose CurrentFileVersion cannot be read (UNSUPPORTED_ATTRIBUTE) is
     * SUCCESS: nothing says the image was not applied (derived).
     */
    public static Ccs08Code of(TransferResult result) {
        return switch (result) {
            case UPGRADED, UPGRADED_UNCONFIRMED -> SUCCESS;
            case VERSION_UNCHANGED, INVALID_IMAGE, IMAGE_REMOVED -> IMAGE_DISCARDED;
            case HARDWARE_MISMATCH -> HARDWARE_VERSION_MISMATCH;
            case ABORTED, TIMED_OUT, NO_MATCHING_IMAGE, READ_BACK_FAILED, SUPERSEDED -> FILE_TRANSFER_FAILURE;
        };
    }
}
