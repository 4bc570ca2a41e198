package io.hansim.zigbee.ota.server;

/**
 * How a transfer to a client ended, in the OTA Upgrade cluster's own terms (ZCL OTA Upgrade
 * cluster, 11.13: Upgrade End Request status, Query Next Image HardwareVersion, the server's image
 * store, the CurrentFileVersion attribute 0x0002). The server reports one per distribution in
 * {@link ServerAction.TransferOutcome}; what a result means for the smart-metering system (GBCS
 * CCS08 response codes) is the host's business, not the server's.
 */
public enum TransferResult {
    /**
     * The client sent Upgrade End Request SUCCESS, or its CurrentFileVersion (read back, or carried
     * by its next Query Next Image) is the image's file version.
     */
    UPGRADED,
    /**
     * The client sent Upgrade End Request SUCCESS and the read-back of CurrentFileVersion was
     * answered UNSUPPORTED_ATTRIBUTE: the download completed and nothing says the image was not
     * applied, but nothing confirms it either.
     */
    UPGRADED_UNCONFIRMED,
    /**
     * After Upgrade End Request SUCCESS the client still runs another file version (the read-back
     * says so, or its next query asks with the old CurrentFileVersion).
     */
    VERSION_UNCHANGED,
    /** The client's last Upgrade End Request said INVALID_IMAGE: it discarded the image. */
    INVALID_IMAGE,
    /**
     * The image left the server's store while the client was notified about it or downloading it
     * (evicted, withdrawn, or missing after a restart).
     */
    IMAGE_REMOVED,
    /** The client's HardwareVersion is outside the image's Minimum/Maximum Hardware Version. */
    HARDWARE_MISMATCH,
    /** The client's last Upgrade End Request said ABORT, as often as the server accepts. */
    ABORTED,
    /**
     * The client went quiet: no Query Next Image after an Image Notify, no block request for the
     * stall timeout, or no Upgrade End Request for the end-request timeout.
     */
    TIMED_OUT,
    /** A notified client's query fits no staged image. */
    NO_MATCHING_IMAGE,
    /** The read-back of CurrentFileVersion was answered with a failure status, or not at all. */
    READ_BACK_FAILED,
    /** Another transfer (or Image Notify) of a different image replaced this one. */
    SUPERSEDED
}
