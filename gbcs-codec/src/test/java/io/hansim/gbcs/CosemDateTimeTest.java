package io.hansim.gbcs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class CosemDateTimeTest {
    @Test
    void encodesUtcWithDayOfWeekAndZeroDeviation() {
        // 2026-12-01 is a Tuesday (COSEM day of week 2).
        ByteString b = CosemDateTime.of(Instant.parse("2026-12-01T13:45:30.25Z"));
        assertEquals("07EA0C01020D2D1E19000000", b.toHex());
        assertEquals(Instant.parse("2026-12-01T13:45:30.25Z"), CosemDateTime.toInstant(b, 0));
    }

    @Test
    void readsADeviationAndNotSpecifiedHundredths() {
        ByteString b = ByteString.ofHex("07EA0C01020D2D1EFF003C00");
        assertEquals(Instant.parse("2026-12-01T14:45:30Z"), CosemDateTime.toInstant(b, 0));
    }

    @Test
    void refusesImpossibleDatesWithTheOffset() {
        GbcsDecodeException e = assertThrows(GbcsDecodeException.class,
                () -> CosemDateTime.toInstant(ByteString.ofHex("07EA0D01020D2D1E00000000"), 40));
        assertEquals(40, e.offset());
        assertThrows(GbcsDecodeException.class, () -> CosemDateTime.toInstant(ByteString.ofHex("0102"), 0));
        assertThrows(GbcsDecodeException.class,
                () -> CosemDateTime.toInstant(ByteString.ofHex("FFFF0C01020D2D1E00000000"), 0));
    }

    @Test
    void generalizedTimeBothWays() {
        assertEquals("20261201000000Z", CosemDateTime.generalizedTime(Instant.parse("2026-12-01T00:00:00Z")));
        assertEquals(Instant.parse("2026-12-01T00:00:00Z"), CosemDateTime.fromGeneralizedTime("20261201000000Z"));
        assertThrows(IllegalArgumentException.class, () -> CosemDateTime.fromGeneralizedTime("2026-12-01"));
    }
}
