package io.hansim.zigbee.ota.attr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hansim.zigbee.zcl.GeneralCommandCodec;
import io.hansim.zigbee.zcl.ReadAttributesResponse;
import io.hansim.zigbee.zcl.ZclDataType;
import io.hansim.zigbee.zcl.ZclValue;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The OTA client attribute table (zigbee-ota.md §4). */
class OtaClientAttributeTest {

    @Test
    void table() {
        check(OtaClientAttribute.UPGRADE_SERVER_ID, 0x0000, "UpgradeServerID", ZclDataType.IEEE_ADDRESS);
        check(OtaClientAttribute.FILE_OFFSET, 0x0001, "FileOffset", ZclDataType.UINT32);
        check(OtaClientAttribute.CURRENT_FILE_VERSION, 0x0002, "CurrentFileVersion", ZclDataType.UINT32);
        check(OtaClientAttribute.CURRENT_ZIGBEE_STACK_VERSION, 0x0003, "CurrentZigBeeStackVersion", ZclDataType.UINT16);
        check(OtaClientAttribute.DOWNLOADED_FILE_VERSION, 0x0004, "DownloadedFileVersion", ZclDataType.UINT32);
        check(OtaClientAttribute.DOWNLOADED_ZIGBEE_STACK_VERSION, 0x0005, "DownloadedZigBeeStackVersion",
                ZclDataType.UINT16);
        check(OtaClientAttribute.IMAGE_UPGRADE_STATUS, 0x0006, "ImageUpgradeStatus", ZclDataType.ENUM8);
        check(OtaClientAttribute.MANUFACTURER_ID, 0x0007, "ManufacturerID", ZclDataType.UINT16);
        check(OtaClientAttribute.IMAGE_TYPE_ID, 0x0008, "ImageTypeID", ZclDataType.UINT16);
        check(OtaClientAttribute.MINIMUM_BLOCK_PERIOD, 0x0009, "MinimumBlockPeriod", ZclDataType.UINT16);
        check(OtaClientAttribute.IMAGE_STAMP, 0x000A, "ImageStamp", ZclDataType.UINT32);
        check(OtaClientAttribute.UPGRADE_ACTIVATION_POLICY, 0x000B, "UpgradeActivationPolicy", ZclDataType.ENUM8);
        check(OtaClientAttribute.UPGRADE_TIMEOUT_POLICY, 0x000C, "UpgradeTimeoutPolicy", ZclDataType.ENUM8);
        check(OtaClientAttribute.CLUSTER_REVISION, 0xFFFD, "ClusterRevision", ZclDataType.UINT16);
        check(OtaClientAttribute.ATTRIBUTE_REPORTING_STATUS, 0xFFFE, "AttributeReportingStatus", ZclDataType.ENUM8);
        assertEquals(0x0019, OtaClientAttribute.CLUSTER_ID);
        assertTrue(OtaClientAttribute.fromId(0x000D).isEmpty());
    }

    private static void check(OtaClientAttribute a, int id, String name, ZclDataType type) {
        assertEquals(id, a.id());
        assertEquals(name, a.specName());
        assertEquals(type, a.type());
        assertEquals(a, OtaClientAttribute.fromId(id).orElseThrow());
    }

    @Test
    void defaults() {
        assertTrue(OtaClientAttribute.UPGRADE_SERVER_ID.defaultValue().orElseThrow().isInvalid());
        assertEquals(ZclValue.uint32(0xFFFF_FFFFL), OtaClientAttribute.FILE_OFFSET.defaultValue().orElseThrow());
        assertEquals(ZclValue.uint32(0xFFFF_FFFFL), OtaClientAttribute.CURRENT_FILE_VERSION.defaultValue().orElseThrow());
        assertEquals(ZclValue.uint16(0xFFFF), OtaClientAttribute.DOWNLOADED_ZIGBEE_STACK_VERSION.defaultValue().orElseThrow());
        assertEquals(ZclValue.enum8(0), OtaClientAttribute.IMAGE_UPGRADE_STATUS.defaultValue().orElseThrow());
        assertEquals(ZclValue.uint16(0xFFFF), OtaClientAttribute.IMAGE_TYPE_ID.defaultValue().orElseThrow());
        assertEquals(ZclValue.uint16(0), OtaClientAttribute.MINIMUM_BLOCK_PERIOD.defaultValue().orElseThrow());
        assertTrue(OtaClientAttribute.MANUFACTURER_ID.defaultValue().isEmpty());
        assertTrue(OtaClientAttribute.IMAGE_STAMP.defaultValue().isEmpty());
        assertTrue(OtaClientAttribute.CLUSTER_REVISION.defaultValue().isEmpty());
        Set<Integer> ids = new HashSet<>();
        for (OtaClientAttribute a : OtaClientAttribute.values()) {
            assertTrue(ids.add(a.id()));
            a.defaultValue().ifPresent(v -> assertTrue(a.accepts(v), a + " default " + v));
        }
    }

    @Test
    void readsBackFromTheReferenceFrame() {
        // tshark frames.tsv #15: the CH reads CurrentFileVersion and ImageUpgradeStatus
        var frame = GeneralCommandCodec.decode(HexFormat.of().parseHex("180a0102000023000302010600003001"));
        var records = ((ReadAttributesResponse) frame.command()).records();
        var version = records.get(0);
        assertEquals(OtaClientAttribute.CURRENT_FILE_VERSION, OtaClientAttribute.fromId(version.attributeId()).orElseThrow());
        assertTrue(OtaClientAttribute.CURRENT_FILE_VERSION.accepts(version.value()));
        assertTrue(OtaClientAttribute.IMAGE_UPGRADE_STATUS.accepts(records.get(1).value()));
        assertFalse(OtaClientAttribute.IMAGE_UPGRADE_STATUS.accepts(version.value()));
    }
}
