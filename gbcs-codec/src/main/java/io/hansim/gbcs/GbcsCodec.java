package io.hansim.gbcs;

import java.util.Optional;
import java.util.OptionalLong;

/**
 * Decodes and encodes the GBCS envelope byte-exactly (gbcs.md §1–§3). Decoding is strict: every
 * length is checked against the bytes left before it is used, and any malformed input ends in a
 * {@link GbcsDecodeException} naming the field and its offset, never another exception.
 */
public final class GbcsCodec {

    /** Which envelope form to expect. */
    public enum Form {
        /**
         * DCC → user for signing (gbcs.md §2.3): no MAC Header, and the message ends right after the
         * payload, with no signature length byte at all.
         */
        PRECOMMAND,
        /** Everything else: a signature field ({@code 00} or {@code 40}+64), then the MAC if MAC'd. */
        ON_AIR
    }

    private static final int TAG_GENERAL_CIPHERING = 0xDD;
    private static final int TAG_GENERAL_SIGNING = 0xDF;
    private static final int TRANSACTION_ID_LENGTH = 9;
    private static final int SYSTEM_TITLE_LENGTH = 8;

    private GbcsCodec() {}

    /**
     * Decodes with the form detected: a message with a MAC Header is {@link Form#ON_AIR} (gbcs.md
     * §2.3: PRECOMMANDs are never MAC'd); without one, a message whose bytes end exactly after the
     * payload is {@link Form#PRECOMMAND}, otherwise {@link Form#ON_AIR}. A pre-1.4.1 PRECOMMAND with
     * a trailing {@code 00} (gbcs.md §2.3) therefore decodes as an on-air message with an empty
     * signature, which still re-encodes to the same bytes; use {@link #decode(byte[], Form)} when the
     * form is known.
     */
    public static GbcsMessage decode(byte[] in) {
        if (in == null) {
            throw new GbcsDecodeException("message", 0, "no bytes");
        }
        return new Reader(in).message(null);
    }

    /** Decodes expecting {@code form}. */
    public static GbcsMessage decode(byte[] in, Form form) {
        if (in == null) {
            throw new GbcsDecodeException("message", 0, "no bytes");
        }
        if (form == null) {
            throw new GbcsDecodeException("message", 0, "no form given");
        }
        return new Reader(in).message(form);
    }

    /** Encodes {@code m}; the result decodes back to an equal message. */
    public static byte[] encode(GbcsMessage m) {
        GroupingHeader g = m.groupingHeader();
        int size = GbcsMessage.groupingHeaderLength(g) + m.payload().length() + m.signature().encodedLength();
        if (m.macHeader().isPresent()) {
            int cl = m.macHeader().get().cipheredLength();
            size = MacHeader.FIXED_PREFIX + BerLength.encodedSize(cl) + cl;
        }
        byte[] out = new byte[size];
        int at = 0;
        if (m.macHeader().isPresent()) {
            MacHeader h = m.macHeader().get();
            out[at++] = (byte) TAG_GENERAL_CIPHERING;
            at += 6; // transaction id, titles, date-time, other-information, key-info: all 00 (gbcs.md §2.1)
            at = BerLength.encode(h.cipheredLength(), out, at);
            out[at++] = (byte) h.securityControl();
            at = putLong(out, at, h.invocationCounter(), 4);
        }
        out[at++] = (byte) TAG_GENERAL_SIGNING;
        out[at++] = TRANSACTION_ID_LENGTH;
        out[at++] = (byte) g.craFlag().code();
        at = putLong(out, at, g.originatorCounter(), 8);
        out[at++] = SYSTEM_TITLE_LENGTH;
        at = putLong(out, at, g.originator(), 8);
        out[at++] = SYSTEM_TITLE_LENGTH;
        at = putLong(out, at, g.recipient(), 8);
        if (g.dateTime().isPresent()) {
            out[at++] = GroupingHeader.DATE_TIME_LENGTH;
            at = g.dateTime().get().copyTo(out, at);
        } else {
            out[at++] = 0;
        }
        OtherInformation oi = g.otherInformation();
        at = BerLength.encode(oi.encodedLength(), out, at);
        at = putLong(out, at, oi.messageCode(), 2);
        if (oi.supplementaryRemotePartyId().isPresent()) {
            at = putLong(out, at, oi.supplementaryRemotePartyId().getAsLong(), 8);
        }
        if (oi.supplementaryRemotePartyCounter().isPresent()) {
            at = putLong(out, at, oi.supplementaryRemotePartyCounter().getAsLong(), 8);
        }
        if (oi.supplementaryOriginatorCounter().isPresent()) {
            at = putLong(out, at, oi.supplementaryOriginatorCounter().getAsLong(), 8);
        }
        at = oi.certificate().copyTo(out, at);
        at = BerLength.encode(g.contentLength(), out, at);
        at = m.payload().copyTo(out, at);
        switch (m.signature().kind()) {
            case ABSENT -> { }
            case EMPTY -> out[at++] = 0;
            case PRESENT -> {
                out[at++] = Signature.SIZE;
                at = m.signature().value().copyTo(out, at);
            }
        }
        if (m.mac().isPresent()) {
            at = m.mac().get().copyTo(out, at);
        }
        if (at != out.length) {
            throw new IllegalStateException("encoded " + at + " bytes, sized " + out.length);
        }
        return out;
    }

    private static int putLong(byte[] out, int at, long v, int bytes) {
        for (int i = bytes - 1; i >= 0; i--) {
            out[at++] = (byte) (v >>> (8 * i));
        }
        return at;
    }

    /** A cursor over one message; {@code end} is where the message must stop. */
    private static final class Reader {
        private final byte[] in;
        private int at;
        private final int end;

        Reader(byte[] in) {
            this.in = in;
            this.end = in.length;
        }

        GbcsMessage message(Form form) {
            if (end == 0) {
                throw new GbcsDecodeException("message", 0, "empty");
            }
            Optional<MacHeader> macHeader = Optional.empty();
            int tag = in[0] & 0xFF;
            if (tag == TAG_GENERAL_CIPHERING) {
                if (form == Form.PRECOMMAND) {
                    throw new GbcsDecodeException("MAC header", 0, "a PRECOMMAND has no MAC Header (gbcs.md §2.3)");
                }
                form = Form.ON_AIR;
                macHeader = Optional.of(macHeader());
            } else if (tag != TAG_GENERAL_SIGNING) {
                throw new GbcsDecodeException("message tag", 0, String.format(
                        "expected DD (general-ciphering) or DF (general-signing), got %02X", tag));
            }
            GroupingHeader g = groupingHeader();
            int payloadAt = at;
            need(g.contentLength(), "payload");
            ByteString payload = ByteString.copyOf(in, at, g.contentLength());
            at += g.contentLength();
            int macBytes = macHeader.isPresent() ? GbcsMessage.MAC_SIZE : 0;
            if (form == null) {
                // auto-detect (see decode(byte[])): without a MAC header, ending here means PRECOMMAND
                form = at == end ? Form.PRECOMMAND : Form.ON_AIR;
            }
            Signature signature;
            if (form == Form.PRECOMMAND) {
                signature = Signature.ABSENT;
                if (at != end) {
                    throw new GbcsDecodeException("payload", payloadAt, "PRECOMMAND must end after the "
                            + g.contentLength() + "-byte payload; " + (end - at) + " more bytes follow");
                }
            } else {
                signature = signature();
            }
            Optional<ByteString> mac = Optional.empty();
            if (macBytes > 0) {
                need(macBytes, "MAC");
                mac = Optional.of(ByteString.copyOf(in, at, macBytes));
                at += macBytes;
            }
            if (at != end) {
                String field = macBytes > 0 ? "MAC" : "signature";
                throw new GbcsDecodeException(field, at, (end - at) + " unexpected bytes after the message");
            }
            try {
                return new GbcsMessage(macHeader, g, payload, signature, mac);
            } catch (IllegalArgumentException e) {
                // every rule the constructor checks was checked above; this is a safety net only
                throw new GbcsDecodeException("message", 0, e.getMessage());
            }
        }

        private MacHeader macHeader() {
            // gbcs.md §2.1: DD, then six routing fields that are all 00 for an ordinary message
            need(MacHeader.FIXED_PREFIX, "MAC header");
            String[] names = {"MAC header transaction id", "MAC header originator system title",
                "MAC header recipient system title", "MAC header date-time",
                "MAC header other-information", "MAC header key-info"};
            for (int i = 0; i < names.length; i++) {
                int b = in[1 + i] & 0xFF;
                if (b != 0) {
                    String why = i == 0 && b == 0x09
                            ? "DD 09 marks a General Block Transfer block (gbcs.md §7), not decoded here"
                            : String.format("must be 00, got %02X", b);
                    throw new GbcsDecodeException(names[i], 1 + i, why);
                }
            }
            at = MacHeader.FIXED_PREFIX;
            int lengthAt = at;
            int cipheredLength = length("ciphered length");
            if (cipheredLength != end - at) {
                throw new GbcsDecodeException("ciphered length", lengthAt, "says " + cipheredLength
                        + " bytes follow, " + (end - at) + " do");
            }
            need(MacHeader.SECURITY_HEADER, "security header");
            int sc = in[at++] & 0xFF;
            long ic = getLong(4);
            return new MacHeader(sc, ic, cipheredLength);
        }

        private GroupingHeader groupingHeader() {
            need(1, "grouping header tag");
            if ((in[at] & 0xFF) != TAG_GENERAL_SIGNING) {
                throw new GbcsDecodeException("grouping header tag", at,
                        String.format("expected DF (general-signing), got %02X", in[at] & 0xFF));
            }
            at++;
            expectLength(TRANSACTION_ID_LENGTH, "transaction id");
            need(1, "CRA flag");
            CraFlag cra = CraFlag.ofCode(in[at] & 0xFF);
            if (cra == null) {
                throw new GbcsDecodeException("CRA flag", at,
                        String.format("expected 01, 02 or 03, got %02X", in[at] & 0xFF));
            }
            at++;
            need(8, "originator counter");
            long counter = getLong(8);
            expectLength(SYSTEM_TITLE_LENGTH, "originator system title");
            need(8, "originator system title");
            long originator = getLong(8);
            expectLength(SYSTEM_TITLE_LENGTH, "recipient system title");
            need(8, "recipient system title");
            long recipient = getLong(8);
            need(1, "date-time");
            Optional<ByteString> dateTime;
            int dtLen = in[at] & 0xFF;
            if (dtLen == 0) {
                dateTime = Optional.empty();
                at++;
            } else if (dtLen == GroupingHeader.DATE_TIME_LENGTH) {
                at++;
                need(GroupingHeader.DATE_TIME_LENGTH, "date-time");
                dateTime = Optional.of(ByteString.copyOf(in, at, GroupingHeader.DATE_TIME_LENGTH));
                at += GroupingHeader.DATE_TIME_LENGTH;
            } else {
                throw new GbcsDecodeException("date-time", at,
                        String.format("length must be 00 or 0C, got %02X", dtLen));
            }
            OtherInformation oi = otherInformation();
            int contentLength = length("content length");
            return new GroupingHeader(cra, counter, originator, recipient, dateTime, oi, contentLength);
        }

        private OtherInformation otherInformation() {
            int lengthAt = at;
            int len = length("other-information length");
            // gbcs.md §2.2: code (2), then up to two 8-byte fields, then the supplementary originator
            // counter (length 26) or a remote party KA certificate (longer), see OtherInformation
            if (len < 2 || (len < 26 && (len - 2) % 8 != 0)) {
                throw new GbcsDecodeException("other-information length", lengthAt,
                        "must be 2, 10, 18 or at least 26, got " + len);
            }
            need(len, "other-information");
            int code = (int) getLong(2);
            OptionalLong id = len >= 10 ? OptionalLong.of(getLong(8)) : OptionalLong.empty();
            OptionalLong counter = len >= 18 ? OptionalLong.of(getLong(8)) : OptionalLong.empty();
            OptionalLong originatorCounter = len == 26 ? OptionalLong.of(getLong(8)) : OptionalLong.empty();
            int left = len > 26 ? len - 18 : 0;
            ByteString certificate = ByteString.copyOf(in, at, left);
            at += left;
            return new OtherInformation(code, id, counter, originatorCounter, certificate);
        }

        private Signature signature() {
            need(1, "signature");
            int len = in[at] & 0xFF;
            if (len == 0) {
                at++;
                return Signature.EMPTY;
            }
            if (len != Signature.SIZE) {
                throw new GbcsDecodeException("signature", at,
                        String.format("length must be 00 or 40, got %02X", len));
            }
            at++;
            need(Signature.SIZE, "signature");
            ByteString rs = ByteString.copyOf(in, at, Signature.SIZE);
            at += Signature.SIZE;
            return Signature.of(rs);
        }

        private int length(String field) {
            long d = BerLength.decode(in, at, end, field);
            at += BerLength.sizeOf(d);
            return BerLength.lengthOf(d);
        }

        private void expectLength(int want, String field) {
            need(1, field);
            int got = in[at] & 0xFF;
            if (got != want) {
                throw new GbcsDecodeException(field, at, String.format("length must be %02X, got %02X", want, got));
            }
            at++;
        }

        private void need(int n, String field) {
            if (end - at < n) {
                throw new GbcsDecodeException(field, at, "needs " + n + " bytes, " + (end - at) + " left");
            }
        }

        private long getLong(int bytes) {
            long v = 0;
            for (int i = 0; i < bytes; i++) {
                v = (v << 8) | (in[at++] & 0xFF);
            }
            return v;
        }
    }
}
