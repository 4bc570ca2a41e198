package io.hansim.zigbee.metering;

import io.hansim.zigbee.metering.MeteringHistory.Period;
import io.hansim.zigbee.zcl.GeneralCommandCodec;
import io.hansim.zigbee.zcl.GeneralFrame;
import io.hansim.zigbee.zcl.ReadAttributesResponse;
import io.hansim.zigbee.zcl.ReadAttributesResponse.StatusRecord;
import io.hansim.zigbee.zcl.ZclDataType;
import io.hansim.zigbee.zcl.ZclHeader.Direction;
import io.hansim.zigbee.zcl.ZclStatus;
import io.hansim.zigbee.zcl.ZclValue;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Metering attribute identifiers (Wireshark {@code zbee_zcl_met_attr_names}) and the history helper. */
class MeteringHistoryTest {

    @Test
    void identifiersAndTypesMatchTheSpecificationTables() {
        assertEquals(0x0702, MeteringAttribute.CLUSTER_ID);
        assertEquals(0x0000, MeteringAttribute.CURRENT_SUMMATION_DELIVERED.id());
        assertEquals(ZclDataType.UINT48, MeteringAttribute.CURRENT_SUMMATION_DELIVERED.type());
        assertEquals(0x0300, MeteringAttribute.UNIT_OF_MEASURE.id());
        assertEquals(0x0301, MeteringAttribute.MULTIPLIER.id());
        assertEquals(0x0302, MeteringAttribute.DIVISOR.id());
        assertEquals(ZclDataType.UINT24, MeteringAttribute.DIVISOR.type());
        assertEquals(0x0401, MeteringAttribute.CURRENT_DAY_CONSUMPTION_DELIVERED.id());
        assertEquals(0x0403, MeteringAttribute.PREVIOUS_DAY_CONSUMPTION_DELIVERED.id());
        assertEquals(0x0420, MeteringAttribute.PREVIOUS_DAY_2_CONSUMPTION_DELIVERED.id());
        assertEquals(0x042C, MeteringAttribute.PREVIOUS_DAY_8_CONSUMPTION_DELIVERED.id());
        assertEquals(0x0430, MeteringAttribute.CURRENT_WEEK_CONSUMPTION_DELIVERED.id());
        assertEquals(0x0432, MeteringAttribute.PREVIOUS_WEEK_CONSUMPTION_DELIVERED.id());
        assertEquals(0x043A, MeteringAttribute.PREVIOUS_WEEK_5_CONSUMPTION_DELIVERED.id());
        assertEquals(0x0440, MeteringAttribute.CURRENT_MONTH_CONSUMPTION_DELIVERED.id());
        assertEquals(ZclDataType.UINT32, MeteringAttribute.CURRENT_MONTH_CONSUMPTION_DELIVERED.type());
        assertEquals(0x0442, MeteringAttribute.PREVIOUS_MONTH_CONSUMPTION_DELIVERED.id());
        assertEquals(0x045A, MeteringAttribute.PREVIOUS_MONTH_13_CONSUMPTION_DELIVERED.id());
        Set<Integer> ids = new HashSet<>();
        for (MeteringAttribute a : MeteringAttribute.values()) {
            assertTrue(ids.add(a.id()), "duplicate id " + a);
            assertEquals(a, MeteringAttribute.fromId(a.id()).orElseThrow());
        }
    }

    @Test
    void periodsReachTheLastDefinedAttribute() {
        assertEquals(8, Period.DAY.depth());
        assertEquals(5, Period.WEEK.depth());
        assertEquals(13, Period.MONTH.depth());
        assertEquals(MeteringAttribute.CURRENT_DAY_CONSUMPTION_DELIVERED, Period.DAY.attribute(0));
        assertEquals(MeteringAttribute.PREVIOUS_DAY_CONSUMPTION_DELIVERED, Period.DAY.attribute(1));
        assertEquals(0x0422, Period.DAY.attribute(3).id());
        assertEquals(0x0438, Period.WEEK.attribute(4).id());
        assertEquals(0x0450, Period.MONTH.attribute(8).id());
        assertThrows(IllegalArgumentException.class, () -> Period.DAY.attribute(9));
        assertThrows(IllegalArgumentException.class, () -> Period.WEEK.attribute(-1));
    }

    @Test
    void historyBecomesReadAttributesResponseRecords() {
        List<StatusRecord> records = MeteringHistory.records(Period.DAY, List.of(5L, 12L, 0x123456L));
        assertEquals(List.of(
                StatusRecord.success(0x0401, new ZclValue.UnsignedInt(ZclDataType.UINT24, 5)),
                StatusRecord.success(0x0403, new ZclValue.UnsignedInt(ZclDataType.UINT24, 12)),
                StatusRecord.success(0x0420, new ZclValue.UnsignedInt(ZclDataType.UINT24, 0x123456))), records);
        // On the air: id, SUCCESS, type 0x22 (uint24), little-endian value.
        byte[] frame = GeneralCommandCodec.encode(GeneralFrame.of(Direction.SERVER_TO_CLIENT, true, 9,
                new ReadAttributesResponse(records.subList(2, 3))));
        assertEquals("18090120040022563412", HexFormat.of().formatHex(frame));
        assertThrows(IllegalArgumentException.class, () -> MeteringHistory.records(Period.DAY, List.of(1L << 24)));
        assertThrows(IllegalArgumentException.class,
                () -> MeteringHistory.records(Period.WEEK, List.of(1L, 2L, 3L, 4L, 5L, 6L, 7L)));
        assertEquals(ZclDataType.UINT32,
                MeteringHistory.records(Period.MONTH, List.of(0xFFFF_FFFEL)).get(0).value().type());
    }

    @Test
    void r56_5_clearedHistoryReadsAsUnsupported() {
        var response = MeteringHistory.respond(List.of(0x0401, 0x0403),
                Map.of(0x0401, MeteringHistory.value(MeteringAttribute.CURRENT_DAY_CONSUMPTION_DELIVERED, 7)));
        assertEquals(ZclStatus.SUCCESS, response.records().get(0).status());
        assertEquals(StatusRecord.failure(0x0403, ZclStatus.UNSUPPORTED_ATTRIBUTE), response.records().get(1));
        assertThrows(IllegalArgumentException.class, () -> MeteringHistory.respond(List.of(0x0401),
                Map.of(0x0401, ZclValue.uint32(7))));
        assertEquals(ZclDataType.ENUM8, MeteringHistory.value(MeteringAttribute.UNIT_OF_MEASURE, 0).type());
    }
}
