package io.hansim.zigbee.time;

import io.hansim.zigbee.zcl.AttributeDefinition;
import io.hansim.zigbee.zcl.ZclDataType;
import io.hansim.zigbee.zcl.ZclValue;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The Time cluster (0x000A, ZCL §3.12) server attributes the GB HAN uses (requirements G.4): Time, the
 * UTCTime of the server (seconds since 2000-01-01T00:00:00Z), and TimeStatus, a bitmap8 whose bits say
 * whether the server is a master clock and whether it is synchronised. The CH is the HAN's time master
 * and serves TimeStatus {@link #CH_TIME_STATUS} (0x09: Master and Superseding; gbcs.md §6, GBCS §9.1.3).
 */
public enum TimeAttribute implements AttributeDefinition {
    /** UTCTime of the server; 0xFFFFFFFF is invalid. */
    TIME(0x0000, "Time", ZclDataType.UTC_TIME, ZclValue.UtcTime.INVALID),
    /** Bit 0 Master, bit 1 Synchronized, bit 2 MasterZoneDst, bit 3 Superseding. */
    TIME_STATUS(0x0001, "TimeStatus", ZclDataType.BITMAP8, null);

    /** The cluster these attributes belong to. */
    public static final int CLUSTER_ID = 0x000A;

    /** TimeStatus bit 0: the server's Time is set by an external master (it is the master here). */
    public static final int STATUS_MASTER = 0x01;
    /** TimeStatus bit 1: Time has been set over the network. */
    public static final int STATUS_SYNCHRONIZED = 0x02;
    /** TimeStatus bit 2: TimeZone and DST come from the master. */
    public static final int STATUS_MASTER_ZONE_DST = 0x04;
    /** TimeStatus bit 3: this server's time supersedes other Master servers' (with bit 0). */
    public static final int STATUS_SUPERSEDING = 0x08;
    /** What the CH serves (GBCS §9.1.3 via gbcs.md §6): Master | Superseding. */
    public static final int CH_TIME_STATUS = STATUS_MASTER | STATUS_SUPERSEDING;

    private final int id;
    private final String specName;
    private final ZclDataType type;
    private final Optional<ZclValue> defaultValue;

    TimeAttribute(int id, String specName, ZclDataType type, ZclValue defaultValue) {
        this.id = id;
        this.specName = specName;
        this.type = type;
        this.defaultValue = Optional.ofNullable(defaultValue);
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
    public ZclDataType type() {
        return type;
    }

    @Override
    public Optional<ZclValue> defaultValue() {
        return defaultValue;
    }

    @Override
    public OptionalInt maxLength() {
        return OptionalInt.empty();
    }

    /** The attribute with this identifier, if the catalogue has it. */
    public static Optional<TimeAttribute> fromId(int id) {
        for (TimeAttribute a : values()) {
            if (a.id == id) {
                return Optional.of(a);
            }
        }
        return Optional.empty();
    }
}
