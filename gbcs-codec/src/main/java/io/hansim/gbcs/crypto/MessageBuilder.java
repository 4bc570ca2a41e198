package io.hansim.gbcs.crypto;

import io.hansim.gbcs.ByteString;
import io.hansim.gbcs.CraFlag;
import io.hansim.gbcs.GbcsCodec;
import io.hansim.gbcs.GbcsMessage;
import io.hansim.gbcs.GroupingHeader;
import io.hansim.gbcs.MacHeader;
import io.hansim.gbcs.OtherInformation;
import io.hansim.gbcs.Signature;
import io.hansim.gbcs.payload.MessageCodeRegistry;
import io.hansim.gbcs.usecase.UseCaseRecord;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.util.Objects;
import java.util.Optional;
import java.util.function.LongPredicate;

/**
 * Builds finished GBCS messages: lengths computed (gbcs.md §2–§3), signed with the originator's DS
 * key (gbcs.md §4.2, deterministic nonce so the same input gives the same bytes) and MAC'd under the
 * §4.1 key pair. Keys come from a {@link KeyResolver}; a missing one raises {@link MissingKeyException}.
 *
 * <p>Which protections a message gets, unless the {@link Header} says otherwise, follows the RTDS
 * counts of gbcs.md §2.3: a PRECOMMAND has neither; an on-air message is signed when its message code
 * is critical ({@link MessageCodeRegistry}); it carries a MAC Header unless it is a signed response
 * or alert (critical responses and alerts are signed, not MAC'd).
 */
public final class MessageBuilder {
    /** Security control byte of every reference vector (gbcs.md §2.1). */
    public static final int SECURITY_CONTROL = 0x11;

    private final KeyResolver keys;
    private final long acb;
    private final LongPredicate isDevice;

    /**
     * What the grouping header says and how the message is protected.
     *
     * @param craFlag command, response or alert
     * @param originatorCounter the Originator Counter (raw 64 bits)
     * @param originator originator EUI-64
     * @param recipient recipient EUI-64
     * @param otherInformation message code and supplementary fields
     * @param dateTime the 12-byte COSEM date-time, or empty
     * @param form ON_AIR (signature field present) or PRECOMMAND (gbcs.md §2.3)
     * @param sign sign with the originator's DS key; empty for the default (critical and on air)
     * @param mac carry a MAC Header and MAC; empty for the default (on air, and not a signed response or alert)
     */
    public record Header(CraFlag craFlag, long originatorCounter, long originator, long recipient,
            OtherInformation otherInformation, Optional<ByteString> dateTime, GbcsCodec.Form form,
            Optional<Boolean> sign, Optional<Boolean> mac) {
        public Header {
            Objects.requireNonNull(craFlag, "craFlag");
            Objects.requireNonNull(otherInformation, "otherInformation");
            Objects.requireNonNull(dateTime, "dateTime");
            Objects.requireNonNull(form, "form");
            Objects.requireNonNull(sign, "sign");
            Objects.requireNonNull(mac, "mac");
            if (form == GbcsCodec.Form.PRECOMMAND && (sign.orElse(false) || mac.orElse(false))) {
                throw new IllegalArgumentException("a PRECOMMAND has no signature field and no MAC Header (gbcs.md §2.3)");
            }
        }

        /** An on-air header with default protections. */
        public static Header onAir(CraFlag cra, long originatorCounter, long originator, long recipient,
                OtherInformation otherInformation) {
            return new Header(cra, originatorCounter, originator, recipient, otherInformation, Optional.empty(),
                    GbcsCodec.Form.ON_AIR, Optional.empty(), Optional.empty());
        }

        /** This header with explicit protections. */
        public Header protectedBy(boolean signed, boolean macd) {
            return new Header(craFlag, originatorCounter, originator, recipient, otherInformation, dateTime, form,
                    Optional.of(signed), Optional.of(macd));
        }

        /** This header with a date-time. */
        public Header withDateTime(ByteString cosemDateTime) {
            return new Header(craFlag, originatorCounter, originator, recipient, otherInformation,
                    Optional.of(cosemDateTime), form, sign, mac);
        }

        /** Whether the message will be signed. */
        public boolean signed() {
            return sign.orElseGet(() -> form == GbcsCodec.Form.ON_AIR
                    && MessageCodeRegistry.lookup(otherInformation.messageCode()).critical());
        }

        /** Whether the message will carry a MAC Header and MAC. */
        public boolean macd() {
            return mac.orElseGet(() -> form == GbcsCodec.Form.ON_AIR && !(signed() && craFlag != CraFlag.COMMAND));
        }
    }

    /**
     * @param keys where private and public keys come from
     * @param acb the Access Control Broker whose KA key MACs remote-party commands (gbcs.md §4.1)
     * @param isDevice which entities are devices (see {@link GbcsMac#parties})
     */
    public MessageBuilder(KeyResolver keys, long acb, LongPredicate isDevice) {
        this.keys = Objects.requireNonNull(keys, "keys");
        this.acb = acb;
        this.isDevice = Objects.requireNonNull(isDevice, "isDevice");
    }

    /** A builder with the RTDS ACB and device numbering, as {@link MessageVerifier#rtds()} checks. */
    public static MessageBuilder rtds(KeyResolver keys) {
        MessageVerifier v = MessageVerifier.rtds();
        return new MessageBuilder(keys, v.acb(), v.isDevice());
    }

    /** The finished message for {@code header} carrying the payload of {@code record}. */
    public GbcsMessage build(Header header, UseCaseRecord record) {
        return build(header, ByteString.of(record.toPayload().encode()));
    }

    /** The finished message for {@code header} carrying {@code payload}. */
    public GbcsMessage build(Header header, ByteString payload) {
        boolean signed = header.signed();
        boolean macd = header.macd();
        GroupingHeader g = new GroupingHeader(header.craFlag(), header.originatorCounter(), header.originator(),
                header.recipient(), header.dateTime(), header.otherInformation(), payload.length());
        Signature field = header.form() == GbcsCodec.Form.PRECOMMAND ? Signature.ABSENT : Signature.EMPTY;
        Optional<MacHeader> mh = macd ? Optional.of(new MacHeader(SECURITY_CONTROL, 0, 0)) : Optional.empty();
        Optional<ByteString> placeholder = macd ? Optional.of(ByteString.of(new byte[GbcsMessage.MAC_SIZE]))
                : Optional.empty();
        GbcsMessage m = GbcsMessage.of(mh, g, payload, field, placeholder);
        if (signed) {
            ECPrivateKey ds = keys.privateKey(header.originator(), KeyUsage.DS)
                    .orElseThrow(() -> new MissingKeyException(header.originator(), KeyUsage.DS, true,
                            "sign as the originator, gbcs.md §4.2"));
            m = GbcsSignature.signDeterministic(m, ds);
        }
        if (macd) {
            m = GbcsMac.apply(m, macKey(m.groupingHeader()));
        }
        return m;
    }

    /**
     * The §4.1 key: ECDH is symmetric, so either party's private KA key with the other's public one
     * works; the sending side (first of {@link GbcsMac#parties}) is tried first and named when neither works.
     */
    private byte[] macKey(GroupingHeader g) {
        GbcsMac.Parties p = GbcsMac.parties(g, acb, isDevice);
        Optional<ECPrivateKey> mine = keys.privateKey(p.first(), KeyUsage.KA);
        Optional<ECPublicKey> theirs = keys.publicKey(p.second(), KeyUsage.KA);
        if (mine.isPresent() && theirs.isPresent()) {
            return GbcsMac.key(g, mine.get(), theirs.get());
        }
        Optional<ECPrivateKey> otherMine = keys.privateKey(p.second(), KeyUsage.KA);
        Optional<ECPublicKey> otherTheirs = keys.publicKey(p.first(), KeyUsage.KA);
        if (otherMine.isPresent() && otherTheirs.isPresent()) {
            return GbcsMac.key(g, otherMine.get(), otherTheirs.get());
        }
        String purpose = "MAC, gbcs.md §4.1";
        if (mine.isEmpty()) {
            throw new MissingKeyException(p.first(), KeyUsage.KA, true, purpose);
        }
        throw new MissingKeyException(p.second(), KeyUsage.KA, false, purpose);
    }
}
