package io.hansim.cli.scenario;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code activate}: CS06 (SR 11.3) activates a downloaded image on an HCALCS (R7.5) or an ESME that
 * takes firmware over the HAN (G.7) out of band, with the image's Manufacturer Image Hash, now or
 * {@code at} after the step (future-dated: 0x00CA at that time).
 */
public final class ActivateKind implements StepKind<Step.Activate> {

    @Override
    public String name() {
        return "activate";
    }

    @Override
    public Class<Step.Activate> stepType() {
        return Step.Activate.class;
    }

    @Override
    public Map<String, List<String>> keys() {
        return Map.of(name(), List.of("device", "image", "at"));
    }

    @Override
    public Step.Activate parse(YamlNode body, String path, Position at, ParseContext c) {
        ParseContext.Fields o = c.obj(body, path, name());
        if (o == null) {
            return null;
        }
        YamlNode dn = o.req("device", "an hcalcs id, or an esme or gsme with manufacturerCode");
        String device = c.deviceRef(dn, o.sub("device"), false);
        DeviceSpec d = c.deviceSpec(device);
        boolean meter = d instanceof DeviceSpec.Esme || d instanceof DeviceSpec.Gsme;
        boolean meterWithFirmware = meter && d.hasOtaClient();
        if (d != null && !(d instanceof DeviceSpec.Hcalcs) && !meterWithFirmware) {
            c.problem(dn.position(), o.sub("device") + ": device '" + device + "' is of type " + d.type()
                    + (meter ? " without manufacturerCode (no firmware over the HAN)" : "")
                    + "; CS06 activation is for an hcalcs, or an esme or gsme with manufacturerCode (SR 11.3)");
        }
        String image = c.imageRef(o.req("image", "an image id"), o.sub("image"));
        Duration after = c.duration(o.opt("at"), o.sub("at"), Duration.ZERO);
        return new Step.Activate(device, image, after, at);
    }

    @Override
    public void run(Step.Activate a, StepRun run) {
        byte[] hash = run.imageHash(a.image());
        long eui = run.eui(a.device());
        Optional<Instant> at = a.at().isZero() ? Optional.empty()
                : Optional.of(run.sim().time().instantAt(run.sim().now()).plus(a.at()));
        run.event(a.device(), "step", "CS06 activate " + a.image() + at.map(t -> " at " + t).orElse(" now")
                + " (" + a.position() + ")");
        Optional<String> dcc = run.dccRefusal(a.device(), false);
        if (dcc.isPresent()) {
            run.event(a.device(), "refused", "SR 11.3 refused by the DCC's inventory: " + dcc.get());
            return;
        }
        run.sim().gbcs().receive(run.sim().supplier().cs06(eui, hash, at)); // R7.5
    }

    @Override
    public String schemaDefs() {
        return """
                {
                  "activate": {
                    "type": "object",
                    "description": "CS06 activation on an HCALCS or an ESME with manufacturerCode (SR 11.3)",
                    "properties": {
                      "device": {
                        "type": "string"
                      },
                      "image": {
                        "type": "string"
                      },
                      "at": {
                        "$ref": "#/$defs/duration",
                        "description": "delay after this step",
                        "default": "0s"
                      }
                    },
                    "additionalProperties": false,
                    "required": [
                      "device",
                      "image"
                    ]
                  }
                }
                """;
    }

    @Override
    public String docsRow() {
        return "| `activate` | `device` (an hcalcs, or an esme or gsme with `manufacturerCode`), `image`, `at` (duration after this step, default `0s`) | CS06 (SR 11.3): out-of-band activation; with `at`, future-dated (0x00CA at that time) |";
    }
}
