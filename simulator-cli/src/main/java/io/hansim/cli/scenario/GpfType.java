package io.hansim.cli.scenario;

import io.hansim.device.kind.DeviceKind;
import io.hansim.device.kind.DeviceKinds;
import io.hansim.device.meter.GasProxy;
import java.util.List;
import java.util.Map;

/**
 * {@code type: gpf}: the gas proxy function in the CH (R56.1), read into {@link DeviceSpec.Gpf} and
 * mapped onto {@code GasProxy.Spec}; its version is its CH's CHTS (R56.6).
 */
public final class GpfType implements DeviceType<DeviceSpec.Gpf> {

    @Override
    public DeviceKind<?, ?> kind() {
        return DeviceKinds.GPF;
    }

    @Override
    public Class<DeviceSpec.Gpf> specType() {
        return DeviceSpec.Gpf.class;
    }

    @Override
    public Map<String, List<String>> keys() {
        return Map.of(name(), List.of("spec", "cotFrom"));
    }

    @Override
    public DeviceSpec.Gpf parse(ParseContext.Fields o, String id, long eui, long fw, Position at, ParseContext c) {
        // The GPF is a function of the CH: its version is the hub's CHTS (R56.6). A different one
        // cannot be simulated, so it is an error rather than a value the run would ignore.
        SpecVersion hubChts = c.hubChts();
        SpecVersion hubVersion = hubChts == null ? new SpecVersion("CHTS", 1, 5) : hubChts;
        SpecVersion v = c.spec(o.opt("spec"), o.sub("spec"), "CHTS", hubVersion);
        if (o.opt("spec") != null && hubChts != null && !v.equals(hubChts)) {
            c.problem(o.opt("spec").position(), o.sub("spec") + ": the GPF runs in the CH, so its version is "
                    + "the hub's chts (" + hubChts + "), got " + v + "; set topology.hub.chts instead");
        }
        return new DeviceSpec.Gpf(id, eui, fw, v,
                c.spec(o.opt("cotFrom"), o.sub("cotFrom"), "CHTS", new SpecVersion("CHTS", 1, 5)),
                at);
    }

    @Override
    public Object simulationSpec(DeviceSpec.Gpf g, DeviceMapping m) {
        // R56.6: the GPF's version is its CH's CHTS; the scenario sets from which it serves CoT
        return new GasProxy.Spec(g.id(), g.eui64(), m.shortAddress(), g.firmwareVersion(),
                DeviceMapping.cotVersion(g.cotFrom()));
    }

    @Override
    public String schemaDefs() {
        // the common properties are written by DeviceTypes.commonProperties, at the %s
        return """
                {
                  "gpf": {
                    "type": "object",
                    "description": "the gas proxy function (R56.1)",
                    "properties": {
                %s,
                      "spec": {
                        "type": "string",
                        "pattern": "^CHTS v?[0-9]{1,3}\\\\.[0-9]{1,3}$",
                        "description": "must equal the hub's chts: the GPF runs in the CH (R56.6); default: the hub's"
                      },
                      "cotFrom": {
                        "type": "string",
                        "pattern": "^CHTS v?[0-9]{1,3}\\\\.[0-9]{1,3}$",
                        "default": "CHTS 1.5",
                        "description": "the CHTS version from which the GPF serves Change of Tenancy on the HAN (R56.6)"
                      }
                    },
                    "additionalProperties": false,
                    "required": [
                      "id",
                      "type",
                      "eui"
                    ]
                  }
                }""".formatted(DeviceTypes.commonProperties(name()));
    }

    @Override
    public String docsSection() {
        return """
                `type: gpf` (maps onto `GasProxy.Spec`): `spec` (`"CHTS x.y"`). The GPF is a function of the CH, so
                its version is the hub's `chts`: `spec` may repeat it, and a different version is an error (write
                `topology.hub.chts` instead). `cotFrom` (`"CHTS x.y"`, default `"CHTS 1.5"`): below it the GPF does
                not serve Change of Tenancy (R56.6).""";
    }
}
