package io.hansim.cli.report;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A device of the run.
 *
 * @param id      the scenario's name for it ("hub", "ppmid-1")
 * @param type    the device model ("CH", "PPMID", "IHD", "HCALCS", "ESME", "GSME", "EXTERNAL PPMID", ...)
 * @param eui64   its EUI-64 as 16 hex digits
 * @param status  for a device on the device port (issue 17): the status values it exported at the end,
 *                in key order; empty for the others
 * @param failure for a device on the device port: its typed failure ("timeout: ..."), or ""
 */
public record DeviceInfo(String id, String type, String eui64, Map<String, String> status, String failure) {
    public DeviceInfo {
        Objects.requireNonNull(id, "id");
        type = type == null ? "" : type;
        eui64 = eui64 == null ? "" : eui64;
        status = status == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(status));
        failure = failure == null ? "" : failure;
    }

    /** A device with no port status (every model of hansim's own). */
    public DeviceInfo(String id, String type, String eui64) {
        this(id, type, eui64, Map.of(), "");
    }
}
