package io.hansim.zigbee.ota.client;

/**
 * The client attribute ImageUpgradeStatus (0x0006, enum8; zigbee-ota.md §4): where the client is in
 * the upgrade lifecycle, as the server sees it when it reads the attribute.
 *
 * <p>Which {@link OtaClient.State} shows which value is fixed in {@link OtaClient.State#status(ClientProfile)}:
 * the mapping follows Silicon Labs' client (zigbee-ota.md §4): query states 0, download 1,
 * verification 2, waiting for the Upgrade End Response 3, count-down 4, multi-image waiting 5, and
 * out-of-band waiting 6 (or 3, per {@link ClientProfile.Activation#externalWaitStatus()}).
 */
public enum ImageUpgradeStatus {
    /** 0: no download or upgrade in progress. */
    NORMAL(0),
    /** 1: image blocks are being requested. */
    DOWNLOAD_IN_PROGRESS(1),
    /** 2: every byte is in; the image is being verified. */
    DOWNLOAD_COMPLETE(2),
    /** 3: Upgrade End Request sent, waiting for the server to say when (or told to wait). */
    WAITING_TO_UPGRADE(3),
    /** 4: the server gave a time; the client counts down to activation. */
    COUNT_DOWN(4),
    /** 5: multi-image upgrade: this part is in, more are needed (REQUIRE_MORE_IMAGE, R7.9). */
    WAIT_FOR_MORE(5),
    /**
     * 6: waiting for an out-of-band command to activate (zigbee-ota.md §4; for an HCALCS the GBCS
     * CS06 Activate Firmware, requirements R7.5; that GB mandates the value is unconfirmed).
     */
    WAITING_TO_UPGRADE_VIA_EXTERNAL_EVENT(6);

    private final int value;

    ImageUpgradeStatus(int value) {
        this.value = value;
    }

    /** The enum8 value on the air. */
    public int value() {
        return value;
    }

    /** The status with this value, or {@code null} for 7..255. */
    public static ImageUpgradeStatus fromValue(int value) {
        for (ImageUpgradeStatus s : values()) {
            if (s.value == value) {
                return s;
            }
        }
        return null;
    }
}
