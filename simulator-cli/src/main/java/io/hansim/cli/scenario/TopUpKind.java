package io.hansim.cli.scenario;

import io.hansim.device.ppmid.Ppmid;
import java.util.List;
import java.util.Map;

/** {@code top-up}: a top-up on a PPMID, kept in its top-up history, a manufacturer extra (R56.4). */
public final class TopUpKind implements StepKind<Step.TopUp> {

    @Override
    public String name() {
        return "top-up";
    }

    @Override
    public Class<Step.TopUp> stepType() {
        return Step.TopUp.class;
    }

    @Override
    public Map<String, List<String>> keys() {
        return Map.of(name(), List.of("device", "amount", "code"));
    }

    @Override
    public Step.TopUp parse(YamlNode body, String path, Position at, ParseContext c) {
        ParseContext.Fields o = c.obj(body, path, name());
        if (o == null) {
            return null;
        }
        YamlNode dn = o.req("device", "a ppmid id");
        String device = c.deviceRef(dn, o.sub("device"), false);
        DeviceSpec d = c.deviceSpec(device);
        if (d != null && !(d instanceof DeviceSpec.Ppmid)) {
            c.problem(dn.position(), o.sub("device") + ": device '" + device + "' is of type " + d.type()
                    + "; a top-up is recorded by a ppmid (R56.4)");
        }
        long amount = c.num(o.req("amount", "the amount in pence"), o.sub("amount"), ParseContext.U32, 0);
        YamlNode cn = o.opt("code");
        String code = cn == null ? "12345678901234567890" : c.text(cn, o.sub("code"), "the top-up code");
        return new Step.TopUp(device, amount, code, at);
    }

    @Override
    public void run(Step.TopUp t, StepRun run) {
        run.event(t.device(), "top-up", "top-up of " + t.amountPence() + "p (" + t.position() + ")");
        Ppmid p = (Ppmid) run.device(t.device());
        if (!p.isPowered() || p.tenancy().isEmpty()) {
            run.note("top-up at " + t.position() + " not recorded: " + t.device()
                    + (p.isPowered() ? " keeps no top-up history (no meter to learn a CoT from)" : " is off"));
        } else {
            p.recordTopUp(t.code(), (int) Math.min(Integer.MAX_VALUE, t.amountPence()));
        }
    }

    @Override
    public String schemaDefs() {
        return """
                {
                  "top-up": {
                    "type": "object",
                    "description": "a top-up recorded in a PPMID's top-up history, a manufacturer extra (R56.4)",
                    "properties": {
                      "device": {
                        "type": "string"
                      },
                      "amount": {
                        "$ref": "#/$defs/u32"
                      },
                      "code": {
                        "type": "string"
                      }
                    },
                    "additionalProperties": false,
                    "required": [
                      "device",
                      "amount"
                    ]
                  }
                }
                """;
    }

    @Override
    public String docsRow() {
        return "| `top-up` | `device` (a ppmid), `amount` (pence), `code` (optional) | a top-up kept in the PPMID's top-up history, a manufacturer extra (R56.4) |";
    }
}
