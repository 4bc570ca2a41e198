package io.hansim.cli.scenario;

import io.hansim.cli.scenario.YamlNode.Mapping;
import io.hansim.cli.scenario.YamlNode.Scalar;
import io.hansim.cli.scenario.YamlNode.Sequence;
import io.hansim.device.fleet.FleetSpec;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiFunction;

/**
 * Loads and validates fleet scenario files (docs/scenario-format.md "Fleet files", issue 8) into a
 * {@link FleetSpec}. Same rules as {@link ScenarioLoader}: the same YAML reader and value notations,
 * every mistake reported with {@code file:line:column} and what was expected, nothing else thrown.
 */
public final class FleetLoader {
    private static final Map<String, Set<String>> KEYS = new LinkedHashMap<>();

    static {
        key("fleet", "name", "seed", "hubs", "devices", "images", "rollout", "faults", "successThreshold");
        key("devices", "ppmids", "ihds", "hcalcs", "dualMode", "legacy");
        key("images", "ppmid", "hcalcs");
        key("image", "from", "to", "size");
        key("rollout", "waves", "rate", "chBuffer", "maxConcurrentTransfers", "hubTimeout");
        key("wave", "start", "share");
        key("fault", "name", "weight", "loss", "duplicate", "delay", "powerCuts", "bootFailures",
                "hardwareMismatch");
    }

    private static void key(String context, String... names) {
        KEYS.put(context, Set.copyOf(new LinkedHashSet<>(Arrays.asList(names))));
    }

    private FleetLoader() {}

    /** The keys each kind of mapping accepts, by context ("fleet" is the root), for docs tests. */
    public static Map<String, Set<String>> knownKeys() {
        return java.util.Collections.unmodifiableMap(KEYS);
    }

    /** Reads and validates a fleet file. */
    public static FleetSpec load(Path file) throws ScenarioException {
        String name = file.toString();
        String text = ScenarioException.readText(file, ScenarioLoader.MAX_FILE_SIZE, "fleet");
        return parse(text, name);
    }

    /** Validates fleet text; {@code file} is the name positions carry. */
    public static FleetSpec parse(String text, String file) throws ScenarioException {
        List<ScenarioProblem> problems = new ArrayList<>();
        FleetSpec spec = null;
        YamlNode root = new YamlReader(file, problems).read(text);
        if (root != null) {
            spec = new Mapper(problems).fleet(root);
        }
        ScenarioException.throwIfAny(problems, spec != null,
                new ScenarioProblem(new Position(file, 1, 1), "not a fleet file"));
        return spec;
    }

    /** One pass over the tree; every problem recorded, a spec only when there were none. */
    private static final class Mapper {
        private final List<ScenarioProblem> problems;

        Mapper(List<ScenarioProblem> problems) {
            this.problems = problems;
        }

        void problem(Position at, String message) {
            problems.add(new ScenarioProblem(at, message));
        }

        FleetSpec fleet(YamlNode root) {
            Mapping m = obj(root, "fleet", "fleet");
            if (m == null) {
                return null;
            }
            int before = problems.size();
            String name = str(opt(m, "name"), "name", "fleet");
            long seed = num(opt(m, "seed"), "seed", Long.MAX_VALUE, 0);
            long hubs = num(req(m, "hubs", "hubs", "a number of hubs"), "hubs", 10_000_000, 1);
            if (hubs < 1 && m.entries().get("hubs") != null) {
                problem(m.entries().get("hubs").position(), "hubs: at least 1");
            }
            FleetSpec.DeviceMix mix = devices(req(m, "devices", "devices", "a mapping of ppmids, ihds, hcalcs, ..."));
            FleetSpec.FleetImage ppmidImage = null;
            FleetSpec.FleetImage hcalcsImage = null;
            YamlNode imagesNode = req(m, "images", "images", "a mapping with a ppmid image");
            if (imagesNode != null) {
                Mapping im = obj(imagesNode, "images", "images");
                if (im != null) {
                    ppmidImage = image(req(im, "ppmid", "images.ppmid", "{ from, to, size }"), "images.ppmid");
                    YamlNode h = opt(im, "hcalcs");
                    hcalcsImage = h == null ? null : image(h, "images.hcalcs");
                }
            }
            if (mix != null && mix.hcalcs() > 0 && hcalcsImage == null && imagesNode instanceof Mapping im
                    && opt(im, "hcalcs") == null) {
                problem(imagesNode.position(), "images: the devices include HCALCS, so an hcalcs image is needed");
            }
            Rollout rollout = rollout(req(m, "rollout", "rollout", "a mapping of waves, rate, ..."));
            List<FleetSpec.FaultProfile> faults = faults(opt(m, "faults"));
            double threshold = opt(m, "successThreshold") == null ? 0
                    : percent(opt(m, "successThreshold"), "successThreshold") / 100;
            if (problems.size() > before || mix == null || ppmidImage == null || rollout == null || faults == null) {
                return null;
            }
            try {
                return new FleetSpec(name, (int) hubs, seed, mix, ppmidImage, hcalcsImage, rollout.rollout(), faults,
                        rollout.hubTimeout(), threshold);
            } catch (IllegalArgumentException e) {
                problem(root.position(), "fleet: " + e.getMessage());
                return null;
            }
        }

        FleetSpec.DeviceMix devices(YamlNode n) {
            Mapping m = n == null ? null : obj(n, "devices", "devices");
            if (m == null) {
                return null;
            }
            int before = problems.size();
            long min = 1;
            long max = 1;
            YamlNode p = opt(m, "ppmids");
            if (p instanceof Sequence s) {
                if (s.items().size() != 2) {
                    problem(s.position(), "devices.ppmids: expected a number or a range [min, max], got a list of "
                            + s.items().size());
                } else {
                    min = num(s.items().get(0), "devices.ppmids[0]", FleetSpec.MAX_DEVICES_PER_HUB, 1);
                    max = num(s.items().get(1), "devices.ppmids[1]", FleetSpec.MAX_DEVICES_PER_HUB, 1);
                    if (max < min) {
                        problem(s.position(), "devices.ppmids: the range's max " + max + " is below its min " + min);
                    }
                }
            } else if (p != null) {
                min = max = num(p, "devices.ppmids", FleetSpec.MAX_DEVICES_PER_HUB, 1);
            }
            long ihds = num(opt(m, "ihds"), "devices.ihds", FleetSpec.MAX_DEVICES_PER_HUB, 0);
            long hcalcs = num(opt(m, "hcalcs"), "devices.hcalcs", FleetSpec.MAX_DEVICES_PER_HUB, 0);
            double dual = opt(m, "dualMode") == null ? 0 : percent(opt(m, "dualMode"), "devices.dualMode") / 100;
            double legacy = opt(m, "legacy") == null ? 0 : percent(opt(m, "legacy"), "devices.legacy") / 100;
            if (problems.size() > before) {
                return null;
            }
            if (max + ihds + hcalcs > FleetSpec.MAX_DEVICES_PER_HUB) {
                problem(n.position(), "devices: at most " + FleetSpec.MAX_DEVICES_PER_HUB + " devices per hub, got up to "
                        + (max + ihds + hcalcs));
                return null;
            }
            return new FleetSpec.DeviceMix((int) min, (int) max, (int) ihds, (int) hcalcs, dual, legacy);
        }

        FleetSpec.FleetImage image(YamlNode n, String path) {
            Mapping m = n == null ? null : obj(n, path, "image");
            if (m == null) {
                return null;
            }
            int before = problems.size();
            long from = num(req(m, "from", path + ".from", "the file version devices run"), path + ".from",
                    0xFFFF_FFFFL, 0);
            long to = num(req(m, "to", path + ".to", "the file version offered"), path + ".to", 0xFFFF_FFFFL, 1);
            YamlNode sizeNode = req(m, "size", path + ".size", "a size such as 256KiB");
            long size = value(sizeNode, path + ".size", "a size such as 256KiB", 1L,
                    (t, e) -> Values.size(t, 16L << 20, e));
            if (problems.size() > before) {
                return null;
            }
            if (to <= from) {
                problem(m.keys().get("to"), path + ".to: must be above from (" + Values.hex(from) + ")");
                return null;
            }
            if (size < 1) {
                problem(sizeNode.position(), path + ".size: at least 1 octet");
                return null;
            }
            return new FleetSpec.FleetImage(from, to, (int) size);
        }

        record Rollout(FleetSpec.Rollout rollout, long hubTimeout) {
        }

        Rollout rollout(YamlNode n) {
            Mapping m = n == null ? null : obj(n, "rollout", "rollout");
            if (m == null) {
                return null;
            }
            int before = problems.size();
            List<FleetSpec.Wave> waves = new ArrayList<>();
            YamlNode w = opt(m, "waves");
            if (w == null) {
                waves.add(new FleetSpec.Wave(0, 1));
            } else if (!(w instanceof Sequence s) || s.items().isEmpty()) {
                problem(w.position(), "rollout.waves: expected a list of { start, share }, got " + w.kind());
            } else {
                for (int i = 0; i < s.items().size(); i++) {
                    String path = "rollout.waves[" + i + "]";
                    Mapping wm = obj(s.items().get(i), path, "wave");
                    if (wm == null) {
                        continue;
                    }
                    Duration start = duration(req(wm, "start", path + ".start", "a duration such as 0s or 1d"),
                            path + ".start");
                    double share = percent(req(wm, "share", path + ".share", "a percentage of the hubs"),
                            path + ".share");
                    if (share <= 0 && wm.entries().get("share") != null) {
                        problem(wm.entries().get("share").position(), path + ".share: must be above 0%");
                    }
                    if (start != null) {
                        waves.add(new FleetSpec.Wave(micros(start), Math.max(share, 1e-9)));
                    }
                }
            }
            YamlNode rateNode = req(m, "rate", "rollout.rate", "hubs started per hour");
            long rate = num(rateNode, "rollout.rate", 1_000_000_000L, 1);
            if (rate < 1 && rateNode != null) {
                problem(rateNode.position(), "rollout.rate: at least 1 hub an hour");
            }
            long buffer = opt(m, "chBuffer") == null ? 4L << 20
                    : value(opt(m, "chBuffer"), "rollout.chBuffer", "a size such as 4MiB", 1L,
                            (t, e) -> Values.size(t, 0xFFFF_FFFFL, e));
            long concurrent = num(opt(m, "maxConcurrentTransfers"), "rollout.maxConcurrentTransfers", 0xFFFF, 0);
            Duration timeout = opt(m, "hubTimeout") == null ? Duration.ofHours(48)
                    : duration(opt(m, "hubTimeout"), "rollout.hubTimeout");
            if (problems.size() > before || timeout == null) {
                return null;
            }
            if (buffer < 1 || timeout.isZero()) {
                problem(n.position(), "rollout: chBuffer and hubTimeout must be above zero");
                return null;
            }
            return new Rollout(new FleetSpec.Rollout(waves, rate, buffer, (int) concurrent), micros(timeout));
        }

        List<FleetSpec.FaultProfile> faults(YamlNode n) {
            if (n == null) {
                return List.of(new FleetSpec.FaultProfile("none", 1, 0, 0, 10_000, 10_000, 0, 0, 0));
            }
            if (!(n instanceof Sequence s) || s.items().isEmpty()) {
                problem(n.position(), "faults: expected a list of fault profiles, got " + n.kind());
                return null;
            }
            List<FleetSpec.FaultProfile> out = new ArrayList<>();
            Set<String> names = new java.util.HashSet<>();
            int before = problems.size();
            for (int i = 0; i < s.items().size(); i++) {
                String path = "faults[" + i + "]";
                Mapping m = obj(s.items().get(i), path, "fault");
                if (m == null) {
                    continue;
                }
                String name = str(req(m, "name", path + ".name", "a name for the profile"), path + ".name", "");
                if (!name.isEmpty() && !names.add(name)) {
                    problem(m.entries().get("name").position(), path + ".name: '" + name + "' is used twice");
                }
                long weight = num(opt(m, "weight"), path + ".weight", 1_000_000, 1);
                if (weight < 1 && opt(m, "weight") != null) {
                    problem(opt(m, "weight").position(), path + ".weight: at least 1");
                }
                double loss = opt(m, "loss") == null ? 0 : percent(opt(m, "loss"), path + ".loss");
                double dup = opt(m, "duplicate") == null ? 0 : percent(opt(m, "duplicate"), path + ".duplicate");
                long minDelay = 10_000;
                long maxDelay = 10_000;
                YamlNode d = opt(m, "delay");
                if (d instanceof Sequence ds && ds.items().size() == 2) {
                    Duration a = duration(ds.items().get(0), path + ".delay[0]");
                    Duration b = duration(ds.items().get(1), path + ".delay[1]");
                    if (a != null && b != null) {
                        minDelay = micros(a);
                        maxDelay = micros(b);
                        if (minDelay < 1 || maxDelay < minDelay) {
                            problem(d.position(), path + ".delay: need 0 < min <= max");
                        }
                    }
                } else if (d != null) {
                    Duration a = duration(d, path + ".delay");
                    if (a != null) {
                        minDelay = maxDelay = micros(a);
                        if (minDelay < 1) {
                            problem(d.position(), path + ".delay: must be above zero");
                        }
                    }
                }
                double cuts = opt(m, "powerCuts") == null ? 0 : percent(opt(m, "powerCuts"), path + ".powerCuts");
                double boots = opt(m, "bootFailures") == null ? 0
                        : percent(opt(m, "bootFailures"), path + ".bootFailures");
                double hw = opt(m, "hardwareMismatch") == null ? 0
                        : percent(opt(m, "hardwareMismatch"), path + ".hardwareMismatch");
                if (problems.size() == before) {
                    out.add(new FleetSpec.FaultProfile(name, weight, loss, dup, minDelay, maxDelay, cuts / 100,
                            boots / 100, hw / 100));
                }
            }
            return problems.size() > before ? null : out;
        }

        // ---- shapes and values, as in ScenarioLoader ---------------------------------------------

        Mapping obj(YamlNode n, String path, String context) {
            Set<String> known = KEYS.get(context);
            List<String> sorted = new ArrayList<>(new TreeSet<>(known));
            if (!(n instanceof Mapping m)) {
                problem(n.position(), path + ": expected a mapping of " + String.join(", ", sorted) + ", got " + n.kind());
                return null;
            }
            for (Map.Entry<String, Position> k : m.keys().entrySet()) {
                if (!known.contains(k.getKey())) {
                    problem(k.getValue(), "unknown key '" + k.getKey() + "' in " + path
                            + Values.didYouMean(k.getKey(), known) + "; expected one of: " + String.join(", ", sorted));
                }
            }
            return m;
        }

        static YamlNode opt(Mapping m, String key) {
            YamlNode n = m.entries().get(key);
            return n instanceof Scalar s && s.isNull() ? null : n;
        }

        YamlNode req(Mapping m, String key, String path, String expected) {
            YamlNode n = opt(m, key);
            if (n == null && m.keys().containsKey(key)) {
                problem(m.keys().get(key), path + ": expected " + expected + ", got nothing");
            } else if (n == null) {
                problem(m.position(), "missing required key '" + path + "' (" + expected + ")");
            }
            return n;
        }

        String text(YamlNode n, String path, String expected) {
            if (n instanceof Scalar s && !s.isNull()) {
                return s.text();
            }
            problem(n.position(), path + ": expected " + expected + ", got " + n.kind());
            return null;
        }

        <T> T value(YamlNode n, String path, String expected, T fallback, BiFunction<String, StringBuilder, T> parser) {
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

        String str(YamlNode n, String path, String fallback) {
            if (n == null) {
                return fallback;
            }
            String t = text(n, path, "a text");
            return t == null ? fallback : t;
        }

        long num(YamlNode n, String path, long max, long fallback) {
            return value(n, path, "a number from 0 to " + Values.hex(max), fallback, (t, e) -> Values.number(t, max, e));
        }

        double percent(YamlNode n, String path) {
            return value(n, path, "a percentage such as 5%", 0.0, Values::percent);
        }

        Duration duration(YamlNode n, String path) {
            return value(n, path, "a duration such as 30s, 10m or 2h", null, Values::duration);
        }

        static long micros(Duration d) {
            return d.toNanos() / 1000;
        }
    }
}
