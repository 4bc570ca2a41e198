package io.hansim.zigbee.devicemgmt;

import io.hansim.zigbee.zcl.ClusterCommandType;
import io.hansim.zigbee.zcl.ZclHeader.Direction;

/**
 * The Device Management commands hansim models, with identifier and direction from Wireshark
 * {@code packet-zbee-zcl-se.c} (gbcs.md §8.2). The other commands of the cluster (Change of
 * Supplier, passwords, Site ID, event configuration, CIN) are not modelled; the codec reports them
 * as an unknown {@code CommandIdentifier}.
 */
public enum DeviceManagementCommandType implements ClusterCommandType {
    GET_CHANGE_OF_TENANCY(0x00, "Get Change of Tenancy", Direction.CLIENT_TO_SERVER),
    PUBLISH_CHANGE_OF_TENANCY(0x00, "Publish Change of Tenancy", Direction.SERVER_TO_CLIENT);

    private final int id;
    private final String specName;
    private final Direction direction;

    DeviceManagementCommandType(int id, String specName, Direction direction) {
        this.id = id;
        this.specName = specName;
        this.direction = direction;
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
    public Direction direction() {
        return direction;
    }
}
