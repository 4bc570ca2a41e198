package io.hansim.device.inventory;

import java.util.Locale;

/**
 * The CPL's Firmware Version: the OTA header File Version, 4 octets, shown as 8 hex digits (G.9).
 * R202.7: after an OTA the inventory's firmware version becomes the new File Version, so the two
 * must be the same number.
 *
 * @param fileVersion unsigned 32 bits held in a {@code long}
 */
public record FirmwareVersion(long fileVersion) {

    public FirmwareVersion {
        if (fileVersion < 0 || fileVersion > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("file version must be unsigned 32 bits, was " + fileVersion);
        }
    }

    /** Parses 8 hex digits, case-insensitive. */
    public static FirmwareVersion parse(String hex) {
        return new FirmwareVersion(ManufacturerId.Hex.parseLong(hex, 8, "FirmwareVersion"));
    }

    /** The 8 upper-case hex digits. */
    public String hex() {
        return String.format(Locale.ROOT, "%08X", fileVersion);
    }

    @Override
    public String toString() {
        return hex();
    }
}
