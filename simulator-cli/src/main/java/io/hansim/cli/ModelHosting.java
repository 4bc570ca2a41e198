package io.hansim.cli;

import java.io.PrintWriter;
import java.util.Optional;

/**
 * {@code hansim model}'s use of device-core's {@code ModelHost}: serves one session of the model
 * built from {@code spec} on stdin/stdout, or on the loopback address {@code listen}.
 */
final class ModelHosting {
    private ModelHosting() {
    }

    /**
     * Serves the session; true when it ended with BYE.
     *
     * @throws BadInputException when the model cannot be hosted
     */
    static boolean serve(Object spec, Optional<String> listen, PrintWriter err) {
        // TEMPORARY until lane A's ModelHost is merged: no hosting yet.
        throw new BadInputException("hansim model: the model host is not in this build yet");
    }
}
