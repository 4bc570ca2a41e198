package io.hansim.zigbee.time;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hansim.zigbee.zcl.ZclDataType;
import io.hansim.zigbee.zcl.ZclValue;
import org.junit.jupiter.api.Test;

/** The Time cluster catalogue (ZCL §3.12; requirements G.4). */
class TimeAttributeTest {
    @Test
    void g4_chTimeStatusIsMasterAndSuperseding0x09() {
        assertEquals(0x09, TimeAttribute.CH_TIME_STATUS);
        assertEquals(0x01, TimeAttribute.STATUS_MASTER);
        assertEquals(0x02, TimeAttribute.STATUS_SYNCHRONIZED);
        assertEquals(0x04, TimeAttribute.STATUS_MASTER_ZONE_DST);
        assertEquals(0x08, TimeAttribute.STATUS_SUPERSEDING);
    }

    @Test
    void g4_timeIsUtcTimeAndTimeStatusBitmap8() {
        assertEquals(0x000A, TimeAttribute.CLUSTER_ID);
        assertEquals(ZclDataType.UTC_TIME, TimeAttribute.TIME.type());
        assertEquals(0x0000, TimeAttribute.TIME.id());
        assertEquals(ZclDataType.BITMAP8, TimeAttribute.TIME_STATUS.type());
        assertEquals(0x0001, TimeAttribute.TIME_STATUS.id());
        assertTrue(TimeAttribute.TIME_STATUS.accepts(ZclValue.bitmap8(0x09)));
        assertEquals(TimeAttribute.TIME_STATUS, TimeAttribute.fromId(1).orElseThrow());
    }
}
