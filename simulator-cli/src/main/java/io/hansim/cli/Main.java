package io.hansim.cli;

import io.hansim.cli.scenario.TerminalText;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.util.Properties;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code hansim} command. Exit codes (DESIGN.md §5): 0 all well, 1 a check failed (an
 * expectation, or an image with an error finding), 2 bad input (usage, unreadable file), 3 an
 * internal error.
 */
@Command(
        name = "hansim",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = {
            "Simulator of the GB smart-metering Home Area Network: Communications Hub, PPMID, IHD and",
            "HCALCS models speaking the Zigbee OTA Upgrade cluster, plus tools for OTA images."
        },
        subcommands = {RunCommand.class, DemoCommand.class, FleetCommand.class, ConformanceCommand.class,
            ImageCommand.class, GbcsCommand.class,
            TraceCommand.class, ModelCommand.class, CommandLine.HelpCommand.class,
            picocli.AutoComplete.GenerateCompletion.class},
        footer = {
            "",
            "Examples:",
            "  hansim demo",
            "  hansim run --report junit target/hansim.xml examples/*.yaml",
            "  hansim image inspect firmware.ota",
            "  hansim image inspect --json ../shared/corpus/ota/*",
            "  hansim image build --demo -o target/demo-ppmid.ota",
            "  hansim trace summary run.trace.jsonl",
            "  hansim trace convert --to pcap run.trace.jsonl -o run.pcap",
            "  hansim model --scenario examples/ppmid-ota.yaml --device ppmid",
            "",
            "Exit codes: 0 ok, 1 a check failed, 2 bad input, 3 internal error."
        })
public final class Main implements Runnable {
    public static final int EXIT_OK = 0;
    public static final int EXIT_CHECK_FAILED = 1;
    public static final int EXIT_BAD_INPUT = 2;
    public static final int EXIT_INTERNAL = 3;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        // "hansim" alone: show what there is to do.
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Builds the configured command line; tests use it with their own writers. */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Main());
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setParameterExceptionHandler((ex, args) -> {
            CommandLine cmd = ex.getCommandLine();
            cmd.getErr().println("hansim: " + TerminalText.escape(ex.getMessage(), true));
            if (!CommandLine.UnmatchedArgumentException.printSuggestions(ex, cmd.getErr())) {
                cmd.getErr().println("Try '" + cmd.getCommandSpec().qualifiedName() + " --help' for more information.");
            }
            return EXIT_BAD_INPUT;
        });
        cl.setExecutionExceptionHandler((ex, cmd, parseResult) -> {
            if (ex instanceof BadInputException bad) {
                // Messages quote file names and values the user gave: controls shown escaped (issue 14).
                cmd.getErr().println("hansim: " + TerminalText.escape(bad.getMessage(), true));
                return EXIT_BAD_INPUT;
            }
            if (outOfMemory(ex) != null) {
                cmd.getErr().println(outOfMemoryMessage(outOfMemory(ex)));
                return EXIT_INTERNAL;
            }
            cmd.getErr().println("hansim: internal error: " + ex);
            ex.printStackTrace(cmd.getErr());
            return EXIT_INTERNAL;
        });
        return cl;
    }

    public static int run(PrintWriter out, PrintWriter err, String... args) {
        CommandLine cl = commandLine();
        cl.setOut(out);
        cl.setErr(err);
        int code = execute(cl, err, args);
        out.flush();
        err.flush();
        return code;
    }

    public static void main(String[] args) {
        CommandLine cl = commandLine();
        System.exit(execute(cl, cl.getErr(), args));
    }

    /**
     * Runs the command. Running out of heap is not "an expectation failed" (exit 1) nor a JVM stack
     * trace: it is exit 3 with one line saying what ran out and how to give more (issue 14). Picocli
     * passes only Exceptions to its handler, so the Error is caught here, wherever it was thrown from
     * (a fleet's worker thread hands it over as the cause of its failure).
     */
    static int execute(CommandLine cl, PrintWriter err, String... args) {
        try {
            return cl.execute(args);
        } catch (OutOfMemoryError e) {
            // Whatever the command held is unreachable now; printing one line needs little heap.
            err.println(outOfMemoryMessage(e));
            err.flush();
            return EXIT_INTERNAL;
        }
    }

    /** The OutOfMemoryError in {@code t}'s cause chain, or null. */
    static OutOfMemoryError outOfMemory(Throwable t) {
        for (int depth = 0; t != null && depth < 32; t = t.getCause(), depth++) {
            if (t instanceof OutOfMemoryError oom) {
                return oom;
            }
        }
        return null;
    }

    static String outOfMemoryMessage(OutOfMemoryError e) {
        long max = Runtime.getRuntime().maxMemory();
        return "hansim: out of memory (" + e.getMessage() + ") with a maximum heap of " + (max >> 20)
                + " MiB; give the JVM more, e.g. HANSIM_JAVA_OPTS=-Xmx" + Math.max(1, (max >> 30) * 2 + 2)
                + "g ./hansim ..., or make the run smaller";
    }

    /** Reads the version Maven wrote into {@code version.properties}. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() throws IOException {
            Properties p = new Properties();
            try (InputStream in = Main.class.getResourceAsStream("version.properties")) {
                if (in != null) {
                    p.load(in);
                }
            }
            return new String[] {
                "hansim " + p.getProperty("version", "unknown"),
                "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")"
            };
        }
    }
}
