package io.hansim.zigbee.messaging;

import io.hansim.zigbee.zcl.ZclStatus;

/**
 * Constants of the Messaging cluster 0x0703 (ZigBee Smart Energy 1.4 Annex D.5). The cluster has no
 * attributes hansim uses (only the SE Attribute Reporting Status); supplier messages travel as
 * commands, see {@link MessagingCommand}.
 */
public final class MessagingCluster {
    /** The cluster identifier. */
    public static final int CLUSTER_ID = 0x0703;

    /** MessageControl bits 0–1: transmission mode (0 normal, 1 normal and inter-PAN, 2 inter-PAN only). */
    public static final int MESSAGE_CONTROL_TRANSMISSION_MASK = 0x03;
    /** MessageControl bits 2–3: importance (0 low, 1 medium, 2 high, 3 critical). */
    public static final int MESSAGE_CONTROL_IMPORTANCE_MASK = 0x0C;
    /** MessageControl bit 5: enhanced confirmation required (SE 1.2 and later). */
    public static final int MESSAGE_CONTROL_ENHANCED_CONFIRMATION = 0x20;
    /** MessageControl bit 7: the user must confirm the message (Message Confirmation follows). */
    public static final int MESSAGE_CONTROL_CONFIRMATION_REQUIRED = 0x80;
    /** ExtendedMessageControl bit 0: the message has been confirmed. */
    public static final int EXTENDED_MESSAGE_CONTROL_CONFIRMED = 0x01;
    /** MessageConfirmationControl bit 0: "NO" returned (bit 1 "YES", SE 1.4; (unconfirmed)). */
    public static final int CONFIRMATION_CONTROL_NO = 0x01;
    /** MessageConfirmationControl bit 1: "YES" returned ((unconfirmed)). */
    public static final int CONFIRMATION_CONTROL_YES = 0x02;

    /** StartTime 0x00000000: display now. */
    public static final long START_TIME_NOW = 0L;
    /** DurationInMinutes 0xFFFF: until changed. */
    public static final int DURATION_UNTIL_CHANGED = 0xFFFF;

    /** The longest MessageResponse octet string in Message Confirmation (SE 1.4 D.5.2.3.2; (unconfirmed)). */
    public static final int MAX_MESSAGE_RESPONSE_LENGTH = 20;

    /**
     * The answer to Get Last Message when the server holds no message: there is no "no message"
     * command; SE 1.4 D.5.2.3.1 has the server send a ZCL Default Response (general command 0x0B)
     * for command 0x00 with status NOT_FOUND (0x8B). Build it with
     * {@link MessagingCodec#noMessageResponse(int)}.
     */
    public static final ZclStatus NO_MESSAGE_STATUS = ZclStatus.NOT_FOUND;

    private MessagingCluster() {
    }
}
