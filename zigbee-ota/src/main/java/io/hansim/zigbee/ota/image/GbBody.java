package io.hansim.zigbee.ota.image;

import io.hansim.zigbee.zcl.Bytes;
import java.util.Objects;

/**
 * The body of a GB OTA image (zigbee-ota.md §8, requirements G.6): the bytes between HeaderLength
 * and TotalImageSize are not sub-elements but
 * <pre>
 *   Manufacturer Image ‖ 00 ‖ 40 ‖ ECDSA P-256 signature r‖s (64 bytes)   (SR 11.1: ESME, CH, HCALCS style)
 *   Manufacturer Image                                                    (SR 11.4: the PPMID form)
 * </pre>
 * ({@link GbForm}).
 * The signature is SHA256withECDSA over the Manufacturer Image alone. The {@code 00} byte is said
 * to be a "force replace" flag used only by the CH (unconfirmed); {@code 40} is the signature
 * length, as in GBCS messages.
 *
 * @param manufacturerImage the Manufacturer Image
 * @param signature         64 bytes r‖s, or null when the body has no signature tail
 * @param flag              the byte before {@code 40} (0x00 in every known sample), or null with
 *                          no tail
 */
public record GbBody(Bytes manufacturerImage, Bytes signature, Integer flag) {

    /** Length of the raw r‖s signature. */
    public static final int SIGNATURE_LENGTH = 64;
    /** Flag byte + length byte + signature. */
    public static final int TAIL_LENGTH = 2 + SIGNATURE_LENGTH;
    /** The byte before the signature: its length. */
    public static final int SIGNATURE_LENGTH_BYTE = 0x40;

    public GbBody {
        Objects.requireNonNull(manufacturerImage, "manufacturerImage");
        if ((signature == null) != (flag == null)) {
            throw new IllegalArgumentException("signature and flag are both present or both absent");
        }
        if (signature != null && signature.length() != SIGNATURE_LENGTH) {
            throw new IllegalArgumentException("signature must be 64 bytes r‖s, not " + signature.length());
        }
        if (flag != null && (flag < 0 || flag > 0xFF)) {
            throw new IllegalArgumentException("flag out of range 0..255: " + flag);
        }
    }

    /** A signed body with flag 0x00. */
    public static GbBody signed(Bytes manufacturerImage, Bytes signature) {
        return new GbBody(manufacturerImage, signature, 0);
    }

    /** A body without signature tail (PPMID form). */
    public static GbBody unsigned(Bytes manufacturerImage) {
        return new GbBody(manufacturerImage, null, null);
    }

    public boolean hasSignature() {
        return signature != null;
    }

    /** Which GB form this body has: {@link GbForm#SIGNED} with a tail, {@link GbForm#PPMID} without. */
    public GbForm form() {
        return hasSignature() ? GbForm.SIGNED : GbForm.PPMID;
    }

    /** Length of the encoded body. */
    public int length() {
        return manufacturerImage.length() + (hasSignature() ? TAIL_LENGTH : 0);
    }

    /** SHA-256 of the Manufacturer Image: what CS06 and the 0x8F72/0x8F1C alerts carry. */
    public Bytes manufacturerImageHash() {
        return GbImages.manufacturerImageHash(manufacturerImage);
    }

    /** The body bytes as they follow the header. */
    public Bytes encode() {
        byte[] out = new byte[length()];
        manufacturerImage.copyTo(out, 0);
        if (hasSignature()) {
            int p = manufacturerImage.length();
            out[p] = (byte) (int) flag;
            out[p + 1] = (byte) SIGNATURE_LENGTH_BYTE;
            signature.copyTo(out, p + 2);
        }
        return Bytes.of(out);
    }
}
