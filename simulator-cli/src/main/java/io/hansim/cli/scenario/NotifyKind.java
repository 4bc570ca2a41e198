package io.hansim.cli.scenario;

import io.hansim.zigbee.ota.server.ImageKey;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@code notify}: the CH sends a fresh Image Notify for the image last staged for each device (ZCL OTA). */
public final class NotifyKind implements StepKind<Step.Notify> {

    @Override
    public String name() {
        return "notify";
    }

    @Override
    public Class<Step.Notify> stepType() {
        return Step.Notify.class;
    }

    @Override
    public Map<String, List<String>> keys() {
        return Map.of(name(), List.of("to"));
    }

    @Override
    public Step.Notify parse(YamlNode body, String path, Position at, ParseContext c) {
        ParseContext.Fields o = c.obj(body, path, name());
        return o == null ? null : new Step.Notify(c.deviceList(o.req("to", "device ids"), o.sub("to"), true), at);
    }

    @Override
    public void run(Step.Notify n, StepRun run) {
        for (String id : n.to()) {
            Optional<ImageKey> key = run.lastStaged(id);
            if (key.isEmpty()) {
                run.event(id, "notify", "nothing to notify: no image was distributed to it (" + n.position() + ")");
                continue;
            }
            try {
                run.sim().hub().notify(run.eui(id), key.get());
                run.event(id, "notify", "Image Notify for 0x" + Values.hex32(key.get().fileVersion()) + " ("
                        + n.position() + ")");
            } catch (IllegalStateException | IllegalArgumentException e) {
                run.event(id, "notify", "Image Notify not sent: " + e.getMessage());
            }
        }
    }

    @Override
    public String schemaDefs() {
        return """
                {
                  "notify": {
                    "type": "object",
                    "description": "the CH sends Image Notify",
                    "properties": {
                      "to": {
                        "$ref": "#/$defs/deviceRefs"
                      }
                    },
                    "additionalProperties": false,
                    "required": [
                      "to"
                    ]
                  }
                }
                """;
    }

    @Override
    public String docsRow() {
        return "| `notify` | `to` | the CH sends Image Notify |";
    }
}
