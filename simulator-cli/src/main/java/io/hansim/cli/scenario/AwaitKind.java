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
        return Map.of(name(), List.of("device", "imageUpgradeStatus", "status", "timeout"));
    }

    @Override
    public Step.Await parse(YamlNode body, String path, Position at, ParseContext c) {
        ParseContext.Fields o = c.obj(body, path, name());
        if (o == null) {
            return null;
        }
        String device = c.deviceRef(o.req("device", "a device id"), o.sub("device"), true);
        boolean external = c.deviceSpec(device) instanceof DeviceSpec.External;
        if (o.opt("status") != null || external) {
            // issue 17: hansim knows an external device's state only from what it exports
            if (o.opt("imageUpgradeStatus") != null) {
                c.problem(o.m.keys().get("imageUpgradeStatus"), o.sub("imageUpgradeStatus") + ": "
                        + (external ? "hansim does not see the OTA client of external device '" + device
                                + "'; await its status (e.g. status: { firmware.version: \"00000200\" })"
                                : "expected one of imageUpgradeStatus or status, not both"));
            }
            if (!external && c.deviceSpec(device) != null) {
                c.problem(o.m.keys().get("status"), o.sub("status") + ": status is awaited on a device of type"
                        + " external (docs/device-port.md); '" + device + "' is a " + c.deviceSpec(device).type());
            }
            Map<String, String> values = ExpectKind.statusValues(c, o.req("status", "status values to wait for"),
                    o.sub("status"));
            Duration timeout = c.duration(o.req("timeout", "a duration such as 2h"), o.sub("timeout"), Duration.ZERO);
            return values == null ? null : new Step.Await(device, null, values, timeout, at);
        }
        ImageUpgradeStatus status = c.choice(o.req("imageUpgradeStatus", "an Image Upgrade Status"),
                o.sub("imageUpgradeStatus"), ParseContext.statuses(), ImageUpgradeStatus.NORMAL);
        Duration timeout = c.duration(o.req("timeout", "a duration such as 2h"), o.sub("timeout"), Duration.ZERO);
        return new Step.Await(device, status, timeout, at);
    }

    @Override
    public void run(Step.Await a, StepRun run) {
        if (a.imageUpgradeStatus() == null) {
            awaitStatus(a, run);
            return;
        }
        String what = "await " + a.device() + " imageUpgradeStatus " + a.imageUpgradeStatus() + " within "
                + Values.durationText(a.timeout());
        run.event(a.device(), "step", what + " (" + a.position() + ")");
        BooleanSupplier reached = () -> run.status(a.device()).filter(s -> s == a.imageUpgradeStatus()).isPresent();
        RunOutcome o = run.runUntil(reached, a.timeout().toNanos() / 1000);
        boolean ok = o == RunOutcome.CONDITION_MET;
        run.result(what, a.position(), ok, a.imageUpgradeStatus().name(),
                ok ? a.imageUpgradeStatus().name() : "timed out (" + o + "), last status " + run.statusText(a.device()));
    }

    /** Issue 17: runs until the external device exports the values (an empty one: the key unset). */
    private static void awaitStatus(Step.Await a, StepRun run) {
        String want = a.portStatus().entrySet().stream().map(e -> e.getKey() + " = "
                + (e.getValue().isEmpty() ? "(unset)" : e.getValue())).collect(java.util.stream.Collectors.joining(", "));
        String what = "await " + a.device() + " status " + want + " within " + Values.durationText(a.timeout());
        run.event(a.device(), "step", what + " (" + a.position() + ")");
        BooleanSupplier reached = () -> {
            Map<String, String> has = run.portStatus(a.device());
            for (Map.Entry<String, String> e : a.portStatus().entrySet()) {
                String v = has.get(e.getKey());
                if (e.getValue().isEmpty() ? v != null : !e.getValue().equals(v)) {
                    return false;
                }
            }
            return true;
        };
        RunOutcome o = run.runUntil(reached, a.timeout().toNanos() / 1000);
        boolean ok = o == RunOutcome.CONDITION_MET;
        Map<String, String> has = run.portStatus(a.device());
        String seen = a.portStatus().keySet().stream().map(k -> k + " = " + has.getOrDefault(k, "(unset)"))
                .collect(java.util.stream.Collectors.joining(", "));
        run.result(what, a.position(), ok, want, ok ? seen : "timed out (" + o + "), " + seen + "; "
                + run.statusText(a.device()));
    }

    @Override
    public String schemaDefs() {
        return """
                {
                  "await": {
                    "type": "object",
                    "description": "run until the OTA client reaches a status, or an external device exports status values",
                    "properties": {
                      "device": {
                        "type": "string"
                      },
                      "imageUpgradeStatus": {
                        "$ref": "#/$defs/imageUpgradeStatus"
                      },
                      "status": {
                        "type": "object",
                        "description": "an external device's status values to wait for; an empty value: the key unset (issue 17)",
                        "minProperties": 1,
                        "additionalProperties": {
                          "type": [
                            "string",
                            "number",
                            "boolean",
                            "null"
                          ]
                        }
                      },
                      "timeout": {
                        "$ref": "#/$defs/duration"
                      }
                    },
                    "additionalProperties": false,
                    "required": [
                      "device",
                      "timeout"
                    ],
                    "oneOf": [
                      {
                        "required": [
                          "imageUpgradeStatus"
                        ]
                      },
                      {
                        "required": [
                          "status"
                        ]
                      }
                    ]
                  }
                }
                """;
    }

    @Override
    public String docsRow() {
        return "| `await` | `device`, `imageUpgradeStatus` or (for an external device) `status`, `timeout` (all required) | run until the device's OTA client reaches the status, e.g. `DOWNLOAD_COMPLETE`; for an external device, until it exports the `status` values, e.g. `{ firmware.version: \"00000200\" }` (an empty value: the key unset). The step fails at the timeout |";
    }
}
