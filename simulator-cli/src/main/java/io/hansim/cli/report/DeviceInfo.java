package io.hansim.cli.report;

import java.util.Objects;

/**
 * A device of the run.
 *
 * @param id    the scenario's name for it ("hub", "ppmid-1")
 * @param type  the device model ("CH", "PPMID", "IHD", "HCALCS", "ESME", "GSME", ...)
 * @param eui64 its EUI-64 as 16 hex digits
 */
public record DeviceInfo(String id, String type, String eui64) {
    public DeviceInfo {
        Objects.requireNonNull(id, "id");
        type = type == null ? "" : type;
        eui64 = eui64 == null ? "" : eui64;
    }
}
