package io.hansim.device.external;

import io.hansim.device.inventory.PpmidSmetsCapability;
import io.hansim.port.PortCodec;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A device under test that runs outside hansim and joins the HAN through the device port
 * (docs/device-port.md, issue 17): how to reach it, which device kind it stands in for, its clock and
 * its timeouts.
 *
 * @param name          the device's name in the run
 * @param stands        the kind it takes the place of: {@code ppmid}, {@code ihd} or {@code hcalcs}
 * @param eui64         the EUI-64 the device must say in HELLO, or null to take HELLO's
 * @param shortAddress  its network address on the HAN
 * @param launch        a command hansim starts (stdin/stdout) or an address hansim connects to
 * @param clock         lockstep (deterministic) or real time
 * @param helloTimeout  start or connect → HELLO
 * @param exchangeTimeout an event → its DONE (lockstep)
 * @param byeTimeout    BYE → the device's BYE and exit; then it is killed
 * @param maxMessage    the largest message length accepted from the device
 * @param capability    a PPMID's SMETS capability (R202.1), for the CH's R202.4 check
 * @param takesChangeOfTenancy whether the meters publish Change of Tenancy to it (R56.1)
 * @param params        extra WELCOME parameters for the device
 */
public record ExternalSpec(String name, String stands, Long eui64, int shortAddress, Launch launch, Clock clock,
        Duration helloTimeout, Duration exchangeTimeout, Duration byeTimeout, int maxMessage,
        PpmidSmetsCapability capability, boolean takesChangeOfTenancy, Map<String, String> params) {

    /** The device kinds an external device can stand in for. */
    public static final List<String> STANDS = List.of("ppmid", "ihd", "hcalcs");

    public static final Duration DEFAULT_HELLO_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration DEFAULT_EXCHANGE_TIMEOUT = Duration.ofSeconds(5);
    public static final Duration DEFAULT_BYE_TIMEOUT = Duration.ofSeconds(2);

    /** Lockstep (virtual time, deterministic) or real time (wall-clock paced, not deterministic). */
    public enum Clock { LOCKSTEP, REALTIME }

    /** How hansim reaches the device. */
    public sealed interface Launch permits Command, Connect {
    }

    /** hansim starts {@code argv} in {@code workdir} (null: hansim's own) and talks on its stdin/stdout. */
    public record Command(List<String> argv, Path workdir) implements Launch {
        public Command {
            argv = List.copyOf(argv);
            if (argv.isEmpty()) {
                throw new IllegalArgumentException("an external device's command needs at least the program");
            }
        }
    }

    /** The device listens; hansim connects to {@code tcp:HOST:PORT} (loopback only) or {@code unix:PATH}. */
    public record Connect(String address) implements Launch {
        public Connect {
            Objects.requireNonNull(address, "address");
            if (address.startsWith("tcp:")) {
                String hp = address.substring(4);
                int colon = hp.lastIndexOf(':');
                if (colon <= 0) {
                    throw new IllegalArgumentException("tcp address is tcp:HOST:PORT: " + address);
                }
                String host = hp.substring(0, colon).replace("[", "").replace("]", "");
                int port;
                try {
                    port = Integer.parseInt(hp.substring(colon + 1));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("tcp port is not a number: " + address);
                }
                if (port < 1 || port > 65535) {
                    throw new IllegalArgumentException("tcp port 1..65535: " + address);
                }
                if (!isLoopback(host)) {
                    throw new IllegalArgumentException("hansim connects to loopback addresses only "
                            + "(127.0.0.1, ::1, localhost), not " + host);
                }
            } else if (address.startsWith("unix:")) {
                if (address.length() == 5) {
                    throw new IllegalArgumentException("unix address needs a path: " + address);
                }
            } else {
                throw new IllegalArgumentException("connect address is tcp:127.0.0.1:PORT or unix:PATH: " + address);
            }
        }

        private static boolean isLoopback(String host) {
            if (host.equals("localhost")) {
                return true;
            }
            if (!host.matches("[0-9.]+|[0-9a-fA-F:]+")) {
                return false; // a name: not looked up, only "localhost" is taken
            }
            try {
                return InetAddress.getByName(host).isLoopbackAddress();
            } catch (UnknownHostException e) {
                return false;
            }
        }
    }

    public ExternalSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(stands, "stands");
        if (!STANDS.contains(stands)) {
            throw new IllegalArgumentException("an external device stands in for ppmid, ihd or hcalcs, not " + stands);
        }
        if (shortAddress < 0 || shortAddress > 0xFFF7) {
            throw new IllegalArgumentException("short address 0x0000..0xFFF7: " + shortAddress);
        }
        Objects.requireNonNull(launch, "launch");
        Objects.requireNonNull(clock, "clock");
        positive("helloTimeout", helloTimeout);
        positive("exchangeTimeout", exchangeTimeout);
        positive("byeTimeout", byeTimeout);
        if (maxMessage < 64) {
            throw new IllegalArgumentException("maxMessage must be at least 64 octets: " + maxMessage);
        }
        capability = capability == null ? PpmidSmetsCapability.DUAL : capability;
        params = Map.copyOf(params == null ? Map.of() : params);
    }

    private static void positive(String what, Duration d) {
        Objects.requireNonNull(d, what);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(what + " must be positive: " + d);
        }
    }

    /** A device hansim starts with {@code argv}: lockstep, default timeouts. */
    public static ExternalSpec command(String name, String stands, int shortAddress, List<String> argv) {
        return new ExternalSpec(name, stands, null, shortAddress, new Command(argv, null), Clock.LOCKSTEP,
                DEFAULT_HELLO_TIMEOUT, DEFAULT_EXCHANGE_TIMEOUT, DEFAULT_BYE_TIMEOUT, PortCodec.DEFAULT_MAX_MESSAGE,
                PpmidSmetsCapability.DUAL, !stands.equals("hcalcs"), Map.of());
    }

    /** A device that listens at {@code address}: lockstep, default timeouts. */
    public static ExternalSpec connect(String name, String stands, int shortAddress, String address) {
        return new ExternalSpec(name, stands, null, shortAddress, new Connect(address), Clock.LOCKSTEP,
                DEFAULT_HELLO_TIMEOUT, DEFAULT_EXCHANGE_TIMEOUT, DEFAULT_BYE_TIMEOUT, PortCodec.DEFAULT_MAX_MESSAGE,
                PpmidSmetsCapability.DUAL, !stands.equals("hcalcs"), Map.of());
    }

    public ExternalSpec withEui64(Long e) {
        return new ExternalSpec(name, stands, e, shortAddress, launch, clock, helloTimeout, exchangeTimeout, byeTimeout,
                maxMessage, capability, takesChangeOfTenancy, params);
    }

    public ExternalSpec withClock(Clock c) {
        return new ExternalSpec(name, stands, eui64, shortAddress, launch, c, helloTimeout, exchangeTimeout, byeTimeout,
                maxMessage, capability, takesChangeOfTenancy, params);
    }

    public ExternalSpec withTimeouts(Duration hello, Duration exchange, Duration bye) {
        return new ExternalSpec(name, stands, eui64, shortAddress, launch, clock, hello, exchange, bye, maxMessage,
                capability, takesChangeOfTenancy, params);
    }

    public ExternalSpec withMaxMessage(int max) {
        return new ExternalSpec(name, stands, eui64, shortAddress, launch, clock, helloTimeout, exchangeTimeout,
                byeTimeout, max, capability, takesChangeOfTenancy, params);
    }

    public ExternalSpec withCapability(PpmidSmetsCapability c) {
        return new ExternalSpec(name, stands, eui64, shortAddress, launch, clock, helloTimeout, exchangeTimeout,
                byeTimeout, maxMessage, c, takesChangeOfTenancy, params);
    }

    public ExternalSpec withChangeOfTenancy(boolean on) {
        return new ExternalSpec(name, stands, eui64, shortAddress, launch, clock, helloTimeout, exchangeTimeout,
                byeTimeout, maxMessage, capability, on, params);
    }

    public ExternalSpec withParams(Map<String, String> p) {
        return new ExternalSpec(name, stands, eui64, shortAddress, launch, clock, helloTimeout, exchangeTimeout,
                byeTimeout, maxMessage, capability, takesChangeOfTenancy, p);
    }
}
