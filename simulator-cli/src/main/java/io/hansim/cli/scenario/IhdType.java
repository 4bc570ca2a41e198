package io.hansim.cli.scenario;

import io.hansim.device.cot.DeviceSpecification;
import io.hansim.device.ihd.Ihd;
import io.hansim.device.kind.DeviceKind;
import io.hansim.device.kind.DeviceKinds;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code type: ihd}: an in-home display (R56), read into {@link DeviceSpec.Ihd} and mapped onto
 * {@code Ihd.Spec} with its Change of Tenancy set-up; no OTA (R7.2).
 */
public final class IhdType implements DeviceType<DeviceSpec.Ihd> {

    @Override
    public DeviceKind<?, ?> kind() {
        return DeviceKinds.IHD;
    }

    @Override
    public Class<DeviceSpec.Ihd> specType() {
        return DeviceSpec.Ihd.class;
    }

    @Override
    public Map<String, List<String>> keys() {
        return Map.of(
                name(), List.of("spec", "profile", "cotFrom", "cotPollInterval"),
                "ihdProfile", List.of("extras"));
    }

    @Override
    public DeviceSpec.Ihd parse(ParseContext.Fields o, String id, long eui, long fw, Position at, ParseContext c) {
        SpecVersion spec = c.spec(o.opt("spec"), o.sub("spec"), "IHDTS", new SpecVersion("IHDTS", 5, 0));
        OtaProfileSpec profile = c.otaProfile(o.opt("profile"), o.sub("profile"), "ihdProfile", at);
        return new DeviceSpec.Ihd(id, eui, fw, spec, profile.extras(), c.cotSettings(o, "IHDTS"), at);
    }

    @Override
    public Object simulationSpec(DeviceSpec.Ihd i, DeviceMapping m) {
        return new Ihd.Spec(i.id(), i.eui64(), m.shortAddress(), i.firmwareVersion())
                .withTenancy(m.tenancy(DeviceSpecification.IHDTS, i.spec(), Set.of(), i.extras(), i.cot()));
    }

    @Override
    public String schemaDefs() {
        // the common properties are written by DeviceTypes.commonProperties, at the %s
        return """
                {
                  "ihd": {
                    "type": "object",
                    "description": "an IHD (R56)",
                    "properties": {
                %s,
                      "spec": {
                        "type": "string",
                        "pattern": "^IHDTS v?[0-9]{1,3}\\\\.[0-9]{1,3}$",
                        "default": "IHDTS 5.0"
                      },
                      "profile": {
                        "$ref": "#/$defs/ihdProfile"
                      },
                      "cotFrom": {
                        "type": "string",
                        "pattern": "^IHDTS v?[0-9]{1,3}\\\\.[0-9]{1,3}$",
                        "default": "IHDTS 5.0",
                        "description": "the version from which the device clears its occupier data on a Change of Tenancy (R56.6)"
                      },
                      "cotPollInterval": {
                        "$ref": "#/$defs/duration",
                        "default": "30m",
                        "description": "how often the device asks the ESME and the GPF for Change of Tenancy information, whole seconds (R56.2)"
                      }
                    },
                    "additionalProperties": false,
                    "required": [
                      "id",
                      "type",
                      "eui"
                    ]
                  },
                  "ihdProfile": {
                    "type": "object",
                    "description": "an IHD's data stores",
                    "properties": {
                      "extras": {
                        "type": "object",
                        "description": "extra stores beyond SMETS, by name (R56.4)",
                        "additionalProperties": {
                          "oneOf": [
                            {
                              "type": "null"
                            },
                            {
                              "$ref": "#/$defs/extra"
                            }
                          ]
                        },
                        "propertyNames": {
                          "enum": [
                            "topUpHistory",
                            "debtRecovery"
                          ]
                        }
                      }
                    },
                    "additionalProperties": false
                  }
                }""".formatted(DeviceTypes.commonProperties(name()));
    }

    @Override
    public String docsSection() {
        return """
                `type: ihd` (maps onto `Ihd.Spec`): `spec` (`"IHDTS x.y"`, default `"IHDTS 5.0"`), `profile`,
                which for an IHD holds only `extras`, and `cotFrom` (`"IHDTS x.y"`, default `"IHDTS 5.0"`) and
                `cotPollInterval` as for a PPMID.""";
    }
}
