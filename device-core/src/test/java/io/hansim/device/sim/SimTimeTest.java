package io.hansim.device.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class SimTimeTest {
    private static final Instant EPOCH_2015 = Instant.parse("2015-01-01T00:00:00Z");

    @Test
    void utcTimeOf2015IsTheKnownConstant() {
        // zigbee-ota.md §5.1: 0x1C374A80 = 2015-01-01T00:00:00Z
        SimTime t = new SimTime(EPOCH_2015);
        assertEquals(0x1C374A80L, t.zclUtcTimeAt(0));
        assertEquals(0x1C374A80L, t.zclUtcTimeAt(SimTime.seconds(1) - 1));
        assertEquals(0x1C374A81L, t.zclUtcTimeAt(SimTime.seconds(1)));
    }

    @Test
    void utcTimeMapsBackToVirtualTime() {
        SimTime t = new SimTime(EPOCH_2015);
        assertEquals(SimTime.seconds(90), t.microsAtZclUtcTime(0x1C374A80L + 90));
        assertEquals(Long.MIN_VALUE, t.microsAtZclUtcTime(SimTime.ZCL_UTC_INVALID));
    }

    @Test
    void timesPastTheFieldAreInvalid() {
        SimTime t = new SimTime(SimTime.ZCL_EPOCH.plusSeconds(0xFFFF_FFFEL));
        assertEquals(0xFFFF_FFFEL, t.zclUtcTimeAt(0));
        assertEquals(SimTime.ZCL_UTC_INVALID, t.zclUtcTimeAt(SimTime.seconds(1)));
    }

    @Test
    void refusesEpochBeforeZclEpoch() {
        assertThrows(IllegalArgumentException.class, () -> new SimTime(Instant.parse("1999-12-31T23:59:59Z")));
    }

    @Test
    void formatsForHumans() {
        assertEquals("+00:00:00.000", SimTime.format(0));
        assertEquals("+25:01:02.003", SimTime.format(SimTime.seconds(25 * 3600 + 62) + SimTime.millis(3)));
        assertEquals("-00:00:01.500", SimTime.format(-SimTime.millis(1500)));
    }
}
