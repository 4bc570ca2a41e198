package io.hansim.zigbee.ota.server;

/**
 * How the read-back of the client's CurrentFileVersion (attribute 0x0002) after an upgrade ended
 * (requirements R7.10, zigbee-ota.md §9 #12).
 */
public enum ReadBackStatus {
    /** The client runs the image's FileVersion: activation succeeded (0x012B Activate Image 0). */
    VERSION_MATCHES,
    /** The client runs another version, usually the old one: it did not apply the image. */
    VERSION_DIFFERS,
    /** The client answered UNSUPPORTED_ATTRIBUTE: CurrentFileVersion is optional (§4). */
    UNSUPPORTED_ATTRIBUTE,
    /**
     * The client answered, but not with a usable value: another failure status, a Default
     * Response with an error, a value that is not uint32, or no record for 0x0002.
     */
    READ_FAILED,
    /** Every attempt went unanswered. */
    NO_ANSWER;

    /** Whether the read-back confirms the upgrade. */
    public boolean activationConfirmed() {
        return this == VERSION_MATCHES;
    }
}
