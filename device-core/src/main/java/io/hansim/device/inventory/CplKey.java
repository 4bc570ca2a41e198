package io.hansim.device.inventory;

import java.util.Objects;

/**
 * The CPL primary key (MP202 §3): Firmware Version, Device Model, Device Type, Manufacturer ID, in
 * the order MP202 lists them. Its parts are the OTA identity (R202.7, G.9).
 */
public record CplKey(FirmwareVersion firmware, DeviceModel model, DeviceType type, ManufacturerId manufacturer) {

    public CplKey {
        Objects.requireNonNull(firmware, "firmware");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(manufacturer, "manufacturer");
    }

    /** The same key with another firmware version (an OTA, or the interim fictitious row). */
    public CplKey withFirmware(FirmwareVersion other) {
        return new CplKey(other, model, type, manufacturer);
    }

    @Override
    public String toString() {
        return "CPL[" + type + " mfr " + manufacturer + " model " + model + " fw " + firmware + "]";
    }
}
