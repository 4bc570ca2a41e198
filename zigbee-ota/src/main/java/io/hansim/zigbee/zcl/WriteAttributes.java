package io.hansim.zigbee.zcl;

import java.util.List;

/**
 * Write Attributes, general command 0x02 (ZCL §2.5.3): write attribute records, each identifier
 * (u16), data type (octet) and value. An empty list encodes as an empty payload.
 */
public record WriteAttributes(List<AttributeRecord> records) implements GeneralCommand {
    public static final int COMMAND_ID = 0x02;

    public WriteAttributes {
        records = List.copyOf(records);
    }

    public static WriteAttributes of(AttributeRecord... records) {
        return new WriteAttributes(List.of(records));
    }

    @Override
    public int commandId() {
        return COMMAND_ID;
    }
}
