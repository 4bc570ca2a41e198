package io.hansim.zigbee.ota.image;

import io.hansim.zigbee.zcl.Bytes;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.SignatureException;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECKey;
import java.util.Arrays;

/**
 * Hashing, signing and verifying GB OTA images (zigbee-ota.md §8, requirements G.6), JDK providers
 * only.
 *
 * <p>The signature is ECDSA P-256 with SHA-256 over the Manufacturer Image alone, carried as 64
 * raw bytes r‖s (each 32 bytes big-endian), not in the DER form the JDK produces; {@link #derToRaw}
 * and {@link #rawToDer} convert.
 */
public final class GbImages {
    private static final String ALGORITHM = "SHA256withECDSA";
    private static final int HALF = GbBody.SIGNATURE_LENGTH / 2;

    private GbImages() {
    }

    /** Manufacturer Image Hash = SHA-256(Manufacturer Image): what CS06 and the 0x8F72/0x8F1C alerts carry. */
    public static Bytes manufacturerImageHash(Bytes manufacturerImage) {
        try {
            return Bytes.of(MessageDigest.getInstance("SHA-256").digest(manufacturerImage.toArray()));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JDK", e);
        }
    }

    /**
     * Signs a Manufacturer Image.
     *
     * @return 64 bytes r‖s
     * @throws IllegalArgumentException if the key is not a P-256 private key
     */
    public static Bytes sign(Bytes manufacturerImage, PrivateKey key) {
        requireP256(key);
        try {
            Signature s = Signature.getInstance(ALGORITHM);
            s.initSign(key);
            s.update(manufacturerImage.toArray());
            return Bytes.of(derToRaw(s.sign()));
        } catch (InvalidKeyException e) {
            throw new IllegalArgumentException("not a usable EC private key: " + e.getMessage(), e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA256withECDSA is required of every JDK", e);
        }
    }

    /** A signed GB body for {@code manufacturerImage} (flag 0x00). */
    public static GbBody signedBody(Bytes manufacturerImage, PrivateKey key) {
        return GbBody.signed(manufacturerImage, sign(manufacturerImage, key));
    }

    /**
     * Verifies a 64-byte r‖s signature over a Manufacturer Image. A signature of the wrong length
     * or with r or s out of range is simply not valid.
     *
     * @throws IllegalArgumentException if the key is not a P-256 public key
     */
    public static boolean verify(Bytes manufacturerImage, Bytes signature, PublicKey key) {
        requireP256(key);
        if (signature.length() != GbBody.SIGNATURE_LENGTH) {
            return false;
        }
        try {
            Signature s = Signature.getInstance(ALGORITHM);
            s.initVerify(key);
            s.update(manufacturerImage.toArray());
            return s.verify(rawToDer(signature.toArray()));
        } catch (InvalidKeyException e) {
            throw new IllegalArgumentException("not a usable EC public key: " + e.getMessage(), e);
        } catch (SignatureException e) {
            return false;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA256withECDSA is required of every JDK", e);
        }
    }

    /**
     * Verifies with the public key of a certificate. The certificate's validity period, key usage
     * and chain are not checked: that is the caller's policy (the DCC test certificates expired in
     * 2025 and still verify their test data).
     */
    public static boolean verify(Bytes manufacturerImage, Bytes signature, X509Certificate certificate) {
        return verify(manufacturerImage, signature, certificate.getPublicKey());
    }

    /** Verifies a GB body's signature; false when it has none. */
    public static boolean verify(GbBody body, PublicKey key) {
        return body.hasSignature() && verify(body.manufacturerImage(), body.signature(), key);
    }

    /** Verifies a GB body's signature with a certificate's key; false when it has none. */
    public static boolean verify(GbBody body, X509Certificate certificate) {
        return verify(body, certificate.getPublicKey());
    }

    private static void requireP256(java.security.Key key) {
        if (!(key instanceof ECKey ec) || ec.getParams().getCurve().getField().getFieldSize() != 256) {
            throw new IllegalArgumentException("GB images are signed with ECDSA P-256; key is "
                    + (key == null ? "null" : key.getAlgorithm()));
        }
    }

    /**
     * DER {@code SEQUENCE { INTEGER r, INTEGER s }} to 64 bytes r‖s.
     *
     * @throws IllegalArgumentException if the DER is not such a sequence or r or s exceed 32 bytes
     */
    public static byte[] derToRaw(byte[] der) {
        int[] p = {0};
        expect(der, p, 0x30, "SEQUENCE");
        int seqLen = derLength(der, p);
        if (p[0] + seqLen != der.length) {
            throw new IllegalArgumentException("DER signature: SEQUENCE length " + seqLen + " does not fill the "
                    + der.length + " bytes");
        }
        byte[] raw = new byte[GbBody.SIGNATURE_LENGTH];
        for (int half = 0; half < 2; half++) {
            expect(der, p, 0x02, half == 0 ? "INTEGER r" : "INTEGER s");
            int n = derLength(der, p);
            if (p[0] + n > der.length || n == 0) {
                throw new IllegalArgumentException("DER signature: bad INTEGER length " + n);
            }
            int from = p[0];
            int to = p[0] + n;
            while (from < to - 1 && der[from] == 0) {
                from++; // the sign byte DER adds before a high bit
            }
            if (to - from > HALF) {
                throw new IllegalArgumentException("DER signature: integer of " + (to - from) + " bytes exceeds 32");
            }
            System.arraycopy(der, from, raw, half * HALF + HALF - (to - from), to - from);
            p[0] = to;
        }
        if (p[0] != der.length) {
            throw new IllegalArgumentException("DER signature: bytes after INTEGER s");
        }
        return raw;
    }

    /** 64 bytes r‖s to a minimal DER {@code SEQUENCE { INTEGER r, INTEGER s }}. */
    public static byte[] rawToDer(byte[] raw) {
        if (raw.length != GbBody.SIGNATURE_LENGTH) {
            throw new IllegalArgumentException("raw signature must be 64 bytes, not " + raw.length);
        }
        byte[] r = new BigInteger(1, Arrays.copyOfRange(raw, 0, HALF)).toByteArray();
        byte[] s = new BigInteger(1, Arrays.copyOfRange(raw, HALF, 2 * HALF)).toByteArray();
        int body = 2 + r.length + 2 + s.length; // at most 2 × 35 = 70: short-form lengths
        byte[] der = new byte[2 + body];
        der[0] = 0x30;
        der[1] = (byte) body;
        der[2] = 0x02;
        der[3] = (byte) r.length;
        System.arraycopy(r, 0, der, 4, r.length);
        der[4 + r.length] = 0x02;
        der[5 + r.length] = (byte) s.length;
        System.arraycopy(s, 0, der, 6 + r.length, s.length);
        return der;
    }

    private static void expect(byte[] der, int[] p, int tag, String what) {
        if (p[0] >= der.length || (der[p[0]] & 0xFF) != tag) {
            throw new IllegalArgumentException("DER signature: expected " + what + " at byte " + p[0]);
        }
        p[0]++;
    }

    private static int derLength(byte[] der, int[] p) {
        if (p[0] >= der.length) {
            throw new IllegalArgumentException("DER signature: length missing at byte " + p[0]);
        }
        int first = der[p[0]++] & 0xFF;
        if (first < 0x80) {
            return first;
        }
        if (first == 0x81 && p[0] < der.length) {
            return der[p[0]++] & 0xFF;
        }
        throw new IllegalArgumentException("DER signature: unsupported length form 0x" + Integer.toHexString(first));
    }

    /**
     * Checks the GB signature of a parsed image with {@code key} and returns the report with a
     * {@link FindingCode#GB_SIGNATURE_VERIFIED} or {@link FindingCode#GB_SIGNATURE_INVALID} finding.
     */
    public static OtaImageReport checkSignature(OtaImageReport report, PublicKey key) {
        GbBody gb = report.gbBody();
        long start = Math.max(0, report.identifierOffset());
        if (gb == null || !gb.hasSignature() || report.header() == null) {
            return report.withFinding(new Finding(Severity.ERROR, FindingCode.GB_SIGNATURE_INVALID, start,
                    "no GB signature to verify: the body is not in the " + GbForm.SIGNED.label()
                            + (gb != null ? " but in the " + GbForm.PPMID.label() : "")));
        }
        long at = start + report.header().headerLength() + gb.manufacturerImage().length() + 1;
        if (verify(gb, key)) {
            return report.withFinding(new Finding(Severity.INFO, FindingCode.GB_SIGNATURE_VERIFIED, at,
                    "GB signature verifies (ECDSA P-256 over the Manufacturer Image, SHA-256 "
                            + gb.manufacturerImageHash().hex() + ")"));
        }
        return report.withFinding(new Finding(Severity.ERROR, FindingCode.GB_SIGNATURE_INVALID, at,
                "GB signature does not verify with the given key (a wrong key or a damaged image; or an SR 11.4"
                        + " PPMID body whose Manufacturer Image happens to end with 00 40 + 64 bytes)"));
    }
}
