package io.hansim.gbcs.crypto;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.LongPredicate;
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
 * <p>A simulation CA, its key derived from the seed the same way, issues X.509 v3 certificates for
 * these keys ({@link #certificate}), shaped like the RTDS keystore's (corpora.md §5.2): device
 * certificates have an empty subject and a critical subjectAltName otherName 1.3.6.1.5.5.7.8.4 (hardware
 * module name) holding the EUI; organisation certificates have CN, OU and x500UniqueIdentifier. Validity
 * dates are fixed, serials derive from entity and usage, signatures use the deterministic nonce, so the
 * same seed gives the same certificate bytes. {@link #writeKeystore} lays them out for
 * {@link KeystoreFolderResolver}.
 */
public final class TestPki implements KeyResolver {
    private static final X9ECParameters CURVE = CustomNamedCurves.getByName("secp256r1");

    private final byte[] seed;
    private final Map<String, Pair> pairs = new ConcurrentHashMap<>();

    private record Pair(ECPrivateKey privateKey, ECPublicKey publicKey) {}

    private final LongPredicate isDevice;
    private final Map<String, X509Certificate> certificates = new ConcurrentHashMap<>();
    private volatile SimulationCa ca;

    /** A PKI whose devices are numbered as in the RTDS ({@link MessageVerifier#rtds()}). */
    public TestPki(String seed) {
        this(seed, MessageVerifier.rtds().isDevice());
    }

    /**
     * @param seed any text; the same seed gives the same keys and certificates
     * @param isDevice which entities get device certificates (the others get organisation ones)
     */
    public TestPki(String seed, LongPredicate isDevice) {
        this.seed = seed.getBytes(StandardCharsets.UTF_8);
        this.isDevice = java.util.Objects.requireNonNull(isDevice, "isDevice");
    }

    private Pair pair(long entity, KeyUsage usage) {
        return pairs.computeIfAbsent(usage + "/" + entity, k -> generate(entity, usage));
    }

    private Pair generate(long entity, KeyUsage usage) {
        return generate(usage.suffix(), entity);
    }

    /** Key pair for a label ({@code ds}, {@code ka}, {@code pp-ka}, or {@code ca} for the CA) and entity. */
    private Pair generate(String label, long entity) {
        byte[] digest = sha256(seed, new byte[] {0}, label.getBytes(StandardCharsets.US_ASCII), new byte[] {0},
                ByteBuffer.allocate(8).putLong(entity).array());
        BigInteger n = CURVE.getN();
        BigInteger d = new BigInteger(1, digest).mod(n.subtract(BigInteger.ONE)).add(BigInteger.ONE);
        ECPoint q = new FixedPointCombMultiplier().multiply(CURVE.getG(), d).normalize();
        byte[] xy = new byte[64];
        System.arraycopy(EcKeys.fixed32(q.getAffineXCoord().toBigInteger()), 0, xy, 0, 32);
        System.arraycopy(EcKeys.fixed32(q.getAffineYCoord().toBigInteger()), 0, xy, 32, 32);
        return new Pair(EcKeys.privateKey(d), EcKeys.publicKey(xy));
    }

    static byte[] sha256(byte[]... parts) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (byte[] p : parts) {
                sha.update(p);
            }
            return sha.digest();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 not available", e);
        }
    }

    /** One key of one entity, as named in a keystore folder ({@code <eui>-<usage>}). */
    public record KeyRef(long entity, KeyUsage usage) {
        public KeyRef {
            java.util.Objects.requireNonNull(usage, "usage");
        }
    }

    /** The self-signed root certificate of this PKI's simulation CA. */
    public X509Certificate caCertificate() {
        return ca().certificate();
    }

    /** The certificate of {@code entity}'s {@code usage} key, issued by {@link #caCertificate()}. */
    public X509Certificate certificate(long entity, KeyUsage usage) {
        return certificates.computeIfAbsent(usage + "/" + entity,
                k -> SimulationCa.issue(ca(), entity, usage, pair(entity, usage).publicKey(), isDevice.test(entity)));
    }

    private SimulationCa ca() {
        SimulationCa c = ca;
        if (c == null) {
            Pair p = generate("ca", 0);
            c = SimulationCa.create(p.privateKey(), p.publicKey());
            ca = c;
        }
        return c;
    }

    /**
     * Writes {@code ca.pem}, and for each key {@code <eui>-<usage>.pem} (its certificate) and
     * {@code <eui>-<usage>.key} (PKCS#8 private key), EUI in lower-case hex: the layout
     * {@link KeystoreFolderResolver} reads (corpora.md §5.2). Creates the folder if needed.
     *
     * @return the files written, in order
     */
    public List<Path> writeKeystore(Path folder, Collection<KeyRef> keys) throws IOException {
        Files.createDirectories(folder);
        List<Path> written = new ArrayList<>();
        written.add(write(folder.resolve("ca.pem"), pem("CERTIFICATE", encoded(caCertificate()))));
        for (KeyRef k : keys) {
            String base = HexFormat.of().toHexDigits(k.entity()) + "-" + k.usage().suffix();
            written.add(write(folder.resolve(base + ".pem"), pem("CERTIFICATE", encoded(certificate(k.entity(), k.usage())))));
            written.add(write(folder.resolve(base + ".key"),
                    pem("PRIVATE KEY", pair(k.entity(), k.usage()).privateKey().getEncoded())));
        }
        return written;
    }

    private static byte[] encoded(X509Certificate c) {
        try {
            return c.getEncoded();
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException("certificate does not encode", e);
        }
    }

    private static Path write(Path file, String text) throws IOException {
        Files.writeString(file, text, StandardCharsets.US_ASCII);
        return file;
    }

    /** PEM with 64-character lines and LF endings (RFC 7468), so the bytes do not depend on the platform. */
    static String pem(String label, byte[] der) {
        String b64 = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
        return "-----BEGIN " + label + "-----\n" + b64 + "\n-----END " + label + "-----\n";
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
