package io.hansim.cli.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.hansim.cli.conformance.ConformanceCase.Part;
import io.hansim.device.external.ExternalSpec;
import io.hansim.device.external.ModelHost;
import io.hansim.port.DeviceShim;
import java.io.IOException;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --connect}: a device started separately that listens (here hansim's IHD model behind the Java
 * shim in a thread) is reached once per case run, over loopback TCP and over a Unix socket. The timeout
 * interrupts (and so closes) a socket that would block: once, before lane A's latest changes, hansim's
 * write to a Unix socket waited on the lock its reader thread held.
 */
@Timeout(180)
class BatteryConnectTest {

    static BatteryReport runAgainstListener(String address) throws Exception {
        Object spec = ModelUnderTest.of(DeviceKindUnderTest.IHD).spec(Battery.placement(BatteryConfig.DEFAULT));
        try (DeviceShim.Listener l = DeviceShim.listen(address)) {
            Thread server = new Thread(() -> {
                try {
                    while (true) {
                        l.serveOne(new ModelHost(spec));
                    }
                } catch (IOException | RuntimeException closed) {
                    // the listener was closed: the test is over
                }
            }, "conformance-listener");
            server.setDaemon(true);
            server.start();
            ExternalUnderTest dut = new ExternalUnderTest(DeviceKindUnderTest.IHD, List.of(), l.address(),
                    ExternalSpec.DEFAULT_HELLO_TIMEOUT, ExternalSpec.DEFAULT_EXCHANGE_TIMEOUT,
                    ExternalSpec.DEFAULT_BYE_TIMEOUT);
            return new Battery(BatteryConfig.DEFAULT).run(dut, EnumSet.allOf(Part.class));
        }
    }

    @Test
    void anIhdListeningOnLoopbackTcpPassesTheBattery() throws Exception {
        BatteryReport r = runAgainstListener("tcp:127.0.0.1:0");
        assertEquals(List.of(), r.failedIds(), BatteryModelsTest.dump(r));
        assertEquals(5, r.count(Verdict.PASS), BatteryModelsTest.dump(r));
    }

    @Test
    void anIhdListeningOnAUnixSocketPassesTheBattery(@TempDir Path dir) throws Exception {
        BatteryReport r = runAgainstListener("unix:" + dir.resolve("ihd.sock"));
        assertEquals(List.of(), r.failedIds(), BatteryModelsTest.dump(r));
        assertEquals(5, r.count(Verdict.PASS), BatteryModelsTest.dump(r));
    }
}
