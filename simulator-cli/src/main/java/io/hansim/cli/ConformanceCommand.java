package io.hansim.cli;

import io.hansim.cli.conformance.Battery;
import io.hansim.cli.conformance.BatteryConfig;
import io.hansim.cli.conformance.BatteryReport;
import io.hansim.cli.conformance.CaseResult;
import io.hansim.cli.conformance.ConformanceCase;
import io.hansim.cli.conformance.ConformanceModelMain;
import io.hansim.cli.conformance.ConformanceReports;
import io.hansim.cli.conformance.DeviceKindUnderTest;
import io.hansim.cli.conformance.DeviceUnderTest;
import io.hansim.cli.conformance.ExternalUnderTest;
import io.hansim.cli.conformance.ModelUnderTest;
import io.hansim.cli.conformance.Verdict;
import io.hansim.device.external.ExternalSpec;
import io.hansim.zigbee.ota.client.ClientQuirk;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code hansim conformance}: runs the conformance battery (issue 17) against a device under test —
 * a device across the device port (started by command, or reached at a loopback address) or one of
 * hansim's own models (in-process, or out-of-process through ModelHost) — and reports each case as
 * pass, fail or not applicable with its requirement, what was expected, what was seen and the frames.
 */
@Command(
        name = "conformance",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = "Run the conformance battery against a device under test (docs/device-port.md).",
        footer = {
            "",
            "Examples:",
            "  hansim conformance --device ppmid --command target/c/ota_ppmid --part ota",
            "  hansim conformance --device ihd --connect tcp:127.0.0.1:7017 --report junit target/ihd.xml",
            "  hansim conformance --device ppmid --model --quirk IGNORES_MINIMUM_BLOCK_PERIOD",
            "  hansim conformance --device hcalcs --model-process --report html target/hcalcs.html",
            "",
            "A command's own options go after --:  --command -- java -cp app.jar my.Device",
            "",
            "Exit codes: 0 no case failed, 1 a case failed, 2 bad input, 3 internal error."
        })
final class ConformanceCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--device", required = true, paramLabel = "KIND",
            description = "The kind the device stands in for: ppmid, ihd or hcalcs.")
    String device;

    @Option(names = "--command", arity = "0..*", paramLabel = "CMD",
            description = "Start the device with this command (stdin/stdout), once per case run.")
    List<String> command;

    @Parameters(paramLabel = "ARG", arity = "0..*", description = "More words of --command (after --).")
    List<String> commandRest;

    @Option(names = "--connect", paramLabel = "ADDR",
            description = "Connect to a device listening at tcp:127.0.0.1:PORT or unix:PATH, once per case run.")
    String connect;

    @Option(names = "--model", description = "Test hansim's own model of the kind, in-process.")
    boolean model;

    @Option(names = "--model-process",
            description = "Test hansim's own model of the kind out-of-process, through ModelHost in a child JVM.")
    boolean modelProcess;

    @Option(names = "--quirk", paramLabel = "QUIRK",
            description = "With --model/--model-process: a ClientQuirk (e.g. a conformance mutant), repeatable.")
    List<String> quirks = new ArrayList<>();

    @Option(names = "--keeps-consumption",
            description = "With --model/--model-process: the CoT mutant that keeps the previous occupier's consumption.")
    boolean keepsConsumption;

    @Option(names = "--part", paramLabel = "ota|cot|all", defaultValue = "all",
            description = "Which cases: the OTA client rules, Change of Tenancy, or all (default).")
    String part;

    @Option(names = "--report", arity = "2", paramLabel = "FORMAT FILE", hideParamSyntax = true,
            description = "Also write the results as json, junit or html to FILE; repeatable.")
    List<String> reports = new ArrayList<>();

    @Option(names = "--hello-timeout", paramLabel = "SECONDS", defaultValue = "10",
            description = "Start or connect to HELLO, seconds (default 10).")
    long helloTimeout;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "5",
            description = "An event to its DONE in lockstep, seconds (default 5).")
    long exchangeTimeout;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "17", description = "The simulations' seed (default 17).")
    long seed;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        DeviceKindUnderTest kind;
        Set<ConformanceCase.Part> parts;
        try {
            kind = DeviceKindUnderTest.parse(device);
            parts = Battery.parts(part);
        } catch (IllegalArgumentException e) {
            throw new BadInputException((e.getMessage().startsWith("unknown part") ? "--part: " : "--device: ")
                    + e.getMessage());
        }
        if (helloTimeout < 1 || helloTimeout > 3600 || exchangeTimeout < 1 || exchangeTimeout > 3600) {
            throw new BadInputException("--hello-timeout and --timeout must be 1..3600 seconds");
        }
        List<String> argv = new ArrayList<>();
        if (command != null) {
            argv.addAll(command);
        }
        if (commandRest != null) {
            if (command == null) {
                throw new BadInputException("unexpected argument(s) " + commandRest + ": words after -- belong to"
                        + " --command");
            }
            argv.addAll(commandRest);
        }
        int ways = (command != null ? 1 : 0) + (connect != null ? 1 : 0) + (model ? 1 : 0) + (modelProcess ? 1 : 0);
        if (ways != 1) {
            throw new BadInputException("give exactly one of --command, --connect, --model, --model-process");
        }
        if (command != null && argv.isEmpty()) {
            throw new BadInputException("--command needs the device's program");
        }
        if ((!quirks.isEmpty() || keepsConsumption) && !model && !modelProcess) {
            throw new BadInputException("--quirk and --keeps-consumption apply to --model and --model-process only");
        }
        List<Path> files = new ArrayList<>();
        List<String> formats = new ArrayList<>();
        for (int i = 0; i + 1 < reports.size(); i += 2) {
            String f = reports.get(i).toLowerCase(Locale.ROOT);
            if (!List.of("json", "junit", "html").contains(f)) {
                throw new BadInputException("--report: format must be json, junit or html, got '" + reports.get(i) + "'");
            }
            Path p = Path.of(reports.get(i + 1));
            OutputFiles.check(p);
            formats.add(f);
            files.add(p);
        }
        Duration hello = Duration.ofSeconds(helloTimeout);
        Duration exchange = Duration.ofSeconds(exchangeTimeout);
        DeviceUnderTest dut;
        try {
            if (model || modelProcess) {
                List<String> args = new ArrayList<>();
                args.add(kind.id());
                Set<ClientQuirk> qs = EnumSet.noneOf(ClientQuirk.class);
                for (String q : quirks) {
                    try {
                        qs.add(ClientQuirk.valueOf(q));
                    } catch (IllegalArgumentException e) {
                        throw new BadInputException("--quirk: unknown ClientQuirk '" + q + "'");
                    }
                    args.add(q);
                }
                if (keepsConsumption) {
                    args.add("--keeps-consumption");
                }
                ModelUnderTest m = new ModelUnderTest(kind, qs, keepsConsumption);
                dut = model ? m : new ExternalUnderTest(kind, childJvm(args), null, hello, exchange,
                        ExternalSpec.DEFAULT_BYE_TIMEOUT);
            } else {
                dut = new ExternalUnderTest(kind, argv, connect, hello, exchange, ExternalSpec.DEFAULT_BYE_TIMEOUT);
                if (connect != null) {
                    ExternalSpec.connect("dut", kind.id(), 2, connect); // checks the address: loopback only
                }
            }
        } catch (IllegalArgumentException e) {
            throw new BadInputException(e.getMessage());
        }
        BatteryConfig c = BatteryConfig.DEFAULT;
        BatteryReport r = new Battery(new BatteryConfig(seed, c.blockSize(), c.minimumBlockPeriod(), c.imageBody(),
                c.imageKeys())).run(dut, parts);
        print(r, out);
        for (int i = 0; i < files.size(); i++) {
            String text = switch (formats.get(i)) {
                case "json" -> ConformanceReports.json(r);
                case "junit" -> ConformanceReports.junit(r);
                default -> ConformanceReports.html(r);
            };
            OutputFiles.writeString(files.get(i), text, true);
        }
        out.flush();
        return r.passed() ? 0 : 1;
    }

    /** This JVM and its class path running {@link ConformanceModelMain} with {@code args}. */
    static List<String> childJvm(List<String> args) {
        List<String> argv = new ArrayList<>();
        argv.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        argv.add("-cp");
        argv.add(System.getProperty("java.class.path"));
        argv.add(ConformanceModelMain.class.getName());
        argv.addAll(args);
        return argv;
    }

    static void print(BatteryReport r, PrintWriter out) {
        out.println("conformance: " + r.device() + " (parts " + r.parts() + ", seed " + r.seed() + ")");
        for (CaseResult c : r.results()) {
            String v = c.verdict() == Verdict.PASS ? "PASS" : c.verdict() == Verdict.FAIL ? "FAIL" : "n/a ";
            out.println("  " + v + "  " + c.id() + "  [" + c.requirement() + "]  " + c.seen());
            if (c.verdict() == Verdict.FAIL) {
                out.println("        expected: " + c.expected());
                for (String f : c.frames()) {
                    out.println("        " + f);
                }
            }
        }
        for (String n : r.notes()) {
            out.println("  note: " + n);
        }
        out.println((r.passed() ? "passed" : "FAILED") + ": " + r.count(Verdict.PASS) + " pass, " + r.count(Verdict.FAIL)
                + " fail, " + r.count(Verdict.NOT_APPLICABLE) + " not applicable");
    }
}
