package io.hansim.cli.conformance;

import io.hansim.device.external.ExternalDevice;
import io.hansim.device.external.ExternalSpec;
import io.hansim.device.node.HanDevice;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A device across the device port (docs/device-port.md) as the device under test: a command hansim
 * starts for every case run (stdin/stdout), or a loopback address it connects to once per case run.
 * The device keeps its own identity (its HELLO's EUI-64); hansim gives it the place of the kind it
 * stands in for, keeps its regions and reads its status.
 *
 * @param kind     the kind it stands in for
 * @param command  the argv to start, or empty with {@code connect}
 * @param connect  {@code tcp:127.0.0.1:PORT} or {@code unix:PATH}, or null with {@code command}
 * @param hello    start or connect → HELLO
 * @param exchange an event → DONE
 * @param bye      BYE → exit
 */
public record ExternalUnderTest(DeviceKindUnderTest kind, List<String> command, String connect, Duration hello,
        Duration exchange, Duration bye) implements DeviceUnderTest {

    public ExternalUnderTest {
        Objects.requireNonNull(kind, "kind");
        command = List.copyOf(command);
        if (command.isEmpty() == (connect == null)) {
            throw new IllegalArgumentException("give a command or an address to connect to, not both or neither");
        }
        Objects.requireNonNull(hello, "hello");
        Objects.requireNonNull(exchange, "exchange");
        Objects.requireNonNull(bye, "bye");
    }

    /** A device started with {@code argv}, the device port's default timeouts. */
    public static ExternalUnderTest command(DeviceKindUnderTest kind, List<String> argv) {
        return new ExternalUnderTest(kind, argv, null, ExternalSpec.DEFAULT_HELLO_TIMEOUT,
                ExternalSpec.DEFAULT_EXCHANGE_TIMEOUT, ExternalSpec.DEFAULT_BYE_TIMEOUT);
    }

    @Override
    public String description() {
        return connect != null ? "external " + kind.id() + " at " + connect
                : "external " + kind.id() + ": " + String.join(" ", command);
    }

    @Override
    public Object spec(Placement p) {
        ExternalSpec s = connect != null ? ExternalSpec.connect(p.name(), kind.id(), p.shortAddress(), connect)
                : ExternalSpec.command(p.name(), kind.id(), p.shortAddress(), command);
        return s.withTimeouts(hello, exchange, bye).withParams(Map.of("conformance.blockSize",
                Integer.toString(p.blockSize())));
    }

    @Override
    public Map<String, byte[]> regions(HanDevice device) {
        return device instanceof ExternalDevice e ? e.regions() : Map.of();
    }

    @Override
    public Optional<String> status(HanDevice device, String key) {
        if (!(device instanceof ExternalDevice e)) {
            return Optional.empty();
        }
        return Optional.ofNullable(e.status().get(key));
    }

    @Override
    public Optional<String> failure(HanDevice device) {
        return device instanceof ExternalDevice e ? e.failure().map(Object::toString) : Optional.empty();
    }
}
