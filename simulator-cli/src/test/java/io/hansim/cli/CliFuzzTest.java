package io.hansim.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.hansim.cli.scenario.FleetLoader;
import io.hansim.cli.scenario.ImageSpec;
import io.hansim.cli.scenario.Scenario;
import io.hansim.cli.scenario.ScenarioException;
import io.hansim.cli.scenario.ScenarioLoader;
import io.hansim.cli.scenario.Step;
import io.hansim.cli.scenario.Utf8Text;
import io.hansim.device.fleet.FleetSpec;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Issue 14: the CLI's file inputs as a whole - scenario YAML, fleet YAML, trace JSON lines and the
 * JSON of {@code gbcs encode} - written to a temp file and given to {@link Main#run} in-process. The
 * only outcomes are exit 0, 1 or 2 with something said (2 always on stderr); never 3 (an internal
 * error, which is also what an uncaught exception becomes) and never an exception out of Main.
 * A scenario or fleet is only run when its virtual time and size are small (waits and timeouts
 * 12 h in all, a few devices, small images) so that no input can make a run long; a larger one is
 * still loaded, which is where bad input is refused.
 */
class CliFuzzTest {
    private static final Duration MAX_VIRTUAL = Duration.ofHours(12);

    @FuzzTest(maxDuration = "60s")
    void scenarioFileGivesExitZeroOneOrTwo(byte[] data) throws IOException {
        withFile("s.yaml", data, (dir, file) -> {
            if (small(decoded(data), dir)) {
                check(file, "run", "--quiet", file.toString());
            }
        });
    }

    @FuzzTest(maxDuration = "60s")
    void fleetFileGivesExitZeroOneOrTwo(byte[] data) throws IOException {
        withFile("f.yaml", data, (dir, file) -> {
            if (smallFleet(decoded(data))) {
                check(file, "fleet", "--quiet", "--threads", "1", file.toString());
            } else {
                // Too big to run here: the load alone, through the CLI's loader, must be a model or problems.
                try {
                    FleetLoader.load(file);
                } catch (ScenarioException e) {
                    assertFalse(e.problems().isEmpty());
                }
            }
        });
    }

    @FuzzTest(maxDuration = "60s")
    void traceFileGivesExitZeroOneOrTwo(byte[] data) throws IOException {
        withFile("t.jsonl", data, (dir, file) -> {
            check(file, "trace", "summary", file.toString());
            check(file, "trace", "convert", "--to", "pcap", file.toString(), "-o", dir.resolve("t.pcap").toString());
            check(file, "trace", "convert", "--to", "html", "--all", file.toString(), "-o",
                    dir.resolve("t.html").toString());
        });
    }

    @FuzzTest(maxDuration = "60s")
    void gbcsEncodeJsonGivesExitZeroOneOrTwo(byte[] data) throws IOException {
        withFile("m.json", data, (dir, file) -> {
            check(file, "gbcs", "encode", "--pki-seed", "fuzz", file.toString());
            check(file, "gbcs", "encode", "--pki-seed", "fuzz", "--out", dir.resolve("m.bin").toString(), file.toString());
        });
    }

    // ---- helpers ----------------------------------------------------------------------------------

    private interface Body {
        void run(Path dir, Path file) throws IOException;
    }

    private static void withFile(String name, byte[] data, Body body) throws IOException {
        Path dir = Files.createTempDirectory("hansim-cli-fuzz");
        try {
            Path file = Files.write(dir.resolve(name), data);
            body.run(dir, file);
        } finally {
            try (Stream<Path> s = Files.walk(dir)) {
                for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    private static void check(Path file, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit;
        try {
            exit = Main.run(new PrintWriter(out), new PrintWriter(err), args);
        } catch (RuntimeException | Error e) {
            throw new AssertionError("an exception out of Main.run for " + String.join(" ", args), e);
        }
        if (exit == Main.EXIT_INTERNAL) {
            fail("internal error (exit 3) for " + String.join(" ", args) + ":\n" + err);
        }
        assertTrue(exit == Main.EXIT_OK || exit == Main.EXIT_CHECK_FAILED || exit == Main.EXIT_BAD_INPUT,
                "exit " + exit);
        if (exit == Main.EXIT_BAD_INPUT) {
            assertFalse(err.toString().isBlank(), "exit 2 says why on stderr: " + String.join(" ", args));
        } else if (exit == Main.EXIT_CHECK_FAILED) {
            assertFalse((out.toString() + err).isBlank(), "exit 1 says what failed");
        }
    }

    private static String decoded(byte[] data) {
        try {
            return Utf8Text.decode(data);
        } catch (Utf8Text.NotUtf8Exception e) {
            return null; // the CLI refuses it at load time; nothing to run
        }
    }

    /** Whether a run of this scenario is short: loads, few devices, small images, bounded virtual time. */
    private static boolean small(String text, Path dir) {
        if (text == null) {
            return true; // refused at load
        }
        Scenario s;
        try {
            s = ScenarioLoader.parse(text, "s.yaml", dir);
        } catch (ScenarioException e) {
            return true; // the CLI prints the problems, exit 2: cheap
        }
        if (s.topology().devices().size() > 8) {
            return false;
        }
        for (ImageSpec i : s.images()) {
            if (!(i instanceof ImageSpec.Generated g) || g.size() > 256 * 1024) {
                return false;
            }
        }
        Duration total = Duration.ZERO;
        List<Step> steps = new ArrayList<>(s.steps());
        for (Step st : steps) {
            if (st instanceof Step.Wait w) {
                total = total.plus(w.duration());
            } else if (st instanceof Step.Await a) {
                total = total.plus(a.timeout());
            } else if (st instanceof Step.Activate a && a.at() != null) {
                total = total.plus(a.at());
            }
            if (total.compareTo(MAX_VIRTUAL) > 0) {
                return false;
            }
        }
        return true;
    }

    private static boolean smallFleet(String text) {
        if (text == null) {
            return true;
        }
        FleetSpec f;
        try {
            f = FleetLoader.parse(text, "f.yaml");
        } catch (ScenarioException e) {
            return true;
        }
        FleetSpec.DeviceMix m = f.mix();
        return f.hubs() <= 2 && m.ppmidsMax() + m.ihds() + m.hcalcs() <= 4 && f.ppmidImage().size() <= 16 * 1024
                && (f.hcalcsImage() == null || f.hcalcsImage().size() <= 16 * 1024)
                && f.hubTimeout() <= MAX_VIRTUAL.toNanos() / 1000;
    }
}
