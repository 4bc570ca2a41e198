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
     * @param securityControl the MAC Header's security control byte ({@link #SECURITY_CONTROL} in every vector)
     * @param invocationCounter the MAC Header's 4-byte invocation counter (0 in every vector)
     */
    public record Header(CraFlag craFlag, long originatorCounter, long originator, long recipient,
            OtherInformation otherInformation, Optional<ByteString> dateTime, GbcsCodec.Form form,
            Optional<Boolean> sign, Optional<Boolean> mac, int securityControl, long invocationCounter) {
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
            if (securityControl < 0 || securityControl > 0xFF) {
                throw new IllegalArgumentException("security control is one byte: " + securityControl);
            }
            if (invocationCounter < 0 || invocationCounter > 0xFFFF_FFFFL) {
                throw new IllegalArgumentException("invocation counter is 4 bytes: " + invocationCounter);
            }
        }

        /** A header whose MAC Header (if any) has the reference vectors' security control and counter. */
        public Header(CraFlag craFlag, long originatorCounter, long originator, long recipient,
                OtherInformation otherInformation, Optional<ByteString> dateTime, GbcsCodec.Form form,
                Optional<Boolean> sign, Optional<Boolean> mac) {
            this(craFlag, originatorCounter, originator, recipient, otherInformation, dateTime, form, sign, mac,
                    SECURITY_CONTROL, 0);
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
                    Optional.of(signed), Optional.of(macd), securityControl, invocationCounter);
        }

        /** This header with a date-time. */
        public Header withDateTime(ByteString cosemDateTime) {
            return new Header(craFlag, originatorCounter, originator, recipient, otherInformation,
                    Optional.of(cosemDateTime), form, sign, mac, securityControl, invocationCounter);
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
        return build(header, payload, Optional.empty()).message();
    }

    /** Where the signature of a {@link Built} message came from. */
    public enum SignatureSource {
        /** The message is not signed. */
        NONE,
        /** The signature given to {@link #build(Header, ByteString, Optional)}, checked valid over this content. */
        CARRIED,
        /** Made here with the originator's private DS key (deterministic nonce). */
        SIGNED
    }

    /**
     * A built message and where its signature came from.
     *
     * @param carriedRejected true when a signature was given but did not verify (or could not be checked)
     *     and the message was signed again instead
     */
    public record Built(GbcsMessage message, SignatureSource signature, boolean carriedRejected) {
        public Built {
            Objects.requireNonNull(message, "message");
            Objects.requireNonNull(signature, "signature");
        }
    }

    /**
     * The finished message for {@code header} carrying {@code payload}; when the header asks for a signature
     * and {@code carried} holds one (64-byte r‖s, e.g. from a decoded message), that signature is kept if it
     * verifies over this message's signed bytes with the originator's DS public key (from {@code keys}, or
     * computed from the private key). ECDSA signatures made with a random nonce cannot be made again, so this
     * is how an unedited decoded message re-encodes to its own bytes. A signature that does not verify (the
     * content was edited) or cannot be checked is replaced by a new one when the private key is available.
     *
     * @throws MissingKeyException when a key needed to sign, check or MAC is not available
     * @throws IllegalArgumentException when {@code carried} is not 64 bytes
     */
    public Built build(Header header, ByteString payload, Optional<ByteString> carried) {
        Objects.requireNonNull(carried, "carried");
        if (carried.isPresent() && carried.get().length() != Signature.SIZE) {
            throw new IllegalArgumentException("a signature is 64 bytes (r‖s), not " + carried.get().length());
        }
        boolean signed = header.signed();
        boolean macd = header.macd();
        GroupingHeader g = new GroupingHeader(header.craFlag(), header.originatorCounter(), header.originator(),
                header.recipient(), header.dateTime(), header.otherInformation(), payload.length());
        Signature field = header.form() == GbcsCodec.Form.PRECOMMAND ? Signature.ABSENT : Signature.EMPTY;
        Optional<MacHeader> mh = macd ? Optional.of(new MacHeader(header.securityControl(), header.invocationCounter(), 0))
                : Optional.empty();
        Optional<ByteString> placeholder = macd ? Optional.of(ByteString.of(new byte[GbcsMessage.MAC_SIZE]))
                : Optional.empty();
        GbcsMessage m = GbcsMessage.of(mh, g, payload, field, placeholder);
        SignatureSource source = SignatureSource.NONE;
        boolean rejected = false;
        if (signed) {
            Optional<ECPrivateKey> ds = keys.privateKey(header.originator(), KeyUsage.DS);
            boolean kept = false;
            if (carried.isPresent()) {
                Optional<ECPublicKey> pub = keys.publicKey(header.originator(), KeyUsage.DS).or(() -> ds.map(EcKeys::publicOf));
                if (pub.isPresent() && GbcsSignature.verifyRaw(GbcsSignature.signedBytes(m),
                        carried.get().toByteArray(), pub.get())) {
                    m = GbcsMessage.of(m.macHeader(), m.groupingHeader(), m.payload(), Signature.of(carried.get()), m.mac());
                    kept = true;
                    source = SignatureSource.CARRIED;
                } else if (ds.isEmpty()) {
                    throw pub.isPresent()
                            ? new MissingKeyException(header.originator(), KeyUsage.DS, true, "sign again: the given"
                                    + " signature does not verify over this content, gbcs.md §4.2")
                            : new MissingKeyException(header.originator(), KeyUsage.DS, false, "check the given"
                                    + " signature, gbcs.md §4.2; nor a private one to sign again");
                } else {
                    rejected = true;
                }
            }
            if (!kept) {
                ECPrivateKey key = ds.orElseThrow(() -> new MissingKeyException(header.originator(), KeyUsage.DS, true,
                        "sign as the originator, gbcs.md §4.2"));
                m = GbcsSignature.signDeterministic(m, key);
                source = SignatureSource.SIGNED;
            }
        }
        if (macd) {
            m = GbcsMac.apply(m, macKey(m.groupingHeader()));
        }
        return new Built(m, source, rejected);
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
