package io.hansim.zigbee.ota.client;

/**
 * The triple that names an OTA file throughout the protocol (zigbee-ota.md §2): ManufacturerCode,
 * ImageType, FileVersion.
 *
 * @param manufacturerCode u16
 * @param imageType        u16
 * @param fileVersion      u32
 */
public record ImageIdentity(int manufacturerCode, int imageType, long fileVersion) {

    public ImageIdentity {
        if ((manufacturerCode & ~0xFFFF) != 0 || (imageType & ~0xFFFF) != 0 || (fileVersion & ~0xFFFF_FFFFL) != 0) {
            throw new IllegalArgumentException(String.format(
                    "identity out of range: manufacturer 0x%X, image type 0x%X, file version 0x%X",
                    manufacturerCode, imageType, fileVersion));
        }
    }

    @Override
    public String toString() {
        return String.format("%04X-%04X-%08X", manufacturerCode, imageType, fileVersion);
    }
}
