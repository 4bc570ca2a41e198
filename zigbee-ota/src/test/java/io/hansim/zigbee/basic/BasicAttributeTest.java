package io.hansim.zigbee.basic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hansim.zigbee.zcl.ZclDataType;
import io.hansim.zigbee.zcl.ZclValue;
import org.junit.jupiter.api.Test;

/** The Basic cluster attributes hansim uses (ZCL §3.2). */
class BasicAttributeTest {

    @Test
    void table() {
        check(BasicAttribute.ZCL_VERSION, 0x0000, "ZCLVersion", ZclDataType.UINT8);
        check(BasicAttribute.APPLICATION_VERSION, 0x0001, "ApplicationVersion", ZclDataType.UINT8);
        check(BasicAttribute.STACK_VERSION, 0x0002, "StackVersion", ZclDataType.UINT8);
        check(BasicAttribute.HW_VERSION, 0x0003, "HWVersion", ZclDataType.UINT8);
        check(BasicAttribute.MANUFACTURER_NAME, 0x0004, "ManufacturerName", ZclDataType.CHARACTER_STRING);
        check(BasicAttribute.MODEL_IDENTIFIER, 0x0005, "ModelIdentifier", ZclDataType.CHARACTER_STRING);
        check(BasicAttribute.DATE_CODE, 0x0006, "DateCode", ZclDataType.CHARACTER_STRING);
        check(BasicAttribute.POWER_SOURCE, 0x0007, "PowerSource", ZclDataType.ENUM8);
        check(BasicAttribute.SW_BUILD_ID, 0x4000, "SWBuildID", ZclDataType.CHARACTER_STRING);
        assertEquals(0x0000, BasicAttribute.CLUSTER_ID);
        assertTrue(BasicAttribute.fromId(0x0008).isEmpty());
    }

    private static void check(BasicAttribute a, int id, String name, ZclDataType type) {
        assertEquals(id, a.id());
        assertEquals(name, a.specName());
        assertEquals(type, a.type());
        assertEquals(a, BasicAttribute.fromId(id).orElseThrow());
    }

    @Test
    void stringLimits() {
        assertEquals(32, BasicAttribute.MANUFACTURER_NAME.maxLength().getAsInt());
        assertEquals(32, BasicAttribute.MODEL_IDENTIFIER.maxLength().getAsInt());
        assertEquals(16, BasicAttribute.DATE_CODE.maxLength().getAsInt());
        assertEquals(16, BasicAttribute.SW_BUILD_ID.maxLength().getAsInt());
        assertTrue(BasicAttribute.HW_VERSION.maxLength().isEmpty());
        assertTrue(BasicAttribute.DATE_CODE.accepts(ZclValue.string("20240615")));
        assertFalse(BasicAttribute.DATE_CODE.accepts(ZclValue.string("20240615-build-17")));
        assertTrue(BasicAttribute.MANUFACTURER_NAME.accepts(ZclValue.string("a".repeat(32))));
        assertFalse(BasicAttribute.MANUFACTURER_NAME.accepts(ZclValue.string("a".repeat(33))));
        assertFalse(BasicAttribute.MANUFACTURER_NAME.accepts(ZclValue.uint8(1)));
        assertTrue(BasicAttribute.HW_VERSION.accepts(ZclValue.uint8(3)));
    }

    @Test
    void defaults() {
        assertTrue(BasicAttribute.ZCL_VERSION.defaultValue().isEmpty());
        assertTrue(BasicAttribute.POWER_SOURCE.defaultValue().isEmpty());
        assertEquals(ZclValue.uint8(0), BasicAttribute.APPLICATION_VERSION.defaultValue().orElseThrow());
        assertEquals(ZclValue.string(""), BasicAttribute.MANUFACTURER_NAME.defaultValue().orElseThrow());
        for (BasicAttribute a : BasicAttribute.values()) {
            a.defaultValue().ifPresent(v -> assertTrue(a.accepts(v)));
        }
    }

    @Test
    void gbIdentityAttributesArePresent() {
        // ManufacturerName, ModelIdentifier, DateCode, PowerSource, PhysicalEnvironment, SWBuildID.
        for (int id : new int[] {0x0004, 0x0005, 0x0006, 0x0007, 0x0011, 0x4000}) {
            assertTrue(BasicAttribute.fromId(id).isPresent(), () -> "missing 0x" + Integer.toHexString(id));
        }
        check(BasicAttribute.PHYSICAL_ENVIRONMENT, 0x0011, "PhysicalEnvironment", ZclDataType.ENUM8);
        assertEquals(ZclValue.enum8(0), BasicAttribute.PHYSICAL_ENVIRONMENT.defaultValue().orElseThrow());
    }
}
