package io.hansim.zigbee.ota.client;

/**
 * How a client reads the MinimumBlockPeriod a server sends in WAIT_FOR_DATA (zigbee-ota.md §5.3,
 * §5.4). The unit changed twice between specification versions; Silicon Labs decides it by the
 * OTA ClusterRevision ({@link #forClusterRevision(int)}).
 */
public enum MinimumBlockPeriodUnit {
    /** 09-5264 r23 §6.7.10, and ClusterRevision 1 and 3 in Silicon Labs' client. */
    MILLISECONDS(1_000L),
    /** 15-0324-02 §11.10.10, and ClusterRevision 2 in Silicon Labs' client. */
    SECONDS(1_000_000L),
    /**
     * The client neither adopts the server's value nor sends the field in its Image Block Requests
     * (Silicon Labs with the feature disabled).
     */
    IGNORED(0L);

    private final long micros;

    MinimumBlockPeriodUnit(long micros) {
        this.micros = micros;
    }

    /** One unit in microseconds; 0 for {@link #IGNORED}. */
    public long micros() {
        return micros;
    }

    /**
     * Silicon Labs' rule (zigbee-ota.md §5.4): revision 2 is seconds, revisions 1 and 3 are
     * milliseconds. Later revisions (Espressif declares 4; its unit is unconfirmed) are taken as
     * milliseconds here.
     */
    public static MinimumBlockPeriodUnit forClusterRevision(int clusterRevision) {
        return clusterRevision == 2 ? SECONDS : MILLISECONDS;
    }
}
