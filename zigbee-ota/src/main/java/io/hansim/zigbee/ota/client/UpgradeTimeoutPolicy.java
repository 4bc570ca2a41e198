package io.hansim.zigbee.ota.client;

/**
 * The client attribute UpgradeTimeoutPolicy (0x000C, enum8; zigbee-ota.md §4, §5.2): what the
 * client does when its Upgrade End Requests go unanswered
 * ({@link ClientProfile.Timing#upgradeEndRetries()} of them).
 */
public enum UpgradeTimeoutPolicy {
    /** 0: apply the upgrade after the timeout (default; Silicon Labs after 10 requests). */
    APPLY_AFTER_TIMEOUT(0),
    /** 1: do not apply; keep the image and ask again every {@link ClientProfile.Timing#upgradeEndReaskInterval()}. */
    DO_NOT_APPLY(1);

    private final int value;

    UpgradeTimeoutPolicy(int value) {
        this.value = value;
    }

    /** The enum8 value. */
    public int value() {
        return value;
    }
}
