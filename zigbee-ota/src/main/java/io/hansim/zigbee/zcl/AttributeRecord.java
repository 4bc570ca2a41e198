package io.hansim.zigbee.zcl;

/**
 * An attribute identifier with a typed value: the write attribute record of Write Attributes
 * (ZCL §2.5.3) and the attribute report of Report Attributes (ZCL §2.5.11), which share the layout
 * identifier (u16), data type (octet), value.
 *
 * @param attributeId 0..0xFFFF
 * @param value       the value; its {@link ZclValue#type()} is the data-type octet sent
 */
public record AttributeRecord(int attributeId, ZclValue value) {

    public AttributeRecord {
        ZclHeader.checkRange("attributeId", attributeId, 0xFFFF);
        if (value == null) {
            throw new IllegalArgumentException("value is required");
        }
    }
}
