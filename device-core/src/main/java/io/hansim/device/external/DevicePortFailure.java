package io.hansim.device.external;

import java.util.Locale;
import java.util.Objects;

/**
 * Why an external device was taken off the HAN (docs/device-port.md "Timeouts and failures"): its kind,
 * what happened in words, and the virtual time it happened at. The run goes on without the device and
 * the report fails it.
 */
public record DevicePortFailure(Kind kind, String detail, long at) {
    public enum Kind {
        /** The process exited or the stream closed (exit status and the tail of stderr in the detail). */
        CRASHED,
        /** A wait overran its limit (the detail names the wait). */
        TIMEOUT,
        /** Bytes that are not the protocol (the detail names the stream offset). */
        PROTOCOL,
        /** A message longer than max-message. */
        OVERSIZED,
        /** A protocol version hansim does not speak. */
        VERSION,
        /** The device said BYE during the run. */
        LEFT;

        /** The name in scenario files and reports: {@code crashed}, {@code timeout}, … */
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** The kind labelled {@code label}. */
        public static java.util.Optional<Kind> of(String label) {
            for (Kind k : values()) {
                if (k.label().equals(label)) {
                    return java.util.Optional.of(k);
                }
            }
            return java.util.Optional.empty();
        }
    }

    public DevicePortFailure {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(detail, "detail");
    }

    @Override
    public String toString() {
        return kind.label() + " at " + io.hansim.device.sim.SimTime.format(at) + ": " + detail;
    }
}
