package io.hansim.cli.scenario;

import io.hansim.device.kind.DeviceKind;
import io.hansim.device.kind.DeviceKinds;
import io.hansim.device.meter.ElectricityMeter;
import java.util.List;
import java.util.Map;

/**
 * {@code type: esme}: the electricity meter (R56.1), read into {@link DeviceSpec.Esme} and mapped
 * onto {@code ElectricityMeter.Spec}; it serves Change of Tenancy on the HAN from {@code cotFrom}
 * (R56.6).
 */
public final class EsmeType implements DeviceType<DeviceSpec.Esme> {

    @Override
    public DeviceKind<?, ?> kind() {
        return DeviceKinds.ESME;
    }

    @Override
    public Class<DeviceSpec.Esme> specType() {
        return DeviceSpec.Esme.class;
    }

    @Override
    public Map<String, List<String>> keys() {
        return Map.of(name(), List.of("spec", "cotFrom"));
    }

    @Override
    public DeviceSpec.Esme parse(ParseContext.Fields o, String id, long eui, long fw, Position at, ParseContext c) {
        return new DeviceSpec.Esme(id, eui, fw,
                c.spec(o.opt("spec"), o.sub("spec"), "ESMETS", new SpecVersion("ESMETS", 5, 1)),
                c.spec(o.opt("cotFrom"), o.sub("cotFrom"), "ESMETS", new SpecVersion("ESMETS", 5, 1)),
                at);
    }

    @Override
    public Object simulationSpec(DeviceSpec.Esme e, DeviceMapping m) {
        return new ElectricityMeter.Spec(e.id(), e.eui64(), m.shortAddress(), e.firmwareVersion(),
                DeviceMapping.cotVersion(e.spec()), DeviceMapping.cotVersion(e.cotFrom())); // R56.6
    }

    @Override
    public String schemaDefs() {
        // the common properties are written by DeviceTypes.commonProperties, at the %s
        return """
                {
                  "esme": {
                    "type": "object",
                    "description": "an electricity meter (R56.1)",
                    "properties": {
                %s,
                      "spec": {
                        "type": "string",
                        "pattern": "^ESMETS v?[0-9]{1,3}\\\\.[0-9]{1,3}$",
                        "default": "ESMETS 5.1"
                      },
                      "cotFrom": {
                        "type": "string",
                        "pattern": "^ESMETS v?[0-9]{1,3}\\\\.[0-9]{1,3}$",
                        "default": "ESMETS 5.1",
                        "description": "the ESMETS version from which the ESME serves Change of Tenancy on the HAN (R56.6)"
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
                `type: esme` (maps onto `ElectricityMeter.Spec`): `spec` (`"ESMETS x.y"`, default `"ESMETS 5.1"`) and
                `cotFrom` (`"ESMETS x.y"`, default `"ESMETS 5.1"`): the ESME serves Change of Tenancy on the HAN when
                `spec` is at least `cotFrom` (R56.6).""";
    }
}
