package io.hansim.gbcs.payload;

import io.hansim.gbcs.BerLength;
import io.hansim.gbcs.CraFlag;
import io.hansim.gbcs.GbcsDecodeException;
import io.hansim.gbcs.GbcsMessage;
import io.hansim.gbcs.GroupingHeader;

/**
 * Decodes a message's payload in its family (gbcs.md §5): the form comes from the
 * {@link MessageCodeRegistry}, or from the payload's first byte where the registry names none
 * (e.g. 0x1000, which is GBZ or DLMS by device).
 */
public final class PayloadCodec {
    private PayloadCodec() {
    }

    /** Decodes {@code m}'s payload; error offsets are relative to the start of the message. */
    public static Payload decode(GbcsMessage m) {
        PayloadForm form = formOf(m);
        return decode(m.payload().toByteArray(), form, m.groupingHeader().craFlag() == CraFlag.ALERT,
                payloadOffset(m));
    }

    /** The form {@code m}'s payload is decoded in. */
    public static PayloadForm formOf(GbcsMessage m) {
        int code = m.groupingHeader().otherInformation().messageCode();
        return MessageCodeRegistry.lookup(code).form().orElseGet(() -> {
            if (m.payload().length() == 0) {
                throw new GbcsDecodeException("payload", payloadOffset(m), "empty payload");
            }
            PayloadForm f = PayloadForm.byFirstByte(m.payload().get(0));
            if (f == null) {
                throw new GbcsDecodeException("payload", payloadOffset(m), String.format(
                        "message code 0x%04X has no registered form and first byte 0x%02X names none", code,
                        m.payload().get(0) & 0xFF));
            }
            return f;
        });
    }

    /**
     * Decodes payload bytes in {@code form}; {@code alert} selects the GBZ alert layout; {@code base}
     * is the payload's offset in its message, added to error offsets.
     */
    public static Payload decode(byte[] payload, PayloadForm form, boolean alert, int base) {
        return switch (form) {
            case GBZ -> GbzPayload.decode(payload, base, alert);
            case DLMS -> DlmsApdu.decode(payload, base);
            case DER -> DerPayload.decode(payload, base);
        };
    }

    /** Offset of the payload's first byte in the encoded message (gbcs.md §2.1, §2.2). */
    public static int payloadOffset(GbcsMessage m) {
        int at = 0;
        if (m.macHeader().isPresent()) {
            at += 7 + BerLength.encodedSize(m.macHeader().get().cipheredLength()) + 5;
        }
        GroupingHeader g = m.groupingHeader();
        int oi = g.otherInformation().encodedLength();
        return at + 1 + 10 + 9 + 9 + (g.dateTime().isPresent() ? 13 : 1) + BerLength.encodedSize(oi) + oi
                + BerLength.encodedSize(g.contentLength());
    }
}
