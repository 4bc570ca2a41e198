package io.hansim.cli.conformance;

import io.hansim.device.external.ModelHost;
import io.hansim.zigbee.ota.client.ClientQuirk;
import java.util.EnumSet;
import java.util.Set;

/**
 * A child process that serves one of hansim's models, set up as the battery sets up its in-process
 * model ({@link ModelUnderTest} at the battery's placement), through the Java shim on stdin/stdout:
 * {@code ConformanceModelMain ppmid|ihd|hcalcs [QUIRK …] [--keeps-consumption]}. With it the battery
 * runs the very same model out-of-process (the mutants too), which is how the tests show the port
 * changes nothing.
 */
public final class ConformanceModelMain {
    private ConformanceModelMain() {
    }

    /** The in-process model the arguments describe. */
    static ModelUnderTest model(String[] args) {
        if (args.length == 0) {
            throw new IllegalArgumentException("usage: ConformanceModelMain ppmid|ihd|hcalcs [QUIRK ...]"
                    + " [--keeps-consumption]");
        }
        DeviceKindUnderTest kind = DeviceKindUnderTest.parse(args[0]);
        Set<ClientQuirk> quirks = EnumSet.noneOf(ClientQuirk.class);
        boolean keeps = false;
        for (int i = 1; i < args.length; i++) {
            if (args[i].equals("--keeps-consumption")) {
                keeps = true;
            } else {
                quirks.add(ClientQuirk.valueOf(args[i]));
            }
        }
        return new ModelUnderTest(kind, quirks, keeps);
    }

    public static void main(String[] args) throws Exception {
        ModelUnderTest m;
        try {
            m = model(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        ModelHost.serveStdio(m.spec(Battery.placement(BatteryConfig.DEFAULT)));
    }
}
