package io.hansim.device.inventory;

import java.util.Optional;

/**
 * What {@link Inventory#recordFirmwareChange} did (R202.7): the SMI's firmware version before and
 * after, and whether the CPL has a row for the new version in the device's SMETS version. A new
 * version with no row is reported here, not refused: the device already runs it.
 *
 * @param eui64    the device
 * @param previous the SMI's firmware version before the OTA
 * @param current  the new File Version, now in the SMI
 * @param smets    the device's resulting SMETS version
 * @param onCpl    whether (current, model, type, manufacturer) has a CPL row for {@code smets}
 */
public record FirmwareChange(long eui64, FirmwareVersion previous, FirmwareVersion current, SmetsVersion smets,
                             boolean onCpl) {

    /** The report when the new version is not on the CPL, else empty. */
    public Optional<Refusal> notOnCpl() {
        return onCpl ? Optional.empty()
                : Optional.of(new Refusal(RefusalReason.TARGET_NO_CPL_ROW,
                        SmiEntry.euiHex(eui64) + " firmware " + current + " " + smets));
    }
}
