package io.hansim.zigbee.ota.client;

/** The client attribute UpgradeActivationPolicy (0x000B, enum8; zigbee-ota.md §4, §5.2). */
public enum UpgradeActivationPolicy {
    /** 0: the OTA server may activate the image with the Upgrade End Response (default). */
    OTA_SERVER_ACTIVATION_ALLOWED(0),
    /**
     * 1: out-of-band activation only. The client answers an Upgrade End Response whose UpgradeTime
     * is not 0xFFFFFFFF with Default Response NOT_AUTHORIZED and waits for
     * {@link ClientEvent.ActivateOutOfBand} (an HCALCS waits for GBCS CS06, requirements R7.5).
     */
    OUT_OF_BAND_ONLY(1);

    private final int value;

    UpgradeActivationPolicy(int value) {
        this.value = value;
    }

    /** The enum8 value. */
    public int value() {
        return value;
    }
}
