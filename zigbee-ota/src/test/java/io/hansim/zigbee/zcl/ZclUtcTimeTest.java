package io.hansim.zigbee.zcl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** ZCL UTCTime, seconds since 2000-01-01T00:00:00Z (zigbee-ota.md §5.1). */
class ZclUtcTimeTest {

    @Test
    void referencePoints() {
        assertEquals(Instant.parse("2000-01-01T00:00:00Z"), ZclUtcTime.EPOCH);
        assertEquals(Instant.parse("2000-01-01T00:00:00Z"), ZclUtcTime.toInstant(0));
        // zigbee-ota.md §5.1: 0x1C374A80 = 2015-01-01T00:00:00Z
        assertEquals(Instant.parse("2015-01-01T00:00:00Z"), ZclUtcTime.toInstant(0x1C374A80L));
        assertEquals(0x1C374A80L, ZclUtcTime.fromInstant(Instant.parse("2015-01-01T00:00:00Z")));
        assertEquals(Instant.parse("2136-02-07T06:28:14Z"), ZclUtcTime.toInstant(ZclUtcTime.MAX_VALID));
    }

    @Test
    void theNonValue() {
        assertFalse(ZclUtcTime.isValid(0xFFFF_FFFFL));
        assertTrue(ZclUtcTime.toInstantIfValid(0xFFFF_FFFFL).isEmpty());
        assertThrows(IllegalArgumentException.class, () -> ZclUtcTime.toInstant(ZclUtcTime.INVALID));
        assertThrows(IllegalArgumentException.class, () -> ZclUtcTime.toInstant(-1));
        assertThrows(IllegalArgumentException.class, () -> ZclUtcTime.toInstantIfValid(0x1_0000_0000L));
        assertThrows(IllegalArgumentException.class,
                () -> ZclUtcTime.fromInstant(Instant.parse("2136-02-07T06:28:15Z")));
    }

    @Test
    void fromInstantRoundsDownAndRefusesTheNineties() {
        assertEquals(1, ZclUtcTime.fromInstant(Instant.parse("2000-01-01T00:00:01.999Z")));
        assertThrows(IllegalArgumentException.class,
                () -> ZclUtcTime.fromInstant(Instant.parse("1999-12-31T23:59:59Z")));
        assertThrows(IllegalArgumentException.class,
                () -> ZclUtcTime.fromInstant(Instant.parse("1999-12-31T23:59:59.5Z")));
    }

    @Test
    void roundTrip() {
        for (long s = 0; s < 0xFFFF_FFFFL; s += 0x0123_4567L) {
            assertEquals(s, ZclUtcTime.fromInstant(ZclUtcTime.toInstant(s)));
        }
    }
}
