package io.hansim.gbcs;

import java.util.Objects;
import java.util.Optional;

/**
 * One GBCS message envelope (gbcs.md §1–§3): optional MAC Header, Grouping Header, payload, signature
 * field and, only with a MAC Header, the 12-byte MAC. The payload is kept as bytes; its forms (GBZ,
 * DLMS, ASN.1) are decoded elsewhere.
 *
 * <p>The constructor enforces the envelope's own consistency (content length equals the payload size,
 * the ciphered length equals what follows it, MAC present exactly with a MAC Header, no PRECOMMAND
 * form with a MAC Header), so that every value encodes to bytes that decode back to it. Use
 * {@link #of} to have those lengths computed.
 */
public record GbcsMessage(
        Optional<MacHeader> macHeader,
        GroupingHeader groupingHeader,
        ByteString payload,
        Signature signature,
        Optional<ByteString> mac) {

    /** MAC size: truncated AES-128-GCM tag (gbcs.md §1). */
    public static final int MAC_SIZE = 12;

    public GbcsMessage {
        Objects.requireNonNull(macHeader, "macHeader");
        Objects.requireNonNull(groupingHeader, "groupingHeader");
        Objects.requireNonNull(payload, "payload");
        Objects.requireNonNull(signature, "signature");
        Objects.requireNonNull(mac, "mac");
        if (groupingHeader.contentLength() != payload.length()) {
            throw new IllegalArgumentException("content length " + groupingHeader.contentLength()
                    + " but payload has " + payload.length() + " bytes");
        }
        if (macHeader.isPresent() != mac.isPresent()) {
            throw new IllegalArgumentException("a MAC goes with a MAC Header and only with one (gbcs.md §1)");
        }
        if (mac.isPresent() && mac.get().length() != MAC_SIZE) {
            throw new IllegalArgumentException("MAC is 12 bytes, not " + mac.get().length());
        }
        if (macHeader.isPresent() && signature.kind() == Signature.Kind.ABSENT) {
            throw new IllegalArgumentException("a PRECOMMAND (no signature field) has no MAC Header (gbcs.md §2.3)");
        }
        if (macHeader.isPresent()) {
            int want = cipheredLength(groupingHeader, payload, signature);
            if (macHeader.get().cipheredLength() != want) {
                throw new IllegalArgumentException("ciphered length " + macHeader.get().cipheredLength()
                        + " but " + want + " bytes follow it");
            }
        }
    }

    /**
     * A message whose content length and (when {@code macHeader} is given) ciphered length are
     * computed from the parts; the lengths in the arguments are ignored.
     */
    public static GbcsMessage of(Optional<MacHeader> macHeader, GroupingHeader header, ByteString payload,
            Signature signature, Optional<ByteString> mac) {
        GroupingHeader g = new GroupingHeader(header.craFlag(), header.originatorCounter(), header.originator(),
                header.recipient(), header.dateTime(), header.otherInformation(), payload.length());
        Optional<MacHeader> m = macHeader.map(h -> new MacHeader(h.securityControl(), h.invocationCounter(),
                cipheredLength(g, payload, signature)));
        return new GbcsMessage(m, g, payload, signature, mac);
    }

    /** The form this message has on the wire. */
    public GbcsCodec.Form form() {
        return signature.kind() == Signature.Kind.ABSENT ? GbcsCodec.Form.PRECOMMAND : GbcsCodec.Form.ON_AIR;
    }

    /** Bytes of the grouping header (gbcs.md §2.2), from {@code DF} to the content length inclusive. */
    static int groupingHeaderLength(GroupingHeader g) {
        int oi = g.otherInformation().encodedLength();
        return 1 + 10 + 9 + 9 + (g.dateTime().isPresent() ? 1 + GroupingHeader.DATE_TIME_LENGTH : 1)
                + BerLength.encodedSize(oi) + oi + BerLength.encodedSize(g.contentLength());
    }

    /** What the ciphered length must be (gbcs.md §2.1): everything after the length field. */
    static int cipheredLength(GroupingHeader g, ByteString payload, Signature signature) {
        return MacHeader.SECURITY_HEADER + groupingHeaderLength(g) + payload.length() + signature.encodedLength()
                + MAC_SIZE;
    }
}
