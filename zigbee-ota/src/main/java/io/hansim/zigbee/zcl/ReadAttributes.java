package io.hansim.zigbee.zcl;

import java.util.List;
import java.util.stream.IntStream;

/**
 * Read Attributes, general command 0x00 (ZCL §2.5.1): a list of attribute identifiers, each u16.
 * An empty list encodes as an empty payload and decodes back; the ZCL does not forbid it, and what
 * a receiver makes of it is the receiver's choice.
 *
 * @param attributeIds each 0..0xFFFF, in the order asked
 */
public record ReadAttributes(List<Integer> attributeIds) implements GeneralCommand {
    public static final int COMMAND_ID = 0x00;

    public ReadAttributes {
        attributeIds = List.copyOf(attributeIds);
        for (int id : attributeIds) {
            ZclHeader.checkRange("attributeId", id, 0xFFFF);
        }
    }

    public static ReadAttributes of(int... attributeIds) {
        return new ReadAttributes(IntStream.of(attributeIds).boxed().toList());
    }

    @Override
    public int commandId() {
        return COMMAND_ID;
    }
}
