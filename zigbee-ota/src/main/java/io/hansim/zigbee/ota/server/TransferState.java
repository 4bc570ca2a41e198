package io.hansim.zigbee.ota.server;

/**
 * Where the OTA server stands with one client (DESIGN.md §4). The states follow the client's
 * ImageUpgradeStatus (zigbee-ota.md §4) from the server's side of the conversation; the
 * transitions are narrated on {@link OtaServer}.
 */
public enum TransferState {
    /** Nothing going on with this client. */
    IDLE,
    /** A unicast Image Notify went out; waiting for Query Next Image (timer NOTIFY_TIMEOUT). */
    NOTIFIED,
    /** Query Next Image Response SUCCESS went out; no block served yet (timer TRANSFER_STALL). */
    IMAGE_OFFERED,
    /** Blocks are being served from each request's FileOffset (timer TRANSFER_STALL). */
    DOWNLOADING,
    /** An Image Page Request is being answered, one block per PAGE_BLOCK timer. */
    SENDING_PAGE,
    /**
     * The client ended the download with ABORT or INVALID_IMAGE and may start again (failures
     * below the configured limit; timer TRANSFER_STALL).
     */
    AWAITING_RESTART,
    /** The client said REQUIRE_MORE_IMAGE; waiting for its next query (timer TRANSFER_STALL). */
    WAITING_FOR_MORE,
    /**
     * Upgrade End Response sent with an activation time; the read-back follows after activation
     * plus the read-back delay (timer READ_BACK).
     */
    WAITING_TO_UPGRADE,
    /**
     * Upgrade End Response sent with UpgradeTime 0xFFFFFFFF; waiting for the CH application's
     * {@link ServerEvent.ActivateNow}.
     */
    WAITING_FOR_UPGRADE_COMMAND,
    /** Read Attributes CurrentFileVersion sent; waiting for the answer (timer READ_BACK_RESPONSE). */
    READING_BACK;

    /** IMAGE_OFFERED, DOWNLOADING, SENDING_PAGE, AWAITING_RESTART: the download is open. */
    public boolean isDownload() {
        return this == IMAGE_OFFERED || this == DOWNLOADING || this == SENDING_PAGE || this == AWAITING_RESTART;
    }

    /** After an Upgrade End Request SUCCESS: WAITING_TO_UPGRADE, WAITING_FOR_UPGRADE_COMMAND, READING_BACK. */
    public boolean isAfterDownload() {
        return this == WAITING_TO_UPGRADE || this == WAITING_FOR_UPGRADE_COMMAND || this == READING_BACK;
    }
}
