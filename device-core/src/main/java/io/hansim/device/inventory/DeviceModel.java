package io.hansim.device.inventory;

import java.util.Locale;

/**
 * The CPL's Device Model (ModelType): hex(ImageType) ‖ hex(HardwareVersion), 8 hex characters
 * (G.9). R202.7: the CPL key uses the device's OTA identity, so the model is derived from the OTA
 * image type and the hardware version the device reports, never from a marketing name.
 *
 * @param imageType       the 16-bit OTA image type
 * @param hardwareVersion the 16-bit hardware version
 */
public record DeviceModel(int imageType, int hardwareVersion) {

    public DeviceModel {
        if (imageType < 0 || imageType > 0xFFFF) {
            throw new IllegalArgumentException("image type must be 16 bits, was " + imageType);
        }
        if (hardwareVersion < 0 || hardwareVersion > 0xFFFF) {
            throw new IllegalArgumentException("hardware version must be 16 bits, was " + hardwareVersion);
        }
    }

    /** Parses the 8-hex-character ModelType (G.9), case-insensitive. */
    public static DeviceModel parse(String hex) {
        long v = ManufacturerId.Hex.parseLong(hex, 8, "DeviceModel");
        return new DeviceModel((int) (v >>> 16), (int) (v & 0xFFFF));
    }

    /** The 8 upper-case hex characters: image type then hardware version. */
    public String hex() {
        return String.format(Locale.ROOT, "%04X%04X", imageType, hardwareVersion);
    }

    /**
     * The value of Basic ModelIdentifier (0x0005) as a ZCL character string (G.9): length octet
     * {@code 08} followed by the 8 hex characters.
     */
    public byte[] basicModelIdentifier() {
        return ManufacturerId.Hex.zclString(hex());
    }

    @Override
    public String toString() {
        return hex();
    }
}
