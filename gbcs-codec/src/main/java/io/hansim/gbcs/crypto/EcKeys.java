package io.hansim.gbcs.crypto;

import java.math.BigInteger;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPrivateKeySpec;
import java.security.spec.ECPublicKeySpec;
import java.util.Arrays;

/** P-256 key construction and ECDSA encoding helpers, JDK providers only (gbcs.md §4.4). */
public final class EcKeys {
    private static final ECParameterSpec P256 = loadP256();

    private EcKeys() {
    }

    private static ECParameterSpec loadP256() {
        try {
            AlgorithmParameters p = AlgorithmParameters.getInstance("EC");
            p.init(new ECGenParameterSpec("secp256r1"));
            return p.getParameterSpec(ECParameterSpec.class);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("secp256r1 not available", e);
        }
    }

    /** The secp256r1 domain parameters. */
    public static ECParameterSpec p256() {
        return P256;
    }

    /** A public key from the 64-byte x‖y form used in gbcs.md §9. */
    public static ECPublicKey publicKey(byte[] xy) {
        if (xy.length != 64) {
            throw new IllegalArgumentException("x‖y is 64 bytes, not " + xy.length);
        }
        BigInteger x = new BigInteger(1, Arrays.copyOfRange(xy, 0, 32));
        BigInteger y = new BigInteger(1, Arrays.copyOfRange(xy, 32, 64));
        try {
            return (ECPublicKey) KeyFactory.getInstance("EC")
                    .generatePublic(new ECPublicKeySpec(new ECPoint(x, y), P256));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("not a P-256 point", e);
        }
    }

    /** A private key from its 32-byte scalar. */
    public static ECPrivateKey privateKey(byte[] scalar) {
        return privateKey(new BigInteger(1, scalar));
    }

    /** A private key from its scalar (1 ≤ s < n). */
    public static ECPrivateKey privateKey(BigInteger s) {
        if (s.signum() <= 0 || s.compareTo(P256.getOrder()) >= 0) {
            throw new IllegalArgumentException("scalar out of range");
        }
        try {
            return (ECPrivateKey) KeyFactory.getInstance("EC").generatePrivate(new ECPrivateKeySpec(s, P256));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("bad private scalar", e);
        }
    }

    /** The public half of {@code key}: d·G on P-256. */
    public static ECPublicKey publicOf(ECPrivateKey key) {
        org.bouncycastle.asn1.x9.X9ECParameters x9 = org.bouncycastle.crypto.ec.CustomNamedCurves.getByName("secp256r1");
        org.bouncycastle.math.ec.ECPoint q = new org.bouncycastle.math.ec.FixedPointCombMultiplier()
                .multiply(x9.getG(), key.getS().mod(x9.getN())).normalize();
        byte[] xy = new byte[64];
        System.arraycopy(fixed32(q.getAffineXCoord().toBigInteger()), 0, xy, 0, 32);
        System.arraycopy(fixed32(q.getAffineYCoord().toBigInteger()), 0, xy, 32, 32);
        return publicKey(xy);
    }

    /** The 32-byte unsigned big-endian form of {@code v}. */
    static byte[] fixed32(BigInteger v) {
        byte[] b = v.toByteArray();
        if (b.length == 32) {
            return b;
        }
        byte[] out = new byte[32];
        if (b.length > 32) {
            if (b.length != 33 || b[0] != 0) {
                throw new IllegalArgumentException("value wider than 32 bytes");
            }
            System.arraycopy(b, 1, out, 0, 32);
        } else {
            System.arraycopy(b, 0, out, 32 - b.length, b.length);
        }
        return out;
    }
}
