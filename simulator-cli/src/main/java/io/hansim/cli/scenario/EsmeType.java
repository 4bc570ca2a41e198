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
        return Map.of(name(), List.of("spec", "cotFrom", "manufacturerCode", "imageType", "hardwareVersion", "profile"));
    }

    @Override
    public DeviceSpec.Esme parse(ParseContext.Fields o, String id, long eui, long fw, Position at, ParseContext c) {
        SpecVersion spec = c.spec(o.opt("spec"), o.sub("spec"), "ESMETS", new SpecVersion("ESMETS", 5, 1));
        SpecVersion cotFrom = c.spec(o.opt("cotFrom"), o.sub("cotFrom"), "ESMETS", new SpecVersion("ESMETS", 5, 1));
        java.util.Optional<DeviceSpec.HanFirmware> firmware = hanFirmware(o, at, c, "an ESME");
        return new DeviceSpec.Esme(id, eui, fw, spec, cotFrom, firmware, at);
    }

    /**
     * A meter's firmware keys (SR 11.1 / 11.3 over the HAN, G.6, G.7), shared by {@code esme} and {@code gsme}:
     * {@code manufacturerCode} turns them on and needs {@code imageType}; {@code hardwareVersion} and
     * {@code profile} only with it.
     */
    static java.util.Optional<DeviceSpec.HanFirmware> hanFirmware(ParseContext.Fields o, Position at, ParseContext c,
            String what) {
        YamlNode mfrNode = o.opt("manufacturerCode");
        if (mfrNode != null) {
            int mfr = (int) c.num(mfrNode, o.sub("manufacturerCode"), 0xFFFF, 0);
            int imageType = (int) c.num(o.req("imageType", "the OTA Image Type (with manufacturerCode)"),
                    o.sub("imageType"), 0xFFFF, 0);
            java.util.OptionalInt hw = c.optU16(o.opt("hardwareVersion"), o.sub("hardwareVersion"));
            OtaProfileSpec profile = c.otaProfile(o.opt("profile"), o.sub("profile"), "hcalcsProfile", at);
            return java.util.Optional.of(new DeviceSpec.HanFirmware(mfr, imageType, hw, profile));
        }
        for (String k : List.of("imageType", "hardwareVersion", "profile")) {
            YamlNode n = o.opt(k);
            if (n != null) {
                c.problem(n.position(), o.sub(k) + ": needs manufacturerCode (" + what + " takes firmware over the"
                        + " HAN only with its OTA identity)");
            }
        }
        return java.util.Optional.empty();
    }

    @Override
    public Object simulationSpec(DeviceSpec.Esme e, DeviceMapping m) {
        ElectricityMeter.Spec spec = new ElectricityMeter.Spec(e.id(), e.eui64(), m.shortAddress(), e.firmwareVersion(),
                DeviceMapping.cotVersion(e.spec()), DeviceMapping.cotVersion(e.cotFrom())); // R56.6
        return e.firmware().map(f -> spec.withOta(m.otaClient(e.id(), f.manufacturerCode(), f.imageType(),
                f.hardwareVersion(), e.firmwareVersion(), f.profile()))).orElse(spec); // SR 11.1, G.6, G.7
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
                      },
                      "manufacturerCode": {
                        "$ref": "#/$defs/u16",
                        "description": "OTA Manufacturer Code of the meter's firmware; present: firmware from the CH over the HAN (SR 11.1), CS06 activation, G.7 alerts"
                      },
                      "imageType": {
                        "$ref": "#/$defs/u16",
                        "description": "OTA Image Type (with manufacturerCode)"
                      },
                      "hardwareVersion": {
                        "$ref": "#/$defs/u16",
                        "description": "Hardware Version; absent: the client sends none"
                      },
                      "profile": {
                        "$ref": "#/$defs/hcalcsProfile"
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
                `spec` is at least `cotFrom` (R56.6). With `manufacturerCode` (and `imageType`, optionally
                `hardwareVersion` and an HCALCS-style `profile`) the ESME takes firmware from the CH over the OTA
                cluster (SR 11.1), verifies it against the scenario's signing key (G.6), holds it until a CS06
                (`activate`, SR 11.3) and raises the G.7 alerts 0x8F72 / 0x8F1C / 0x8F1B / 0x8F43 as 0x00CE.""";
    }
}
