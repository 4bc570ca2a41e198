package io.hansim.cli.scenario;

import io.hansim.device.external.ExternalSpec;
import io.hansim.device.inventory.PpmidSmetsCapability;
import io.hansim.device.kind.DeviceKind;
import io.hansim.device.kind.DeviceKinds;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code type: external}: a device on the far side of the device port (issue 17, docs/device-port.md)
 * in the place of a PPMID, an IHD or an HCALCS, read into {@link DeviceSpec.External} and mapped
 * onto device-core's {@link ExternalSpec}. Steps and expectations name it by its id like any other
 * device; what hansim knows of its application is what crosses the port (frames, regions, status).
 */
public final class ExternalType implements DeviceType<DeviceSpec.External> {
    /** The kinds an external device may stand in for (docs/device-port.md, HELLO). */
    public static final List<String> STANDS = List.of("ppmid", "ihd", "hcalcs");
    /** docs/device-port.md: the default and the largest {@code maxMessage} (the length is a u32; 64 MiB is plenty). */
    public static final int DEFAULT_MAX_MESSAGE = 65_536;
    static final int LARGEST_MAX_MESSAGE = 64 << 20;
    static final Duration DEFAULT_HELLO = Duration.ofSeconds(10);
    static final Duration DEFAULT_EXCHANGE = Duration.ofSeconds(5);
    static final Duration DEFAULT_BYE = Duration.ofSeconds(2);
    /** A wait longer than this is a mistake, not a setting (a device that hangs must end the run, issue 17). */
    static final Duration LONGEST_TIMEOUT = Duration.ofHours(1);

    @Override
    public DeviceKind<?, ?> kind() {
        return DeviceKinds.EXTERNAL;
    }

    @Override
    public Class<DeviceSpec.External> specType() {
        return DeviceSpec.External.class;
    }

    @Override
    public Map<String, List<String>> keys() {
        return Map.of(name(), List.of("stands", "command", "workdir", "connect", "clock", "helloTimeout",
                "exchangeTimeout", "byeTimeout", "maxMessage", "smets"));
    }

    @Override
    public DeviceSpec.External parse(ParseContext.Fields o, String id, long eui, long fw, Position at, ParseContext c) {
        if (o.opt("firmwareVersion") != null) {
            c.problem(o.m.keys().get("firmwareVersion"), o.sub("firmwareVersion") + ": an external device reports"
                    + " the firmware it runs itself (status firmware.version, docs/device-port.md); remove this key");
        }
        String stands = c.choice(o.req("stands", "ppmid, ihd or hcalcs"), o.sub("stands"),
                ParseContext.stringMap(STANDS), "ppmid");
        YamlNode commandNode = o.opt("command");
        YamlNode connectNode = o.opt("connect");
        List<String> command = new ArrayList<>();
        Optional<String> connect = Optional.empty();
        if ((commandNode == null) == (connectNode == null)) {
            c.problem(at, o.path + ": expected exactly one of 'command' (hansim starts the device) or 'connect'"
                    + " (the device was started apart and listens), got " + (commandNode == null ? "neither" : "both"));
        }
        if (commandNode != null) {
            List<YamlNode> items = c.list(commandNode, o.sub("command"), "strings (the program, then its arguments)");
            for (int i = 0; i < items.size(); i++) {
                String a = c.text(items.get(i), o.sub("command") + "[" + i + "]", "a string");
                if (a != null) {
                    if (a.indexOf('\0') >= 0) {
                        c.problem(items.get(i).position(), o.sub("command") + "[" + i + "]: a NUL character cannot"
                                + " be passed to a program");
                    }
                    command.add(a);
                }
            }
            if (commandNode instanceof YamlNode.Sequence && items.isEmpty()) {
                c.problem(commandNode.position(), o.sub("command") + ": expected the program and its arguments,"
                        + " got an empty list");
            } else if (!items.isEmpty() && !command.isEmpty() && command.get(0).isBlank()) {
                c.problem(items.get(0).position(), o.sub("command") + "[0]: the program's name is empty");
            }
        }
        if (connectNode != null) {
            connect = Optional.ofNullable(c.value(connectNode, o.sub("connect"),
                    "tcp:127.0.0.1:PORT or unix:PATH", null, ExternalType::address));
        }
        Optional<String> workdir = Optional.empty();
        if (o.opt("workdir") != null) {
            if (commandNode == null) {
                c.problem(o.m.keys().get("workdir"), o.sub("workdir") + ": only a device hansim starts (command)"
                        + " has a working directory");
            }
            // relative to the scenario file's folder, like image files, so a file runs from anywhere
            workdir = Optional.ofNullable(c.value(o.opt("workdir"), o.sub("workdir"), "a folder", null, (t, e) -> {
                java.nio.file.Path p;
                try {
                    p = t.isBlank() || t.indexOf('\0') >= 0 ? null : c.baseDir.resolve(t).normalize();
                } catch (java.nio.file.InvalidPathException ex) {
                    p = null;
                }
                if (p == null) {
                    e.append("expected a folder name, got '").append(t).append("'");
                    return null;
                }
                if (!java.nio.file.Files.isDirectory(p)) {
                    e.append("no such folder: ").append(p).append(" (relative to the scenario file's folder)");
                    return null;
                }
                return p.toString();
            }));
        }
        boolean realTime = c.choice(o.opt("clock"), o.sub("clock"),
                ParseContext.ordered("lockstep", Boolean.FALSE, "realtime", Boolean.TRUE), Boolean.FALSE);
        Duration hello = timeout(o, "helloTimeout", DEFAULT_HELLO, c);
        Duration exchange = timeout(o, "exchangeTimeout", DEFAULT_EXCHANGE, c);
        Duration bye = timeout(o, "byeTimeout", DEFAULT_BYE, c);
        int maxMessage = DEFAULT_MAX_MESSAGE;
        if (o.opt("maxMessage") != null) {
            long m = c.num(o.opt("maxMessage"), o.sub("maxMessage"), LARGEST_MAX_MESSAGE, DEFAULT_MAX_MESSAGE);
            if (m < 64) {
                // HELLO with a few clusters and a model name must fit (docs/device-port.md, framing)
                c.problem(o.opt("maxMessage").position(), o.sub("maxMessage") + ": at least 64 octets, got " + m);
            } else {
                maxMessage = (int) m;
            }
        }
        PpmidSmetsCapability smets = PpmidSmetsCapability.DUAL;
        if (o.opt("smets") != null) {
            if (!stands.equals("ppmid")) {
                c.problem(o.m.keys().get("smets"), o.sub("smets") + ": only a device standing for a ppmid has a"
                        + " SMETS capability (R202.1)");
            }
            smets = c.choice(o.opt("smets"), o.sub("smets"), ParseContext.ordered("SMETS1", PpmidSmetsCapability.S1,
                    "SMETS2+", PpmidSmetsCapability.S2PLUS, "DUAL", PpmidSmetsCapability.DUAL),
                    PpmidSmetsCapability.DUAL);
        }
        return new DeviceSpec.External(id, eui, stands, command, workdir, connect, realTime, hello, exchange, bye,
                maxMessage, smets, at);
    }

    private static Duration timeout(ParseContext.Fields o, String key, Duration fallback, ParseContext c) {
        YamlNode n = o.opt(key);
        if (n == null) {
            return fallback;
        }
        Duration d = c.positiveDuration(n, o.sub(key), fallback);
        if (d.compareTo(LONGEST_TIMEOUT) > 0) {
            c.problem(n.position(), o.sub(key) + ": at most " + Values.durationText(LONGEST_TIMEOUT) + ", got "
                    + Values.durationText(d));
            return fallback;
        }
        return d;
    }

    /**
     * A {@code connect} address: {@code tcp:HOST:PORT} with a loopback host ({@code 127.0.0.1},
     * {@code [::1]} or {@code ::1}, {@code localhost}; docs/device-port.md: hansim connects to
     * loopback addresses only) and a port 1..65535, or {@code unix:PATH}. Null with the reason in
     * {@code e} otherwise.
     */
    static String address(String text, StringBuilder e) {
        return address(text, e, false);
    }

    /**
     * As {@link #address(String, StringBuilder)}; {@code listening}: TCP port 0 is taken too (the
     * listener picks a free port, {@code hansim model --listen}).
     */
    public static String address(String text, StringBuilder e, boolean listening) {
        String t = text.trim();
        if (t.startsWith("unix:")) {
            String path = t.substring(5);
            if (path.isEmpty() || path.indexOf('\0') >= 0) {
                e.append("expected unix:PATH with a socket path, got '").append(text).append("'");
                return null;
            }
            return t;
        }
        if (t.startsWith("tcp:")) {
            int colon = t.lastIndexOf(':');
            String host = colon > 4 ? t.substring(4, colon) : "";
            String port = t.substring(colon + 1);
            if (!List.of("127.0.0.1", "localhost", "::1", "[::1]").contains(host)) {
                e.append("only a loopback address is allowed (127.0.0.1, ::1 or localhost; reach another"
                        + " machine through a tunnel you make), got '").append(text).append("'");
                return null;
            }
            int lowest = listening ? 0 : 1;
            if (!port.matches("[0-9]{1,5}") || Integer.parseInt(port) < lowest || Integer.parseInt(port) > 65535) {
                e.append("expected a TCP port ").append(lowest).append("..65535 after the host, got '").append(text)
                        .append("'");
                return null;
            }
            return t;
        }
        e.append("expected tcp:127.0.0.1:PORT or unix:PATH, got '").append(text).append("'");
        return null;
    }

    @Override
    public Object simulationSpec(DeviceSpec.External x, DeviceMapping m) {
        ExternalSpec.Launch launch = x.connect().isPresent() ? new ExternalSpec.Connect(x.connect().get())
                : new ExternalSpec.Command(x.command(), x.workdir().map(java.nio.file.Path::of).orElse(null));
        // The EUI-64 of the file is the one HELLO must say (a mismatch is a failure of the device).
        return new ExternalSpec(x.id(), x.stands(), x.eui64(), m.shortAddress(), launch,
                x.realTime() ? ExternalSpec.Clock.REALTIME : ExternalSpec.Clock.LOCKSTEP, x.helloTimeout(),
                x.exchangeTimeout(), x.byeTimeout(), x.maxMessage(), x.smets(),
                !x.stands().equals("hcalcs"), // R56.1: the meters publish CoT to an IHD or a PPMID
                Map.of());
    }

    @Override
    public String schemaDefs() {
        // the common properties are written by DeviceTypes.commonProperties, at the %s
        return """
                {
                  "external": {
                    "type": "object",
                    "description": "a device on the far side of the device port (docs/device-port.md) in the place of a PPMID, an IHD or an HCALCS",
                    "properties": {
                %s,
                      "stands": {
                        "enum": [
                          "ppmid",
                          "ihd",
                          "hcalcs"
                        ],
                        "description": "the device kind it stands in for"
                      },
                      "command": {
                        "type": "array",
                        "items": {
                          "type": "string"
                        },
                        "minItems": 1,
                        "description": "the program and its arguments: hansim starts it and talks to it on its stdin/stdout"
                      },
                      "workdir": {
                        "type": "string",
                        "description": "the folder the command starts in, relative to the scenario file's folder; default: hansim's working directory"
                      },
                      "connect": {
                        "type": "string",
                        "pattern": "^(tcp:(127\\\\.0\\\\.0\\\\.1|localhost|::1|\\\\[::1\\\\]):[0-9]{1,5}|unix:.+)$",
                        "description": "the device was started apart and listens on this loopback TCP port or Unix socket"
                      },
                      "clock": {
                        "enum": [
                          "lockstep",
                          "realtime"
                        ],
                        "default": "lockstep",
                        "description": "lockstep: virtual time waits for the device (deterministic); realtime: paced to the wall clock (not deterministic)"
                      },
                      "helloTimeout": {
                        "$ref": "#/$defs/duration",
                        "default": "10s",
                        "description": "from start (or connect) to the device's HELLO"
                      },
                      "exchangeTimeout": {
                        "$ref": "#/$defs/duration",
                        "default": "5s",
                        "description": "from an event to the device's DONE (lockstep)"
                      },
                      "byeTimeout": {
                        "$ref": "#/$defs/duration",
                        "default": "2s",
                        "description": "from hansim's BYE to the device's BYE and exit; then it is killed"
                      },
                      "maxMessage": {
                        "type": [
                          "integer",
                          "string"
                        ],
                        "default": 65536,
                        "description": "the largest message accepted from the device, octets (64 .. 64 MiB)"
                      },
                      "smets": {
                        "enum": [
                          "SMETS1",
                          "SMETS2+",
                          "DUAL"
                        ],
                        "default": "DUAL",
                        "description": "a PPMID stand-in's SMETS capability (R202.1)"
                      }
                    },
                    "additionalProperties": false,
                    "required": [
                      "id",
                      "type",
                      "eui",
                      "stands"
                    ],
                    "oneOf": [
                      {
                        "required": [
                          "command"
                        ]
                      },
                      {
                        "required": [
                          "connect"
                        ]
                      }
                    ]
                  }
                }""".formatted(DeviceTypes.commonProperties(name()));
    }

    @Override
    public String docsSection() {
        return """
                `type: external` (maps onto `ExternalSpec`; issue 17): a device on the far side of the
                [device port](device-port.md) — a manufacturer's firmware logic, hansim's own model in another
                process (`hansim model`), a bridge to hardware — in the place of a PPMID, an IHD or an HCALCS. Steps
                and checks name it by its `id` like the model it replaces, and the CH treats it as that kind (its
                read-back alerts, CS08). It reports its running firmware itself (status `firmware.version`, which
                `firmwareVersion` checks and CS08 reads), so `firmwareVersion` is an error on the entry; the
                EUI-64 its HELLO announces must equal `eui`. Checks of a model's insides (`imageUpgradeStatus`,
                `attribute`, `storedData`) do not apply; `status`, `portFailure` and `await` on `status` do.

                | key | type | default | meaning |
                |---|---|---|---|
                | `stands` | `ppmid` / `ihd` / `hcalcs` | required | the kind it stands in for: the CH joins it as that kind |
                | `command` | list of strings | one of `command`, `connect` | the program and its arguments; hansim starts it and talks to it on its stdin/stdout. A relative program or argument is relative to `workdir` |
                | `workdir` | folder, relative to the scenario file's folder | hansim's working directory | where the `command` starts |
                | `connect` | `tcp:127.0.0.1:PORT`, `tcp:[::1]:PORT`, `tcp:localhost:PORT` or `unix:PATH` | one of `command`, `connect` | the device was started apart (a debugger, an IDE) and listens there; loopback only |
                | `clock` | `lockstep` / `realtime` | `lockstep` | `lockstep`: virtual time waits for the device, and a run is as deterministic as the device. `realtime`: paced to the wall clock; the report says the run is **not deterministic** |
                | `helloTimeout` | duration | `10s` | from start (or connect) to HELLO (at most `1h`, like the two below) |
                | `exchangeTimeout` | duration | `5s` | from an event to the device's DONE (lockstep) |
                | `byeTimeout` | duration | `2s` | from hansim's BYE to the device's BYE and exit; then it is killed |
                | `maxMessage` | 64 .. 67108864 | `65536` | the largest message the device may send, octets; a larger one is an `oversized` failure |
                | `smets` | `SMETS1` / `SMETS2+` / `DUAL` | `DUAL` | for `stands: ppmid`: the systems it works in (R202.1), as for a PPMID |

                A device that crashes, hangs, sends garbage or an oversized message is taken off the HAN with a
                typed failure (`crashed`, `timeout`, `protocol`, `oversized`, `version`, `left`) and the run goes
                on; the failure is in the timeline and the report and fails the run, unless a `portFailure`
                expectation names it. Its status values and log lines are in the timeline and the report.""";
    }
}
