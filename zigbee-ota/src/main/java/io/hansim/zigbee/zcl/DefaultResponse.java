package io.hansim.zigbee.zcl;

/**
 * Default Response, general command 0x0B (ZCL §2.5.12): the identifier of the command it answers and
 * a status octet. Sent when a command has no specific response, or to report an error (zigbee-ota.md
 * §1, §3: MALFORMED_COMMAND, UNSUP_CLUSTER_COMMAND, ...).
 *
 * @param receivedCommandId the command identifier of the received command, 0..0xFF
 * @param status            the status of that command
 */
public record DefaultResponse(int receivedCommandId, ZclStatus status) implements GeneralCommand {
    public static final int COMMAND_ID = 0x0B;

    public DefaultResponse {
        ZclHeader.checkRange("receivedCommandId", receivedCommandId, 0xFF);
        if (status == null) {
            throw new IllegalArgumentException("status is required");
        }
    }

    @Override
    public int commandId() {
        return COMMAND_ID;
    }
}
