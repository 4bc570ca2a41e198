package io.hansim.cli.scenario;

import io.hansim.zigbee.ota.client.ImageUpgradeStatus;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * {@code expect}: check something now; a failed check names the step's {@code file:line:column}. An
 * expectation names one subject ({@code device}, {@code hub} or {@code alert}) and, with a device,
 * one check; the runner evaluates it ({@link StepRun#check}).
 */
public final class ExpectKind implements StepKind<Step.Expect> {

    @Override
    public String name() {
        return "expect";
    }

    @Override
    public Class<Step.Expect> stepType() {
        return Step.Expect.class;
    }

    @Override
    public Map<String, List<String>> keys() {
        Map<String, List<String>> k = new LinkedHashMap<>();
        k.put("expect", List.of("device", "hub", "alert", "firmwareVersion", "imageUpgradeStatus", "attribute",
                "storedData", "cs08", "inventory", "refused", "clock", "discovered", "identity", "cs11", "eventLog", "wakes", "status", "portFailure"));
        k.put("expectClock", List.of("maxErrorSeconds"));
        k.put("expectDiscovered", List.of("peer", "cluster", "endpoint"));
        k.put("expectIdentity", List.of("manufacturer", "model", "firmwareVersion"));
        k.put("expectCs08", List.of("firmwareVersion", "result"));
        k.put("expectInventory", List.of("firmwareVersion", "targetable"));
        k.put("expectHub", List.of("ccs08"));
        k.put("ccs08", List.of("device", "code"));
        k.put("alert", List.of("code", "device"));
        k.put("attribute", List.of("cluster", "id", "equals"));
        k.put("storedData", List.of("kind", "before", "count"));
        return k;
    }

    @Override
    public Step.Expect parse(YamlNode body, String path, Position at, ParseContext c) {
        ParseContext.Fields o = c.obj(body, path, name());
        if (o == null) {
            return null;
        }
        Expectation e = expectation(c, o, body.position());
        return e == null ? null : new Step.Expect(e, at);
    }

    @Override
    public void run(Step.Expect e, StepRun run) {
        run.check(e.expectation(), e.position());
    }

    /**
     * What a refused distribution can be refused for: {@code any}, the CH's reasons and the DCC
     * inventory's (R7.2, R7.13, R202.4, R202.6), by their names in the timeline.
     */
    static Map<String, String> refusalReasons() {
        Map<String, String> r = new LinkedHashMap<>();
        r.put("any", "any");
        for (var x : io.hansim.device.hub.DistributionRefusedException.Reason.values()) {
            r.put(x.name(), x.name());
        }
        for (var x : io.hansim.device.inventory.RefusalReason.values()) {
            if (x.name().startsWith("TARGET_") || x.name().startsWith("SMI_")) {
                r.put(x.name(), x.name());
            }
        }
        return r;
    }

    static Expectation expectation(ParseContext ctx, ParseContext.Fields o, Position at) {
        String p = o.path;
        List<String> subjects = new ArrayList<>();
        for (String k : List.of("device", "hub", "alert")) {
            if (o.opt(k) != null) {
                subjects.add(k);
            }
        }
        if (subjects.size() != 1) {
            ctx.problem(at, p + ": expected exactly one of device, hub or alert, got "
                    + (subjects.isEmpty() ? "none" : String.join(", ", subjects)));
            return null;
        }
        List<String> checks = new ArrayList<>();
        for (String k : List.of("firmwareVersion", "imageUpgradeStatus", "attribute", "storedData", "cs08",
                "inventory", "refused", "clock", "discovered", "identity", "cs11", "eventLog", "wakes", "status",
                "portFailure")) {
            if (o.opt(k) != null) {
                checks.add(k);
            }
        }
        switch (subjects.get(0)) {
            case "hub": {
                noChecks(ctx, o, checks, "hub");
                ParseContext.Fields h = ctx.obj(o.opt("hub"), o.sub("hub"), "expectHub");
                if (h == null) {
                    return null;
                }
                YamlNode c = h.req("ccs08", "{ device, code }");
                ParseContext.Fields cc = c == null ? null : ctx.obj(c, h.sub("ccs08"), "ccs08");
                if (cc == null) {
                    return null;
                }
                // Any device: a no-OTA PPMID's distribution ends in CCS08 code 3 (R7.12), and a refused one
                // is reported as "no CCS08 sent" with the refusal.
                String device = ctx.deviceRef(cc.req("device", "a device id"), cc.sub("device"), false);
                int code = (int) ctx.num(cc.req("code", "the CCS08 status code"), cc.sub("code"), 0xFF, 0);
                return new Expectation.HubCcs08(device, code, at);
            }
            case "alert": {
                noChecks(ctx, o, checks, "alert");
                ParseContext.Fields a = ctx.obj(o.opt("alert"), o.sub("alert"), "alert");
                if (a == null) {
                    return null;
                }
                int code = (int) ctx.num(a.req("code", "a GBCS alert code"), a.sub("code"), 0xFFFF, 0);
                Optional<String> device = Optional.ofNullable(a.opt("device"))
                        .map(d -> ctx.deviceRef(d, a.sub("device"), false));
                return new Expectation.Alert(code, device, at);
            }
            default:
                break;
        }
        String device = ctx.deviceRef(o.opt("device"), o.sub("device"), false);
        if (checks.size() != 1) {
            ctx.problem(at, p + ": with device, expected exactly one of firmwareVersion, imageUpgradeStatus, "
                    + "attribute, storedData, cs08, inventory, refused, clock, discovered, identity, cs11, eventLog, wakes, "
                    + "status or portFailure, got "
                    + (checks.isEmpty() ? "none" : String.join(", ", checks)));
            return null;
        }
        switch (checks.get(0)) {
            case "clock": { // G.4
                ParseContext.Fields c = ctx.obj(o.opt("clock"), o.sub("clock"), "expectClock");
                if (c == null) {
                    return null;
                }
                long max = ctx.num(c.req("maxErrorSeconds", "whole seconds"), c.sub("maxErrorSeconds"),
                        ParseContext.U32, 0);
                return new Expectation.ClockError(device, max, at);
            }
            case "discovered": { // G.5
                ParseContext.Fields c = ctx.obj(o.opt("discovered"), o.sub("discovered"), "expectDiscovered");
                if (c == null) {
                    return null;
                }
                YamlNode peerNode = c.req("peer", "hub or a device id");
                String peer = peerNode != null && "hub".equals(ctx.string(peerNode, c.sub("peer"), ""))
                        ? "hub" : ctx.deviceRef(peerNode, c.sub("peer"), false);
                int cluster = (int) ctx.num(c.req("cluster", "a ZCL cluster id"), c.sub("cluster"), 0xFFFF, 0);
                Optional<Integer> ep = ctx.value(c.req("endpoint", "an endpoint 1..0xF0, or none"), c.sub("endpoint"),
                        "an endpoint 1..0xF0, or none", Optional.empty(), (t, e) -> t.trim().equals("none")
                                ? Optional.of(0) : endpointOrNull(Values.number(t, 0xF0, e), e));
                return new Expectation.Discovered(device, peer, cluster, ep.orElse(0), at);
            }
            case "identity": { // G.9
                ParseContext.Fields c = ctx.obj(o.opt("identity"), o.sub("identity"), "expectIdentity");
                if (c == null) {
                    return null;
                }
                String mfr = ctx.string(c.req("manufacturer", "4 hex characters"), c.sub("manufacturer"), "");
                String model = ctx.string(c.req("model", "8 hex characters"), c.sub("model"), "");
                java.util.OptionalLong fw = c.opt("firmwareVersion") == null ? java.util.OptionalLong.empty()
                        : java.util.OptionalLong.of(ctx.num(c.opt("firmwareVersion"), c.sub("firmwareVersion"),
                                ParseContext.U32, 0));
                return new Expectation.Identity(device, mfr.toUpperCase(java.util.Locale.ROOT),
                        model.toUpperCase(java.util.Locale.ROOT), fw, at);
            }
            case "wakes": { // G.3: the GSME's wake-ups (at least this many, the power-on one too)
                if (device != null && ctx.deviceSpec(device) != null && !(ctx.deviceSpec(device) instanceof DeviceSpec.Gsme)) {
                    ctx.problem(o.opt("device").position(), o.sub("device") + ": wakes is checked on a gsme (G.3); '"
                            + device + "' is not one");
                }
                return new Expectation.Wakes(device, ctx.num(o.opt("wakes"), o.sub("wakes"), Integer.MAX_VALUE, 0), at);
            }
            case "cs11":
            case "eventLog": {
                if (device != null && ctx.deviceSpec(device) != null && !(ctx.deviceSpec(device) instanceof DeviceSpec.Gsme)) {
                    ctx.problem(o.opt("device").position(), o.sub("device") + ": " + checks.get(0)
                            + " is checked on a gsme (G.8); '" + device + "' is not one");
                }
                boolean cs11 = checks.get(0).equals("cs11");
                long v = cs11 ? ctx.num(o.opt("cs11"), o.sub("cs11"), 0xFF, 0)
                        : ctx.num(o.opt("eventLog"), o.sub("eventLog"), Integer.MAX_VALUE, 0);
                return cs11 ? new Expectation.Cs11(device, (int) v, at) : new Expectation.EventLog(device, (int) v, at);
            }
            case "status": // issue 17: what an external device exports through the port
            case "portFailure": {
                requireExternal(ctx, o, device, checks.get(0));
                if (checks.get(0).equals("portFailure")) {
                    String kind = ctx.choice(o.opt("portFailure"), o.sub("portFailure"),
                            ParseContext.stringMap(PORT_FAILURES), "none");
                    return new Expectation.PortFailure(device, kind, at);
                }
                java.util.Map<String, String> values = statusValues(ctx, o.opt("status"), o.sub("status"));
                if (values == null) {
                    return null;
                }
                return new Expectation.Status(device, values, at);
            }
            case "refused": {
                String reason = ctx.choice(o.opt("refused"), o.sub("refused"), refusalReasons(), "any");
                return new Expectation.Refused(device, reason, at);
            }
            case "firmwareVersion":
                return new Expectation.FirmwareVersion(device,
                        ctx.num(o.opt("firmwareVersion"), o.sub("firmwareVersion"), ParseContext.U32, 0), at);
            case "cs08": {
                ParseContext.Fields c = ctx.obj(o.opt("cs08"), o.sub("cs08"), "expectCs08");
                if (c == null) {
                    return null;
                }
                ctx.requireFirmwareReadable(device, o.opt("device"), o.sub("device"),
                        "CS08 reads a PPMID's or an HCALCS's firmware version (R7.11)");
                java.util.OptionalLong v = c.opt("firmwareVersion") == null ? java.util.OptionalLong.empty()
                        : java.util.OptionalLong.of(ctx.num(c.opt("firmwareVersion"), c.sub("firmwareVersion"), ParseContext.U32, 0));
                OptionalInt r = c.opt("result") == null ? OptionalInt.empty()
                        : OptionalInt.of((int) ctx.num(c.opt("result"), c.sub("result"), 1, 0));
                if (v.isEmpty() && r.isEmpty()) {
                    ctx.problem(c.m.position(), c.path + ": expected firmwareVersion, result (0 read success, "
                            + "1 read failure) or both");
                    return null;
                }
                return new Expectation.Cs08(device, v, r, at);
            }
            case "inventory": {
                ParseContext.Fields c = ctx.obj(o.opt("inventory"), o.sub("inventory"), "expectInventory");
                if (c == null) {
                    return null;
                }
                ctx.requireOtaDevice(device, o.opt("device"), o.sub("device"),
                        "the inventory (SMI) holds the PPMIDs and HCALCS (R202.6, R202.7)");
                java.util.OptionalLong v = c.opt("firmwareVersion") == null ? java.util.OptionalLong.empty()
                        : java.util.OptionalLong.of(ctx.num(c.opt("firmwareVersion"), c.sub("firmwareVersion"), ParseContext.U32, 0));
                Optional<Boolean> t = Optional.ofNullable(c.opt("targetable"))
                        .map(x -> ctx.bool(x, c.sub("targetable"), true));
                if (v.isEmpty() && t.isEmpty()) {
                    ctx.problem(c.m.position(), c.path + ": expected firmwareVersion, targetable or both");
                    return null;
                }
                return new Expectation.Inventory(device, v, t, at);
            }
            case "imageUpgradeStatus":
                return new Expectation.UpgradeStatus(device, ctx.choice(o.opt("imageUpgradeStatus"),
                        o.sub("imageUpgradeStatus"), ParseContext.statuses(), ImageUpgradeStatus.NORMAL), at);
            case "attribute": {
                ParseContext.Fields a = ctx.obj(o.opt("attribute"), o.sub("attribute"), "attribute");
                if (a == null) {
                    return null;
                }
                int cluster = (int) ctx.num(a.req("cluster", "a ZCL cluster id"), a.sub("cluster"), 0xFFFF, 0);
                int id = (int) ctx.num(a.req("id", "a ZCL attribute id"), a.sub("id"), 0xFFFF, 0);
                String hex = ctx.value(a.req("equals", "the value's octets in hex"), a.sub("equals"),
                        "hex octets such as \"00000200\"", "", (t, e) -> {
                            String h = t.trim();
                            if (!h.matches("([0-9A-Fa-f]{2})*")) {
                                e.append("expected hex octets (an even number of hex digits) such as "
                                        + "\"00000200\", got '").append(t).append("'");
                                return null;
                            }
                            return h.toUpperCase(java.util.Locale.ROOT);
                        });
                return new Expectation.Attribute(device, cluster, id, hex, at);
            }
            default: {
                ParseContext.Fields s = ctx.obj(o.opt("storedData"), o.sub("storedData"), "storedData");
                if (s == null) {
                    return null;
                }
                YamlNode kindNode = s.req("kind", "consumptionHistory, supplierMessages or an extra store");
                String kind = ctx.string(kindNode, s.sub("kind"), "");
                DeviceSpec d = ctx.deviceSpec(device);
                if (d != null && !kind.isEmpty()) {
                    List<String> kinds = new ArrayList<>(List.of("consumptionHistory", "supplierMessages"));
                    ctx.extrasOf(d).forEach(x -> kinds.add(x.name()));
                    if (!kinds.contains(kind)) {
                        ctx.problem(kindNode.position(), s.sub("kind") + ": unknown store '" + kind + "'"
                                + Values.didYouMean(kind, kinds) + " of device '" + device
                                + "'; expected one of: " + String.join(", ", kinds));
                    }
                }
                Expectation.Cutoff before = ctx.value(s.opt("before"), s.sub("before"),
                        "cot or a UTC date-time", new Expectation.Cutoff.All(), (t, e) -> {
                            if (t.trim().equals("cot")) {
                                return new Expectation.Cutoff.LastChangeOfTenancy();
                            }
                            try {
                                return new Expectation.Cutoff.At(Instant.parse(t.trim()));
                            } catch (DateTimeParseException ex) {
                                e.append("expected cot or a UTC date-time such as 2026-12-01T00:00:00Z, got '")
                                        .append(t).append("'");
                                return null;
                            }
                        });
                int count = (int) ctx.num(s.req("count", "how many records"), s.sub("count"), Integer.MAX_VALUE, 0);
                return new Expectation.StoredData(device, kind, before, count, at);
            }
        }
    }

    /**
     * Issue 17: a mapping of status key to value ({@code status:} of {@code expect} and {@code await});
     * null, with the problem recorded, for anything else. A key is a protocol {@code str} (1..255
     * octets of UTF-8); an empty value stands for "not set".
     */
    static java.util.Map<String, String> statusValues(ParseContext ctx, YamlNode sn, String path) {
        if (sn == null) {
            return null;
        }
        if (!(sn instanceof YamlNode.Mapping sm) || sm.entries().isEmpty()) {
            ctx.problem(sn.position(), path + ": expected a mapping of status key to value, such as"
                    + " { firmware.version: \"00000200\" }, got " + (sn instanceof YamlNode.Mapping
                            ? "an empty mapping" : sn.kind()));
            return null;
        }
        java.util.Map<String, String> values = new LinkedHashMap<>();
        for (var e : sm.entries().entrySet()) {
            String key = e.getKey();
            if (key.isEmpty() || key.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > 255) {
                // docs/device-port.md: a key is a str, 1..255 octets of UTF-8
                ctx.problem(sm.keys().get(key), path + ": a status key is 1 to 255 octets of UTF-8, got '"
                        + (key.length() > 40 ? key.substring(0, 40) + "..." : key) + "'");
                continue;
            }
            YamlNode v = e.getValue();
            String value = v instanceof YamlNode.Scalar sc && sc.isNull() ? ""
                    : ctx.text(v, path + "." + key, "a value (text)");
            values.put(key, value == null ? "" : value);
        }
        return values;
    }

    /** The typed failures of the device port (docs/device-port.md), and {@code none}. */
    public static final List<String> PORT_FAILURES = List.of("none", "crashed", "timeout", "protocol", "oversized",
            "version", "left");

    private static void requireExternal(ParseContext ctx, ParseContext.Fields o, String device, String check) {
        if (device != null && ctx.deviceSpec(device) != null && !(ctx.deviceSpec(device) instanceof DeviceSpec.External)) {
            ctx.problem(o.opt("device").position(), o.sub("device") + ": " + check + " is checked on a device of"
                    + " type external (docs/device-port.md); '" + device + "' is a " + ctx.deviceSpec(device).type());
        }
    }

    /** An endpoint 1..0xF0 (null, with the reason in {@code e}, for 0 or none parsed). */
    private static Optional<Integer> endpointOrNull(Long v, StringBuilder e) {
        if (v == null) {
            return null;
        }
        if (v == 0) {
            e.append("endpoints are 1..0xF0 (write none for no endpoint)");
            return null;
        }
        return Optional.of(v.intValue());
    }

    static void noChecks(ParseContext ctx, ParseContext.Fields o, List<String> checks, String subject) {
        for (String c : checks) {
            ctx.problem(o.m.keys().get(c), o.sub(c) + ": '" + c + "' is checked on a device, not with " + subject);
        }
    }

    @Override
    public String schemaDefs() {
        return """
                {
                  "expect": {
                    "type": "object",
                    "description": "one check: device with one of its checks, hub, or alert",
                    "properties": {
                      "device": {
                        "type": "string"
                      },
                      "hub": {
                        "$ref": "#/$defs/expectHub"
                      },
                      "alert": {
                        "$ref": "#/$defs/alert"
                      },
                      "firmwareVersion": {
                        "$ref": "#/$defs/u32"
                      },
                      "imageUpgradeStatus": {
                        "$ref": "#/$defs/imageUpgradeStatus"
                      },
                      "attribute": {
                        "$ref": "#/$defs/attribute"
                      },
                      "storedData": {
                        "$ref": "#/$defs/storedData"
                      },
                      "cs08": {
                        "$ref": "#/$defs/expectCs08"
                      },
                      "inventory": {
                        "$ref": "#/$defs/expectInventory"
                      },
                      "clock": {
                        "$ref": "#/$defs/expectClock"
                      },
                      "discovered": {
                        "$ref": "#/$defs/expectDiscovered"
                      },
                      "identity": {
                        "$ref": "#/$defs/expectIdentity"
                      },
                      "cs11": {
                        "$ref": "#/$defs/u8",
                        "description": "ClearedEventsLogs of the last CS11 response the GSME sent to the WAN through the tunnel (0x08: log 3 cleared; 0x00: nothing) (G.8)"
                      },
                      "eventLog": {
                        "type": "integer",
                        "minimum": 0,
                        "description": "entries in the GSME's general event log (Log ID 3) now (G.8)"
                      },
                      "wakes": {
                        "type": "integer",
                        "minimum": 0,
                        "description": "the GSME has woken at least this many times, the power-on wake included (G.3)"
                      },
                      "status": {
                        "type": "object",
                        "description": "an external device's exported status values now, key to value; an empty value: the key is not set (docs/device-port.md)",
                        "minProperties": 1,
                        "additionalProperties": {
                          "type": [
                            "string",
                            "number",
                            "boolean",
                            "null"
                          ]
                        }
                      },
                      "portFailure": {
                        "enum": [
                          "none",
                          "crashed",
                          "timeout",
                          "protocol",
                          "oversized",
                          "version",
                          "left"
                        ],
                        "description": "an external device ended with this typed failure of the device port, or none"
                      },
                      "refused": {
                        "type": "string",
                        "description": "the last distribution to the device was refused before any HAN frame, by the DCC's inventory or the CH, for this reason (any: for any reason) (R7.2, R7.13, R202.4, R202.6)",
                        "pattern": "^(any|[A-Z0-9_]+)$"
                      }
                    },
                    "additionalProperties": false
                  },
                  "expectClock": {
                    "type": "object",
                    "description": "G.4: the device's clock is within this many seconds of the CH's",
                    "properties": {
                      "maxErrorSeconds": {
                        "$ref": "#/$defs/u32"
                      }
                    },
                    "additionalProperties": false,
                    "required": [
                      "maxErrorSeconds"
                    ]
                  },
                  "expectDiscovered": {
                    "type": "object",
                    "description": "G.5: the endpoint the device found (Match Descriptor) or learnt for a cluster on a peer; none: it knows none",
                    "properties": {
                      "peer": {
                        "type": "string"
                      },
                      "cluster": {
                        "$ref": "#/$defs/u16"
                      },
                      "endpoint": {
                        "oneOf": [
                          {
                            "$ref": "#/$defs/u8"
                          },
                          {
                            "const": "none"
                          }
                        ]
                      }
                    },
                    "additionalProperties": false,
                    "required": [
                      "peer",
                      "cluster",
                      "endpoint"
                    ]
                  },
                  "expectIdentity": {
                    "type": "object",
                    "description": "G.9: what the CH read over the HAN from the device's Basic cluster (ManufacturerName, ModelIdentifier, SWBuildID)",
                    "properties": {
                      "manufacturer": {
                        "type": "string",
                        "pattern": "^[0-9A-Fa-f]{4}$"
                      },
                      "model": {
                        "type": "string",
                        "pattern": "^[0-9A-Fa-f]{8}$"
                      },
                      "firmwareVersion": {
                        "$ref": "#/$defs/u32"
                      }
                    },
                    "additionalProperties": false,
                    "required": [
                      "manufacturer",
                      "model"
                    ]
                  },
                  "expectHub": {
                    "type": "object",
                    "description": "what the CH sent",
                    "properties": {
                      "ccs08": {
                        "$ref": "#/$defs/ccs08"
                      }
                    },
                    "additionalProperties": false,
                    "required": [
                      "ccs08"
                    ]
                  },
                  "ccs08": {
                    "type": "object",
                    "description": "a CCS08 for a device (any device: a no-OTA PPMID's ends in code 3, R7.12)",
                    "properties": {
                      "device": {
                        "type": "string"
                      },
                      "code": {
                        "$ref": "#/$defs/u8"
                      }
                    },
                    "additionalProperties": false,
                    "required": [
                      "device",
                      "code"
                    ]
                  },
                  "alert": {
                    "type": "object",
                    "description": "an alert was raised",
                    "properties": {
                      "code": {
                        "$ref": "#/$defs/u16"
                      },
                      "device": {
                        "type": "string"
                      }
                    },
                    "additionalProperties": false,
                    "required": [
                      "code"
                    ]
                  },
                  "attribute": {
                    "type": "object",
                    "description": "a ZCL attribute's octets as sent",
                    "properties": {
                      "cluster": {
                        "$ref": "#/$defs/u16"
                      },
                      "id": {
                        "$ref": "#/$defs/u16"
                      },
                      "equals": {
                        "type": "string",
                        "pattern": "^([0-9A-Fa-f]{2})*$"
                      }
                    },
                    "additionalProperties": false,
                    "required": [
                      "cluster",
                      "id",
                      "equals"
                    ]
                  },
                  "storedData": {
                    "type": "object",
                    "description": "records in a device store (R56.3, R56.5)",
                    "properties": {
                      "kind": {
                        "type": "string",
                        "description": "consumptionHistory, supplierMessages or an extra store"
                      },
                      "before": {
                        "type": "string",
                        "description": "cot (the last Change of Tenancy) or a UTC date-time; absent: all records"
                      },
                      "count": {
                        "type": [
                          "integer",
                          "string"
                        ]
                      }
                    },
                    "additionalProperties": false,
                    "required": [
                      "kind",
                      "count"
                    ]
                  },
                  "expectCs08": {
                    "type": "object",
                    "description": "the last CS08 response for the device (R7.11); at least one key",
                    "properties": {
                      "firmwareVersion": {
                        "$ref": "#/$defs/u32"
                      },
                      "result": {
                        "enum": [
                          0,
                          1,
                          "0",
                          "1"
                        ],
                        "description": "0 read success, 1 read failure"
                      }
                    },
                    "additionalProperties": false,
                    "minProperties": 1
                  },
                  "expectInventory": {
                    "type": "object",
                    "description": "the device's inventory (SMI) entry (R202.6, R202.7); at least one key",
                    "properties": {
                      "firmwareVersion": {
                        "$ref": "#/$defs/u32"
                      },
                      "targetable": {
                        "type": "boolean"
                      }
                    },
                    "additionalProperties": false,
                    "minProperties": 1
                  }
                }
                """;
    }

    @Override
    public String docsRow() {
        return "| `expect` | see below | check now. A failed check names this step's `file:line:column` |";
    }
}
