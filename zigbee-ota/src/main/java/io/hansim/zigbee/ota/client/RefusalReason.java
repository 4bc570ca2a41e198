package io.hansim.zigbee.ota.client;

/** Why the client refused something for security or policy ({@link ClientAction.Refused}). */
public enum RefusalReason {
    /**
     * R7.3: an OTA command or Default Response came from a node other than the configured upgrade
     * server (UpgradeServerID). A unicast that expects an answer gets Default Response
     * NOT_AUTHORIZED; nothing else happens.
     */
    UNTRUSTED_SOURCE,
    /** R7.3: a local upgrade was attempted and the profile is not {@code legacy-local-upgrade}. */
    LOCAL_UPGRADE_FORBIDDEN,
    /** A local upgrade (legacy profile) offered an image that fails verification. */
    LOCAL_IMAGE_INVALID,
    /** Out-of-band activation was asked for but no verified image is held (CS06 outcome "No Image Held"). */
    NO_IMAGE_HELD
}
