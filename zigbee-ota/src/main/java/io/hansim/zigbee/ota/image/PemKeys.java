package io.hansim.zigbee.ota.image;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

/**
 * A small PEM loader for the keys GB images are signed and verified with, JDK providers only
 * (corpora.md §5.2): PKCS#8 EC private keys ({@code PRIVATE KEY}), X.509 certificates
 * ({@code CERTIFICATE}) and bare SubjectPublicKeyInfo public keys ({@code PUBLIC KEY}).
 * Malformed input is an {@link IllegalArgumentException} naming what was expected.
 */
public final class PemKeys {
    private PemKeys() {
    }

    /** The EC private key in a {@code -----BEGIN PRIVATE KEY-----} block (PKCS#8). */
    public static PrivateKey privateKey(String pem) {
        byte[] der = block(pem, "PRIVATE KEY");
        try {
            return KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(der));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("not a PKCS#8 EC private key: " + e.getMessage(), e);
        }
    }

    /** The certificate in a {@code -----BEGIN CERTIFICATE-----} block. */
    public static X509Certificate certificate(String pem) {
        byte[] der = block(pem, "CERTIFICATE");
        try {
            return (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(der));
        } catch (CertificateException e) {
            throw new IllegalArgumentException("not an X.509 certificate: " + e.getMessage(), e);
        }
    }

    /**
     * The public key of a {@code PUBLIC KEY} block (bare SubjectPublicKeyInfo, as
     * {@code fffffffffffffffe-ka.pem}) or of a {@code CERTIFICATE} block, whichever the text holds.
     */
    public static PublicKey publicKey(String pem) {
        if (pem.contains("-----BEGIN CERTIFICATE-----")) {
            return certificate(pem).getPublicKey();
        }
        byte[] der = block(pem, "PUBLIC KEY");
        try {
            return KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(der));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("not an EC SubjectPublicKeyInfo: " + e.getMessage(), e);
        }
    }

    public static PrivateKey readPrivateKey(Path path) throws IOException {
        return privateKey(Files.readString(path, StandardCharsets.US_ASCII));
    }

    public static X509Certificate readCertificate(Path path) throws IOException {
        return certificate(Files.readString(path, StandardCharsets.US_ASCII));
    }

    public static PublicKey readPublicKey(Path path) throws IOException {
        return publicKey(Files.readString(path, StandardCharsets.US_ASCII));
    }

    /** The decoded content of the first {@code label} block. */
    static byte[] block(String pem, String label) {
        String begin = "-----BEGIN " + label + "-----";
        String end = "-----END " + label + "-----";
        int b = pem.indexOf(begin);
        int e = b < 0 ? -1 : pem.indexOf(end, b + begin.length());
        if (b < 0 || e < 0) {
            throw new IllegalArgumentException("no PEM block \"" + label + "\" found");
        }
        try {
            return Base64.getMimeDecoder().decode(pem.substring(b + begin.length(), e));
        } catch (IllegalArgumentException bad) {
            throw new IllegalArgumentException("PEM block \"" + label + "\" is not base64: " + bad.getMessage(), bad);
        }
    }
}
