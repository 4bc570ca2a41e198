package io.hansim.gbcs.crypto;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
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
        String text = read(file);
        try {
            PublicKey key;
            if (text.contains("-----BEGIN CERTIFICATE-----")) {
                key = CertificateFactory.getInstance("X.509")
                        .generateCertificate(new ByteArrayInputStream(text.getBytes(StandardCharsets.US_ASCII)))
                        .getPublicKey();
            } else {
                key = KeyFactory.getInstance("EC")
                        .generatePublic(new X509EncodedKeySpec(pemBody(text, "PUBLIC KEY", file)));
            }
            if (!(key instanceof ECPublicKey ec)) {
                throw new IllegalStateException(file + ": not an EC public key");
            }
            return Optional.of(ec);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(file + ": unreadable public key", e);
        }
    }

    private static Optional<ECPrivateKey> readPrivate(Path file) {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            var key = KeyFactory.getInstance("EC")
                    .generatePrivate(new PKCS8EncodedKeySpec(pemBody(read(file), "PRIVATE KEY", file)));
            if (!(key instanceof ECPrivateKey ec)) {
                throw new IllegalStateException(file + ": not an EC private key");
            }
            return Optional.of(ec);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(file + ": unreadable private key", e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] pemBody(String text, String label, Path file) {
        String begin = "-----BEGIN " + label + "-----";
        String end = "-----END " + label + "-----";
        int b = text.indexOf(begin);
        int e = text.indexOf(end);
        if (b < 0 || e < b) {
            throw new IllegalStateException(file + ": no " + label + " PEM block");
        }
        return Base64.getMimeDecoder().decode(text.substring(b + begin.length(), e));
    }
}
