package io.hansim.zigbee.ota.client;

/** What made the client activate an image ({@link ClientAction.Activate}). */
public enum ActivationTrigger {
    /** The server's Upgrade End Response (now, after a delay, or at a UTC time; zigbee-ota.md §5.2). */
    UPGRADE_END_RESPONSE,
    /** UpgradeTimeoutPolicy 0 after the Upgrade End Requests went unanswered (zigbee-ota.md §5.2). */
    UPGRADE_TIMEOUT,
    /** {@link ClientEvent.ActivateOutOfBand}, e.g. GBCS CS06 on an HCALCS (requirements R7.5). */
    OUT_OF_BAND,
    /** A local upgrade accepted by a legacy-local-upgrade profile: a policy breach (requirements R7.3). */
    LOCAL_UPGRADE
}
