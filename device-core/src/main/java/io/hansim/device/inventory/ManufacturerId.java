package io.hansim.device.inventory;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Locale;

/**
 * The CPL's Manufacturer ID: the Zigbee manufacturer code the device uses in OTA (G.9), shown as 4
 * hex characters. MP202 §3 keys the CPL on it, and R202.7 requires it to be the OTA identity so that
 * an OTA image's header and the CPL row it upgrades to name the same manufacturer.
 *
 * @param code the 16-bit Zigbee manufacturer code (0x0000–0xFFFF)
 */
public record ManufacturerId(int code) {

    public ManufacturerId {
        if (code < 0 || code > 0xFFFF) {
            throw new IllegalArgumentException("manufacturer code must be 16 bits, was " + code);
        }
    }

    /** Parses the 4-hex-character form (G.9), case-insensitive. */
    public static ManufacturerId parse(String hex) {
        return new ManufacturerId(Hex.parse(hex, 4, "ManufacturerId"));
    }

    /** The 4 upper-case hex characters, e.g. {@code 1234}. */
    public String hex() {
        return String.format(Locale.ROOT, "%04X", code);
    }

    /**
     * The value of Basic ManufacturerName (0x0004) as a ZCL character string (G.9): the length octet
     * {@code 04} followed by the 4 hex characters.
     */
    public byte[] basicManufacturerName() {
        return Hex.zclString(hex());
    }

    @Override
    public String toString() {
        return hex();
    }

    /** Hex parsing and ZCL string helpers shared by the identity types of this package. */
    static final class Hex {
        private Hex() {
        }

        static long parseLong(String text, int digits, String what) {
            if (text == null || text.length() != digits) {
                throw new IllegalArgumentException(what + " must be " + digits + " hex characters, was "
                        + (text == null ? "null" : "\"" + text + "\""));
            }
            for (int i = 0; i < digits; i++) {
                if (Character.digit(text.charAt(i), 16) < 0) {
                    throw new IllegalArgumentException(what + " must be " + digits
                            + " hex characters, found '" + text.charAt(i) + "' at " + i + " in \"" + text + "\"");
                }
            }
            return HexFormat.fromHexDigitsToLong(text);
        }

        static int parse(String text, int digits, String what) {
            return (int) parseLong(text, digits, what);
        }

        static byte[] zclString(String ascii) {
            byte[] chars = ascii.getBytes(StandardCharsets.US_ASCII);
            byte[] out = new byte[chars.length + 1];
            out[0] = (byte) chars.length;
            System.arraycopy(chars, 0, out, 1, chars.length);
            return out;
        }
    }
}
