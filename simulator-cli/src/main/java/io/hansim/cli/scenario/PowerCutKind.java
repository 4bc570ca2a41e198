package io.hansim.cli.scenario;

import java.util.List;
import java.util.Map;

/** {@code power-cut}: cut a device's power; volatile state is lost, the non-volatile store kept. */
public final class PowerCutKind implements StepKind<Step.PowerCut> {

    @Override
    public String name() {
        return "power-cut";
    }

    @Override
    public Class<Step.PowerCut> stepType() {
        return Step.PowerCut.class;
    }

    @Override
    public Map<String, List<String>> keys() {
        return Map.of(name(), List.of("device"));
    }

    @Override
    public Step.PowerCut parse(YamlNode body, String path, Position at, ParseContext c) {
        ParseContext.Fields o = c.obj(body, path, name());
        return o == null ? null
                : new Step.PowerCut(c.deviceRef(o.req("device", "a device id"), o.sub("device"), false), at);
    }

    @Override
    public void run(Step.PowerCut p, StepRun run) {
        run.event(p.device(), "power", "power cut");
        run.device(p.device()).powerOff();
    }

    @Override
    public String schemaDefs() {
        return """
                {
                  "power-cut": {
                    "type": "object",
                    "description": "cut a device's power",
                    "properties": {
                      "device": {
                        "type": "string"
                      }
                    },
                    "additionalProperties": false,
                    "required": [
                      "device"
                    ]
                  }
                }
                """;
    }

    @Override
    public String docsRow() {
        return "| `power-cut` | `device` | cut the device's power. Volatile state is lost and the non-volatile store is kept |";
    }
}
