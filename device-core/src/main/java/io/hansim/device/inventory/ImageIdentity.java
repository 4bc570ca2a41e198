package io.hansim.device.inventory;

import io.hansim.zigbee.ota.image.OtaHeader;
import java.util.Objects;

/**
 * The identity of one OTA image as a distribution carries it (R202.5): manufacturer code, image
 * type, File Version and the header's hardware range when present. Which devices the range fits is
 * decided by R7.6, not here.
 *
 * @param manufacturer           Zigbee manufacturer code (G.9)
 * @param imageType              16-bit image type
 * @param fileVersion            the File Version the devices will run afterwards (R202.7)
 * @param minimumHardwareVersion null when the header has no hardware range
 * @param maximumHardwareVersion null when the header has no hardware range
 */
public record ImageIdentity(ManufacturerId manufacturer, int imageType, FirmwareVersion fileVersion,
                            Integer minimumHardwareVersion, Integer maximumHardwareVersion) {

    public ImageIdentity {
        Objects.requireNonNull(manufacturer, "manufacturer");
        Objects.requireNonNull(fileVersion, "fileVersion");
        if (imageType < 0 || imageType > 0xFFFF) {
            throw new IllegalArgumentException("image type must be 16 bits, was " + imageType);
        }
        if ((minimumHardwareVersion == null) != (maximumHardwareVersion == null)) {
            throw new IllegalArgumentException("hardware range needs both ends or neither");
        }
    }

    /** From an OTA header. */
    public static ImageIdentity of(OtaHeader header) {
        return new ImageIdentity(new ManufacturerId(header.manufacturerCode()), header.imageType(),
                new FirmwareVersion(header.fileVersion()), header.minimumHardwareVersion(),
                header.maximumHardwareVersion());
    }

    /** Whether the header named a hardware range. */
    public boolean hasHardwareRange() {
        return minimumHardwareVersion != null;
    }
}
