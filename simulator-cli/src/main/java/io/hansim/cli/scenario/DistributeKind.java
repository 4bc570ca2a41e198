package io.hansim.cli.scenario;

import io.hansim.device.gbcs.HubGbcsService;
import io.hansim.device.hub.DistributionRefusedException;
import io.hansim.zigbee.ota.server.ImageKey;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * {@code distribute}: an image to the CH for devices. {@code via: gbcs} is SR 11.4 through the CH's
 * GBCS side (R7.4, R202.5: one image), checked first against the DCC's inventory (R202.4, R202.6);
 * {@code via: direct} stages the image in the CH's store. A refusal is a timeline event (R7.2, R7.13).
 */
public final class DistributeKind implements StepKind<Step.Distribute> {

    @Override
    public String name() {
        return "distribute";
    }

    @Override
    public Class<Step.Distribute> stepType() {
        return Step.Distribute.class;
    }

    @Override
    public Map<String, List<String>> keys() {
        return Map.of(name(), List.of("image", "to", "via"));
    }

    @Override
    public Step.Distribute parse(YamlNode body, String path, Position at, ParseContext c) {
        ParseContext.Fields o = c.obj(body, path, name());
        if (o == null) {
            return null;
        }
        String image = c.imageRef(o.req("image", "an image id"), o.sub("image"));
        // Any device: the CH refuses an IHD, a meter or a no-OTA PPMID at run time (R7.2, R7.12), and
        // a scenario shows exactly that refusal.
        List<String> to = c.deviceList(o.req("to", "device ids"), o.sub("to"), false);
        Step.Route via = c.choice(o.opt("via"), o.sub("via"),
                ParseContext.ordered("gbcs", Step.Route.GBCS, "direct", Step.Route.DIRECT), Step.Route.GBCS);
        return new Step.Distribute(image, to, via, at);
    }

    @Override
    public void run(Step.Distribute d, StepRun run) {
        byte[] image = run.image(d.image());
        for (String id : d.to()) {
            long eui = run.eui(id);
            run.event(id, "step", "distribute " + d.image() + " via " + d.via().name().toLowerCase(Locale.ROOT)
                    + " (" + d.position() + ")");
            Optional<String> dcc = d.via() == Step.Route.GBCS ? run.dccRefusal(id, true) : Optional.empty();
            if (dcc.isPresent()) {
                // The DCC checks an SR against the inventory before anything reaches the CH (R202.4, R202.6).
                run.refused(id, dcc.get());
                run.event(id, "refused", "SR refused by the DCC's inventory: " + dcc.get());
            } else if (d.via() == Step.Route.GBCS) {
                // SR 11.4 (PPMID) or SR 11.1 (ESME, HCALCS) as the DCC hands it to the CH (R7.4, R202.5, G.7)
                for (HubGbcsService.DistributionResult r : run.sim().gbcs().updateFirmware(image, List.of(eui))) {
                    if (r.refusal().isPresent()) {
                        run.refused(id, r.refusal().get().name());
                        run.event(id, "refused", r.refusal().get() + ": " + r.detail());
                    } else {
                        run.staged(id, r.image().orElseThrow(), image.length);
                    }
                }
            } else {
                try {
                    ImageKey key = run.sim().hub().distribute(image, eui);
                    run.staged(id, key, image.length);
                } catch (DistributionRefusedException e) {
                    run.refused(id, e.reason().name());
                    run.event(id, "refused", e.reason() + ": " + e.getMessage());
                }
            }
        }
    }

    @Override
    public String schemaDefs() {
        return """
                {
                  "distribute": {
                    "type": "object",
                    "description": "SR 11.4: an image to the CH for devices (R7.4)",
                    "properties": {
                      "image": {
                        "type": "string"
                      },
                      "to": {
                        "$ref": "#/$defs/deviceRefs"
                      },
                      "via": {
                        "enum": [
                          "gbcs",
                          "direct"
                        ],
                        "default": "gbcs"
                      }
                    },
                    "additionalProperties": false,
                    "required": [
                      "image",
                      "to"
                    ]
                  }
                }
                """;
    }

    @Override
    public String docsRow() {
        return "| `distribute` | `image` (required), `to` (a device id or a list, required), `via` (`gbcs` or `direct`, default `gbcs`) | SR 11.4 (PPMIDs) / SR 11.1 (an HCALCS, an esme or gsme with `manufacturerCode`): one image to the CH for these devices (R7.4, R202.5, G.7). `direct` puts the image into the CH's store without GBCS |";
    }
}
