package io.hansim.zigbee.metering;

import io.hansim.zigbee.zcl.AttributeDefinition;
import io.hansim.zigbee.zcl.ZclDataType;
import io.hansim.zigbee.zcl.ZclValue;
import java.util.Optional;

/**
 * The Metering cluster 0x0702 (ZigBee Smart Energy 1.4 Annex D.3) server attributes an IHD or PPMID
 * reads for consumption history, the data a Change of Tenancy clears on the display side
 * (requirements R56.3). Identifiers from Wireshark {@code packet-zbee-zcl-se.c}
 * ({@code zbee_zcl_met_attr_names}); types from SE 1.4 Tables D-22 and D-29: summation uint48,
 * day and week consumption uint24, month consumption uint32, Multiplier and Divisor uint24.
 * The previous-period attributes step by 2 (the odd identifiers are the "Received" twins, not
 * listed here).
 *
 * <p>No defaults: a meter model supplies every value. See {@link MeteringHistory} for building Read
 * Attributes Response records from a list of historic values.
 */
public enum MeteringAttribute implements AttributeDefinition {
    /** Meter reading, in UnitOfMeasure scaled by Multiplier/Divisor. */
    CURRENT_SUMMATION_DELIVERED(0x0000, "CurrentSummationDelivered", ZclDataType.UINT48),
    /** 0x00 kWh (electricity), 0x01 m³, ...; SE 1.4 Table D-24. */
    UNIT_OF_MEASURE(0x0300, "UnitOfMeasure", ZclDataType.ENUM8),
    MULTIPLIER(0x0301, "Multiplier", ZclDataType.UINT24),
    DIVISOR(0x0302, "Divisor", ZclDataType.UINT24),
    SUMMATION_FORMATTING(0x0303, "SummationFormatting", ZclDataType.BITMAP8),
    METERING_DEVICE_TYPE(0x0306, "MeteringDeviceType", ZclDataType.BITMAP8),
    CURRENT_DAY_CONSUMPTION_DELIVERED(0x0401, "CurrentDayConsumptionDelivered", ZclDataType.UINT24),
    PREVIOUS_DAY_CONSUMPTION_DELIVERED(0x0403, "PreviousDayConsumptionDelivered", ZclDataType.UINT24),
    PREVIOUS_DAY_2_CONSUMPTION_DELIVERED(0x0420, "PreviousDay2ConsumptionDelivered", ZclDataType.UINT24),
    PREVIOUS_DAY_3_CONSUMPTION_DELIVERED(0x0422, "PreviousDay3ConsumptionDelivered", ZclDataType.UINT24),
    PREVIOUS_DAY_4_CONSUMPTION_DELIVERED(0x0424, "PreviousDay4ConsumptionDelivered", ZclDataType.UINT24),
    PREVIOUS_DAY_5_CONSUMPTION_DELIVERED(0x0426, "PreviousDay5ConsumptionDelivered", ZclDataType.UINT24),
    PREVIOUS_DAY_6_CONSUMPTION_DELIVERED(0x0428, "PreviousDay6ConsumptionDelivered", ZclDataType.UINT24),
    PREVIOUS_DAY_7_CONSUMPTION_DELIVERED(0x042A, "PreviousDay7ConsumptionDelivered", ZclDataType.UINT24),
    PREVIOUS_DAY_8_CONSUMPTION_DELIVERED(0x042C, "PreviousDay8ConsumptionDelivered", ZclDataType.UINT24),
    CURRENT_WEEK_CONSUMPTION_DELIVERED(0x0430, "CurrentWeekConsumptionDelivered", ZclDataType.UINT24),
    PREVIOUS_WEEK_CONSUMPTION_DELIVERED(0x0432, "PreviousWeekConsumptionDelivered", ZclDataType.UINT24),
    PREVIOUS_WEEK_2_CONSUMPTION_DELIVERED(0x0434, "PreviousWeek2ConsumptionDelivered", ZclDataType.UINT24),
    PREVIOUS_WEEK_3_CONSUMPTION_DELIVERED(0x0436, "PreviousWeek3ConsumptionDelivered", ZclDataType.UINT24),
    PREVIOUS_WEEK_4_CONSUMPTION_DELIVERED(0x0438, "PreviousWeek4ConsumptionDelivered", ZclDataType.UINT24),
    PREVIOUS_WEEK_5_CONSUMPTION_DELIVERED(0x043A, "PreviousWeek5ConsumptionDelivered", ZclDataType.UINT24),
    CURRENT_MONTH_CONSUMPTION_DELIVERED(0x0440, "CurrentMonthConsumptionDelivered", ZclDataType.UINT32),
    PREVIOUS_MONTH_CONSUMPTION_DELIVERED(0x0442, "PreviousMonthConsumptionDelivered", ZclDataType.UINT32),
    PREVIOUS_MONTH_2_CONSUMPTION_DELIVERED(0x0444, "PreviousMonth2ConsumptionDelivered", ZclDataType.UINT32),
    PREVIOUS_MONTH_3_CONSUMPTION_DELIVERED(0x0446, "PreviousMonth3ConsumptionDelivered", ZclDataType.UINT32),
    PREVIOUS_MONTH_4_CONSUMPTION_DELIVERED(0x0448, "PreviousMonth4ConsumptionDelivered", ZclDataType.UINT32),
    PREVIOUS_MONTH_5_CONSUMPTION_DELIVERED(0x044A, "PreviousMonth5ConsumptionDelivered", ZclDataType.UINT32),
    PREVIOUS_MONTH_6_CONSUMPTION_DELIVERED(0x044C, "PreviousMonth6ConsumptionDelivered", ZclDataType.UINT32),
    PREVIOUS_MONTH_7_CONSUMPTION_DELIVERED(0x044E, "PreviousMonth7ConsumptionDelivered", ZclDataType.UINT32),
    PREVIOUS_MONTH_8_CONSUMPTION_DELIVERED(0x0450, "PreviousMonth8ConsumptionDelivered", ZclDataType.UINT32),
    PREVIOUS_MONTH_9_CONSUMPTION_DELIVERED(0x0452, "PreviousMonth9ConsumptionDelivered", ZclDataType.UINT32),
    PREVIOUS_MONTH_10_CONSUMPTION_DELIVERED(0x0454, "PreviousMonth10ConsumptionDelivered", ZclDataType.UINT32),
    PREVIOUS_MONTH_11_CONSUMPTION_DELIVERED(0x0456, "PreviousMonth11ConsumptionDelivered", ZclDataType.UINT32),
    PREVIOUS_MONTH_12_CONSUMPTION_DELIVERED(0x0458, "PreviousMonth12ConsumptionDelivered", ZclDataType.UINT32),
    PREVIOUS_MONTH_13_CONSUMPTION_DELIVERED(0x045A, "PreviousMonth13ConsumptionDelivered", ZclDataType.UINT32);

    /** The cluster these attributes belong to. */
    public static final int CLUSTER_ID = 0x0702;

    private final int id;
    private final String specName;
    private final ZclDataType type;

    MeteringAttribute(int id, String specName, ZclDataType type) {
        this.id = id;
        this.specName = specName;
        this.type = type;
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
        return Optional.empty();
    }

    /** The attribute with this identifier, if the catalogue has it. */
    public static Optional<MeteringAttribute> fromId(int id) {
        for (MeteringAttribute a : values()) {
            if (a.id == id) {
                return Optional.of(a);
            }
        }
        return Optional.empty();
    }
}
