package io.hansim.zigbee.ota.image;

import io.hansim.zigbee.zcl.Bytes;
import java.io.ByteArrayOutputStream;
import java.util.Objects;

/**
 * The OTA upgrade file header (zigbee-ota.md §7.1), as read from a file or as a builder will write
 * it. Unsigned fields are held in {@code int} (16 bits) or {@code long} (32 and 64 bits) so that
 * 0x80000001 stays positive; the upgrade file destination is an EUI-64 held in the 64 bits of a
 * {@code long} (it may look negative).
 *
 * @param headerVersion             0x0100 in every real file
 * @param headerLength              the HeaderLength field as written (not necessarily the length of
 *                                  the fields we know)
 * @param fieldControl              the field-control word, reserved bits included
 * @param manufacturerCode          0xFFFF is the wildcard
 * @param imageType                 image type
 * @param fileVersion               unsigned 32 bits
 * @param zigbeeStackVersion        0 2006, 1 2007, 2 PRO, 3 IP
 * @param headerString              the 32 raw bytes
 * @param totalImageSize            unsigned 32 bits: header plus all sub-elements
 * @param securityCredentialVersion present iff field-control bit 0
 * @param upgradeFileDestination    present iff field-control bit 1 (8 bytes little-endian)
 * @param minimumHardwareVersion    present iff field-control bit 2
 * @param maximumHardwareVersion    present iff field-control bit 2
 * @param extraHeaderBytes          the bytes between the known fields and HeaderLength (those the
 *                                  file holds, when it ends inside the header)
 */
public record OtaHeader(int headerVersion, int headerLength, int fieldControl, int manufacturerCode, int imageType,
                        long fileVersion, int zigbeeStackVersion, Bytes headerString, long totalImageSize,
                        Integer securityCredentialVersion, Long upgradeFileDestination,
                        Integer minimumHardwareVersion, Integer maximumHardwareVersion, Bytes extraHeaderBytes) {

    /** The upgrade file identifier 0x0BEEF11E, on the wire {@code 1E F1 EE 0B}. */
    public static final long FILE_IDENTIFIER = 0x0BEEF11EL;
    /** The usual header version. */
    public static final int HEADER_VERSION = 0x0100;
    /** Length of the mandatory header fields, identifier included. */
    public static final int BASE_LENGTH = 56;
    /** Length of the header string field. */
    public static final int HEADER_STRING_LENGTH = 32;
    /** Field control bit 0: security credential version present (+1 byte). */
    public static final int FC_SECURITY_CREDENTIAL = 0x0001;
    /** Field control bit 1: upgrade file destination present (+8 bytes). */
    public static final int FC_DESTINATION = 0x0002;
    /** Field control bit 2: minimum and maximum hardware versions present (+4 bytes). */
    public static final int FC_HARDWARE_VERSIONS = 0x0004;
    /** The field control bits this header version defines. */
    public static final int FC_KNOWN_BITS = 0x0007;

    public OtaHeader {
        u16(headerVersion, "headerVersion");
        u16(headerLength, "headerLength");
        u16(fieldControl, "fieldControl");
        u16(manufacturerCode, "manufacturerCode");
        u16(imageType, "imageType");
        u32(fileVersion, "fileVersion");
        u16(zigbeeStackVersion, "zigbeeStackVersion");
        Objects.requireNonNull(headerString, "headerString");
        if (headerString.length() != HEADER_STRING_LENGTH) {
            throw new IllegalArgumentException("headerString must be 32 bytes, not " + headerString.length());
        }
        u32(totalImageSize, "totalImageSize");
        present(securityCredentialVersion != null, fieldControl, FC_SECURITY_CREDENTIAL, "securityCredentialVersion");
        present(upgradeFileDestination != null, fieldControl, FC_DESTINATION, "upgradeFileDestination");
        present(minimumHardwareVersion != null, fieldControl, FC_HARDWARE_VERSIONS, "minimumHardwareVersion");
        present(maximumHardwareVersion != null, fieldControl, FC_HARDWARE_VERSIONS, "maximumHardwareVersion");
        if (securityCredentialVersion != null && (securityCredentialVersion < 0 || securityCredentialVersion > 0xFF)) {
            throw new IllegalArgumentException("securityCredentialVersion out of range 0..255: " + securityCredentialVersion);
        }
        if (minimumHardwareVersion != null) {
            u16(minimumHardwareVersion, "minimumHardwareVersion");
            u16(maximumHardwareVersion, "maximumHardwareVersion");
        }
        Objects.requireNonNull(extraHeaderBytes, "extraHeaderBytes");
    }

    private static void u16(int v, String name) {
        if (v < 0 || v > 0xFFFF) {
            throw new IllegalArgumentException(name + " out of range 0..0xFFFF: " + v);
        }
    }

    private static void u32(long v, String name) {
        if (v < 0 || v > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException(name + " out of range 0..0xFFFFFFFF: " + v);
        }
    }

    private static void present(boolean present, int fieldControl, int bit, String name) {
        if (present != ((fieldControl & bit) != 0)) {
            throw new IllegalArgumentException(name + (present ? " is set but" : " is missing but")
                    + " field control is 0x" + Integer.toHexString(fieldControl));
        }
    }

    /** Length of the fields field control announces: 56, +1, +8, +4 (zigbee-ota.md §7.1). */
    public int knownFieldsLength() {
        return knownFieldsLength(fieldControl);
    }

    /** Length of the fields a field-control word announces. */
    public static int knownFieldsLength(int fieldControl) {
        return BASE_LENGTH
                + ((fieldControl & FC_SECURITY_CREDENTIAL) != 0 ? 1 : 0)
                + ((fieldControl & FC_DESTINATION) != 0 ? 8 : 0)
                + ((fieldControl & FC_HARDWARE_VERSIONS) != 0 ? 4 : 0);
    }

    /**
     * A lossless display of the header string: printable ASCII (0x20–0x7E) as is, a backslash as
     * {@code \\}, every other byte as {@code \xNN} (lower-case hex), trailing NULs dropped. The
     * 32 bytes come back with {@link #headerStringFromDisplay(String)}.
     */
    public String headerStringDisplay() {
        return displayOf(headerString);
    }

    static String displayOf(Bytes raw) {
        int end = raw.length();
        while (end > 0 && raw.get(end - 1) == 0) {
            end--;
        }
        StringBuilder sb = new StringBuilder(end + 8);
        for (int i = 0; i < end; i++) {
            int b = raw.get(i);
            if (b == '\\') {
                sb.append("\\\\");
            } else if (b >= 0x20 && b <= 0x7E) {
                sb.append((char) b);
            } else {
                sb.append("\\x").append(Character.forDigit(b >> 4, 16)).append(Character.forDigit(b & 0xF, 16));
            }
        }
        return sb.toString();
    }

    /**
     * The 32 header-string bytes for a display form ({@link #headerStringDisplay()}): characters
     * 0x20–0x7E stand for themselves, {@code \\} for a backslash, {@code \xNN} for any byte; the
     * rest is NUL-padded.
     *
     * @throws IllegalArgumentException for other characters, a bad escape or more than 32 bytes
     */
    public static Bytes headerStringFromDisplay(String display) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(HEADER_STRING_LENGTH);
        for (int i = 0; i < display.length(); i++) {
            char c = display.charAt(i);
            if (c == '\\') {
                if (i + 1 < display.length() && display.charAt(i + 1) == '\\') {
                    out.write('\\');
                    i++;
                } else if (i + 3 < display.length() && display.charAt(i + 1) == 'x'
                        && Character.digit(display.charAt(i + 2), 16) >= 0
                        && Character.digit(display.charAt(i + 3), 16) >= 0) {
                    out.write(Character.digit(display.charAt(i + 2), 16) * 16 + Character.digit(display.charAt(i + 3), 16));
                    i += 3;
                } else {
                    throw new IllegalArgumentException("bad escape at index " + i + " of header string display \"" + display + "\"");
                }
            } else if (c >= 0x20 && c <= 0x7E) {
                out.write(c);
            } else {
                throw new IllegalArgumentException("character U+" + String.format("%04X", (int) c)
                        + " at index " + i + " is not printable ASCII; write it as \\xNN");
            }
        }
        if (out.size() > HEADER_STRING_LENGTH) {
            throw new IllegalArgumentException("header string is " + out.size() + " bytes, at most 32");
        }
        byte[] raw = new byte[HEADER_STRING_LENGTH];
        byte[] written = out.toByteArray();
        System.arraycopy(written, 0, raw, 0, written.length);
        return Bytes.of(raw);
    }
}
