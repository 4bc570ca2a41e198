package io.hansim.cli.scenario;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/** {@code wait}: let virtual time pass, e.g. {@code - wait: 30m}. */
public final class WaitKind implements StepKind<Step.Wait> {

    @Override
    public String name() {
        return "wait";
    }

    @Override
    public Class<Step.Wait> stepType() {
        return Step.Wait.class;
    }

    @Override
    public Map<String, List<String>> keys() {
        return Map.of(); // its value is a duration, not a mapping
    }

    @Override
    public Step.Wait parse(YamlNode body, String path, Position at, ParseContext c) {
        return new Step.Wait(c.duration(body, path, Duration.ZERO), at);
    }

    @Override
    public void run(Step.Wait w, StepRun run) {
        run.event("hub", "step", "wait " + Values.durationText(w.duration()) + " (" + w.position() + ")");
        run.advance(w.duration().toNanos() / 1000);
    }

    @Override
    public String stepSchema() {
        return "{\"$ref\": \"#/$defs/duration\"}";
    }

    @Override
    public String schemaDefs() {
        return "{}";
    }

    @Override
    public String docsRow() {
        return "| `wait` | a duration, e.g. `- wait: 30m` | let virtual time pass |";
    }
}
