package io.hansim.gbcs.crypto;

import io.hansim.gbcs.ByteString;
import io.hansim.gbcs.GbcsMessage;
import io.hansim.gbcs.Signature;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.util.Optional;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.crypto.signers.HMacDSAKCalculator;

/**
 * ECDSA P-256 / SHA-256 over every byte after the {@code DF} tag up to the end of the payload, carried
 * as {@code 40} ‖ r (32) ‖ s (32), IEEE P1363 not DER (gbcs.md §4.2). The signer is the originator's DS key.
 */
public final class GbcsSignature {
    private static final String ALGORITHM = "SHA256withECDSAinP1363Format";
    private static final ECDomainParameters P256;

    static {
        X9ECParameters x9 = CustomNamedCurves.getByName("secp256r1");
        P256 = new ECDomainParameters(x9.getCurve(), x9.getG(), x9.getN(), x9.getH());
    }

    private GbcsSignature() {
    }

    /** The bytes the signature covers (gbcs.md §4.2). */
    public static byte[] signedBytes(GbcsMessage m) {
        return new EnvelopeBytes(m).signed();
    }

    /**
     * Raw r‖s over {@code data} with a random nonce (the JDK provider's). Two calls give different
     * bytes; hansim's own messages use {@link #signDeterministic(byte[], ECPrivateKey)}.
     */
    public static byte[] signRaw(byte[] data, ECPrivateKey key) {
        try {
            java.security.Signature s = java.security.Signature.getInstance(ALGORITHM);
            s.initSign(key);
            s.update(data);
            return s.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("signing failed", e);
        }
    }

    /**
     * Raw r‖s over {@code data} with the nonce derived from the key and the digest (RFC 6979
     * HMAC-SHA-256), so that the same message and key always give the same bytes (DESIGN.md §2,
     * determinism). Verifies like any ECDSA P-256 signature (gbcs.md §4.2).
     */
    public static byte[] signDeterministic(byte[] data, ECPrivateKey key) {
        SHA256Digest sha = new SHA256Digest();
        sha.update(data, 0, data.length);
        byte[] digest = new byte[sha.getDigestSize()];
        sha.doFinal(digest, 0);
        ECDSASigner signer = new ECDSASigner(new HMacDSAKCalculator(new SHA256Digest()));
        signer.init(true, new ECPrivateKeyParameters(key.getS(), P256));
        BigInteger[] rs = signer.generateSignature(digest);
        byte[] out = new byte[64];
        System.arraycopy(EcKeys.fixed32(rs[0]), 0, out, 0, 32);
        // Low-s is not required by GBCS; keep s as produced (the JDK verifier accepts either).
        System.arraycopy(EcKeys.fixed32(rs[1]), 0, out, 32, 32);
        return out;
    }

    /** Whether raw r‖s {@code rs} is a valid signature over {@code data}. */
    public static boolean verifyRaw(byte[] data, byte[] rs, ECPublicKey key) {
        try {
            java.security.Signature s = java.security.Signature.getInstance(ALGORITHM);
            s.initVerify(key);
            s.update(data);
            return s.verify(rs);
        } catch (java.security.SignatureException e) {
            return false; // malformed r‖s (e.g. r or s zero or ≥ n): a wrong signature, not an error
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("verification could not run", e);
        }
    }

    /**
     * {@code m} signed with {@code key}. The signature field becomes present; when {@code m} has a MAC
     * Header the ciphered length is recomputed and the MAC is kept as is (re-MAC afterwards).
     */
    public static GbcsMessage sign(GbcsMessage m, ECPrivateKey key) {
        ByteString rs = ByteString.of(signRaw(signedBytes(m), key));
        Optional<ByteString> mac = m.mac();
        return GbcsMessage.of(m.macHeader(), m.groupingHeader(), m.payload(), Signature.of(rs), mac);
    }

    /** {@code m} signed as {@link #sign} does, with the deterministic nonce of {@link #signDeterministic(byte[], ECPrivateKey)}. */
    public static GbcsMessage signDeterministic(GbcsMessage m, ECPrivateKey key) {
        ByteString rs = ByteString.of(signDeterministic(signedBytes(m), key));
        return GbcsMessage.of(m.macHeader(), m.groupingHeader(), m.payload(), Signature.of(rs), m.mac());
    }

    /** Checks the signature of {@code m} with {@code key}. */
    public static Verdict verify(GbcsMessage m, ECPublicKey key) {
        if (m.signature().kind() != Signature.Kind.PRESENT) {
            return Verdict.ABSENT;
        }
        return verifyRaw(signedBytes(m), m.signature().value().toByteArray(), key) ? Verdict.VALID : Verdict.INVALID;
    }

    /** Checks the signature of {@code m} with the originator's DS key from {@code keys}. */
    public static Verdict verify(GbcsMessage m, KeyResolver keys) {
        if (m.signature().kind() != Signature.Kind.PRESENT) {
            return Verdict.ABSENT;
        }
        return keys.publicKey(m.groupingHeader().originator(), KeyUsage.DS).map(k -> verify(m, k))
                .orElse(Verdict.UNVERIFIABLE);
    }

    /** DER {@code SEQUENCE { INTEGER r, INTEGER s }} to raw 64-byte r‖s. */
    public static byte[] derToRaw(byte[] der) {
        int[] at = {0};
        expect(der, at, 0x30);
        int seqLen = derLength(der, at);
        if (at[0] + seqLen != der.length) {
            throw new IllegalArgumentException("DER signature: sequence length mismatch");
        }
        byte[] out = new byte[64];
        for (int i = 0; i < 2; i++) {
            expect(der, at, 0x02);
            int len = derLength(der, at);
            if (len < 1 || at[0] + len > der.length) {
                throw new IllegalArgumentException("DER signature: bad INTEGER length");
            }
            byte[] v = java.util.Arrays.copyOfRange(der, at[0], at[0] + len);
            at[0] += len;
            BigInteger n = new BigInteger(v);
            if (n.signum() < 0) {
                throw new IllegalArgumentException("DER signature: negative INTEGER");
            }
            System.arraycopy(EcKeys.fixed32(n), 0, out, 32 * i, 32);
        }
        if (at[0] != der.length) {
            throw new IllegalArgumentException("DER signature: trailing bytes");
        }
        return out;
    }

    /** Raw 64-byte r‖s to DER {@code SEQUENCE { INTEGER r, INTEGER s }}. */
    public static byte[] rawToDer(byte[] rs) {
        if (rs.length != 64) {
            throw new IllegalArgumentException("r‖s is 64 bytes, not " + rs.length);
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (int i = 0; i < 2; i++) {
            byte[] v = new BigInteger(1, java.util.Arrays.copyOfRange(rs, 32 * i, 32 * i + 32)).toByteArray();
            body.write(0x02);
            body.write(v.length);
            body.writeBytes(v);
        }
        byte[] b = body.toByteArray();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0x30);
        if (b.length >= 0x80) {
            out.write(0x81);
        }
        out.write(b.length);
        out.writeBytes(b);
        return out.toByteArray();
    }

    private static void expect(byte[] der, int[] at, int tag) {
        if (at[0] >= der.length || (der[at[0]] & 0xFF) != tag) {
            throw new IllegalArgumentException("DER signature: expected tag " + Integer.toHexString(tag));
        }
        at[0]++;
    }

    private static int derLength(byte[] der, int[] at) {
        if (at[0] >= der.length) {
            throw new IllegalArgumentException("DER signature: truncated");
        }
        int b = der[at[0]++] & 0xFF;
        if (b < 0x80) {
            return b;
        }
        if (b == 0x81 && at[0] < der.length) {
            return der[at[0]++] & 0xFF;
        }
        throw new IllegalArgumentException("DER signature: unsupported length form");
    }
}
