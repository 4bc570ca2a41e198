package io.hansim.cli.scenario;

import io.hansim.cli.scenario.YamlNode.Mapping;
import io.hansim.device.cot.DeviceSpecification;
import io.hansim.device.cot.OccupierDataKind;
import io.hansim.device.inventory.PpmidSmetsCapability;
import io.hansim.device.inventory.SmetsVersion;
import io.hansim.device.kind.DeviceKind;
import io.hansim.device.kind.DeviceKinds;
import io.hansim.device.ppmid.Ppmid;
import io.hansim.zigbee.ota.client.GbSignaturePolicy;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * {@code type: ppmid}: a prepayment meter interface device (R7, R56, R202), read into
 * {@link DeviceSpec.Ppmid} and mapped onto {@code Ppmid.Spec} with its OTA client profile and its
 * Change of Tenancy set-up.
 */
public final class PpmidType implements DeviceType<DeviceSpec.Ppmid> {

    @Override
    public DeviceKind<?, ?> kind() {
        return DeviceKinds.PPMID;
    }

    @Override
    public Class<DeviceSpec.Ppmid> specType() {
        return DeviceSpec.Ppmid.class;
    }

    @Override
    public Map<String, List<String>> keys() {
        return Map.of(
                name(), List.of("manufacturerCode", "imageType", "hardwareVersion", "smets", "preNotified", "spec",
                        "ota", "newImagesFailToBoot", "profile", "cplSmets1Firmware", "cotFrom", "cotPollInterval"),
                "profile", List.of("blockSize", "quirks", "extras", "refuseDowngrades", "legacyLocalUpgrade"));
    }

    @Override
    public DeviceSpec.Ppmid parse(ParseContext.Fields o, String id, long eui, long fw, Position at, ParseContext c) {
        int mfr = (int) c.num(o.req("manufacturerCode", "the OTA Manufacturer Code"),
                o.sub("manufacturerCode"), 0xFFFF, 0);
        int imageType = (int) c.num(o.req("imageType", "the OTA Image Type"), o.sub("imageType"), 0xFFFF, 0);
        OptionalInt hw = c.optU16(o.opt("hardwareVersion"), o.sub("hardwareVersion"));
        PpmidSmetsCapability cap = c.choice(o.opt("smets"), o.sub("smets"),
                ParseContext.ordered("SMETS1", PpmidSmetsCapability.S1, "SMETS2+", PpmidSmetsCapability.S2PLUS,
                        "DUAL", PpmidSmetsCapability.DUAL),
                PpmidSmetsCapability.DUAL);
        // By default the version the model works in; a SMETS2+ pre-notification of a SMETS1-only
        // model would have no CPL row (R202.2), so it is never the default.
        SmetsVersion pre = c.choice(o.opt("preNotified"), o.sub("preNotified"),
                ParseContext.ordered("SMETS1", SmetsVersion.SMETS1, "SMETS2+", SmetsVersion.SMETS2_PLUS),
                cap == PpmidSmetsCapability.S1 ? SmetsVersion.SMETS1 : SmetsVersion.SMETS2_PLUS);
        SpecVersion spec = c.spec(o.opt("spec"), o.sub("spec"), "PPMIDTS", new SpecVersion("PPMIDTS", 5, 0));
        boolean ota = c.bool(o.opt("ota"), o.sub("ota"), true);
        boolean fail = c.bool(o.opt("newImagesFailToBoot"), o.sub("newImagesFailToBoot"), false);
        OtaProfileSpec profile = c.otaProfile(o.opt("profile"), o.sub("profile"), "profile", at);
        if (!ota) {
            // R7.12: no OTA client, so its behaviour keys would change nothing; refused, not dropped.
            if (fail && o.opt("newImagesFailToBoot") != null) {
                c.problem(o.m.keys().get("newImagesFailToBoot"), o.sub("newImagesFailToBoot")
                        + ": a ppmid with ota: false has no OTA client, so no image is activated (R7.12)");
            }
            if (o.opt("profile") instanceof Mapping pm) {
                for (String k : List.of("blockSize", "quirks", "refuseDowngrades", "legacyLocalUpgrade")) {
                    if (pm.keys().containsKey(k)) {
                        c.problem(pm.keys().get(k), o.sub("profile") + "." + k + ": a ppmid with ota: false "
                                + "has no OTA client, so this key would change nothing (R7.12)");
                    }
                }
            }
        }
        OptionalLong s1 = o.opt("cplSmets1Firmware") == null ? OptionalLong.empty()
                : OptionalLong.of(c.num(o.opt("cplSmets1Firmware"), o.sub("cplSmets1Firmware"), ParseContext.U32, 0));
        if (s1.isPresent() && s1.getAsLong() == fw) {
            c.problem(o.opt("cplSmets1Firmware").position(), o.sub("cplSmets1Firmware")
                    + ": the fictitious SMETS1 version must differ from the real firmware version "
                    + Values.hex(fw) + " (R202.6)");
        }
        return new DeviceSpec.Ppmid(id, eui, mfr, imageType, hw, fw, cap, pre, spec, ota, fail, profile,
                s1, c.cotSettings(o, "PPMIDTS"), at);
    }

    /**
     * R202.1, R202.7: the CPL keys a model by its OTA identity, and a model has one SMETS capability;
     * two PPMIDs of one identity that differ in it describe no real product.
     */
    @Override
    public void checkTopology(DeviceSpec.Ppmid p, String path, ParseContext c) {
        for (DeviceSpec d : c.declaredDevices().values()) {
            if (d == p) {
                return;
            }
            if (d instanceof DeviceSpec.Ppmid first && first.manufacturerCode() == p.manufacturerCode()
                    && first.imageType() == p.imageType() && first.hardwareVersion().equals(p.hardwareVersion())) {
                if (first.smets() != p.smets()) {
                    c.problem(p.position(), path + ".smets: " + p.smets() + " differs from " + first.smets()
                            + " of '" + first.id() + "' (" + first.position() + "), a PPMID of the same model"
                            + " (manufacturerCode, imageType, hardwareVersion): give one of them another imageType");
                }
                return;
            }
        }
    }

    @Override
    public Object simulationSpec(DeviceSpec.Ppmid p, DeviceMapping m) {
        // G.6: a PPMID takes the SR 11.4 form (no signature tail); R56.8: images name the PPMIDTS
        // version they bring.
        return new Ppmid.Spec(p.id(), p.eui64(), m.shortAddress(),
                p.ota() ? m.otaClient(p.id(), p.manufacturerCode(), p.imageType(), p.hardwareVersion(),
                        p.firmwareVersion(), p.profile()).toBuilder()
                        .gbSignaturePolicy(GbSignaturePolicy.IF_SIGNED).build() : null,
                p.firmwareVersion(), p.smets(), p.preNotified(), p.newImagesFailToBoot())
                // A PPMID keeps top-up history and debt recovery data, cleared by default (R56.4).
                .withTenancy(m.tenancy(DeviceSpecification.PPMIDTS, p.spec(),
                        EnumSet.of(OccupierDataKind.TOP_UP_HISTORY, OccupierDataKind.DEBT_RECOVERY),
                        p.profile().extras(), p.cot()))
                .withSpecVersions(m.specVersions(p.id()));
    }

    @Override
    public String schemaDefs() {
        // the common properties are written by DeviceTypes.commonProperties, at the %s
        return """
                {
                  "ppmid": {
                    "type": "object",
                    "description": "a PPMID (R7, R56, R202)",
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
                      "smets": {
                        "enum": [
                          "SMETS1",
                          "SMETS2+",
                          "DUAL"
                        ],
                        "default": "DUAL",
                        "description": "the SMETS systems the model works in (R202.1)"
                      },
                      "preNotified": {
                        "enum": [
                          "SMETS1",
                          "SMETS2+"
                        ],
                        "description": "SMETS version in the pre-notification (R202.3); default SMETS1 for a smets: SMETS1 model, else SMETS2+"
                      },
                      "spec": {
                        "type": "string",
                        "pattern": "^PPMIDTS v?[0-9]{1,3}\\\\.[0-9]{1,3}$",
                        "default": "PPMIDTS 5.0",
                        "description": "PPMIDTS version (R56.6)"
                      },
                      "ota": {
                        "type": "boolean",
                        "default": true,
                        "description": "false: a legacy PPMID without an OTA client (R7.12)"
                      },
                      "newImagesFailToBoot": {
                        "type": "boolean",
                        "default": false,
                        "description": "a new image fails to boot and the device falls back"
                      },
                      "profile": {
                        "$ref": "#/$defs/profile"
                      },
                      "cplSmets1Firmware": {
                        "$ref": "#/$defs/u32",
                        "description": "the fictitious firmware version of the model's SMETS1 CPL row under interim-cpl (R202.6); default: the real version with its top four bits flipped"
                      },
                      "cotFrom": {
                        "type": "string",
                        "pattern": "^PPMIDTS v?[0-9]{1,3}\\\\.[0-9]{1,3}$",
                        "default": "PPMIDTS 5.0",
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
                      "eui",
                      "manufacturerCode",
                      "imageType"
                    ]
                  },
                  "profile": {
                    "type": "object",
                    "description": "the OTA client's behaviour (ClientProfile)",
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
                      },
                      "refuseDowngrades": {
                        "type": "boolean",
                        "default": false,
                        "description": "the client refuses an image older than the one it runs (INVALID_IMAGE, R7.14)"
                      },
                      "legacyLocalUpgrade": {
                        "type": "boolean",
                        "default": false,
                        "description": "the legacy-local-upgrade profile: a local upgrade tool is obeyed, an R7.3 policy breach the report flags"
                      }
                    },
                    "additionalProperties": false
                  }
                }""".formatted(DeviceTypes.commonProperties(name()));
    }

    @Override
    public String docsSection() {
        return """
                `type: ppmid` (maps onto `Ppmid.Spec` and `ClientProfile`; R7, R56, R202):

                | key | type | default | meaning |
                |---|---|---|---|
                | `manufacturerCode` | 16-bit | required | OTA Manufacturer Code |
                | `imageType` | 16-bit | required | OTA Image Type |
                | `hardwareVersion` | 16-bit | none | the Hardware Version the client reports. If absent, the client sends none (R7.6) |
                | `smets` | `SMETS1` / `SMETS2+` / `DUAL` | `DUAL` | the systems the model works in (R202.1). The CH gives OTA only to a `DUAL` or `SMETS2+` PPMID under a SMETS2+ CH; it refuses the others, with no HAN traffic (R202.4) |
                | `preNotified` | `SMETS1` / `SMETS2+` | `SMETS1` for a `smets: SMETS1` model, else `SMETS2+` | the version in the pre-notification, which the inventory checks against the CPL (R202.3, R202.6) |
                | `spec` | `"PPMIDTS x.y"` | `"PPMIDTS 5.0"` | CoT behaviour is on from 5.0 (R56.6) |
                | `ota` | boolean | `true` | `false`: a legacy PPMID with no OTA client (R7.12). Its `profile` may then hold only `extras`, and `newImagesFailToBoot` is an error: there is no client for them to change |
                | `newImagesFailToBoot` | boolean | `false` | a new image fails to boot and the device falls back to its old one |
                | `profile` | mapping | see below | OTA client behaviour and extra data stores |
                | `cotFrom` | `"PPMIDTS x.y"` | `"PPMIDTS 5.0"` | the version from which the PPMID clears on a Change of Tenancy; below it, a CoT is ignored (R56.6: the thresholds are configuration) |
                | `cotPollInterval` | duration, whole seconds | `30m` | how often the PPMID asks the ESME and the GPF for CoT information (R56.2, (unconfirmed)) |
                | `cplSmets1Firmware` | 32-bit | the firmware version with its top four bits flipped | under `inventory.cpl: interim-cpl`, the fictitious firmware version of the SMETS1 CPL row of this dual-mode model (R202.6). It must differ from `firmwareVersion` |""";
    }
}
