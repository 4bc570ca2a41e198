package io.hansim.zigbee.messaging;

import io.hansim.zigbee.zcl.ClusterCommandType;
import io.hansim.zigbee.zcl.ZclHeader.Direction;

/**
 * The Messaging cluster commands hansim models; identifiers and directions from Wireshark
 * {@code packet-zbee-zcl-se.c} (SE 1.4 D.5.2.3, D.5.2.4). Display Protected Message (server→client
 * 0x02) is not modelled: GB supplier messages use Display Message.
 */
public enum MessagingCommandType implements ClusterCommandType {
    DISPLAY_MESSAGE(0x00, "Display Message", Direction.SERVER_TO_CLIENT),
    CANCEL_MESSAGE(0x01, "Cancel Message", Direction.SERVER_TO_CLIENT),
    CANCEL_ALL_MESSAGES(0x03, "Cancel All Messages", Direction.SERVER_TO_CLIENT),
    GET_LAST_MESSAGE(0x00, "Get Last Message", Direction.CLIENT_TO_SERVER),
    MESSAGE_CONFIRMATION(0x01, "Message Confirmation", Direction.CLIENT_TO_SERVER),
    GET_MESSAGE_CANCELLATION(0x02, "Get Message Cancellation", Direction.CLIENT_TO_SERVER);

    private final int id;
    private final String specName;
    private final Direction direction;

    MessagingCommandType(int id, String specName, Direction direction) {
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
