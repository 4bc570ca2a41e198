package io.hansim.gbcs.crypto;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.math.ec.FixedPointCombMultiplier;

/**
 * A simulation PKI: P-256 key pairs for any entity (device or remote party, by EUI-64) and usage,
 * derived deterministically from a seed, so that simulated parties can MAC and sign (gbcs.md §4).
 * The private scalar is {@code SHA-256(seed ‖ 00 ‖ usage ‖ 00 ‖ EUI-64) mod (n − 1) + 1}. These keys
 * have nothing to do with the DCC's; never use them outside simulation.
 *
 * <p>Certificates are not issued (no CA yet): peers look up each other's public keys here.
 */
public final class TestPki implements KeyResolver {
    private static final X9ECParameters CURVE = CustomNamedCurves.getByName("secp256r1");

    private final byte[] seed;
    private final Map<String, Pair> pairs = new ConcurrentHashMap<>();

    private record Pair(ECPrivateKey privateKey, ECPublicKey publicKey) {}

    public TestPki(String seed) {
        this.seed = seed.getBytes(StandardCharsets.UTF_8);
    }

    private Pair pair(long entity, KeyUsage usage) {
        return pairs.computeIfAbsent(usage + "/" + entity, k -> generate(entity, usage));
    }

    private Pair generate(long entity, KeyUsage usage) {
        byte[] digest;
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(seed);
            sha.update((byte) 0);
            sha.update(usage.suffix().getBytes(StandardCharsets.US_ASCII));
            sha.update((byte) 0);
            sha.update(ByteBuffer.allocate(8).putLong(entity).array());
            digest = sha.digest();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 not available", e);
        }
        BigInteger n = CURVE.getN();
        BigInteger d = new BigInteger(1, digest).mod(n.subtract(BigInteger.ONE)).add(BigInteger.ONE);
        ECPoint q = new FixedPointCombMultiplier().multiply(CURVE.getG(), d).normalize();
        byte[] xy = new byte[64];
        System.arraycopy(EcKeys.fixed32(q.getAffineXCoord().toBigInteger()), 0, xy, 0, 32);
        System.arraycopy(EcKeys.fixed32(q.getAffineYCoord().toBigInteger()), 0, xy, 32, 32);
        return new Pair(EcKeys.privateKey(d), EcKeys.publicKey(xy));
    }

    @Override
    public Optional<ECPublicKey> publicKey(long entity, KeyUsage usage) {
        return Optional.of(pair(entity, usage).publicKey());
    }

    @Override
    public Optional<ECPrivateKey> privateKey(long entity, KeyUsage usage) {
        return Optional.of(pair(entity, usage).privateKey());
    }
}
