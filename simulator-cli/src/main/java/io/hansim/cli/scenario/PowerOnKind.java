package io.hansim.cli.scenario;

import java.util.List;
import java.util.Map;

/** {@code power-on}: restore a device's power. */
public final class PowerOnKind implements StepKind<Step.PowerOn> {

    @Override
    public String name() {
        return "power-on";
    }

    @Override
    public Class<Step.PowerOn> stepType() {
        return Step.PowerOn.class;
    }

    @Override
    public Map<String, List<String>> keys() {
        return Map.of(name(), List.of("device"));
    }

    @Override
    public Step.PowerOn parse(YamlNode body, String path, Position at, ParseContext c) {
        ParseContext.Fields o = c.obj(body, path, name());
        return o == null ? null
                : new Step.PowerOn(c.deviceRef(o.req("device", "a device id"), o.sub("device"), false), at);
    }

    @Override
    public void run(Step.PowerOn p, StepRun run) {
        run.event(p.device(), "power", "power on");
        run.device(p.device()).powerOn();
    }

    @Override
    public String schemaDefs() {
        return """
                {
                  "power-on": {
                    "type": "object",
                    "description": "restore a device's power",
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
        return "| `power-on` | `device` | restore the device's power |";
    }
}
