package io.hansim.cli.scenario;

import io.hansim.device.inventory.CplMode;
import java.util.List;
import java.util.Objects;

/**
 * The DCC's Central Products List (CPL) and Smart Metering Inventory (SMI) of a scenario (MP202,
 * R202.2–R202.7). The runner fills the CPL with rows for every OTA device's model at its starting
 * firmware and for every image a device of that model could take, pre-notifies the devices and joins
 * them to the CH; SRs are checked against the SMI before they reach the CH.
 *
 * @param cpl      which CPL rules are in force: {@link CplMode#ENDURING} (after MP202) or
 *                 {@link CplMode#INTERIM} ({@code interim-cpl}, R202.6)
 * @param offCpl   ids of images whose File Version has no CPL row, so a device running one is
 *                 reported (R202.7)
 * @param position where {@code inventory:} starts, or the document's start when absent
 */
public record InventorySpec(CplMode cpl, List<String> offCpl, Position position) {

    public InventorySpec {
        Objects.requireNonNull(cpl, "cpl");
        offCpl = List.copyOf(offCpl);
    }

    /**
     * The fictitious firmware version of a dual-mode model's SMETS1 row under {@code interim-cpl}
     * when the scenario names none (R202.6, SEC Appendix Z 3.13(b)): the real version with its top
     * four bits flipped, so it always differs from it (a choice; any other version would do).
     */
    public static long fictitiousSmets1Firmware(long real) {
        return real ^ 0xF000_0000L;
    }
}
