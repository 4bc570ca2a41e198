package io.hansim.zigbee.ota.attr;

import io.hansim.zigbee.zcl.AttributeDefinition;
import io.hansim.zigbee.zcl.ZclDataType;
import io.hansim.zigbee.zcl.ZclValue;
import java.util.Optional;

/**
 * The attributes of the OTA Upgrade cluster (0x0019) client, the side in the PPMID and HCALCS that
 * downloads images (zigbee-ota.md §4), plus the two global attributes every cluster has (ZCL 6
 * and later): ClusterRevision, which decides the MinimumBlockPeriod unit (zigbee-ota.md §5.4), and
 * AttributeReportingStatus.
 *
 * <p>Defaults are those of zigbee-ota.md §4; where it gives none (ManufacturerID, ImageStamp, the
 * global attributes) the device profile must supply the value.
 */
public enum OtaClientAttribute implements AttributeDefinition {
    /** EUI64 of the server in use; all ones until one is found. Mandatory. */
    UPGRADE_SERVER_ID(0x0000, "UpgradeServerID", ZclDataType.IEEE_ADDRESS, ZclValue.Eui64.INVALID),
    /** Offset of the image data being requested. */
    FILE_OFFSET(0x0001, "FileOffset", ZclDataType.UINT32, ZclValue.uint32(0xFFFF_FFFFL)),
    /** Version of the running image; servers read it back after an upgrade (requirements R7.10). */
    CURRENT_FILE_VERSION(0x0002, "CurrentFileVersion", ZclDataType.UINT32, ZclValue.uint32(0xFFFF_FFFFL)),
    CURRENT_ZIGBEE_STACK_VERSION(0x0003, "CurrentZigBeeStackVersion", ZclDataType.UINT16, ZclValue.uint16(0xFFFF)),
    DOWNLOADED_FILE_VERSION(0x0004, "DownloadedFileVersion", ZclDataType.UINT32, ZclValue.uint32(0xFFFF_FFFFL)),
    DOWNLOADED_ZIGBEE_STACK_VERSION(0x0005, "DownloadedZigBeeStackVersion", ZclDataType.UINT16,
            ZclValue.uint16(0xFFFF)),
    /** 0 Normal .. 6 Waiting to upgrade via external event (zigbee-ota.md §4). Mandatory. */
    IMAGE_UPGRADE_STATUS(0x0006, "ImageUpgradeStatus", ZclDataType.ENUM8, ZclValue.enum8(0x00)),
    MANUFACTURER_ID(0x0007, "ManufacturerID", ZclDataType.UINT16, null),
    /** 0xFFFF when no download or upgrade is pending. */
    IMAGE_TYPE_ID(0x0008, "ImageTypeID", ZclDataType.UINT16, ZclValue.uint16(0xFFFF)),
    /** At most 0xFFFE; unit depends on ClusterRevision (zigbee-ota.md §5.4). */
    MINIMUM_BLOCK_PERIOD(0x0009, "MinimumBlockPeriod", ZclDataType.UINT16, ZclValue.uint16(0)),
    /** Hash or checksum of the running image. */
    IMAGE_STAMP(0x000A, "ImageStamp", ZclDataType.UINT32, null),
    /** 0 OTA server activation allowed, 1 out-of-band activation only. */
    UPGRADE_ACTIVATION_POLICY(0x000B, "UpgradeActivationPolicy", ZclDataType.ENUM8, ZclValue.enum8(0x00)),
    /** 0 apply the upgrade after the timeout, 1 do not apply. */
    UPGRADE_TIMEOUT_POLICY(0x000C, "UpgradeTimeoutPolicy", ZclDataType.ENUM8, ZclValue.enum8(0x00)),
    /** Global attribute. */
    CLUSTER_REVISION(0xFFFD, "ClusterRevision", ZclDataType.UINT16, null),
    /** Global attribute: 0 pending, 1 attribute reporting complete (unconfirmed). */
    ATTRIBUTE_REPORTING_STATUS(0xFFFE, "AttributeReportingStatus", ZclDataType.ENUM8, null);

    /** The cluster these attributes belong to. */
    public static final int CLUSTER_ID = 0x0019;

    private final int id;
    private final String specName;
    private final ZclDataType type;
    private final Optional<ZclValue> defaultValue;

    OtaClientAttribute(int id, String specName, ZclDataType type, ZclValue defaultValue) {
        this.id = id;
        this.specName = specName;
        this.type = type;
        this.defaultValue = Optional.ofNullable(defaultValue);
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

    /** The attribute with this identifier, if the catalogue has it. */
    public static Optional<OtaClientAttribute> fromId(int id) {
        for (OtaClientAttribute a : values()) {
            if (a.id == id) {
                return Optional.of(a);
            }
        }
        return Optional.empty();
    }
}
