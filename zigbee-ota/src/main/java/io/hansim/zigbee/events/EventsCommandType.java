package io.hansim.zigbee.events;

import io.hansim.zigbee.zcl.ClusterCommandType;
import io.hansim.zigbee.zcl.ZclHeader.Direction;

/**
 * The Events cluster (0x0709) commands hansim models (SE 1.4 D.11.2.3–D.11.2.4; Wireshark
 * {@code packet-zbee-zcl-se.c}): the pair CS11 uses. Get Event Log, Publish Event and Publish Event Log
 * are not modelled.
 */
public enum EventsCommandType implements ClusterCommandType {
    CLEAR_EVENT_LOG_REQUEST(0x01, "Clear Event Log Request", Direction.CLIENT_TO_SERVER),
    CLEAR_EVENT_LOG_RESPONSE(0x02, "Clear Event Log Response", Direction.SERVER_TO_CLIENT);

    private final int id;
    private final String specName;
    private final Direction direction;

    EventsCommandType(int id, String specName, Direction direction) {
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
