package io.hansim.device.gbcs;

import io.hansim.gbcs.ByteString;
import io.hansim.gbcs.CosemDateTime;
import io.hansim.gbcs.CraFlag;
import io.hansim.gbcs.GbcsCodec;
import io.hansim.gbcs.GbcsMessage;
import io.hansim.gbcs.GroupingHeader;
import io.hansim.gbcs.MacHeader;
import io.hansim.gbcs.OtherInformation;
import io.hansim.gbcs.Signature;
import io.hansim.gbcs.crypto.GbcsMac;
import io.hansim.gbcs.crypto.GbcsSignature;
import io.hansim.gbcs.crypto.KeyResolver;
import io.hansim.gbcs.crypto.KeyUsage;
import io.hansim.gbcs.payload.MessageCodeRegistry;
import io.hansim.gbcs.usecase.UseCaseRecord;
import io.hansim.zigbee.ota.image.DeterministicEcdsa;
import io.hansim.zigbee.zcl.Bytes;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.time.Instant;
import java.util.Optional;

/**
 * Builds finished GBCS messages for the simulated parties: a critical message (per the message-code
 * registry) is signed by its originator's DS key and carries a date-time and no MAC, as the RTDS
 * device-signed responses and alerts do; a critical command is signed and MAC'd; anything else is
 * MAC'd with the KA keys gbcs.md §4.1 names (ACB and recipient for a remote party's command,
 * originator and recipient otherwise). Security control {@code 11} and invocation counter 0, as in
 * every reference vector (gbcs.md §2.1).
 */
final class GbcsSealer {
    private static final int SECURITY_CONTROL = 0x11;

    private final long acb;
    private final KeyResolver keys;

    GbcsSealer(long acb, KeyResolver keys) {
        this.acb = acb;
        this.keys = keys;
    }

    long acb() {
        return acb;
    }

    KeyResolver keys() {
        return keys;
    }

    /** A command from a remote party (not a device): MAC'd with the ACB's key, signed when critical. */
    byte[] command(long counter, long originator, long recipient, OtherInformation other, UseCaseRecord body) {
        boolean critical = MessageCodeRegistry.lookup(other.messageCode()).critical();
        GroupingHeader g = header(CraFlag.COMMAND, counter, originator, recipient, Optional.empty(), other);
        ByteString payload = ByteString.of(body.toPayload().encode());
        GbcsMessage m = GbcsMessage.of(Optional.of(new MacHeader(SECURITY_CONTROL, 0, 0)), g, payload,
                Signature.EMPTY, Optional.of(ByteString.of(new byte[GbcsMessage.MAC_SIZE])));
        if (critical) {
            m = sign(m, privateKey(originator, KeyUsage.DS));
        }
        byte[] k = GbcsMac.key(m.groupingHeader(), privateKey(acb, KeyUsage.KA), publicKey(recipient, KeyUsage.KA));
        return GbcsCodec.encode(GbcsMac.apply(m, k));
    }

    /**
     * A response or an alert from a device entity: signed (with date-time, no MAC) when the message
     * code is critical, else MAC'd for the recipient without a date-time.
     */
    byte[] fromDevice(CraFlag cra, long counter, long originator, long recipient, OtherInformation other,
            UseCaseRecord body, Instant now) {
        boolean critical = MessageCodeRegistry.lookup(other.messageCode()).critical();
        ByteString payload = ByteString.of(body.toPayload().encode());
        if (critical) {
            GroupingHeader g = header(cra, counter, originator, recipient, Optional.of(CosemDateTime.of(now)), other);
            GbcsMessage m = GbcsMessage.of(Optional.empty(), g, payload, Signature.EMPTY, Optional.empty());
            return GbcsCodec.encode(sign(m, privateKey(originator, KeyUsage.DS)));
        }
        GroupingHeader g = header(cra, counter, originator, recipient, Optional.empty(), other);
        GbcsMessage m = GbcsMessage.of(Optional.of(new MacHeader(SECURITY_CONTROL, 0, 0)), g, payload,
                Signature.EMPTY, Optional.of(ByteString.of(new byte[GbcsMessage.MAC_SIZE])));
        byte[] k = GbcsMac.key(m.groupingHeader(), privateKey(originator, KeyUsage.KA),
                publicKey(recipient, KeyUsage.KA));
        return GbcsCodec.encode(GbcsMac.apply(m, k));
    }

    /**
     * Signs with an RFC 6979 nonce: the JDK's ECDSA nonce is random, and a simulation's WAN bytes
     * must be the same for the same seed (DESIGN.md §2). Any ECDSA verifier accepts the result.
     */
    private static GbcsMessage sign(GbcsMessage m, ECPrivateKey key) {
        byte[] rs = DeterministicEcdsa.sign(Bytes.of(GbcsSignature.signedBytes(m)), key).toArray();
        return GbcsMessage.of(m.macHeader(), m.groupingHeader(), m.payload(), Signature.of(ByteString.of(rs)),
                m.mac());
    }

    private static GroupingHeader header(CraFlag cra, long counter, long originator, long recipient,
            Optional<ByteString> dateTime, OtherInformation other) {
        return new GroupingHeader(cra, counter, originator, recipient, dateTime, other, 0);
    }

    private ECPrivateKey privateKey(long entity, KeyUsage usage) {
        return keys.privateKey(entity, usage).orElseThrow(() -> new IllegalStateException(
                String.format("no %s private key for %016X in the simulation PKI", usage, entity)));
    }

    private ECPublicKey publicKey(long entity, KeyUsage usage) {
        return keys.publicKey(entity, usage).orElseThrow(() -> new IllegalStateException(
                String.format("no %s public key for %016X in the simulation PKI", usage, entity)));
    }
}
