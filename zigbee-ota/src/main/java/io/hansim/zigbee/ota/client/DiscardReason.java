package io.hansim.zigbee.ota.client;

/**
 * Why the client threw away a downloaded or partly downloaded image ({@link ClientAction.DiscardImage}).
 * The verification failures ({@link #isVerificationFailure()}) are reported to the server with
 * Upgrade End Request INVALID_IMAGE, and the running image stays (requirements R7.14).
 */
public enum DiscardReason {
    /** The file cannot be read as an OTA file, or the parser reports an error in it (zigbee-ota.md §7). */
    INVALID_FILE(true),
    /** The header's ManufacturerCode, ImageType or FileVersion differ from what the server offered. */
    IDENTITY_MISMATCH(true),
    /** The header's TotalImageSize differs from the offered ImageSize. */
    SIZE_MISMATCH(true),
    /** The device's hardware version is outside the header's range (checked when both are known). */
    HARDWARE_VERSION_MISMATCH(true),
    /** The header names another device as the upgrade file destination. */
    DESTINATION_MISMATCH(true),
    /** The image is older than the running one and the profile refuses downgrades (R7.14, §9 #25). */
    DOWNGRADE_REFUSED(true),
    /** The profile holds a trusted key but the image carries no GB signature (zigbee-ota.md §8). */
    SIGNATURE_MISSING(true),
    /** The GB signature does not verify with the trusted key. */
    SIGNATURE_INVALID(true),
    /**
     * The firmware in the Manufacturer Image carries another File Version than the header says
     * ({@link io.hansim.zigbee.ota.image.SimulatedFirmware}): the header, which the GB signature
     * does not cover, was changed (issue 14 item 6).
     */
    FIRMWARE_VERSION_MISMATCH(true),
    /** An image integrity code (tag 0x0003) does not match, or cannot be checked (zigbee-ota.md §7.4). */
    INTEGRITY_CODE_MISMATCH(true),

    /** The server ended the download: ABORT or NO_IMAGE_AVAILABLE for a block request. */
    SERVER_ABORTED(false),
    /** The server answered the Upgrade End Request with an error Default Response (e.g. ABORT). */
    UPGRADE_ABORTED_BY_SERVER(false),
    /** The server offered another image than the partial one held. */
    SUPERSEDED(false),
    /** The download handed back after a power cut does not fit this client (size, identity). */
    RESTORED_DOWNLOAD_INVALID(false),
    /** {@link ClientQuirk#RESTART_FROM_ZERO_ON_TIMEOUT}: one lost block restarts the download. */
    RESTARTED_AFTER_TIMEOUT(false),
    /** {@link ClientQuirk#REJECTS_SHORT_BLOCKS}: a short block failed the upgrade. */
    SHORT_BLOCK_REJECTED(false),
    /** A local upgrade replaced the image being downloaded (legacy-local-upgrade profiles, R7.3). */
    REPLACED_BY_LOCAL_UPGRADE(false);

    private final boolean verificationFailure;

    DiscardReason(boolean verificationFailure) {
        this.verificationFailure = verificationFailure;
    }

    /** Whether this is a failed check of a complete image, answered with INVALID_IMAGE. */
    public boolean isVerificationFailure() {
        return verificationFailure;
    }
}
