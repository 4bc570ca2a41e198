package io.hansim.cli;

import io.hansim.device.external.ModelHost;
import io.hansim.port.DeviceShim;
import io.hansim.port.PortProtocolException;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.Optional;

/**
 * {@code hansim model}'s use of device-core's {@link ModelHost} (issue 17): serves one session of
 * the model built from {@code spec} on stdin/stdout, or on the loopback address {@code listen}.
 * Messages go to {@code err} only: stdout carries the protocol.
 */
final class ModelHosting {
    private ModelHosting() {
    }

    /**
     * Serves the session; true when it ended with hansim's BYE, false (with the reason on {@code err})
     * when the stream broke or carried something that is not the protocol.
     */
    static boolean serve(Object spec, Optional<String> listen, PrintWriter err) {
        ModelHost host = new ModelHost(spec);
        try {
            if (listen.isEmpty()) {
                DeviceShim.serveStdio(host);
                return true;
            }
            try (DeviceShim.Listener l = DeviceShim.listen(listen.get())) {
                err.println("hansim model: listening on " + l.address()); // port 0 picks one: say which
                err.flush();
                l.serveOne(host);
                return true;
            }
        } catch (PortProtocolException e) {
            err.println("hansim model: the session ended with a protocol error: " + e.getMessage());
        } catch (IllegalArgumentException e) {
            throw new BadInputException("--listen: " + e.getMessage(), e);
        } catch (IOException e) {
            err.println("hansim model: the session ended: " + e);
        }
        err.flush();
        return false;
    }
}
