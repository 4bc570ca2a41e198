package io.hansim.zigbee.prepayment;

import io.hansim.zigbee.zcl.ClusterCommandType;
import io.hansim.zigbee.zcl.ZclHeader.Direction;

/**
 * The Prepayment cluster commands hansim models: the top-up log and debt (repayment) log pairs.
 * Identifiers and directions from Wireshark {@code packet-zbee-zcl-se.c}
 * ({@code zbee_zcl_pp_srv_rx_cmd_names} / {@code _srv_tx_cmd_names}); the other Prepayment commands
 * (emergency credit, top up, snapshots, payment mode) are not modelled.
 */
public enum PrepaymentCommandType implements ClusterCommandType {
    GET_TOP_UP_LOG(0x08, "Get Top Up Log", Direction.CLIENT_TO_SERVER),
    GET_DEBT_REPAYMENT_LOG(0x0A, "Get Debt Repayment Log", Direction.CLIENT_TO_SERVER),
    PUBLISH_TOP_UP_LOG(0x05, "Publish Top Up Log", Direction.SERVER_TO_CLIENT),
    PUBLISH_DEBT_LOG(0x06, "Publish Debt Log", Direction.SERVER_TO_CLIENT);

    private final int id;
    private final String specName;
    private final Direction direction;

    PrepaymentCommandType(int id, String specName, Direction direction) {
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
