package io.hansim.cli.scenario;

import io.hansim.device.node.HanDevice;
import io.hansim.cli.scenario.YamlNode.Mapping;
import io.hansim.cli.scenario.YamlNode.Scalar;
import io.hansim.cli.scenario.YamlNode.Sequence;
import io.hansim.device.inventory.SmetsVersion;
import io.hansim.zigbee.ota.server.OtaServerConfig;
import io.hansim.zigbee.ota.image.GbForm;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Loads and validates scenario files (docs/scenario-format.md, issue 7). Every mistake is collected
 * with its {@code file:line:column} and what was expected; a file with any mistake yields a
 * {@link ScenarioException} and no model. Nothing else is thrown, whatever the input.
 */
public final class ScenarioLoader {

    /** The largest scenario file read: far above any hand-written one, and a bound for the parser. */
    public static final long MAX_FILE_SIZE = 1 << 20;

    private static final Map<String, Set<String>> KEYS = new LinkedHashMap<>();
    static {
        key("scenario", "name", "seed", "topology", "images", "faults", "steps", "inventory");
        key("topology", "hub", "devices");
        key("hub", "eui", "smets", "chts", "firmwareVersion", "imageBuffer", "blockSize", "endpoint",
                "otaForHanDevices", "imageBufferBytes", "imageBufferPolicy", "downgrade", "missingHardwareVersion",
                "notifyTimeout", "stallTimeout", "maxFailures", "readBackDelay", "readBackAttempts",
                "endpointDiscovery", "timeSync", "readIdentityAtJoin", "newFirmwareFlag", "clocks", "assumesEndpoint1",
                "tunnelProtocolId", "tunnelMaxTransferSize", "tunnelPutsPerGet", "tunnelQueueLimit", "identities");
        key("identityParameters", "device", "manufacturerCode", "imageType", "hardwareVersion");
        key("clock", "device", "offsetSeconds", "driftPpm");
        // The device types' own mappings (DeviceType#keys), each entry with the keys every device has.
        for (DeviceType<?> t : DeviceTypes.ALL) {
            t.keys().forEach((context, names) -> {
                List<String> all = new ArrayList<>(context.equals(t.name()) ? DeviceType.COMMON_KEYS : List.of());
                all.addAll(names);
                key(context, all.toArray(String[]::new));
            });
        }
        key("extra", "clearOnCoT");
        key("image", "id", "generate", "file", "spec");
        key("generate", "manufacturerCode", "imageType", "fileVersion", "size", "hardware", "signingKey", "form");
        key("fault", "link", "loss", "duplicate", "reorder", "delay", "reorderHold", "windows");
        key("inventory", "cpl", "offCpl");
        key("window", "from", "to", "down");
        // The step kinds' own mappings (StepKind#keys), and the kinds themselves as the keys of a step.
        for (StepKind<?> k : StepKinds.ALL) {
            k.keys().forEach((context, names) -> key(context, names.toArray(String[]::new)));
        }
        key("step", StepKinds.names().toArray(String[]::new));
    }

    private static void key(String context, String... names) {
        KEYS.put(context, Set.copyOf(new LinkedHashSet<>(Arrays.asList(names))));
    }

    private ScenarioLoader() {}

    /**
     * The keys each kind of mapping accepts, by context name (the names of docs/scenario.schema.json's
     * {@code $defs}, and {@code scenario} for the root), so the schema and the loader cannot drift.
     */
    public static Map<String, Set<String>> knownKeys() {
        return java.util.Collections.unmodifiableMap(KEYS);
    }

    /** Reads and validates a scenario file; image files resolve against its folder. */
    public static Scenario load(Path file) throws ScenarioException {
        String name = file.toString();
        Path base = file.toAbsolutePath().getParent();
        String text = ScenarioException.readText(file, ScenarioLoader.MAX_FILE_SIZE, "scenario");
        return parse(text, name, base == null ? Path.of("") : base);
    }

    /**
     * Validates scenario text.
     *
     * @param text    the YAML
     * @param file    the name positions carry
     * @param baseDir where {@code file:} images resolve
     */
    public static Scenario parse(String text, String file, Path baseDir) throws ScenarioException {
        List<ScenarioProblem> problems = new ArrayList<>();
        Scenario s = null;
        YamlNode root = new YamlReader(file, problems).read(text);
        if (root != null) {
            s = new Mapper(problems, baseDir).scenario(root);
        }
        ScenarioException.throwIfAny(problems, s != null, new ScenarioProblem(new Position(file, 1, 1), "not a scenario"));
        return s;
    }

    /** One pass over the tree: maps what it can, records every problem; steps go to their kinds. */
    private static final class Mapper extends ParseContext {
        Mapper(List<ScenarioProblem> problems, Path baseDir) {
            super(problems, baseDir, KEYS);
        }

        // ---- the document ---------------------------------------------------------------------

        Scenario scenario(YamlNode root) {
            Fields o = obj(root, "scenario", "scenario");
            if (o == null) {
                return null;
            }
            YamlNode nameNode = o.req("name", "a title for reports");
            String name = nameNode == null ? "" : string(nameNode, "name", "");
            long seed = num(o.opt("seed"), "seed", Long.MAX_VALUE, 0L);
            YamlNode topo = o.req("topology", "the hub and the devices");
            Topology topology = topo == null ? null : topology(topo);
            List<ImageSpec> imageList = new ArrayList<>();
            List<YamlNode> items = list(o.opt("images"), "images", "images");
            for (int i = 0; i < items.size(); i++) {
                int before = problems.size();
                ImageSpec img = image(items.get(i), "images[" + i + "]");
                if (img == null || problems.size() > before) {
                    broken.add(rawId(items.get(i)));
                } else {
                    ImageSpec first = images.putIfAbsent(img.id(), img);
                    if (first != null) {
                        problem(img.position(), "images[" + i + "].id: duplicate image id '" + img.id()
                                + "' (first at " + first.position() + ")");
                    } else {
                        imageList.add(img);
                    }
                }
            }
            List<FaultSpec> faults = new ArrayList<>();
            items = list(o.opt("faults"), "faults", "link faults");
            for (int i = 0; i < items.size(); i++) {
                FaultSpec f = fault(items.get(i), "faults[" + i + "]");
                if (f != null) {
                    faults.add(f);
                }
            }
            InventorySpec inventory = inventory(o.opt("inventory"), root.position());
            List<Step> steps = new ArrayList<>();
            YamlNode stepsNode = o.req("steps", "a list of steps");
            items = list(stepsNode, "steps", "steps");
            if (stepsNode instanceof Sequence && items.isEmpty()) {
                problem(stepsNode.position(), "steps: expected at least one step");
            }
            for (int i = 0; i < items.size(); i++) {
                Step s = step(items.get(i), "steps[" + i + "]");
                if (s != null) {
                    steps.add(s);
                }
            }
            if (topology == null) {
                return null;
            }
            return new Scenario(name, seed, topology, imageList, faults, steps, inventory, root.position());
        }

        Topology topology(YamlNode n) {
            Fields o = obj(n, "topology", "topology");
            if (o == null) {
                return null;
            }
            YamlNode hubNode = o.req("hub", "the Communications Hub");
            HubSpec hub = hubNode == null ? null : hub(hubNode);
            hubChts = hub == null ? null : hub.chts();
            Map<Long, DeviceSpec> byEui = new LinkedHashMap<>();
            List<YamlNode> items = list(o.req("devices", "a list of HAN devices"), "topology.devices", "devices");
            for (int i = 0; i < items.size(); i++) {
                String path = "topology.devices[" + i + "]";
                int before = problems.size();
                DeviceSpec d = device(items.get(i), path);
                if (d == null || problems.size() > before) {
                    // Reported already; not registered, so its fallback values (EUI 0, id "") cannot
                    // cause duplicate or reference errors of their own.
                    broken.add(rawId(items.get(i)));
                    continue;
                }
                DeviceSpec first = devices.putIfAbsent(d.id(), d);
                if (first != null) {
                    problem(d.position(), path + ".id: duplicate device id '" + d.id() + "' (first at "
                            + first.position() + ")");
                    continue;
                }
                if (hub != null && d.eui64() == hub.eui64()) {
                    problem(d.position(), path + ".eui: duplicate EUI-64 " + String.format("%016X", d.eui64())
                            + " (the hub's, at " + hub.position() + ")");
                }
                DeviceSpec sameEui = byEui.putIfAbsent(d.eui64(), d);
                if (sameEui != null) {
                    problem(d.position(), path + ".eui: duplicate EUI-64 " + String.format("%016X", d.eui64())
                            + " (device '" + sameEui.id() + "' at " + sameEui.position() + ")");
                }
                DeviceTypes.checkTopology(d, path, this);
            }
            if (hub == null) {
                return null;
            }
            for (HubSpec.Clock c : hub.han().clocks()) {
                if (!devices.containsKey(c.device()) && !broken.contains(c.device())) {
                    problem(c.position(), "topology.hub.clocks: no device '" + c.device() + "' in topology.devices"
                            + Values.didYouMean(c.device(), devices.keySet()));
                }
            }
            for (HubSpec.Identity i : hub.han().identities()) {
                DeviceSpec d = devices.get(i.device());
                if (i.device().equals("hub")) {
                    continue;
                }
                if (d == null && !broken.contains(i.device())) {
                    problem(i.position(), "topology.hub.identities: no device '" + i.device() + "' in topology.devices"
                            + Values.didYouMean(i.device(), devices.keySet()));
                } else if (d instanceof DeviceSpec.External) {
                    problem(i.position(), "topology.hub.identities: device '" + i.device() + "' is an external device;"
                            + " it serves its own Basic cluster, so hansim gives it no identity (G.9)");
                } else if (d != null && (d.hasOtaClient() || d instanceof DeviceSpec.Ppmid
                        || d instanceof DeviceSpec.Hcalcs)) {
                    problem(i.position(), "topology.hub.identities: device '" + i.device() + "' is a " + d.type()
                            + " with OTA parameters; its identity is derived from them (G.9)");
                }
            }
            for (String d : hub.han().assumesEndpoint1()) {
                if (!devices.containsKey(d) && !broken.contains(d)) {
                    problem(hubNode.position(), "topology.hub.assumesEndpoint1: no device '" + d
                            + "' in topology.devices" + Values.didYouMean(d, devices.keySet()));
                }
            }
            return new Topology(hub, new ArrayList<>(devices.values()), n.position());
        }

        HubSpec hub(YamlNode n) {
            Fields o = obj(n, "topology.hub", "hub");
            if (o == null) {
                return null;
            }
            long eui = eui(o.req("eui", "16 hex digits"), o.sub("eui"));
            SmetsVersion smets = choice(o.opt("smets"), o.sub("smets"),
                    Map.of("SMETS1", SmetsVersion.SMETS1, "SMETS2+", SmetsVersion.SMETS2_PLUS),
                    SmetsVersion.SMETS2_PLUS);
            SpecVersion chts = value(o.opt("chts"), o.sub("chts"), "a CHTS version such as \"1.5\"",
                    new SpecVersion("CHTS", 1, 5), (t, e) -> {
                        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?:CHTS )?v?(\\d{1,3})\\.(\\d{1,3})")
                                .matcher(t.trim());
                        if (!m.matches()) {
                            e.append("expected a CHTS version such as \"1.5\", got '").append(t).append("'");
                            return null;
                        }
                        return new SpecVersion("CHTS", Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
                    });
            long fw = num(o.opt("firmwareVersion"), o.sub("firmwareVersion"), U32, 0x0001_0000L);
            int buffer = (int) num(o.opt("imageBuffer"), o.sub("imageBuffer"), 255, 4);
            if (o.opt("imageBuffer") != null && buffer == 0) {
                problem(o.opt("imageBuffer").position(), o.sub("imageBuffer") + ": must hold at least 1 image");
            }
            int block = blockSize(o.opt("blockSize"), o.sub("blockSize"));
            int endpoint = (int) num(o.opt("endpoint"), o.sub("endpoint"), 0xF0, 1);
            if (o.opt("endpoint") != null && endpoint == 0) {
                problem(o.opt("endpoint").position(), o.sub("endpoint") + ": endpoints are 1..0xF0");
            }
            boolean otaHan = bool(o.opt("otaForHanDevices"), o.sub("otaForHanDevices"), true);
            long bufferBytes = value(o.opt("imageBufferBytes"), o.sub("imageBufferBytes"), "a size such as 1MiB",
                    HubSpec.DEFAULT_IMAGE_BUFFER_BYTES, (t, e) -> Values.size(t, U32, e));
            if (o.opt("imageBufferBytes") != null && bufferBytes == 0) {
                problem(o.opt("imageBufferBytes").position(), o.sub("imageBufferBytes")
                        + ": the buffer must hold at least 1 octet");
            }
            OtaServerConfig.EvictionPolicy policy = choice(o.opt("imageBufferPolicy"), o.sub("imageBufferPolicy"),
                    ordered("refuse", OtaServerConfig.EvictionPolicy.REFUSE,
                            "evict-oldest", OtaServerConfig.EvictionPolicy.EVICT_OLDEST),
                    OtaServerConfig.EvictionPolicy.REFUSE);
            OtaServerConfig.DowngradePolicy downgrade = choice(o.opt("downgrade"), o.sub("downgrade"),
                    ordered("newer-only", OtaServerConfig.DowngradePolicy.NEWER_ONLY,
                            "allow", OtaServerConfig.DowngradePolicy.ALLOW_DOWNGRADE),
                    OtaServerConfig.DowngradePolicy.NEWER_ONLY);
            OtaServerConfig.MissingHardwareVersionPolicy missingHw = choice(o.opt("missingHardwareVersion"),
                    o.sub("missingHardwareVersion"),
                    ordered("serve", OtaServerConfig.MissingHardwareVersionPolicy.SERVE,
                            "refuse", OtaServerConfig.MissingHardwareVersionPolicy.REFUSE),
                    OtaServerConfig.MissingHardwareVersionPolicy.SERVE);
            HubSpec.Timing d = HubSpec.Timing.DEFAULT;
            HubSpec.Timing timing = new HubSpec.Timing(
                    o.opt("notifyTimeout") == null ? d.notifyTimeout()
                            : positiveDuration(o.opt("notifyTimeout"), o.sub("notifyTimeout"), d.notifyTimeout()),
                    o.opt("stallTimeout") == null ? d.stallTimeout()
                            : positiveDuration(o.opt("stallTimeout"), o.sub("stallTimeout"), d.stallTimeout()),
                    atLeastOne(o.opt("maxFailures"), o.sub("maxFailures"), d.maxFailures()),
                    duration(o.opt("readBackDelay"), o.sub("readBackDelay"), d.readBackDelay()),
                    atLeastOne(o.opt("readBackAttempts"), o.sub("readBackAttempts"), d.readBackAttempts()));
            return new HubSpec(eui, smets, chts, fw, buffer, block, endpoint, otaHan, bufferBytes, policy, downgrade,
                    missingHw, timing, han(o), n.position());
        }

        /** The hub's HAN settings (G.4, G.5, G.9, G.11); device ids are checked once the devices are read. */
        private HubSpec.Han han(Fields o) {
            java.util.Optional<java.time.Duration> sync = HubSpec.Han.DEFAULT.timeSync();
            if (o.opt("timeSync") != null) {
                // G.4: on by default (decision 0025); "off" turns it off, "at-join" syncs at boot only.
                java.time.Duration d = value(o.opt("timeSync"), o.sub("timeSync"),
                        "a duration such as 6h, at-join or off", null, (t, e) -> switch (t.trim()) {
                            case "at-join" -> java.time.Duration.ZERO;
                            case "off" -> HubSpec.Han.NO_TIME_SYNC;
                            default -> Values.duration(t, e);
                        });
                sync = d == null || d.equals(HubSpec.Han.NO_TIME_SYNC) ? java.util.Optional.empty()
                        : java.util.Optional.of(d);
            }
            List<HubSpec.Clock> clocks = new ArrayList<>();
            List<YamlNode> items = list(o.opt("clocks"), o.sub("clocks"), "{ device, offsetSeconds, driftPpm }");
            for (int i = 0; i < items.size(); i++) {
                String path = o.sub("clocks") + "[" + i + "]";
                Fields c = obj(items.get(i), path, "clock");
                if (c == null) {
                    continue;
                }
                String device = id(c.req("device", "a device id"), c.sub("device"));
                long offset = value(c.opt("offsetSeconds"), c.sub("offsetSeconds"),
                        "whole seconds, -315360000..315360000", 0L, (t, e) -> {
                            if (!t.trim().matches("[+-]?\\d{1,9}")) {
                                e.append("expected whole seconds such as -600, got '").append(t).append("'");
                                return null;
                            }
                            long v = Long.parseLong(t.trim().replace("+", ""));
                            if (Math.abs(v) > 315_360_000L) {
                                e.append("expected at most ten years (315360000 s) either way, got ").append(v);
                                return null;
                            }
                            return v;
                        });
                double ppm = value(c.opt("driftPpm"), c.sub("driftPpm"), "parts per million, -100000..100000", 0.0,
                        (t, e) -> {
                            if (!t.trim().matches("[+-]?\\d{1,6}(\\.\\d{1,6})?")) {
                                e.append("expected parts per million such as 50 or -12.5, got '").append(t)
                                        .append("'");
                                return null;
                            }
                            double v = Double.parseDouble(t.trim());
                            if (Math.abs(v) > 100_000) {
                                e.append("expected at most 100000 ppm either way, got ").append(t.trim());
                                return null;
                            }
                            return v;
                        });
                clocks.add(new HubSpec.Clock(device, offset, ppm, items.get(i).position()));
            }
            List<String> assumes = new ArrayList<>();
            List<YamlNode> quirky = list(o.opt("assumesEndpoint1"), o.sub("assumesEndpoint1"), "device ids");
            for (int i = 0; i < quirky.size(); i++) {
                assumes.add(id(quirky.get(i), o.sub("assumesEndpoint1") + "[" + i + "]"));
            }
            return new HubSpec.Han(bool(o.opt("endpointDiscovery"), o.sub("endpointDiscovery"),
                    HubSpec.Han.DEFAULT.endpointDiscovery()), sync,
                    bool(o.opt("readIdentityAtJoin"), o.sub("readIdentityAtJoin"), false),
                    bool(o.opt("newFirmwareFlag"), o.sub("newFirmwareFlag"), false), clocks, assumes, tunnel(o),
                    identities(o));
        }

        /** G.9: identity parameters per device (or {@code hub}); ids are checked once the devices are read. */
        private List<HubSpec.Identity> identities(Fields o) {
            List<HubSpec.Identity> out = new ArrayList<>();
            List<YamlNode> items = list(o.opt("identities"), o.sub("identities"),
                    "{ device, manufacturerCode, imageType, hardwareVersion }");
            for (int i = 0; i < items.size(); i++) {
                String path = o.sub("identities") + "[" + i + "]";
                Fields c = obj(items.get(i), path, "identityParameters");
                if (c == null) {
                    continue;
                }
                YamlNode dn = c.req("device", "a device id or hub");
                String device = dn != null && "hub".equals(string(dn, c.sub("device"), "")) ? "hub"
                        : id(dn, c.sub("device"));
                int mfr = (int) num(c.req("manufacturerCode", "the Zigbee manufacturer code, 0..0xFFFF"),
                        c.sub("manufacturerCode"), 0xFFFF, 0);
                int type = (int) num(c.req("imageType", "the OTA image type, 0..0xFFFF"), c.sub("imageType"), 0xFFFF, 0);
                int hw = (int) num(c.opt("hardwareVersion"), c.sub("hardwareVersion"), 0xFFFF, 1);
                out.add(new HubSpec.Identity(device, mfr, type, hw, items.get(i).position()));
            }
            return out;
        }

        /** The CH's GB tunnel server (G.3, decision 0024); every value (unconfirmed) with the model's default. */
        private io.hansim.device.role.TunnelServerRole.Config tunnel(Fields o) {
            var d = io.hansim.device.role.TunnelServerRole.Config.DEFAULTS;
            int protocol = (int) num(o.opt("tunnelProtocolId"), o.sub("tunnelProtocolId"), 0xFF, d.protocolId());
            int size = (int) num(o.opt("tunnelMaxTransferSize"), o.sub("tunnelMaxTransferSize"), 0xFFFF,
                    d.maximumIncomingTransferSize());
            int puts = atLeastOne(o.opt("tunnelPutsPerGet"), o.sub("tunnelPutsPerGet"), d.putsPerGet());
            int queue = (int) num(o.opt("tunnelQueueLimit"), o.sub("tunnelQueueLimit"), 10_000, d.maxQueuedPerDevice());
            if (size < 1) {
                problem(o.opt("tunnelMaxTransferSize").position(), o.sub("tunnelMaxTransferSize")
                        + ": expected 1..65535, got 0");
                size = d.maximumIncomingTransferSize();
            }
            if (queue < 1) {
                problem(o.opt("tunnelQueueLimit").position(), o.sub("tunnelQueueLimit") + ": expected 1..10000, got 0");
                queue = d.maxQueuedPerDevice();
            }
            return new io.hansim.device.role.TunnelServerRole.Config(protocol, size, puts, queue);
        }


        DeviceSpec device(YamlNode n, String path) {
            if (!(n instanceof Mapping m)) {
                problem(n.position(), path + ": expected a device mapping with id, type and eui, got " + n.kind());
                return null;
            }
            YamlNode typeNode = m.entries().get("type");
            String type = null;
            if (typeNode == null || typeNode instanceof Scalar s && s.isNull()) {
                problem(m.position(), path + ": missing required key 'type' (one of "
                        + String.join(", ", DeviceTypes.names()) + ")");
            } else {
                type = choice(typeNode, path + ".type", stringMap(DeviceTypes.names()), null);
            }
            if (type == null) {
                return null;
            }
            DeviceType<?> kind = DeviceTypes.named(type).orElseThrow();
            Fields o = obj(n, path, type);
            String id = id(o.req("id", "a name steps refer to"), o.sub("id"));
            if (id.equals("hub")) {
                problem(o.m.entries().get("id").position(), o.sub("id") + ": 'hub' names the CH; pick another id");
            }
            long eui = eui(o.req("eui", "16 hex digits"), o.sub("eui"));
            long fw = num(o.opt("firmwareVersion"), o.sub("firmwareVersion"), U32, 1L);
            return kind.parse(o, id, eui, fw, n.position(), this);
        }

        ImageSpec image(YamlNode n, String path) {
            Fields o = obj(n, path, "image");
            if (o == null) {
                return null;
            }
            String id = id(o.req("id", "a name steps refer to"), o.sub("id"));
            YamlNode gen = o.opt("generate");
            YamlNode file = o.opt("file");
            if ((gen == null) == (file == null)) {
                problem(n.position(), path + ": expected exactly one of 'generate' or 'file'");
                return null;
            }
            // R56.8: the PPMIDTS version the firmware in the image implements.
            YamlNode specNode = o.opt("spec");
            Optional<SpecVersion> brings = specNode == null ? Optional.empty()
                    : Optional.of(spec(specNode, o.sub("spec"), "PPMIDTS", new SpecVersion("PPMIDTS", 5, 0)));
            if (file != null) {
                String f = string(file, o.sub("file"), null);
                if (f == null) {
                    return null;
                }
                Path p;
                try {
                    p = baseDir.resolve(f).normalize();
                } catch (java.nio.file.InvalidPathException e) {
                    problem(file.position(), o.sub("file") + ": not a file name: '" + f + "'");
                    return null;
                }
                if (!Files.isRegularFile(p)) {
                    // Still registered: steps naming the image should not add a second, misleading error.
                    problem(file.position(), o.sub("file") + ": no such image file: " + p
                            + " (paths are relative to the scenario file)");
                } else {
                    imageFileProblem(p).ifPresent(m -> problem(file.position(), o.sub("file") + ": " + m));
                }
                return new ImageSpec.File(id, p, brings, n.position());
            }
            Fields g = obj(gen, o.sub("generate"), "generate");
            if (g == null) {
                return null;
            }
            int mfr = (int) num(g.req("manufacturerCode", "the OTA Manufacturer Code"), g.sub("manufacturerCode"),
                    0xFFFF, 0);
            int type = (int) num(g.req("imageType", "the OTA Image Type"), g.sub("imageType"), 0xFFFF, 0);
            long version = num(g.req("fileVersion", "the OTA File Version"), g.sub("fileVersion"), U32, 0);
            long size = value(g.req("size", "e.g. 256KiB"), g.sub("size"), "a size such as 256KiB", 0L,
                    (t, e) -> Values.size(t, U32, e));
            if (size > ImageSpec.MAX_SIZE) {
                problem(g.opt("size").position(), g.sub("size") + ": " + size + " octets is above the largest image"
                        + " the simulator generates, " + ImageSpec.MAX_SIZE + " octets (16MiB; R7.9 asks for 2 MiB)");
            }
            Optional<ImageSpec.HardwareRange> hw = Optional.empty();
            YamlNode hwNode = g.opt("hardware");
            if (hwNode != null) {
                if (hwNode instanceof Sequence s && s.items().size() == 2) {
                    int min = (int) num(s.items().get(0), g.sub("hardware") + "[0]", 0xFFFF, 0);
                    int max = (int) num(s.items().get(1), g.sub("hardware") + "[1]", 0xFFFF, 0);
                    if (min > max) {
                        problem(hwNode.position(), g.sub("hardware") + ": range reversed: minimum " + min
                                + " > maximum " + max + " (write [minimum, maximum])");
                    }
                    hw = Optional.of(new ImageSpec.HardwareRange(min, max));
                } else {
                    problem(hwNode.position(), g.sub("hardware") + ": expected [minimum, maximum], got "
                            + hwNode.kind());
                }
            }
            Optional<String> key = Optional.ofNullable(g.opt("signingKey"))
                    .map(k -> string(k, g.sub("signingKey"), ""));
            YamlNode formNode = g.opt("form");
            Optional<GbForm> form = Optional.ofNullable(choice(formNode, g.sub("form"),
                    ordered("ppmid", GbForm.PPMID, "signed", GbForm.SIGNED), null));
            if (form.isPresent() && form.get() == GbForm.PPMID && key.isPresent()) {
                problem(g.opt("signingKey").position(), g.sub("signingKey") + ": the ppmid form (SR 11.4) has no"
                        + " signature; remove signingKey or write form: signed");
            } else if (form.isPresent() && form.get() == GbForm.SIGNED && key.isEmpty()) {
                problem(formNode.position(), g.sub("form") + ": the signed form needs a signingKey (demo is the"
                        + " key every simulated device trusts)");
            }
            if (brings.isPresent() && devices.values().stream().noneMatch(d -> d instanceof DeviceSpec.Ppmid p
                    && p.manufacturerCode() == mfr && p.imageType() == type)) {
                problem(specNode.position(), o.sub("spec") + String.format(": no PPMID of the topology has"
                        + " manufacturerCode 0x%04X and imageType 0x%04X, so no device would run ", mfr, type)
                        + brings.get() + " from this image (R56.8)");
            }
            for (DeviceSpec d : devices.values()) {
                if (brings.isPresent() && d instanceof DeviceSpec.Ppmid p && p.manufacturerCode() == mfr
                        && p.imageType() == type && p.firmwareVersion() == version && !p.spec().equals(brings.get())) {
                    problem(specNode.position(), o.sub("spec") + ": PPMID '" + p.id() + "' already runs File Version "
                            + String.format("0x%08X", version) + " as " + p.spec() + " (its spec); one firmware"
                            + " version implements one PPMIDTS version");
                }
            }
            return new ImageSpec.Generated(id, mfr, type, version, size, hw, key, form, brings, n.position());
        }

        /**
         * What is wrong with an image file the simulator would load, if anything: larger than it
         * holds ({@link ImageSpec#MAX_SIZE}), or octets after the OTA header's Total Image Size
         * (zigbee-ota.md: OTA upgrade file format; {@code image inspect} warns TRAILING_BYTES) — a
         * CH would not know which length to serve.
         */
        static Optional<String> imageFileProblem(Path p) {
            try {
                long length = Files.size(p);
                if (length > ImageSpec.MAX_SIZE) {
                    return Optional.of(p + " is " + length + " octets, above the largest image the simulator holds, "
                            + ImageSpec.MAX_SIZE + " octets (16MiB)");
                }
                byte[] head = new byte[io.hansim.zigbee.ota.image.OtaHeader.BASE_LENGTH];
                int n;
                try (java.io.InputStream in = Files.newInputStream(p)) {
                    n = in.readNBytes(head, 0, head.length);
                }
                java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(head).order(java.nio.ByteOrder.LITTLE_ENDIAN);
                if (n < head.length || Integer.toUnsignedLong(b.getInt(0))
                        != io.hansim.zigbee.ota.image.OtaHeader.FILE_IDENTIFIER) {
                    return Optional.empty(); // not an OTA file: the CH refuses it at distribution (INVALID_IMAGE)
                }
                long total = Integer.toUnsignedLong(b.getInt(52)); // Total Image Size, after the header string
                if (length > total && total >= head.length) {
                    return Optional.of(p + " has " + (length - total) + " octets after its Total Image Size "
                            + total + " (TRAILING_BYTES, see hansim image inspect): remove them");
                }
                return Optional.empty();
            } catch (java.io.IOException e) {
                return Optional.of("cannot read " + p + ": " + e.getMessage());
            }
        }

        FaultSpec fault(YamlNode n, String path) {
            Fields o = obj(n, path, "fault");
            if (o == null) {
                return null;
            }
            YamlNode link = o.req("link", "[a, b]: two of hub and the device ids");
            String a = "";
            String b = "";
            if (link instanceof Sequence s && s.items().size() == 2) {
                a = node(s.items().get(0), o.sub("link") + "[0]");
                b = node(s.items().get(1), o.sub("link") + "[1]");
                if (a.equals(b) && !a.isEmpty()) {
                    problem(link.position(), o.sub("link") + ": a link joins two different nodes, got '" + a
                            + "' twice");
                }
            } else if (link != null) {
                problem(link.position(), o.sub("link") + ": expected [a, b] with two of hub and the device ids, got "
                        + link.kind());
            }
            double loss = percent(o.opt("loss"), o.sub("loss"));
            double dup = percent(o.opt("duplicate"), o.sub("duplicate"));
            double reorder = percent(o.opt("reorder"), o.sub("reorder"));
            Duration minDelay = FaultSpec.DEFAULT_DELAY;
            Duration maxDelay = FaultSpec.DEFAULT_DELAY;
            YamlNode delay = o.opt("delay");
            if (delay instanceof Sequence s && s.items().size() == 2) {
                minDelay = positiveDuration(s.items().get(0), o.sub("delay") + "[0]", FaultSpec.DEFAULT_DELAY);
                maxDelay = positiveDuration(s.items().get(1), o.sub("delay") + "[1]", minDelay);
                if (maxDelay.compareTo(minDelay) < 0) {
                    problem(delay.position(), o.sub("delay") + ": range reversed: minimum " + minDelay.toMillis()
                            + "ms > maximum " + maxDelay.toMillis() + "ms (write [minimum, maximum])");
                    maxDelay = minDelay;
                }
            } else if (delay instanceof Sequence) {
                problem(delay.position(), o.sub("delay") + ": expected a duration or [minimum, maximum], got a list of "
                        + ((Sequence) delay).items().size());
            } else if (delay != null) {
                minDelay = positiveDuration(delay, o.sub("delay"), FaultSpec.DEFAULT_DELAY);
                maxDelay = minDelay;
            }
            Duration hold = o.opt("reorderHold") == null ? FaultSpec.DEFAULT_REORDER_HOLD
                    : positiveDuration(o.opt("reorderHold"), o.sub("reorderHold"), FaultSpec.DEFAULT_REORDER_HOLD);
            List<FaultSpec.Window> windows = new ArrayList<>();
            List<YamlNode> items = list(o.opt("windows"), o.sub("windows"), "windows");
            int faultWindows = 0;
            for (int i = 0; i < items.size(); i++) {
                String wPath = o.sub("windows") + "[" + i + "]";
                Fields w = obj(items.get(i), wPath, "window");
                if (w == null) {
                    continue;
                }
                Duration from = duration(w.req("from", "a duration from the start"), w.sub("from"), Duration.ZERO);
                YamlNode toNode = w.req("to", "a duration from the start");
                Duration to = duration(toNode, w.sub("to"), from);
                if (to.compareTo(from) < 0) {
                    problem(toNode.position(), w.sub("to") + ": the window ends before it starts (from "
                            + from + ", to " + to + ")");
                }
                boolean down = bool(w.opt("down"), w.sub("down"), true);
                if (!down && ++faultWindows == 2) {
                    problem(items.get(i).position(), wPath + ": a link has at most one window with down: false");
                }
                windows.add(new FaultSpec.Window(from, to, down, items.get(i).position()));
            }
            return new FaultSpec(a, b, loss, dup, reorder, minDelay, maxDelay, hold, windows, n.position());
        }


        /** The top-level {@code inventory} section (R202.6, R202.7); the enduring CPL when absent. */
        InventorySpec inventory(YamlNode n, Position fallbackAt) {
            if (n == null) {
                return new InventorySpec(io.hansim.device.inventory.CplMode.ENDURING, List.of(), fallbackAt);
            }
            Fields o = obj(n, "inventory", "inventory");
            if (o == null) {
                return new InventorySpec(io.hansim.device.inventory.CplMode.ENDURING, List.of(), n.position());
            }
            io.hansim.device.inventory.CplMode mode = choice(o.opt("cpl"), o.sub("cpl"),
                    ordered("enduring", io.hansim.device.inventory.CplMode.ENDURING,
                            "interim-cpl", io.hansim.device.inventory.CplMode.INTERIM),
                    io.hansim.device.inventory.CplMode.ENDURING);
            List<String> off = new ArrayList<>();
            for (YamlNode i : list(o.opt("offCpl"), o.sub("offCpl"), "image ids")) {
                off.add(imageRef(i, o.sub("offCpl")));
            }
            return new InventorySpec(mode, off, n.position());
        }

        Step step(YamlNode n, String path) {
            if (!(n instanceof Mapping m) || m.entries().size() != 1) {
                problem(n.position(), path + ": expected one step such as '- wait: 10m', a mapping with exactly one "
                        + "of: " + String.join(", ", sorted("step")) + "; got " + (n instanceof Mapping mm
                        ? "the keys " + String.join(", ", mm.entries().keySet()) : n.kind()));
                return null;
            }
            obj(n, path, "step"); // an unknown kind is reported here, with the kinds there are
            String name = m.entries().keySet().iterator().next();
            Optional<StepKind<?>> kind = StepKinds.named(name);
            return kind.isEmpty() ? null : kind.get().parse(m.entries().get(name), path + "." + name, n.position(),
                    this);
        }
    }
}
