package io.hansim.cli.conformance;

import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * A case of the battery: which rule it checks, for which device kinds, in which part.
 *
 * @param id          stable id, used by reports and by the mutant tests
 * @param requirement the R-/G-numbers and zigbee-ota.md sections it checks
 * @param title       one line
 * @param part        OTA or CoT
 * @param kinds       the device kinds the rule concerns; for the others the case is not applicable
 */
public record ConformanceCase(String id, String requirement, String title, Part part, Set<DeviceKindUnderTest> kinds) {
    /** The battery's parts, as {@code --part} names them. */
    public enum Part {
        /** The OTA client rules (zigbee-ota.md §1–§7, R7.x device side, G.9, R202.3). */
        OTA,
        /** Change of Tenancy on the device (R56.2–R56.5). */
        COT
    }

    public ConformanceCase {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(requirement, "requirement");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(part, "part");
        kinds = Set.copyOf(EnumSet.copyOf(kinds));
    }

    public boolean appliesTo(DeviceKindUnderTest k) {
        return kinds.contains(k);
    }
}
