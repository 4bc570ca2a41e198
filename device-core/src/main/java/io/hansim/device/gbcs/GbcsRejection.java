package io.hansim.device.gbcs;

import java.util.Objects;

/**
 * Why the CH refused a GBCS message. A refused message is not acted on at all: no HAN traffic, no
 * state change (issue 6: "bad MACs, bad signatures and replayed counters are rejected and nothing is
 * acted on").
 *
 * @param time              virtual time in microseconds
 * @param reason            the kind of refusal
 * @param detail            what exactly was wrong, for a person
 * @param messageCode       the message code when the header could be read, else -1
 * @param originator        the originator when the header could be read, else 0
 * @param originatorCounter the counter when the header could be read, else -1
 */
public record GbcsRejection(long time, Reason reason, String detail, int messageCode, long originator,
        long originatorCounter) {

    public enum Reason {
        /** Not a GBCS message: the envelope or the payload does not decode (offset in the detail). */
        MALFORMED,
        /** A response or an alert sent to the CH, or the pre-command form: only on-air commands are taken. */
        NOT_A_COMMAND,
        /** The recipient is not an entity on this CH's HAN. */
        UNKNOWN_RECIPIENT,
        /** The message code is not one this CH acts on for that recipient. */
        UNSUPPORTED,
        /** The Originator Counter is not greater than the last one accepted from that originator (GBCS §4.3.2). */
        REPLAYED,
        /** No MAC, or the MAC does not verify with the ACB's and the recipient's KA keys (gbcs.md §4.1). */
        MAC_INVALID,
        /** A critical command without a valid signature of its originator (gbcs.md §4.2, G.2). */
        SIGNATURE_INVALID,
        /** A key needed to check the message is not in the PKI. */
        KEY_UNAVAILABLE,
        /** The payload decodes but breaks the use case's rules (e.g. CS06's counter differs from the header's). */
        PAYLOAD_INVALID,
        /** The CH already holds its limit of GBCS messages for that meter in the tunnel (G.3). */
        TUNNEL_QUEUE_FULL
    }

    public GbcsRejection {
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(detail, "detail");
    }
}
