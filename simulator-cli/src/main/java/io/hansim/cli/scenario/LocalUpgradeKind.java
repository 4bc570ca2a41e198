package io.hansim.cli.scenario;

import io.hansim.device.ppmid.Ppmid;
import io.hansim.zigbee.ota.client.ClientAction;
import io.hansim.zigbee.zcl.Bytes;
import java.util.List;
import java.util.Map;

/**
 * {@code local-upgrade}: a local upgrade tool on the premises offers a PPMID an image, bypassing the
 * CH. A compliant PPMID refuses it; one with {@code legacyLocalUpgrade} takes it and the report flags
 * the breach (R7.3).
 */
public final class LocalUpgradeKind implements StepKind<Step.LocalUpgrade> {

    @Override
    public String name() {
        return "local-upgrade";
    }

    @Override
    public Class<Step.LocalUpgrade> stepType() {
        return Step.LocalUpgrade.class;
    }

    @Override
    public Map<String, List<String>> keys() {
        return Map.of(name(), List.of("device", "image"));
    }

    @Override
    public Step.LocalUpgrade parse(YamlNode body, String path, Position at, ParseContext c) {
        ParseContext.Fields o = c.obj(body, path, name());
        if (o == null) {
            return null;
        }
        YamlNode dn = o.req("device", "a ppmid id");
        String device = c.deviceRef(dn, o.sub("device"), true);
        DeviceSpec d = c.deviceSpec(device);
        if (d != null && !(d instanceof DeviceSpec.Ppmid)) {
            c.problem(dn.position(), o.sub("device") + ": device '" + device + "' is of type " + d.type()
                    + "; a local upgrade tool is modelled for a ppmid (R7.3)");
        }
        String image = c.imageRef(o.req("image", "an image id"), o.sub("image"));
        return new Step.LocalUpgrade(device, image, at);
    }

    @Override
    public void run(Step.LocalUpgrade l, StepRun run) {
        run.event(l.device(), "step", "local upgrade tool offers " + l.image() + " (" + l.position() + ")");
        Ppmid p = (Ppmid) run.device(l.device());
        for (ClientAction a : p.localUpgrade(Bytes.of(run.image(l.image())))) {
            if (a instanceof ClientAction.Refused r) {
                run.event(l.device(), "refused", "local upgrade refused: " + r.reason() + " (R7.3)");
            }
        }
        run.flagLocalUpgrades(l.device());
    }

    @Override
    public String schemaDefs() {
        return """
                {
                  "local-upgrade": {
                    "type": "object",
                    "description": "a local upgrade tool offers a PPMID an image, bypassing the CH (R7.3)",
                    "properties": {
                      "device": {
                        "type": "string"
                      },
                      "image": {
                        "type": "string"
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
        return "| `local-upgrade` | `device` (a ppmid), `image` | a local upgrade tool on the premises offers the image, bypassing the CH; a compliant PPMID refuses it, one with `legacyLocalUpgrade` takes it and the report flags the breach (R7.3) |";
    }
}
