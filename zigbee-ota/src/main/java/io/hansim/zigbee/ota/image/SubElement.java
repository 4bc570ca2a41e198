package io.hansim.zigbee.ota.image;

import io.hansim.zigbee.zcl.Bytes;
import java.util.Objects;

/**
 * One sub-element as found in a file (zigbee-ota.md §7.2): tag u16, length u32 (data only), data.
 * The data is not copied here; {@link OtaImageReport#elementData(SubElement)} slices it from the
 * file when it is wanted.
 *
 * @param tag         the tag
 * @param offset      absolute file offset of the tag field
 * @param length      the declared data length, as written (never clamped)
 * @param telinkExtra the 2 bytes Telink images put after the length of tag 0xF000 (corpora.md §3),
 *                    empty for the ordinary form
 * @param complete    the data lies wholly within TotalImageSize and the file; false for the
 *                    element that overruns (it is then the last in the list, with an
 *                    {@link FindingCode#ELEMENT_OVERRUN} or {@link FindingCode#TRUNCATED} finding)
 */
public record SubElement(int tag, long offset, long length, Bytes telinkExtra, boolean complete) {

    public static final int UPGRADE_IMAGE = 0x0000;
    public static final int ECDSA_SIGNATURE_SUITE_1 = 0x0001;
    public static final int ECDSA_CERTIFICATE_SUITE_1 = 0x0002;
    public static final int IMAGE_INTEGRITY_CODE = 0x0003;
    public static final int PICTURE_DATA = 0x0004;
    public static final int ECDSA_SIGNATURE_SUITE_2 = 0x0005;
    public static final int ECDSA_CERTIFICATE_SUITE_2 = 0x0006;
    /** The manufacturer tag Telink images write with 2 extra bytes. */
    public static final int TELINK_TAG = 0xF000;
    /** Tag (2) + length (4). */
    public static final int TAG_HEADER_LENGTH = 6;

    public SubElement {
        if (tag < 0 || tag > 0xFFFF) {
            throw new IllegalArgumentException("tag out of range 0..0xFFFF: " + tag);
        }
        if (offset < 0) {
            throw new IllegalArgumentException("offset must not be negative: " + offset);
        }
        if (length < 0 || length > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("length out of range 0..0xFFFFFFFF: " + length);
        }
        Objects.requireNonNull(telinkExtra, "telinkExtra");
    }

    /** Bytes before the data: 6, or 8 in the Telink form. */
    public int headerSize() {
        return TAG_HEADER_LENGTH + telinkExtra.length();
    }

    /** Absolute file offset of the first data byte. */
    public long dataOffset() {
        return offset + headerSize();
    }

    /** Absolute file offset just after the data, as declared. */
    public long end() {
        return dataOffset() + length;
    }

    /** True for the reserved range 0x0007–0xEFFF. */
    public static boolean isReserved(int tag) {
        return tag >= 0x0007 && tag <= 0xEFFF;
    }

    /** True for 0xF000–0xFFFF. */
    public static boolean isManufacturerSpecific(int tag) {
        return tag >= 0xF000 && tag <= 0xFFFF;
    }

    /** The data length a tag must have, or -1 when it is variable (zigbee-ota.md §7.2). */
    public static int requiredLength(int tag) {
        return switch (tag) {
            case ECDSA_SIGNATURE_SUITE_1 -> 50;     // signer IEEE (8) + r‖s (2 × 21, sect163k1)
            case ECDSA_CERTIFICATE_SUITE_1 -> 48;   // implicit ECQV certificate
            case IMAGE_INTEGRITY_CODE -> 16;        // AES-MMO hash
            case ECDSA_SIGNATURE_SUITE_2 -> 80;     // signer IEEE (8) + r‖s (2 × 36, sect283k1)
            case ECDSA_CERTIFICATE_SUITE_2 -> 74;
            default -> -1;
        };
    }

    /** The spec's name for a tag, or its class ("reserved", "manufacturer-specific"). */
    public static String tagName(int tag) {
        return switch (tag) {
            case UPGRADE_IMAGE -> "upgrade image";
            case ECDSA_SIGNATURE_SUITE_1 -> "ECDSA signature (crypto suite 1)";
            case ECDSA_CERTIFICATE_SUITE_1 -> "ECDSA signing certificate (crypto suite 1)";
            case IMAGE_INTEGRITY_CODE -> "image integrity code";
            case PICTURE_DATA -> "picture data";
            case ECDSA_SIGNATURE_SUITE_2 -> "ECDSA signature (crypto suite 2)";
            case ECDSA_CERTIFICATE_SUITE_2 -> "ECDSA signing certificate (crypto suite 2)";
            default -> isReserved(tag) ? "reserved" : "manufacturer-specific";
        };
    }

    /** {@code 0x0000:216192}, the form the herdsman oracle prints, plus a Telink marker. */
    @Override
    public String toString() {
        return String.format("0x%04x:%d", tag, length) + (telinkExtra.isEmpty() ? "" : "(telink " + telinkExtra.hex() + ")")
                + "@" + offset + (complete ? "" : "(incomplete)");
    }
}
