package io.hansim.device.inventory;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * One device in the Smart Metering Inventory (SMI), as a value; {@link Inventory} replaces it on
 * every change.
 *
 * @param eui64               the device's EUI-64
 * @param type                the CPL device type
 * @param manufacturer        Zigbee manufacturer code (G.9)
 * @param model               hex(ImageType) ‖ hex(HardwareVersion) (G.9)
 * @param firmware            the SMI's firmware version: the File Version (G.9, R202.7), or in
 *                            interim-cpl mode the fictitious SMETS1 value (R202.6)
 * @param capability          the SMETS systems the device can work in (R202.1)
 * @param preNotified         the SMETS version the Supplier pre-notified (MP202 §2)
 * @param resulting           the SMETS version the SMI holds after joining: the CH's (R202.3);
 *                            null while {@link SmiStatus#PRE_NOTIFIED}
 * @param status              pre-notified or joined
 * @param untargetableBecause null when SRs may target the device; otherwise why not (R202.6)
 */
public record SmiEntry(long eui64, DeviceType type, ManufacturerId manufacturer, DeviceModel model,
                       FirmwareVersion firmware, PpmidSmetsCapability capability, SmetsVersion preNotified,
                       SmetsVersion resulting, SmiStatus status, RefusalReason untargetableBecause) {

    public SmiEntry {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(manufacturer, "manufacturer");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(firmware, "firmware");
        Objects.requireNonNull(capability, "capability");
        Objects.requireNonNull(preNotified, "preNotified");
        Objects.requireNonNull(status, "status");
        if ((status == SmiStatus.JOINED) != (resulting != null)) {
            throw new IllegalArgumentException("resulting SMETS version is set exactly when joined");
        }
        if (status == SmiStatus.PRE_NOTIFIED && untargetableBecause != null) {
            throw new IllegalArgumentException("targetability is decided on joining");
        }
    }

    /** The CPL key of the SMI's identity for this device (R202.7). */
    public CplKey cplKey() {
        return new CplKey(firmware, model, type, manufacturer);
    }

    /** The resulting SMETS version, once joined (R202.3). */
    public Optional<SmetsVersion> resultingSmets() {
        return Optional.ofNullable(resulting);
    }

    /** Whether SRs may target the device: joined and not untargetable (R202.6). */
    public boolean targetable() {
        return status == SmiStatus.JOINED && untargetableBecause == null;
    }

    /** The EUI-64 as 16 upper-case hex digits. */
    public String euiHex() {
        return euiHex(eui64);
    }

    static String euiHex(long eui64) {
        return String.format(Locale.ROOT, "%016X", eui64);
    }

    SmiEntry with(FirmwareVersion newFirmware, SmetsVersion newResulting, SmiStatus newStatus,
                  RefusalReason newUntargetable) {
        return new SmiEntry(eui64, type, manufacturer, model, newFirmware, capability, preNotified, newResulting,
                newStatus, newUntargetable);
    }
}
