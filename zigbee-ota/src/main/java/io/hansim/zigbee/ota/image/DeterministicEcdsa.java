package io.hansim.zigbee.ota.image;

import io.hansim.zigbee.zcl.Bytes;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.interfaces.ECPrivateKey;
import java.security.spec.ECPoint;
import java.security.spec.ECPrivateKeySpec;
import java.security.spec.ECPublicKeySpec;
import java.nio.charset.StandardCharsets;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.crypto.signers.HMacDSAKCalculator;

/**
 * ECDSA P-256 / SHA-256 with the nonce derived from the key and the message (RFC 6979), and
 * P-256 key pairs derived from a seed.
 *
 * <p>Why: the JDK's ECDSA draws a random nonce, so signing the same image twice gives different
 * bytes. hansim promises that the same scenario and seed give byte-identical traces and reports
 * (DESIGN.md §2), and a GB image signed inside a scenario is part of those bytes. RFC 6979
 * signatures verify with any ECDSA verifier, so nothing downstream can tell the difference.
 * Uses BouncyCastle's light-weight API (DESIGN.md §7 lists it).
 */
public final class DeterministicEcdsa {
    private static final X9ECParameters P256 = CustomNamedCurves.getByName("secp256r1");
    private static final ECDomainParameters DOMAIN =
            new ECDomainParameters(P256.getCurve(), P256.getG(), P256.getN(), P256.getH());
    private static final int HALF = GbBody.SIGNATURE_LENGTH / 2;

    private DeterministicEcdsa() {
    }

    /**
     * Signs {@code message} with SHA-256 and an RFC 6979 nonce.
     *
     * @return 64 bytes r‖s, each 32 bytes big-endian
     * @throws IllegalArgumentException if the key is not a P-256 private key
     */
    public static Bytes sign(Bytes message, PrivateKey key) {
        if (!(key instanceof ECPrivateKey ec) || ec.getParams().getCurve().getField().getFieldSize() != 256
                || !ec.getParams().getOrder().equals(P256.getN())) {
            throw new IllegalArgumentException("not a P-256 private key: " + key.getAlgorithm());
        }
        byte[] digest = sha256(message.toArray());
        ECDSASigner signer = new ECDSASigner(new HMacDSAKCalculator(new SHA256Digest()));
        signer.init(true, new ECPrivateKeyParameters(ec.getS(), DOMAIN));
        BigInteger[] rs = signer.generateSignature(digest);
        byte[] out = new byte[GbBody.SIGNATURE_LENGTH];
        put(rs[0], out, 0);
        put(rs[1], out, HALF);
        return Bytes.of(out);
    }

    /**
     * A P-256 key pair derived from {@code seed} and a label: private scalar
     * {@code 1 + (SHA-256(label ‖ seed) mod (n − 1))}. For simulations and demos only: anyone who
     * knows the seed knows the key.
     */
    public static KeyPair keyPairFromSeed(String label, long seed) {
        byte[] in = (label + "\u0000" + seed).getBytes(StandardCharsets.UTF_8);
        BigInteger n = P256.getN();
        BigInteger d = new BigInteger(1, sha256(in)).mod(n.subtract(BigInteger.ONE)).add(BigInteger.ONE);
        org.bouncycastle.math.ec.ECPoint q = P256.getG().multiply(d).normalize();
        try {
            java.security.AlgorithmParameters params = java.security.AlgorithmParameters.getInstance("EC");
            params.init(new java.security.spec.ECGenParameterSpec("secp256r1"));
            java.security.spec.ECParameterSpec spec = params.getParameterSpec(java.security.spec.ECParameterSpec.class);
            KeyFactory kf = KeyFactory.getInstance("EC");
            PrivateKey priv = kf.generatePrivate(new ECPrivateKeySpec(d, spec));
            ECPoint w = new ECPoint(q.getAffineXCoord().toBigInteger(), q.getAffineYCoord().toBigInteger());
            return new KeyPair(kf.generatePublic(new ECPublicKeySpec(w, spec)), priv);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK's EC provider is required for P-256", e);
        }
    }

    private static void put(BigInteger v, byte[] out, int at) {
        byte[] b = v.toByteArray();
        int len = Math.min(b.length, HALF);
        System.arraycopy(b, b.length - len, out, at + HALF - len, len);
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is required of every JDK", e);
        }
    }
}
