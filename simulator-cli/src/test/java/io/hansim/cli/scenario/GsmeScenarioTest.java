package io.hansim.cli.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The gsme device type and the CS11 step and checks read from scenario text (G.3, G.8). */
class GsmeScenarioTest {
    static final String BASE = """
            name: t
            topology:
              hub: { eui: 00DB1234567890A2 }
              devices:
                - { id: gsme, type: gsme, eui: 00DB1234567890A7, sleepPeriod: 15m, jitter: 10s, eventLogEntries: 4 }
                - { id: ihd, type: ihd, eui: 00DB1234567890A5 }
            steps:
              - clear-event-log: { device: gsme }
              - wait: 20m
              - expect: { device: gsme, cs11: 0x08 }
              - expect: { device: gsme, eventLog: 0 }
            """;

    static List<String> problems(String yaml) {
        ScenarioException e = assertThrows(ScenarioException.class, () -> ScenarioLoader.parse(yaml, "t.yaml", Path.of(".")));
        return e.problems().stream().map(ScenarioProblem::toString).toList();
    }

    @Test
    void g3_gsmeKeysAreRead() throws ScenarioException {
        Scenario s = ScenarioLoader.parse(BASE, "t.yaml", Path.of("."));
        DeviceSpec.Gsme g = (DeviceSpec.Gsme) s.topology().devices().get(0);
        assertEquals(Duration.ofMinutes(15), g.sleepPeriod());
        assertEquals(Duration.ofSeconds(10), g.jitter());
        assertEquals(4, g.eventLogEntries());
        assertEquals(6, g.tunnelProtocolId());
        ClearEventLogKind.ClearEventLog step = (ClearEventLogKind.ClearEventLog) s.steps().get(0);
        assertEquals(3, step.logId());
    }

    @Test
    void badInput_jitterNotBelowTheSleepPeriodIsAnErrorWithItsPosition() {
        assertEquals(List.of("t.yaml:5:80: topology.devices[0].jitter: must be below sleepPeriod (15m), got 15m"),
                problems(BASE.replace("jitter: 10s", "jitter: 15m")));
    }

    @Test
    void badInput_cs11AndItsChecksNameAGsme() {
        List<String> p = problems(BASE.replace("clear-event-log: { device: gsme }", "clear-event-log: { device: ihd }")
                .replace("expect: { device: gsme, cs11", "expect: { device: ihd, cs11"));
        assertEquals(2, p.size(), p.toString());
        assertEquals(true, p.get(0).contains("CS11 clears a GSME's event log (G.8); 'ihd' is not a gsme"), p.get(0));
        assertEquals(true, p.get(1).contains("cs11 is checked on a gsme (G.8)"), p.get(1));
    }
}
