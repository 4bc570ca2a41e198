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
        return Map.of(name(), List.of("device", "corruptImageAt"));
    }

    @Override
    public Step.PowerCut parse(YamlNode body, String path, Position at, ParseContext c) {
        ParseContext.Fields o = c.obj(body, path, name());
        if (o == null) {
            return null;
        }
        String device = c.deviceRef(o.req("device", "a device id"), o.sub("device"), false);
        YamlNode corrupt = o.opt("corruptImageAt");
        java.util.OptionalInt at2 = corrupt == null ? java.util.OptionalInt.empty()
                : java.util.OptionalInt.of((int) c.num(corrupt, o.sub("corruptImageAt"), Integer.MAX_VALUE, 0));
        return new Step.PowerCut(device, at2, at);
    }

    @Override
    public void run(Step.PowerCut p, StepRun run) {
        run.event(p.device(), "power", "power cut");
        run.device(p.device()).powerOff();
        if (p.corruptImageAt().isPresent()) {
            int offset = p.corruptImageAt().getAsInt();
            try {
                // G.7 0x8F1B: the flash loses an octet of the held image while the power is off
                run.device(p.device()).store().corruptCandidate(offset);
                run.event(p.device(), "fault", "flash: octet " + offset + " of the held image corrupted");
            } catch (IllegalArgumentException e) {
                run.event(p.device(), "fault", "flash not corrupted: " + e.getMessage());
            }
        }
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
                      },
                      "corruptImageAt": {
                        "type": "integer",
                        "minimum": 0,
                        "description": "offset of an octet of the held image the flash loses while off (G.7 0x8F1B at power-on)"
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
        return "| `power-cut` | `device`, `corruptImageAt` (optional octet offset) | cut the device's power. Volatile state is lost and the non-volatile store is kept; with `corruptImageAt` the held image loses that octet (a device that verifies again at power-on raises 0x8F1B, G.7) |";
    }
}
