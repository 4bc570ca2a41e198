package io.hansim.cli.scenario;

import io.hansim.cli.scenario.YamlNode.Mapping;
import io.hansim.cli.scenario.YamlNode.Scalar;
import io.hansim.cli.scenario.YamlNode.Sequence;
import io.hansim.zigbee.ota.client.ClientQuirk;
import io.hansim.zigbee.ota.client.ImageUpgradeStatus;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a {@link StepKind} reads a scenario with (and the loader the rest of the document): typed
 * values out of YAML nodes, each mistake recorded with its {@code file:line:column} and what was
 * expected, and the references to the devices and images declared before the steps. A method that
 * finds a mistake records it and returns a fallback, so one pass reports every mistake of a file.
 */
public class ParseContext {
    /** The largest 32-bit unsigned value, for {@link #num}. */
    public static final long U32 = 0xFFFF_FFFFL;

    final List<ScenarioProblem> problems;
    final Path baseDir;
    /** The keys each kind of mapping accepts, by context name (ScenarioLoader.knownKeys). */
    private final Map<String, Set<String>> keys;
    final Map<String, DeviceSpec> devices = new LinkedHashMap<>();
    final Map<String, ImageSpec> images = new LinkedHashMap<>();
    /** Ids of entries that had their own mistakes: references to them are not reported again. */
    final Set<String> broken = new java.util.HashSet<>();
    /** The hub's CHTS version once read (a GPF's must equal it: the GPF runs in the CH, R56.6); null before. */
    SpecVersion hubChts;
    /** The manufacturer extras the device models keep (R56.4); see {@code OccupierDataKind}. */
    public static final List<String> EXTRA_STORES = List.of("topUpHistory", "debtRecovery");

    ParseContext(List<ScenarioProblem> problems, Path baseDir, Map<String, Set<String>> keys) {
        this.problems = problems;
        this.baseDir = baseDir;
        this.keys = keys;
    }

    public void problem(Position at, String message) {
        problems.add(new ScenarioProblem(at, message));
    }

    // ---- generic shapes -------------------------------------------------------------------

    /** A mapping whose keys are checked against {@code context}; null when not a mapping. */
    public Fields obj(YamlNode n, String path, String context) {
        if (!(n instanceof Mapping m)) {
            problem(n.position(), path + ": expected a mapping of " + String.join(", ", sorted(context))
                    + ", got " + n.kind());
            return null;
        }
        Set<String> known = keys.get(context);
        for (Map.Entry<String, Position> k : m.keys().entrySet()) {
            if (!known.contains(k.getKey())) {
                problem(k.getValue(), "unknown key '" + k.getKey() + "' in " + path
                        + Values.didYouMean(k.getKey(), known) + "; expected one of: "
                        + String.join(", ", sorted(context)));
            }
        }
        return new Fields(m, path);
    }

    /** The devices the topology declared so far without mistakes, by id, in the file's order. */
    public Map<String, DeviceSpec> declaredDevices() {
        return java.util.Collections.unmodifiableMap(devices);
    }

    /** The hub's CHTS version, or null when the hub is missing or not read yet (R56.6). */
    public SpecVersion hubChts() {
        return hubChts;
    }

    /** The device declared with this id in the topology, or null (unknown, or declared with mistakes). */
    public DeviceSpec deviceSpec(String id) {
        return devices.get(id);
    }

    /** The keys of a context, sorted, as error messages list them. */
    public List<String> sorted(String context) {
        return new ArrayList<>(new TreeSet<>(keys.get(context)));
    }

    /** A mapping's entries with required/optional access. */
    public final class Fields {
        /** The mapping read. */
        public final Mapping m;
        /** Its path in the document, e.g. {@code steps[3].distribute}. */
        public final String path;

        Fields(Mapping m, String path) {
            this.m = m;
            this.path = path;
        }

        /** The value at {@code key}; null when absent or written as null. */
        public YamlNode opt(String key) {
            YamlNode n = m.entries().get(key);
            return n instanceof Scalar s && s.isNull() ? null : n;
        }

        /** The value at {@code key}; null (a problem recorded) when absent. */
        public YamlNode req(String key, String expected) {
            YamlNode n = opt(key);
            if (n == null && m.keys().containsKey(key)) {
                problem(m.keys().get(key), sub(key) + ": expected " + expected + ", got nothing");
            } else if (n == null) {
                problem(m.position(), path + ": missing required key '" + key + "' (" + expected + ")");
            }
            return n;
        }

        /** The path of {@code key} inside this mapping. */
        public String sub(String key) {
            return path + "." + key;
        }
    }

    /** Text of a scalar; null (problem recorded) for anything else. */
    public String text(YamlNode n, String path, String expected) {
        if (n instanceof Scalar s && !s.isNull()) {
            return s.text();
        }
        problem(n.position(), path + ": expected " + expected + ", got " + n.kind());
        return null;
    }

    public <T> T value(YamlNode n, String path, String expected, T fallback,
            java.util.function.BiFunction<String, StringBuilder, T> parser) {
        if (n == null) {
            return fallback;
        }
        String t = text(n, path, expected);
        if (t == null) {
            return fallback;
        }
        StringBuilder error = new StringBuilder();
        T v = parser.apply(t, error);
        if (v == null) {
            problem(n.position(), path + ": " + error);
            return fallback;
        }
        return v;
    }

    public long num(YamlNode n, String path, long max, long fallback) {
        return value(n, path, "a number from 0 to " + Values.hex(max) + " (decimal or 0x-hex)", fallback,
                (t, e) -> Values.number(t, max, e));
    }

    public long eui(YamlNode n, String path) {
        return value(n, path, "an EUI-64 (16 hex digits)", 0L, Values::eui64);
    }

    public Duration duration(YamlNode n, String path, Duration fallback) {
        return value(n, path, "a duration such as 30s, 10m or 2h", fallback, Values::duration);
    }

    public double percent(YamlNode n, String path) {
        return value(n, path, "a percentage such as 5% or 0.05", 0.0, Values::percent);
    }

    public boolean bool(YamlNode n, String path, boolean fallback) {
        return value(n, path, "true or false", fallback, Values::bool);
    }

    public String string(YamlNode n, String path, String fallback) {
        return value(n, path, "a string", fallback, (t, e) -> t);
    }

    public String id(YamlNode n, String path) {
        return value(n, path, "an id (letters, digits, '-' or '_')", "", (t, e) -> {
            if (!t.matches("[A-Za-z][A-Za-z0-9_-]{0,63}")) {
                e.append("expected an id (a letter, then letters, digits, '-' or '_'), got '").append(t)
                        .append("'");
                return null;
            }
            return t;
        });
    }

    public <E> E choice(YamlNode n, String path, Map<String, E> options, E fallback) {
        return value(n, path, "one of " + String.join(", ", options.keySet()), fallback, (t, e) -> {
            E v = options.get(t);
            if (v == null) {
                e.append("expected one of ").append(String.join(", ", options.keySet())).append(", got '")
                        .append(t).append("'").append(Values.didYouMean(t, options.keySet()));
            }
            return v;
        });
    }

    /**
     * A date-time GCS09 can carry (R56.7): its Implementation Date Time is a ZCL UTCTime, seconds
     * since 2000-01-01T00:00:00Z in 32 bits, 0xFFFFFFFF meaning "not a time"; any other instant
     * would be wrapped into another date.
     */
    public Instant utcTime(YamlNode n, String path) {
        Instant t = instant(n, path);
        if (n != null && (t.isBefore(Step.ChangeOfTenancy.EARLIEST) || t.isAfter(Step.ChangeOfTenancy.LATEST))) {
            problem(n.position(), path + ": " + t + " is outside what GCS09's 32-bit ZCL UTCTime carries, "
                    + Step.ChangeOfTenancy.EARLIEST + " .. " + Step.ChangeOfTenancy.LATEST);
        }
        return t;
    }

    public Instant instant(YamlNode n, String path) {
        return value(n, path, "a UTC date-time such as 2026-12-01T00:00:00Z", Instant.EPOCH, (t, e) -> {
            try {
                return Instant.parse(t.trim());
            } catch (DateTimeParseException ex) {
                e.append("expected a UTC date-time such as 2026-12-01T00:00:00Z, got '").append(t).append("'");
                return null;
            }
        });
    }

    public SpecVersion spec(YamlNode n, String path, String document, SpecVersion fallback) {
        return value(n, path, "'" + document + " x.y'", fallback, (t, e) -> {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("([A-Z]+) v?(\\d{1,3})\\.(\\d{1,3})")
                    .matcher(t.trim());
            if (!m.matches() || !m.group(1).equals(document)) {
                e.append("expected '").append(document).append(" x.y' (e.g. ").append(fallback)
                        .append("), got '").append(t).append("'");
                return null;
            }
            return new SpecVersion(document, Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)));
        });
    }

    public List<YamlNode> list(YamlNode n, String path, String expected) {
        if (n == null) {
            return List.of();
        }
        if (n instanceof Sequence s) {
            return s.items();
        }
        problem(n.position(), path + ": expected a list of " + expected + ", got " + n.kind());
        return List.of();
    }

    /** One id or a list of ids. */
    public List<YamlNode> oneOrMany(YamlNode n) {
        return n instanceof Sequence s ? s.items() : List.of(n);
    }

    /** A count from 1 to 255. */
    public int atLeastOne(YamlNode n, String path, int fallback) {
        int v = (int) num(n, path, 255, fallback);
        if (n != null && v == 0) {
            problem(n.position(), path + ": must be at least 1");
            return fallback;
        }
        return v;
    }

    public int blockSize(YamlNode n, String path) {
        int v = (int) num(n, path, 0xFF, 64);
        if (n != null && v == 0) {
            problem(n.position(), path + ": a block holds at least 1 octet");
        }
        return v;
    }


    public OptionalInt optU16(YamlNode n, String path) {
        return n == null ? OptionalInt.empty() : OptionalInt.of((int) num(n, path, 0xFFFF, 0));
    }

    /** A duration above zero (a frame never arrives at the instant it is sent). */
    public Duration positiveDuration(YamlNode n, String path, Duration fallback) {
        Duration d = duration(n, path, fallback);
        if (d.isZero()) {
            problem(n.position(), path + ": must be above zero, e.g. 1ms");
            return fallback;
        }
        return d;
    }


    public static String listing(String what, Set<String> ids) {
        return ids.isEmpty() ? "no " + what + " are declared" : what + " are: " + String.join(", ", ids);
    }

    /** The id written in an entry that could not be mapped, or "". */
    public static String rawId(YamlNode n) {
        return n instanceof Mapping m && m.entries().get("id") instanceof Scalar s ? s.text() : "";
    }

    /** A node id in a link: {@code hub} or a device. */
    public String node(YamlNode n, String path) {
        String id = string(n, path, "");
        if (!id.isEmpty() && !id.equals("hub") && !devices.containsKey(id) && !broken.contains(id)) {
            List<String> all = new ArrayList<>(devices.keySet());
            all.add(0, "hub");
            problem(n.position(), path + ": unknown node '" + id + "'" + Values.didYouMean(id, all)
                    + "; expected hub or a device id; " + listing("devices", devices.keySet()));
        }
        return id;
    }

    /** A device id; when {@code otaOnly}, it must be a device with an OTA client. */
    public String deviceRef(YamlNode n, String path, boolean otaOnly) {
        if (n == null) {
            return "";
        }
        String id = string(n, path, "");
        if (id.isEmpty()) {
            return id;
        }
        DeviceSpec d = devices.get(id);
        if (d == null && !broken.contains(id)) {
            problem(n.position(), path + ": unknown device '" + id + "'" + Values.didYouMean(id, devices.keySet())
                    + "; " + listing("devices", devices.keySet()));
        } else if (d != null && otaOnly && !d.hasOtaClient()) {
            problem(n.position(), path + ": device '" + id + "' is of type " + d.type()
                    + " and has no OTA client; expected a ppmid (with ota: true) or an hcalcs (R7)");
        }
        return id;
    }

    /**
     * A device id that must name a PPMID or an HCALCS (the devices CS08 reads and the SMI holds);
     * {@code why} says so in the error.
     */
    public String otaDevice(YamlNode n, String path, String why) {
        String id = deviceRef(n, path, false);
        requireOtaDevice(id, n, path, why);
        return id;
    }

    /**
     * A device id whose firmware version CS08 reads (R7.11): a PPMID, an HCALCS, or an external device
     * standing in for one (issue 17; the CH answers from its {@code firmware.version} status).
     */
    public String firmwareReadableDevice(YamlNode n, String path, String why) {
        String id = deviceRef(n, path, false);
        requireFirmwareReadable(id, n, path, why);
        return id;
    }

    /** The type check of {@link #firmwareReadableDevice} for an id already looked up. */
    public void requireFirmwareReadable(String id, YamlNode n, String path, String why) {
        if (!(devices.get(id) instanceof DeviceSpec.External x && x.hasOtaClient())) {
            requireOtaDevice(id, n, path, why);
        }
    }

    /** The type check of {@link #otaDevice} for an id already looked up. */
    public void requireOtaDevice(String id, YamlNode n, String path, String why) {
        DeviceSpec d = devices.get(id);
        if (d != null && d.otaProfile().isEmpty()) { // the types with an OTA client model: PPMID, HCALCS
            problem(n.position(), path + ": device '" + id + "' is of type " + d.type() + "; " + why);
        }
    }

    public String imageRef(YamlNode n, String path) {
        if (n == null) {
            return "";
        }
        String id = string(n, path, "");
        if (!id.isEmpty() && !images.containsKey(id) && !broken.contains(id)) {
            problem(n.position(), path + ": unknown image '" + id + "'" + Values.didYouMean(id, images.keySet())
                    + "; " + listing("images", images.keySet()));
        }
        return id;
    }

    public List<String> deviceList(YamlNode n, String path, boolean otaOnly) {
        List<String> ids = new ArrayList<>();
        if (n == null) {
            return ids;
        }
        List<YamlNode> items = oneOrMany(n);
        if (items.isEmpty()) {
            problem(n.position(), path + ": expected at least one device id");
        }
        for (YamlNode i : items) {
            ids.add(deviceRef(i, path, otaOnly));
        }
        return ids;
    }

    /** An IHD's or a PPMID's {@code cotFrom} and {@code cotPollInterval} (R56.2, R56.6). */
    public DeviceSpec.CotSettings cotSettings(Fields o, String document) {
        SpecVersion from = spec(o.opt("cotFrom"), o.sub("cotFrom"), document, new SpecVersion(document, 5, 0));
        Duration poll = DeviceSpec.CotSettings.DEFAULT_POLL;
        YamlNode p = o.opt("cotPollInterval");
        if (p != null) {
            poll = duration(p, o.sub("cotPollInterval"), DeviceSpec.CotSettings.DEFAULT_POLL);
            if (poll.getSeconds() < 1 || poll.getNano() != 0) {
                problem(p.position(), o.sub("cotPollInterval") + ": expected whole seconds, at least 1s, got '"
                        + ((Scalar) p).text() + "'");
                poll = DeviceSpec.CotSettings.DEFAULT_POLL;
            }
        }
        return new DeviceSpec.CotSettings(from, poll);
    }

    /**
     * A device's {@code profile} mapping (OTA client behaviour and extra stores) under {@code context},
     * whose keys decide what is read: {@code blockSize} and {@code quirks} when it has them, and
     * {@code refuseDowngrades}, {@code legacyLocalUpgrade}, {@code extras} likewise; the defaults when
     * absent.
     */
    public OtaProfileSpec otaProfile(YamlNode n, String path, String context, Position fallbackAt) {
        if (n == null) {
            return new OtaProfileSpec(64, List.of(), List.of(), false, false, fallbackAt);
        }
        Fields o = obj(n, path, context);
        if (o == null) {
            return new OtaProfileSpec(64, List.of(), List.of(), false, false, n.position());
        }
        int block = 64;
        List<ClientQuirk> quirks = new ArrayList<>();
        Set<String> known = keys.get(context);
        boolean refuseDowngrades = known.contains("refuseDowngrades")
                && bool(o.opt("refuseDowngrades"), o.sub("refuseDowngrades"), false);
        boolean legacyLocal = known.contains("legacyLocalUpgrade")
                && bool(o.opt("legacyLocalUpgrade"), o.sub("legacyLocalUpgrade"), false);
        if (known.contains("blockSize")) {
            block = blockSize(o.opt("blockSize"), o.sub("blockSize"));
            Map<String, ClientQuirk> names = new LinkedHashMap<>();
            for (ClientQuirk q : ClientQuirk.values()) {
                names.put(q.name(), q);
            }
            for (YamlNode q : list(o.opt("quirks"), o.sub("quirks"), "quirk names")) {
                ClientQuirk v = choice(q, o.sub("quirks"), names, null);
                if (v != null) {
                    quirks.add(v);
                }
            }
        }
        List<ExtraStore> extras = new ArrayList<>();
        YamlNode ex = known.contains("extras") ? o.opt("extras") : null;
        if (ex != null) {
            if (ex instanceof Mapping em) {
                for (Map.Entry<String, YamlNode> e : em.entries().entrySet()) {
                    String ePath = o.sub("extras") + "." + e.getKey();
                    if (!EXTRA_STORES.contains(e.getKey())) {
                        // Only these extras are modelled (R56.4): another name would be kept by nothing.
                        problem(em.keys().get(e.getKey()), ePath + ": unknown extra store '" + e.getKey() + "'"
                                + Values.didYouMean(e.getKey(), EXTRA_STORES) + "; the modelled extras are: "
                                + String.join(", ", EXTRA_STORES));
                        continue;
                    }
                    Fields eo = e.getValue() instanceof Scalar s && s.isNull() ? null : obj(e.getValue(), ePath, "extra");
                    boolean clear = eo == null ? true : bool(eo.opt("clearOnCoT"), eo.sub("clearOnCoT"), true);
                    if (e.getValue() instanceof Scalar s && s.isNull() || eo != null) {
                        extras.add(new ExtraStore(e.getKey(), clear, em.keys().get(e.getKey())));
                    }
                }
            } else {
                problem(ex.position(), o.sub("extras") + ": expected a mapping of store names to "
                        + "{ clearOnCoT: true|false }, got " + ex.kind());
            }
        }
        return new OtaProfileSpec(block, quirks, extras, refuseDowngrades, legacyLocal, n.position());
    }

    /** The extra stores (R56.4) a device's profile declares. */
    public List<ExtraStore> extrasOf(DeviceSpec d) {
        return d.extras();
    }

    public static Map<String, ImageUpgradeStatus> statuses() {
        Map<String, ImageUpgradeStatus> m = new LinkedHashMap<>();
        for (ImageUpgradeStatus s : ImageUpgradeStatus.values()) {
            m.put(s.name(), s);
        }
        return m;
    }

    public static Map<String, String> stringMap(List<String> words) {
        Map<String, String> m = new LinkedHashMap<>();
        words.forEach(w -> m.put(w, w));
        return m;
    }

    @SuppressWarnings("unchecked")
    public static <E> Map<String, E> ordered(Object... pairs) {
        Map<String, E> m = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            m.put((String) pairs[i], (E) pairs[i + 1]);
        }
        return m;
    }
}
