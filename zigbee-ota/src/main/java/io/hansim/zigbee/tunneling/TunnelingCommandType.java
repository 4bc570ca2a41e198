package io.hansim.zigbee.tunneling;

import io.hansim.zigbee.zcl.ClusterCommandType;
import io.hansim.zigbee.zcl.ZclHeader.Direction;

/**
 * The Tunneling cluster (0x0704) commands hansim models; identifiers and directions as Wireshark
 * {@code packet-zbee-zcl-se.c} dissects them (SE 1.4 D.6.2.3, D.6.2.4). The flow-control commands
 * (Ack Transfer Data, Ready Data), Get Supported Tunnel Protocols and Tunnel Closure Notification are
 * not modelled: the GB tunnel runs without flow control and is never closed by the CH.
 */
public enum TunnelingCommandType implements ClusterCommandType {
    REQUEST_TUNNEL(0x00, "Request Tunnel", Direction.CLIENT_TO_SERVER),
    CLOSE_TUNNEL(0x01, "Close Tunnel", Direction.CLIENT_TO_SERVER),
    TRANSFER_DATA_CLIENT_TO_SERVER(0x02, "Transfer Data", Direction.CLIENT_TO_SERVER),
    TRANSFER_DATA_ERROR_CLIENT_TO_SERVER(0x03, "Transfer Data Error", Direction.CLIENT_TO_SERVER),
    REQUEST_TUNNEL_RESPONSE(0x00, "Request Tunnel Response", Direction.SERVER_TO_CLIENT),
    TRANSFER_DATA_SERVER_TO_CLIENT(0x01, "Transfer Data", Direction.SERVER_TO_CLIENT),
    TRANSFER_DATA_ERROR_SERVER_TO_CLIENT(0x02, "Transfer Data Error", Direction.SERVER_TO_CLIENT);

    private final int id;
    private final String specName;
    private final Direction direction;

    TunnelingCommandType(int id, String specName, Direction direction) {
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
