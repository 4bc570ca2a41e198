package io.hansim.device.meter;

import io.hansim.device.consumption.ConsumptionCalendar;
import io.hansim.device.consumption.ConsumptionModel;
import io.hansim.device.cot.ChangeOfTenancy;
import static io.hansim.device.Fixtures.ESME;
import static io.hansim.device.Fixtures.HOUR;
import static io.hansim.device.Fixtures.SECOND;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hansim.device.Fixtures;
import io.hansim.device.Simulation;
import io.hansim.zigbee.metering.MeteringAttribute;
import io.hansim.zigbee.metering.MeteringHistory.Period;
import io.hansim.zigbee.zcl.ZclValue;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The consumption calendar and model, and what a meter's Metering reads give before and after a CoT (R56.7). */
class MeterDeviceTest {
    static final long DAY = 86_400;

    static long utc(String date) {
        return LocalDate.parse(date).atStartOfDay(ZoneOffset.UTC).toEpochSecond()
                - Instant.parse("2000-01-01T00:00:00Z").getEpochSecond();
    }

    @Test
    void periodsStartAtMidnightOnMondayAndOnTheFirst() {
        long t = utc("2025-03-05") + 13 * 3600; // a Wednesday afternoon
        assertEquals(utc("2025-03-05"), ConsumptionCalendar.start(Period.DAY, t, 0));
        assertEquals(utc("2025-03-04"), ConsumptionCalendar.start(Period.DAY, t, 1));
        assertEquals(utc("2025-03-03"), ConsumptionCalendar.start(Period.WEEK, t, 0));
        assertEquals(utc("2025-02-24"), ConsumptionCalendar.start(Period.WEEK, t, 1));
        assertEquals(utc("2025-03-01"), ConsumptionCalendar.start(Period.MONTH, t, 0));
        assertEquals(utc("2024-12-01"), ConsumptionCalendar.start(Period.MONTH, t, 3));
        assertEquals(utc("2025-04-01"), ConsumptionCalendar.end(Period.MONTH, t, 0));
        assertEquals(utc("2025-03-01"), ConsumptionCalendar.end(Period.MONTH, t, 1));
        assertEquals(new ConsumptionCalendar.Slot(Period.DAY, 2), ConsumptionCalendar.slot(0x0420).orElseThrow());
        assertTrue(ConsumptionCalendar.slot(0x0000).isEmpty());
    }

    @Test
    void theRegisterSumsTheDaysAndIsDeterministic() {
        ConsumptionModel m = new ConsumptionModel(ESME);
        long d = utc("2025-01-10");
        assertEquals(m.dailyWh(d / DAY), m.between(d, d + DAY));
        assertEquals(m.dailyWh(d / DAY) / 2, m.between(d, d + DAY / 2));
        assertEquals(new ConsumptionModel(ESME).summationAt(d), m.summationAt(d));
        assertFalse(new ConsumptionModel(ESME + 1).summationAt(d) == m.summationAt(d));
    }

    @Test
    void r56_7_after_a_cot_history_before_it_is_restricted_and_a_spanning_period_counts_from_it() {
        Simulation sim = Simulation.builder().seed(1).hub(Fixtures.hub())
                .electricityMeter(new ElectricityMeter.Spec("esme", ESME, 0x0005, 1)).build();
        ElectricityMeter esme = sim.electricityMeter(ESME);
        sim.advance(10 * 24 * HOUR + 12 * HOUR); // day 10, noon
        long now = esme.utcNow();
        List<Integer> ids = List.of(0x0401, 0x0403, 0x0420, 0x0000);
        Map<Integer, ZclValue> before = esme.meteringValues(ids);
        assertEquals(4, before.size());
        long cot = now - 6 * 3600; // 06:00 today
        esme.setChangeOfTenancy(new ChangeOfTenancy(now, cot, ChangeOfTenancy.CLEAR_IHD_DATA_CONSUMER));
        sim.advance(SECOND);
        Map<Integer, ZclValue> after = esme.meteringValues(ids);
        assertFalse(after.containsKey(MeteringAttribute.PREVIOUS_DAY_CONSUMPTION_DELIVERED.id()));
        assertFalse(after.containsKey(MeteringAttribute.PREVIOUS_DAY_2_CONSUMPTION_DELIVERED.id()));
        long today = ((ZclValue.UnsignedInt) after.get(0x0401)).value();
        assertEquals(esme.consumption().between(cot, esme.utcNow()), today, "today counts from the CoT");
        assertTrue(today < ((ZclValue.UnsignedInt) before.get(0x0401)).value());
        assertTrue(after.containsKey(0x0000), "the register is not restricted");
    }

    @Test
    void r56_7_a_future_cot_restricts_nothing_yet() {
        Simulation sim = Simulation.builder().seed(1).hub(Fixtures.hub())
                .electricityMeter(new ElectricityMeter.Spec("esme", ESME, 0x0005, 1)).build();
        ElectricityMeter esme = sim.electricityMeter(ESME);
        sim.advance(3 * 24 * HOUR);
        esme.setChangeOfTenancy(new ChangeOfTenancy(1, esme.utcNow() + DAY, 0x200));
        assertEquals(1, esme.meteringValues(List.of(0x0403)).size());
    }
}
