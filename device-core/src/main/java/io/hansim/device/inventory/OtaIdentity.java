package io.hansim.device.inventory;

import io.hansim.zigbee.ota.image.OtaHeader;
import java.util.Objects;

/**
 * A device's identity as the CPL and SMI hold it, derived from its Zigbee OTA parameters (G.9,
 * R202.7): ManufacturerIdentifier = manufacturer code, ModelType = hex(ImageType) ‖
 * hex(HardwareVersion), FirmwareVersion = File Version.
 *
 * @param manufacturer the Zigbee manufacturer code
 * @param model        image type and hardware version
 * @param firmware     the running image's File Version
 */
public record OtaIdentity(ManufacturerId manufacturer, DeviceModel model, FirmwareVersion firmware) {

    public OtaIdentity {
        Objects.requireNonNull(manufacturer, "manufacturer");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(firmware, "firmware");
    }

    /** From the OTA parameters a device profile carries (G.9 "device profiles derive these"). */
    public static OtaIdentity of(int manufacturerCode, int imageType, int hardwareVersion, long fileVersion) {
        return new OtaIdentity(new ManufacturerId(manufacturerCode), new DeviceModel(imageType, hardwareVersion),
                new FirmwareVersion(fileVersion));
    }

    /**
     * The identity a device of hardware version {@code hardwareVersion} has once it runs the image
     * whose header is {@code header} (R202.7: the SMI's firmware becomes the header's File Version).
     */
    public static OtaIdentity afterUpgrade(OtaHeader header, int hardwareVersion) {
        return of(header.manufacturerCode(), header.imageType(), hardwareVersion, header.fileVersion());
    }

    /** The CPL key this identity has for {@code type} (R202.7). */
    public CplKey cplKey(DeviceType type) {
        return new CplKey(firmware, model, type, manufacturer);
    }
}
