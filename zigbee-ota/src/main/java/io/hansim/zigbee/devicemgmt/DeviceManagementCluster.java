package io.hansim.zigbee.devicemgmt;

import io.hansim.zigbee.zcl.AttributeDefinition;
import io.hansim.zigbee.zcl.ZclDataType;
import io.hansim.zigbee.zcl.ZclValue;
import java.util.Optional;

/**
 * The Device Management cluster 0x0708 (ZigBee Smart Energy 1.4 Annex D.10) attributes that carry
 * Change of Tenancy (gbcs.md §8.2, requirements R56.1): the Tenancy attribute set 0x02xx. Ids from
 * Wireshark {@code packet-zbee-zcl-se.c}; types from SE 1.4 (UTCTime and a 32-bit bitmap), which
 * match the fields of Publish Change of Tenancy that set them.
 *
 * <p>No defaults: an ESME or GPF model starts without a CoT and sets both when GCS09 / ECS12 arrive
 * (R56.7). Which further attributes GB mandates is (unconfirmed), see R56.1.
 */
public enum DeviceManagementCluster implements AttributeDefinition {
    /** When the pending (or last) Change of Tenancy takes effect; UTCTime. */
    CHANGE_OF_TENANCY_UPDATE_DATE_TIME(0x0200, "ChangeofTenancyUpdateDateTime", ZclDataType.UTC_TIME),
    /** What the CoT asks devices to do, see {@link TenancyChangeControl}; bitmap32. */
    PROPOSED_TENANCY_CHANGE_CONTROL(0x0201, "ProposedTenancyChangeControl", ZclDataType.BITMAP32);

    /** The cluster identifier. */
    public static final int CLUSTER_ID = 0x0708;

    private final int id;
    private final String specName;
    private final ZclDataType type;

    DeviceManagementCluster(int id, String specName, ZclDataType type) {
        this.id = id;
        this.specName = specName;
        this.type = type;
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
        return Optional.empty();
    }

    /** The attribute with this identifier, if the catalogue has it. */
    public static Optional<DeviceManagementCluster> fromId(int id) {
        for (DeviceManagementCluster a : values()) {
            if (a.id == id) {
                return Optional.of(a);
            }
        }
        return Optional.empty();
    }
}
