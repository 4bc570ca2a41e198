package io.hansim.cli.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

/**
 * Any text is a validated model or a {@link ScenarioException}, never another exception (issue 7,
 * DESIGN.md §6); a model that loads keeps the loader's promises.
 */
class ScenarioLoaderFuzzTest {

    /** Arbitrary text. */
    @FuzzTest(maxDuration = "30s")
    void anyTextIsAModelOrAScenarioException(FuzzedDataProvider in) {
        check(in.consumeRemainingAsString());
    }

    /** A valid scenario with one span replaced by fuzzed text: reaches deep into the mapper. */
    @FuzzTest(maxDuration = "30s")
    void mutatedScenarioIsAModelOrAScenarioException(FuzzedDataProvider in) {
        String valid = ScenarioLoaderTest.VALID;
        int from = in.consumeInt(0, valid.length());
        int to = in.consumeInt(from, Math.min(valid.length(), from + 40));
        check(valid.substring(0, from) + in.consumeRemainingAsString() + valid.substring(to));
    }

    private static void check(String text) {
        try {
            Scenario s = ScenarioLoader.parse(text, "fuzz.yaml", Path.of("."));
            Set<String> ids = new HashSet<>();
            Set<Long> euis = new HashSet<>();
            euis.add(s.topology().hub().eui64());
            for (DeviceSpec d : s.topology().devices()) {
                assertTrue(ids.add(d.id()), "device ids are unique: " + d.id());
                assertTrue(euis.add(d.eui64()), "EUI-64s are unique: " + d.id());
            }
            Set<String> images = new HashSet<>();
            s.images().forEach(i -> assertTrue(images.add(i.id()), "image ids are unique"));
            for (Step step : s.steps()) {
                if (step instanceof Step.Distribute d) {
                    assertTrue(images.contains(d.image()), "distributed image exists: " + d.image());
                    d.to().forEach(t -> assertTrue(ids.contains(t), "target exists: " + t));
                } else if (step instanceof Step.Await a) {
                    assertTrue(ids.contains(a.device()), "awaited device exists: " + a.device());
                    assertFalse(a.timeout().isNegative());
                }
            }
            for (FaultSpec f : s.faults()) {
                assertTrue(f.lossPercent() >= 0 && f.lossPercent() <= 100, "loss in 0..100");
            }
        } catch (ScenarioException e) {
            assertFalse(e.problems().isEmpty());
            for (ScenarioProblem p : e.problems()) {
                assertEquals("fuzz.yaml", p.position().file());
                assertTrue(p.position().line() >= 0 && p.position().column() >= 0, p.toString());
                assertFalse(p.toString().contains("\n") || p.toString().contains("\r"), "one line a problem: " + p);
            }
        }
    }
}
