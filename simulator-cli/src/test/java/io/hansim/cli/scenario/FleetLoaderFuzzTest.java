package io.hansim.cli.scenario;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.hansim.device.fleet.FleetSpec;

/**
 * Any text is a fleet spec or a {@link ScenarioException} with positioned problems, never another
 * exception (issue 8 reuses issue 7's rule for scenario files); a spec that loads is one FleetSpec
 * accepts.
 */
class FleetLoaderFuzzTest {

    @FuzzTest(maxDuration = "30s")
    void anyTextIsAFleetOrAScenarioException(FuzzedDataProvider in) {
        check(in.consumeRemainingAsString());
    }

    /** A valid fleet file with one span replaced by fuzzed text. */
    @FuzzTest(maxDuration = "30s")
    void mutatedFleetIsAFleetOrAScenarioException(FuzzedDataProvider in) {
        String valid = FleetLoaderTest.VALID;
        int from = in.consumeInt(0, valid.length());
        int to = in.consumeInt(from, Math.min(valid.length(), from + 40));
        check(valid.substring(0, from) + in.consumeRemainingAsString() + valid.substring(to));
    }

    private static void check(String text) {
        try {
            FleetSpec s = FleetLoader.parse(text, "fuzz.yaml");
            assertTrue(s.hubs() >= 1);
            assertTrue(s.mix().ppmidsMax() + s.mix().ihds() + s.mix().hcalcs() <= FleetSpec.MAX_DEVICES_PER_HUB);
            assertTrue(s.mix().hcalcs() == 0 || s.hcalcsImage() != null);
            assertFalse(s.faults().isEmpty());
        } catch (ScenarioException e) {
            assertFalse(e.problems().isEmpty());
            for (ScenarioProblem p : e.problems()) {
                assertTrue(p.position().file().equals("fuzz.yaml"), p.toString());
                assertFalse(p.message().contains("\n"), "one line a problem");
            }
        }
    }
}
