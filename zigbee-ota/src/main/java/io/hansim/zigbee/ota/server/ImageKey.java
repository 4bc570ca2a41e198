package io.hansim.zigbee.ota.server;

/**
 * The identity of an OTA image as the OTA Upgrade cluster names it on the air: ManufacturerCode,
 * ImageType and FileVersion (zigbee-ota.md §2; the same triple heads the OTA file, §7.1). The image
 * store is keyed by it, and every Image Block Request, Image Page Request and Upgrade End Request
 * carries it.
 *
 * @param manufacturerCode u16
 * @param imageType        u16
 * @param fileVersion      u32
 */
public record ImageKey(int manufacturerCode, int imageType, long fileVersion) {

    public ImageKey {
        if ((manufacturerCode & ~0xFFFF) != 0) {
            throw new IllegalArgumentException("ManufacturerCode must be a u16: " + manufacturerCode);
        }
        if ((imageType & ~0xFFFF) != 0) {
            throw new IllegalArgumentException("ImageType must be a u16: " + imageType);
        }
        if ((fileVersion & ~0xFFFF_FFFFL) != 0) {
            throw new IllegalArgumentException("FileVersion must be a u32: " + fileVersion);
        }
    }

    /** {@code MMMM-TTTT-VVVVVVVV} in hex, the order of the GB file names (zigbee-ota.md §8). */
    @Override
    public String toString() {
        return String.format("%04X-%04X-%08X", manufacturerCode, imageType, fileVersion);
    }
}
