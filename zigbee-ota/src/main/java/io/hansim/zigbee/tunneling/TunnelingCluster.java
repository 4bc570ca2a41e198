package io.hansim.zigbee.tunneling;

/**
 * Constants of the Smart Energy Tunneling cluster 0x0704 (SE 1.4 Annex D.6) as GB uses it: GBCS
 * messages cross the HAN between the CH and the ESME/GSME inside Transfer Data (requirements G.3,
 * gbcs.md §6).
 */
public final class TunnelingCluster {
    /** The cluster identifier. */
    public static final int CLUSTER_ID = 0x0704;

    /**
     * The Request Tunnel ProtocolID hansim uses for GBCS unless configured otherwise: 6, the SE 1.4
     * table's "GB-HRGP" entry. Which value GB devices really send is (unconfirmed) (gbcs.md §6), so the
     * roles take it as configuration.
     */
    public static final int DEFAULT_GBCS_PROTOCOL_ID = 6;

    /** MaximumIncomingTransferSize the CH announces in Request Tunnel Response (HenryGiraldo/gbcs {@code c/ch.c}, gbcs.md §6). */
    public static final int GB_MAXIMUM_INCOMING_TRANSFER_SIZE = 1500;

    /** Request Tunnel Response TunnelStatus 0x00: the tunnel is open (SE 1.4 D.6.2.4.1). */
    public static final int TUNNEL_STATUS_SUCCESS = 0x00;
    /** TunnelStatus 0x01: the server has no tunnel free. */
    public static final int TUNNEL_STATUS_BUSY = 0x01;
    /** TunnelStatus 0x02: no more tunnels for this client. */
    public static final int TUNNEL_STATUS_NO_MORE_TUNNEL_IDS = 0x02;
    /** TunnelStatus 0x03: the server does not speak the ProtocolID. */
    public static final int TUNNEL_STATUS_PROTOCOL_NOT_SUPPORTED = 0x03;
    /** TunnelStatus 0x04: flow control was asked for and is not supported. */
    public static final int TUNNEL_STATUS_FLOW_CONTROL_NOT_SUPPORTED = 0x04;

    /** TransferDataStatus 0x00: no such tunnel (SE 1.4 D.6.2.4.3). */
    public static final int TRANSFER_DATA_STATUS_NO_SUCH_TUNNEL = 0x00;
    /** TransferDataStatus 0x01: the tunnel belongs to another client. */
    public static final int TRANSFER_DATA_STATUS_WRONG_DEVICE = 0x01;
    /** TransferDataStatus 0x02: more data than the receiver's MaximumIncomingTransferSize. */
    public static final int TRANSFER_DATA_STATUS_DATA_OVERFLOW = 0x02;

    private TunnelingCluster() {
    }
}
