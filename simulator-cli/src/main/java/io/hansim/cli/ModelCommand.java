package io.hansim.cli;

import io.hansim.cli.run.ScenarioRunner;
import io.hansim.cli.scenario.DeviceSpec;
import io.hansim.cli.scenario.ExternalType;
import io.hansim.cli.scenario.Scenario;
import io.hansim.cli.scenario.ScenarioException;
import io.hansim.cli.scenario.ScenarioLoader;
import io.hansim.cli.scenario.ScenarioProblem;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code hansim model --scenario FILE --device NAME [--listen ADDR]} (issue 17): hosts hansim's own
 * model of one scenario device (a PPMID, an IHD or an HCALCS, built from its spec exactly as a run of
 * that scenario builds it) behind the device port, so another hansim run can put it on its HAN as a
 * {@code type: external} device. By default it speaks the port on its stdin/stdout (the transport of
 * an external device's {@code command}); {@code --listen} serves one session on a loopback TCP port
 * or a Unix socket instead (an external device's {@code connect}). Nothing else is written to
 * stdout; messages go to stderr.
 */
@Command(name = "model", mixinStandardHelpOptions = true,
        description = "Host one scenario device's model (ppmid, ihd, hcalcs) behind the device port "
                + "(docs/device-port.md), for a type: external device of another run.",
        footer = {
            "",
            "Examples:",
            "  hansim model --scenario examples/ppmid-ota.yaml --device ppmid",
            "  hansim model --scenario examples/ppmid-ota.yaml --device ppmid --listen tcp:127.0.0.1:4711",
            "",
            "In a scenario file:",
            "  - { id: ppmid, type: external, stands: ppmid, eui: ..., workdir: ..,",
            "      command: [./hansim, model, --scenario, examples/ppmid-ota.yaml, --device, ppmid] }",
            "",
            "Exit codes: 0 the session ended with BYE, 1 it ended otherwise (the stream closed, a timeout,",
            "a protocol error), 2 bad input, 3 internal error."
        })
final class ModelCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--scenario", required = true, paramLabel = "FILE",
            description = "The scenario file whose device to host.")
    Path scenario;

    @Option(names = "--device", required = true, paramLabel = "NAME",
            description = "The device's id in that scenario (a ppmid, ihd or hcalcs).")
    String device;

    @Option(names = "--listen", paramLabel = "ADDR",
            description = "Serve one session on tcp:127.0.0.1:PORT (loopback only; port 0 picks a free one, "
                    + "named on stderr) or unix:PATH instead of stdin/stdout.")
    String listen;

    @Override
    public Integer call() throws IOException {
        Scenario s;
        try {
            s = ScenarioLoader.load(scenario);
        } catch (ScenarioException e) {
            for (ScenarioProblem p : e.problems()) {
                spec.commandLine().getErr().println(p);
            }
            spec.commandLine().getErr().flush();
            return Main.EXIT_BAD_INPUT;
        }
        Optional<DeviceSpec> d = s.topology().devices().stream().filter(x -> x.id().equals(device)).findFirst();
        if (d.isEmpty()) {
            throw new BadInputException("--device: no device '" + device + "' in " + scenario + "; its devices are: "
                    + String.join(", ", s.topology().devices().stream().map(DeviceSpec::id).toList()));
        }
        if (!ExternalType.STANDS.contains(d.get().type())) {
            throw new BadInputException("--device: '" + device + "' is a " + d.get().type() + "; hansim model hosts a "
                    + String.join(", ", ExternalType.STANDS) + " (the kinds an external device stands in for)");
        }
        if (listen != null) {
            StringBuilder why = new StringBuilder();
            if (ExternalType.address(listen, why, true) == null) {
                throw new BadInputException("--listen: " + why);
            }
        }
        Object modelSpec = ScenarioRunner.deviceSpec(s, device);
        return ModelHosting.serve(modelSpec, Optional.ofNullable(listen), spec.commandLine().getErr())
                ? Main.EXIT_OK : Main.EXIT_CHECK_FAILED;
    }
}
