package io.hansim.zigbee.events;

/**
 * Constants of the Smart Energy / GBZ Events cluster 0x0709 (SE 1.4 Annex D.11) as CS11 "Clear ZigBee
 * Device Event Log" uses it (requirements G.8, gbcs.md §8.2). The meaning of the Log ID values and of
 * the ClearedEventsLogs bits below follows the SE 1.4 table; the RTDS CS11 vectors confirm only that
 * Log ID 0x03 is answered with 0x08 (success) or 0x00 (error), so the rest is (unconfirmed).
 */
public final class EventsCluster {
    /** The cluster identifier. */
    public static final int CLUSTER_ID = 0x0709;

    /** Log ID 0x00: all logs. */
    public static final int LOG_ALL = 0x00;
    /** Log ID 0x01: tamper log. */
    public static final int LOG_TAMPER = 0x01;
    /** Log ID 0x02: fault log. */
    public static final int LOG_FAULT = 0x02;
    /** Log ID 0x03: general event log (the one the RTDS CS11 vectors clear). */
    public static final int LOG_GENERAL = 0x03;
    /** Log ID 0x04: security event log. */
    public static final int LOG_SECURITY = 0x04;
    /** Log ID 0x05: network event log. */
    public static final int LOG_NETWORK = 0x05;

    /** ClearedEventsLogs 0x00: nothing was cleared (the RTDS error vector). */
    public static final int CLEARED_NONE = 0x00;
    /** ClearedEventsLogs bit 0: all logs were cleared. */
    public static final int CLEARED_ALL = 0x01;

    private EventsCluster() {
    }

    /**
     * The ClearedEventsLogs bit for a cleared log: bit {@code logId} (0 all logs, 3 general event log
     * = 0x08 as in the RTDS success vector); logs past bit 7 have no bit (0).
     */
    public static int clearedBit(int logId) {
        return logId >= 0 && logId <= 7 ? 1 << logId : 0;
    }
}
