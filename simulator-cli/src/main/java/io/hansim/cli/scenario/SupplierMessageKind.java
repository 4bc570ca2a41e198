package io.hansim.cli.scenario;

import java.util.List;
import java.util.Map;

/**
 * {@code supplier-message}: the CH sends an IHD or a PPMID a supplier message (a Messaging Display
 * Message on the HAN): data of the occupier that a Change of Tenancy must clear (R56.3).
 */
public final class SupplierMessageKind implements StepKind<Step.SupplierMessage> {

    @Override
    public String name() {
        return "supplier-message";
    }

    @Override
    public Class<Step.SupplierMessage> stepType() {
        return Step.SupplierMessage.class;
    }

    @Override
    public Map<String, List<String>> keys() {
        return Map.of(name(), List.of("to", "text"));
    }

    @Override
    public Step.SupplierMessage parse(YamlNode body, String path, Position at, ParseContext c) {
        ParseContext.Fields o = c.obj(body, path, name());
        if (o == null) {
            return null;
        }
        YamlNode dn = o.req("to", "an ihd or ppmid id");
        String device = c.deviceRef(dn, o.sub("to"), false);
        DeviceSpec d = c.deviceSpec(device);
        if (d != null && !(d instanceof DeviceSpec.Ppmid) && !(d instanceof DeviceSpec.Ihd)) {
            c.problem(dn.position(), o.sub("to") + ": device '" + device + "' is of type " + d.type()
                    + "; supplier messages go to an ihd or a ppmid (R56.3)");
        }
        YamlNode tn = o.req("text", "the message text");
        String text = tn == null ? null : c.text(tn, o.sub("text"), "the message text");
        if (text == null) {
            text = ""; // missing or not a scalar: recorded already
        }
        int octets = text.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
        if (octets > Step.SupplierMessage.MAX_OCTETS) {
            c.problem(tn.position(), o.sub("text") + ": " + octets + " octets in UTF-8; a Display Message"
                    + " carries at most " + Step.SupplierMessage.MAX_OCTETS + " (ZCL character string,"
                    + " Messaging cluster)");
        }
        return new Step.SupplierMessage(device, text, at);
    }

    @Override
    public void run(Step.SupplierMessage m, StepRun run) {
        run.event(m.device(), "message", "supplier message \"" + m.text() + "\" (" + m.position() + ")");
        run.sim().hub().sendSupplierMessage(run.eui(m.device()), m.text());
    }

    @Override
    public String schemaDefs() {
        return """
                {
                  "supplier-message": {
                    "type": "object",
                    "description": "the CH sends an IHD or PPMID a supplier message (Messaging Display Message), occupier data a CoT clears (R56.3)",
                    "properties": {
                      "to": {
                        "type": "string"
                      },
                      "text": {
                        "type": "string",
                        "description": "at most 254 octets in UTF-8 (a ZCL character string)"
                      }
                    },
                    "additionalProperties": false,
                    "required": [
                      "to",
                      "text"
                    ]
                  }
                }
                """;
    }

    @Override
    public String docsRow() {
        return "| `supplier-message` | `to` (an ihd or ppmid), `text` (at most 254 octets in UTF-8: a ZCL character string) | the CH sends a supplier message (Messaging Display Message); the device keeps it until a Change of Tenancy clears it (R56.3) |";
    }
}
