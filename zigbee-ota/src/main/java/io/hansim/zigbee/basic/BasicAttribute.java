package io.hansim.zigbee.basic;

import io.hansim.zigbee.zcl.AttributeDefinition;
import io.hansim.zigbee.zcl.ZclDataType;
import io.hansim.zigbee.zcl.ZclValue;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The Basic cluster (0x0000) server attributes hansim's devices expose (ZCL §3.2): versions,
 * identity strings, power source and physical environment. Types and string limits agree between zsmartsystems
 * {@code 0000_Basic.xml} and zigbee-herdsman {@code cluster.ts}.
 *
 * <p>Defaults: the versions 0 and the strings empty, as herdsman gives them. ZCLVersion has no
 * default here (herdsman says 8, the value for ZCL 8; a device states the revision it implements).
 * PowerSource has none either: herdsman gives 0xFF, the ZCL's 0x00 "Unknown" (unconfirmed) — the
 * device profile sets it.
 */
public enum BasicAttribute implements AttributeDefinition {
    ZCL_VERSION(0x0000, "ZCLVersion", ZclDataType.UINT8, null, -1),
    APPLICATION_VERSION(0x0001, "ApplicationVersion", ZclDataType.UINT8, ZclValue.uint8(0), -1),
    STACK_VERSION(0x0002, "StackVersion", ZclDataType.UINT8, ZclValue.uint8(0), -1),
    HW_VERSION(0x0003, "HWVersion", ZclDataType.UINT8, ZclValue.uint8(0), -1),
    MANUFACTURER_NAME(0x0004, "ManufacturerName", ZclDataType.CHARACTER_STRING, ZclValue.string(""), 32),
    MODEL_IDENTIFIER(0x0005, "ModelIdentifier", ZclDataType.CHARACTER_STRING, ZclValue.string(""), 32),
    /** First 8 characters YYYYMMDD (ISO 8601), the rest manufacturer-specific. */
    DATE_CODE(0x0006, "DateCode", ZclDataType.CHARACTER_STRING, ZclValue.string(""), 16),
    /**
     * Bits 0–6 primary source (0 unknown, 1 mains single phase, 2 mains three phase, 3 battery,
     * 4 DC source, 5 emergency mains constant, 6 emergency mains changeover); bit 7 battery backup.
     */
    POWER_SOURCE(0x0007, "PowerSource", ZclDataType.ENUM8, null, -1),
    /**
     * Where the device is installed (ZCL §3.2.2.2, enum8; 0x00 unspecified environment, the ZCL
     * default). Not yet cross-checked against the herdsman and zsmartsystems tables.
     */
    PHYSICAL_ENVIRONMENT(0x0011, "PhysicalEnvironment", ZclDataType.ENUM8, ZclValue.enum8(0x00), -1),
    SW_BUILD_ID(0x4000, "SWBuildID", ZclDataType.CHARACTER_STRING, ZclValue.string(""), 16);

    /** The cluster these attributes belong to. */
    public static final int CLUSTER_ID = 0x0000;

    private final int id;
    private final String specName;
    private final ZclDataType type;
    private final Optional<ZclValue> defaultValue;
    private final OptionalInt maxLength;

    BasicAttribute(int id, String specName, ZclDataType type, ZclValue defaultValue, int maxLength) {
        this.id = id;
        this.specName = specName;
        this.type = type;
        this.defaultValue = Optional.ofNullable(defaultValue);
        this.maxLength = maxLength < 0 ? OptionalInt.empty() : OptionalInt.of(maxLength);
    }

    @Override
    public int id() {
        return id;
    }

    @Override
    public String specName() {
        return specName;
    }

    @Override
    public ZclDataType type() {
        return type;
    }

    @Override
    public Optional<ZclValue> defaultValue() {
        return defaultValue;
    }

    @Override
    public OptionalInt maxLength() {
        return maxLength;
    }

    /** The attribute with this identifier, if the catalogue has it. */
    public static Optional<BasicAttribute> fromId(int id) {
        for (BasicAttribute a : values()) {
            if (a.id == id) {
                return Optional.of(a);
            }
        }
        return Optional.empty();
    }
}
