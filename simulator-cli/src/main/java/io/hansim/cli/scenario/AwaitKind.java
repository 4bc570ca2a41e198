package io.hansim.cli.scenario;

import io.hansim.device.sim.RunOutcome;
import io.hansim.zigbee.ota.client.ImageUpgradeStatus;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/** {@code await}: run until the device's OTA client reaches a status; the step fails at the timeout. */
public final class AwaitKind implements StepKind<Step.Await> {

    @Override
    public String name() {
        return "await";
    }

    @Override
    public Class<Step.Await> stepType() {
        return Step.Await.class;
    }

    @Override
    public Map<String, List<String>> keys() {
        return Map.of(name(), List.of("device", "imageUpgradeStatus", "timeout"));
    }

    @Override
    public Step.Await parse(YamlNode body, String path, Position at, ParseContext c) {
        ParseContext.Fields o = c.obj(body, path, name());
        if (o == null) {
            return null;
        }
        String device = c.deviceRef(o.req("device", "a device id"), o.sub("device"), true);
        ImageUpgradeStatus status = c.choice(o.req("imageUpgradeStatus", "an Image Upgrade Status"),
                o.sub("imageUpgradeStatus"), ParseContext.statuses(), ImageUpgradeStatus.NORMAL);
        Duration timeout = c.duration(o.req("timeout", "a duration such as 2h"), o.sub("timeout"), Duration.ZERO);
        return new Step.Await(device, status, timeout, at);
    }

    @Override
    public void run(Step.Await a, StepRun run) {
        String what = "await " + a.device() + " imageUpgradeStatus " + a.imageUpgradeStatus() + " within "
                + Values.durationText(a.timeout());
        run.event(a.device(), "step", what + " (" + a.position() + ")");
        BooleanSupplier reached = () -> run.status(a.device()).filter(s -> s == a.imageUpgradeStatus()).isPresent();
        RunOutcome o = run.runUntil(reached, a.timeout().toNanos() / 1000);
        boolean ok = o == RunOutcome.CONDITION_MET;
        run.result(what, a.position(), ok, a.imageUpgradeStatus().name(),
                ok ? a.imageUpgradeStatus().name() : "timed out (" + o + "), last status " + run.statusText(a.device()));
    }

    @Override
    public String schemaDefs() {
        return """
                {
                  "await": {
                    "type": "object",
                    "description": "run until the OTA client reaches a status",
                    "properties": {
                      "device": {
                        "type": "string"
                      },
                      "imageUpgradeStatus": {
                        "$ref": "#/$defs/imageUpgradeStatus"
                      },
                      "timeout": {
                        "$ref": "#/$defs/duration"
                      }
                    },
                    "additionalProperties": false,
                    "required": [
                      "device",
                      "imageUpgradeStatus",
                      "timeout"
                    ]
                  }
                }
                """;
    }

    @Override
    public String docsRow() {
        return "| `await` | `device`, `imageUpgradeStatus`, `timeout` (all required) | run until the device's OTA client reaches the status, e.g. `DOWNLOAD_COMPLETE`. The step fails at the timeout |";
    }
}
