package io.hansim.zigbee.tunneling;

import io.hansim.zigbee.zcl.Bytes;
import io.hansim.zigbee.zcl.FieldChecks;
import io.hansim.zigbee.zcl.ZclHeader.Direction;

/**
 * One Tunneling cluster (0x0704) command as an immutable value; the header is in
 * {@link TunnelingFrame}, bytes go through {@link TunnelingCodec}. Layouts: SE 1.4 D.6.2.3–D.6.2.4 as
 * Wireshark {@code packet-zbee-zcl-se.c} dissects them (little-endian). Transfer Data and Transfer
 * Data Error exist in both directions with different identifiers; their records carry the direction.
 */
public sealed interface TunnelingCommand permits TunnelingCommand.RequestTunnel,
        TunnelingCommand.RequestTunnelResponse, TunnelingCommand.TransferData, TunnelingCommand.TransferDataError,
        TunnelingCommand.CloseTunnel {

    /** Which command this is. */
    TunnelingCommandType type();

    /** The CommandIdentifier on the air. */
    default int commandId() {
        return type().id();
    }

    /** The direction the command travels in. */
    default Direction direction() {
        return type().direction();
    }

    /** Number of payload bytes after the ZCL header. */
    int payloadLength();

    /**
     * Request Tunnel, client→server 0x00: ProtocolID enum8, ManufacturerCode u16,
     * FlowControlSupport boolean, MaximumIncomingTransferSize u16.
     */
    record RequestTunnel(int protocolId, int manufacturerCode, boolean flowControlSupport,
            int maximumIncomingTransferSize) implements TunnelingCommand {
        public RequestTunnel {
            FieldChecks.u8("ProtocolID", protocolId);
            FieldChecks.u16("ManufacturerCode", manufacturerCode);
            FieldChecks.u16("MaximumIncomingTransferSize", maximumIncomingTransferSize);
        }

        @Override
        public TunnelingCommandType type() {
            return TunnelingCommandType.REQUEST_TUNNEL;
        }

        @Override
        public int payloadLength() {
            return 6;
        }
    }

    /**
     * Request Tunnel Response, server→client 0x00: TunnelID u16, TunnelStatus enum8,
     * MaximumIncomingTransferSize u16 (1500 on a GB CH, {@link TunnelingCluster#GB_MAXIMUM_INCOMING_TRANSFER_SIZE}).
     */
    record RequestTunnelResponse(int tunnelId, int tunnelStatus, int maximumIncomingTransferSize)
            implements TunnelingCommand {
        public RequestTunnelResponse {
            FieldChecks.u16("TunnelID", tunnelId);
            FieldChecks.u8("TunnelStatus", tunnelStatus);
            FieldChecks.u16("MaximumIncomingTransferSize", maximumIncomingTransferSize);
        }

        @Override
        public TunnelingCommandType type() {
            return TunnelingCommandType.REQUEST_TUNNEL_RESPONSE;
        }

        @Override
        public int payloadLength() {
            return 5;
        }
    }

    /**
     * Transfer Data, client→server 0x02 or server→client 0x01: TunnelID u16, then the data to the end
     * of the frame (for GBCS, a tunnel command: {@link GbcsTunnelCommand}).
     */
    record TransferData(Direction direction, int tunnelId, Bytes data) implements TunnelingCommand {
        public TransferData {
            FieldChecks.required("direction", direction);
            FieldChecks.u16("TunnelID", tunnelId);
            FieldChecks.required("Data", data);
        }

        @Override
        public TunnelingCommandType type() {
            return direction == Direction.CLIENT_TO_SERVER ? TunnelingCommandType.TRANSFER_DATA_CLIENT_TO_SERVER
                    : TunnelingCommandType.TRANSFER_DATA_SERVER_TO_CLIENT;
        }

        @Override
        public int payloadLength() {
            return 2 + data.length();
        }
    }

    /**
     * Transfer Data Error, client→server 0x03 or server→client 0x02: TunnelID u16, TransferDataStatus
     * enum8 ({@link TunnelingCluster#TRANSFER_DATA_STATUS_NO_SUCH_TUNNEL} …).
     */
    record TransferDataError(Direction direction, int tunnelId, int transferDataStatus) implements TunnelingCommand {
        public TransferDataError {
            FieldChecks.required("direction", direction);
            FieldChecks.u16("TunnelID", tunnelId);
            FieldChecks.u8("TransferDataStatus", transferDataStatus);
        }

        @Override
        public TunnelingCommandType type() {
            return direction == Direction.CLIENT_TO_SERVER
                    ? TunnelingCommandType.TRANSFER_DATA_ERROR_CLIENT_TO_SERVER
                    : TunnelingCommandType.TRANSFER_DATA_ERROR_SERVER_TO_CLIENT;
        }

        @Override
        public int payloadLength() {
            return 3;
        }
    }

    /** Close Tunnel, client→server 0x01: TunnelID u16. */
    record CloseTunnel(int tunnelId) implements TunnelingCommand {
        public CloseTunnel {
            FieldChecks.u16("TunnelID", tunnelId);
        }

        @Override
        public TunnelingCommandType type() {
            return TunnelingCommandType.CLOSE_TUNNEL;
        }

        @Override
        public int payloadLength() {
            return 2;
        }
    }
}
