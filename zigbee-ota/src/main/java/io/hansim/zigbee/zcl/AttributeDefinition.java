package io.hansim.zigbee.zcl;

import java.util.Optional;
import java.util.OptionalInt;

/**
 * What a cluster's attribute table in the ZCL says about one attribute: its identifier, the name
 * the specification uses, its data type and its default. Device models build
 * their attribute stores from these, and servers check Read Attributes Responses against them.
 */
public interface AttributeDefinition {

    /** The attribute identifier, 0..0xFFFF. */
    int id();

    /** The specification's name, e.g. {@code "CurrentFileVersion"}. */
    String specName();

    ZclDataType type();

    /** The default value, when the sources agree on one. */
    Optional<ZclValue> defaultValue();

    /** The longest value in octets, for string attributes that have a limit. */
    default OptionalInt maxLength() {
        return OptionalInt.empty();
    }

    /** Whether {@code value} has this attribute's data type (and fits its length limit). */
    default boolean accepts(ZclValue value) {
        if (value.type() != type()) {
            return false;
        }
        OptionalInt max = maxLength();
        if (max.isEmpty()) {
            return true;
        }
        if (value instanceof ZclValue.CharString s) {
            return s.raw().length() <= max.getAsInt();
        }
        if (value instanceof ZclValue.OctetString s) {
            return s.value().length() <= max.getAsInt();
        }
        return true;
    }
}
