package io.hansim.cli.scenario;

import io.hansim.device.hcalcs.Hcalcs;
import io.hansim.device.kind.DeviceKind;
import io.hansim.device.kind.DeviceKinds;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * {@code type: hcalcs}: an HAN-connected auxiliary load control switch (R7), read into
 * {@link DeviceSpec.Hcalcs} and mapped onto {@code Hcalcs.Spec} with its OTA client profile;
 * activation only out of band (CS06).
 */
public final class HcalcsType implements DeviceType<DeviceSpec.Hcalcs> {

    @Override
    public DeviceKind<?, ?> kind() {
        return DeviceKinds.HCALCS;
    }

    @Override
    public Class<DeviceSpec.Hcalcs> specType() {
        return DeviceSpec.Hcalcs.class;
    }

    @Override
    public Map<String, List<String>> keys() {
        return Map.of(
                name(), List.of("manufacturerCode", "imageType", "hardwareVersion", "profile"),
                "hcalcsProfile", List.of("blockSize", "quirks", "refuseDowngrades"));
    }

    @Override
    public DeviceSpec.Hcalcs parse(ParseContext.Fields o, String id, long eui, long fw, Position at, ParseContext c) {
        int mfr = (int) c.num(o.req("manufacturerCode", "the OTA Manufacturer Code"),
                o.sub("manufacturerCode"), 0xFFFF, 0);
        int imageType = (int) c.num(o.req("imageType", "the OTA Image Type"), o.sub("imageType"), 0xFFFF, 0);
        OptionalInt hw = c.optU16(o.opt("hardwareVersion"), o.sub("hardwareVersion"));
        OtaProfileSpec profile = c.otaProfile(o.opt("profile"), o.sub("profile"), "hcalcsProfile", at);
        return new DeviceSpec.Hcalcs(id, eui, mfr, imageType, hw, fw, profile, at);
    }

    @Override
    public Object simulationSpec(DeviceSpec.Hcalcs h, DeviceMapping m) {
        return new Hcalcs.Spec(h.id(), h.eui64(), m.shortAddress(), m.otaClient(h.id(), h.manufacturerCode(),
                h.imageType(), h.hardwareVersion(), h.firmwareVersion(), h.profile()));
    }

    @Override
    public String schemaDefs() {
        // the common properties are written by DeviceTypes.commonProperties, at the %s
        return """
                {
                  "hcalcs": {
                    "type": "object",
                    "description": "an HCALCS (R7); activation out of band (CS06)",
                    "properties": {
                %s,
                      "manufacturerCode": {
                        "$ref": "#/$defs/u16",
                        "description": "OTA Manufacturer Code"
                      },
                      "imageType": {
                        "$ref": "#/$defs/u16",
                        "description": "OTA Image Type"
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
                      "eui",
                      "manufacturerCode",
                      "imageType"
                    ]
                  },
                  "hcalcsProfile": {
                    "type": "object",
                    "description": "an HCALCS's OTA client behaviour (ClientProfile)",
                    "properties": {
                      "blockSize": {
                        "$ref": "#/$defs/u8",
                        "description": "maximum data size the client asks for per block",
                        "default": 64
                      },
                      "quirks": {
                        "type": "array",
                        "items": {
                          "enum": [
                            "NEVER_QUERIES",
                            "IGNORES_NOTIFY",
                            "REJECTS_SHORT_BLOCKS",
                            "RESTART_FROM_ZERO_ON_TIMEOUT",
                            "DROPS_BLOCK_RESPONSES",
                            "SLOW_VERIFY",
                            "LEGRAND_OFFSET_LOOP",
                            "MISSING_MIN_BLOCK_PERIOD_FIELD",
                            "AGGRESSIVE_QUERY",
                            "NO_CURRENT_FILE_VERSION",
                            "IGNORES_MINIMUM_BLOCK_PERIOD",
                            "OVERSIZED_BLOCK_REQUESTS",
                            "ACTIVATES_UNVERIFIED",
                            "FORGETS_PROGRESS_ON_POWER_CUT",
                            "STALE_UPGRADE_STATUS"
                          ]
                        },
                        "description": "ClientQuirk names",
                        "default": []
                      },
                      "refuseDowngrades": {
                        "type": "boolean",
                        "default": false,
                        "description": "the client refuses an image older than the one it runs (INVALID_IMAGE, R7.14)"
                      }
                    },
                    "additionalProperties": false
                  }
                }""".formatted(DeviceTypes.commonProperties(name()));
    }

    @Override
    public String docsSection() {
        return """
                `type: hcalcs` (maps onto `Hcalcs.Spec`; activation happens only out of band, CS06): `manufacturerCode`,
                `imageType`, `hardwareVersion` and `profile`, with the same meanings as for a PPMID. An HCALCS's
                `profile` has `blockSize`, `quirks` and `refuseDowngrades` (an HCALCS keeps no occupier data, so no
                `extras`, and the local upgrade tool is modelled for PPMIDs).""";
    }
}
