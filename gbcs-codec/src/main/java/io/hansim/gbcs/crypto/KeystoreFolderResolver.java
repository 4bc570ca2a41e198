package io.hansim.gbcs.crypto;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.cert.CertificateFactory;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Keys from a folder laid out like {@code vectors/gbcs/keystore} (corpora.md §5.2):
 * {@code <eui>-<usage>.pem} holds an X.509 certificate or a bare public key,
 * {@code <eui>-<usage>.key} a PKCS#8 private key; EUI in lower-case hex. JDK providers only.
 * A missing file gives an empty result; an unreadable one is an error (the folder is broken).
 */
public final class KeystoreFolderResolver implements KeyResolver {
    private final Path folder;
    private final Map<String, Optional<ECPublicKey>> publics = new ConcurrentHashMap<>();
    private final Map<String, Optional<ECPrivateKey>> privates = new ConcurrentHashMap<>();

    public KeystoreFolderResolver(Path folder) {
        if (!Files.isDirectory(folder)) {
            throw new IllegalArgumentException("not a keystore folder: " + folder);
        }
        this.folder = folder;
    }

    private static String base(long entity, KeyUsage usage) {
        return HexFormat.of().toHexDigits(entity).toLowerCase(Locale.ROOT) + "-" + usage.suffix();
    }

    @Override
    public Optional<ECPublicKey> publicKey(long entity, KeyUsage usage) {
        return publics.computeIfAbsent(base(entity, usage), b -> readPublic(folder.resolve(b + ".pem")));
    }

    @Override
    public Optional<ECPrivateKey> privateKey(long entity, KeyUsage usage) {
        return privates.computeIfAbsent(base(entity, usage), b -> readPrivate(folder.resolve(b + ".key")));
    }

    private static Optional<ECPublicKey> readPublic(Path file) {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        return Optional.of(readPublicKey(file));
    }

    private static Optional<ECPrivateKey> readPrivate(Path file) {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        return Optional.of(readPrivateKey(file));
    }

    /**
     * The P-256 public key of a PEM file holding an X.509 certificate or a bare SubjectPublicKeyInfo.
     *
     * @throws UnreadableKeyException naming the file when it is anything else
     */
    public static ECPublicKey readPublicKey(Path file) {
        String text = read(file);
        PublicKey key;
        try {
            if (text.contains("-----BEGIN CERTIFICATE-----")) {
                key = CertificateFactory.getInstance("X.509")
                        .generateCertificate(new ByteArrayInputStream(pemBody(text, "CERTIFICATE", file)))
                        .getPublicKey();
            } else {
                key = KeyFactory.getInstance("EC")
                        .generatePublic(new X509EncodedKeySpec(pemBody(text, "PUBLIC KEY", file)));
            }
        } catch (GeneralSecurityException | RuntimeException e) {
            if (e instanceof UnreadableKeyException u) {
                throw u;
            }
            throw new UnreadableKeyException(file, "not a readable certificate or public key: " + e.getMessage(), e);
        }
        if (!(key instanceof ECPublicKey ec)) {
            throw new UnreadableKeyException(file, "not an EC public key but " + key.getAlgorithm(), null);
        }
        if (!isP256(ec.getParams())) {
            throw new UnreadableKeyException(file, "an EC key on another curve than P-256, the only one GBCS and GB image signatures use", null);
        }
        return ec;
    }

    /**
     * The P-256 private key of a PEM file holding a PKCS#8 {@code PRIVATE KEY} block.
     *
     * @throws UnreadableKeyException naming the file when it is anything else
     */
    public static ECPrivateKey readPrivateKey(Path file) {
        java.security.PrivateKey key;
        try {
            key = KeyFactory.getInstance("EC")
                    .generatePrivate(new PKCS8EncodedKeySpec(pemBody(read(file), "PRIVATE KEY", file)));
        } catch (GeneralSecurityException | RuntimeException e) {
            if (e instanceof UnreadableKeyException u) {
                throw u;
            }
            throw new UnreadableKeyException(file, "not a readable PKCS#8 EC private key: " + e.getMessage(), e);
        }
        if (!(key instanceof ECPrivateKey ec)) {
            throw new UnreadableKeyException(file, "not an EC private key but " + key.getAlgorithm(), null);
        }
        if (!isP256(ec.getParams())) {
            throw new UnreadableKeyException(file, "an EC key on another curve than P-256, the only one GBCS and GB image signatures use", null);
        }
        return ec;
    }

    private static boolean isP256(java.security.spec.ECParameterSpec params) {
        java.security.spec.ECParameterSpec p256 = EcKeys.p256();
        return params.getOrder().equals(p256.getOrder()) && params.getCurve().equals(p256.getCurve())
                && params.getGenerator().equals(p256.getGenerator());
    }

    /** The file as ASCII text: a PEM file is nothing else (RFC 7468). */
    private static String read(Path file) {
        try {
            return new String(Files.readAllBytes(file), StandardCharsets.US_ASCII); // other octets: U+FFFD
        } catch (IOException | SecurityException e) {
            throw new UnreadableKeyException(file, "cannot read: " + e, e);
        }
    }

    private static byte[] pemBody(String text, String label, Path file) {
        String begin = "-----BEGIN " + label + "-----";
        String end = "-----END " + label + "-----";
        int b = text.indexOf(begin);
        int e = b < 0 ? -1 : text.indexOf(end, b + begin.length());
        if (b < 0 || e < 0) {
            throw new UnreadableKeyException(file, "no " + label + " PEM block", null);
        }
        try {
            return Base64.getMimeDecoder().decode(text.substring(b + begin.length(), e));
        } catch (IllegalArgumentException bad) {
            throw new UnreadableKeyException(file, "the " + label + " PEM block is not base64: " + bad.getMessage(), bad);
        }
    }
}
