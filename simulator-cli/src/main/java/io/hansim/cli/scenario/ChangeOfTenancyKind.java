package io.hansim.cli.scenario;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * {@code change-of-tenancy}: SR 3.2 Restrict Access for Change of Tenancy (R56.7), GCS09 to every GPF
 * and ECS12 to every ESME of the topology. {@code 0x200} in the control clears consumer data (R56.3).
 */
public final class ChangeOfTenancyKind implements StepKind<Step.ChangeOfTenancy> {

    @Override
    public String name() {
        return "change-of-tenancy";
    }

    @Override
    public Class<Step.ChangeOfTenancy> stepType() {
        return Step.ChangeOfTenancy.class;
    }

    @Override
    public Map<String, List<String>> keys() {
        return Map.of(name(), List.of("at", "control"));
    }

    @Override
    public Step.ChangeOfTenancy parse(YamlNode body, String path, Position at, ParseContext c) {
        ParseContext.Fields o = c.obj(body, path, name());
        if (o == null) {
            return null;
        }
        Instant when = c.utcTime(o.req("at", "the CoT date-time"), o.sub("at"));
        long control = c.num(o.opt("control"), o.sub("control"), ParseContext.U32, 0x200);
        return new Step.ChangeOfTenancy(when, control, at);
    }

    @Override
    public void run(Step.ChangeOfTenancy c, StepRun run) {
        run.changeOfTenancy(c.at(), c.position());
        run.event("hub", "step", "change of tenancy at " + c.at() + ", control 0x" + Long.toHexString(c.control())
                + " (" + c.position() + ")");
        long zclUtc = c.at().getEpochSecond() - io.hansim.device.sim.SimTime.ZCL_EPOCH.getEpochSecond();
        for (DeviceSpec d : run.scenario().topology().devices()) {
            if (d instanceof DeviceSpec.Gpf g) {
                run.sim().gbcs().receive(run.sim().supplier().gcs09(g.eui64(), zclUtc, run.nextIssuerEventId(),
                        c.control())); // R56.7
            }
        }
        for (DeviceSpec d : run.scenario().topology().devices()) {
            if (d instanceof DeviceSpec.Esme e) {
                run.sim().gbcs().receive(run.sim().supplier().ecs12(e.eui64(), c.at())); // R56.7
            }
        }
    }

    @Override
    public String schemaDefs() {
        return """
                {
                  "change-of-tenancy": {
                    "type": "object",
                    "description": "SR 3.2 (R56.7)",
                    "properties": {
                      "at": {
                        "$ref": "#/$defs/instant",
                        "description": "2000-01-01T00:00:00Z .. 2136-02-07T06:28:14Z: what GCS09's 32-bit ZCL UTCTime carries"
                      },
                      "control": {
                        "$ref": "#/$defs/u32",
                        "description": "Proposed Tenancy Change Control",
                        "default": "0x200"
                      }
                    },
                    "additionalProperties": false,
                    "required": [
                      "at"
                    ]
                  }
                }
                """;
    }

    @Override
    public String docsRow() {
        return "| `change-of-tenancy` | `at` (date-time, required; from `2000-01-01T00:00:00Z` to `2136-02-07T06:28:14Z`, what GCS09's 32-bit ZCL UTCTime carries — any other date is an error), `control` (32-bit, default `0x200`) | SR 3.2 → ECS12 to the ESME, GCS09 to the GPF (R56.7). `0x200` clears consumer IHD data (R56.3) |";
    }
}
