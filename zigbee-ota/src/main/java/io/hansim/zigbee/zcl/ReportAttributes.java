package io.hansim.zigbee.zcl;

import java.util.List;

/**
 * Report Attributes, general command 0x0A (ZCL §2.5.11): attribute reports, each identifier (u16),
 * data type (octet) and value, the same layout as {@link WriteAttributes}.
 */
public record ReportAttributes(List<AttributeRecord> reports) implements GeneralCommand {
    public static final int COMMAND_ID = 0x0A;

    public ReportAttributes {
        reports = List.copyOf(reports);
    }

    public static ReportAttributes of(AttributeRecord... reports) {
        return new ReportAttributes(List.of(reports));
    }

    @Override
    public int commandId() {
        return COMMAND_ID;
    }
}
