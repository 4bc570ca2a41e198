package io.hansim.device.external;

import static io.hansim.device.Fixtures.NEW;
import static io.hansim.device.Fixtures.PPMID;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hansim.port.DeviceShim;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 17: the loopback TCP and Unix socket transports. The device is started separately (here a thread
 * serving hansim's PPMID through the shim's listener) and hansim connects; the run is the same as with
 * the model in-process (the same trace fingerprint).
 */
class ExternalTransportTest {
    private static String viaListener(String address) throws Exception {
        AtomicReference<Throwable> error = new AtomicReference<>();
        AtomicReference<String> bye = new AtomicReference<>();
        try (DeviceShim.Listener l = DeviceShim.listen(address)) {
            Thread t = new Thread(() -> {
                try {
                    bye.set(l.serveOne(new ModelHost(TestPpmid.spec())));
                } catch (Throwable e) {
                    error.set(e);
                }
            }, "test-device");
            t.setDaemon(true);
            t.start();
            ExternalSpec ext = ExternalSpec.connect("ppmid", "ppmid", 0x0002, l.address()).withEui64(PPMID);
            ModelHostTraceTest.Run out = ModelHostTraceTest.run(ext, sim -> assertTrue(
                    sim.externalDevices().get(0).failure().isEmpty(), () -> "" + sim.externalDevices().get(0).failure()));
            t.join(10_000);
            assertFalse(t.isAlive(), "the device's session ended with the run");
            assertEquals(null, error.get());
            assertEquals("the run is over", bye.get());
            assertEquals(NEW, out.firmware());
            return out.fingerprint();
        }
    }

    @Test
    void loopbackTcp() throws Exception {
        String inProcess = ModelHostTraceTest.run(TestPpmid.spec(), sim -> { }).fingerprint();
        assertEquals(inProcess, viaListener("tcp:127.0.0.1:0"));
    }

    @Test
    void unixSocket(@TempDir Path dir) throws Exception {
        String inProcess = ModelHostTraceTest.run(TestPpmid.spec(), sim -> { }).fingerprint();
        Path sock = dir.resolve("dev.sock");
        assertEquals(inProcess, viaListener("unix:" + sock));
        assertFalse(Files.exists(sock), "the listener removes its socket file");
    }

    @Test
    void hansimConnectsToLoopbackOnly() {
        assertThrows(IllegalArgumentException.class, () -> ExternalSpec.connect("d", "ppmid", 2, "tcp:10.0.0.1:4000"));
        assertThrows(IllegalArgumentException.class, () -> ExternalSpec.connect("d", "ppmid", 2, "tcp:example.org:1"));
        assertThrows(IllegalArgumentException.class, () -> ExternalSpec.connect("d", "ppmid", 2, "tcp:127.0.0.1:x"));
        assertThrows(IllegalArgumentException.class, () -> ExternalSpec.connect("d", "ppmid", 2, "http://127.0.0.1"));
        ExternalSpec.connect("d", "ppmid", 2, "tcp:[::1]:4000");
        ExternalSpec.connect("d", "ppmid", 2, "tcp:localhost:4000");
    }

    @Test
    void nobodyListeningIsCrashedAfterTheHelloTimeout() {
        ExternalSpec ext = ExternalSpec.connect("ppmid", "ppmid", 0x0002, "tcp:127.0.0.1:9").withEui64(PPMID)
                .withTimeouts(java.time.Duration.ofMillis(500), java.time.Duration.ofSeconds(1),
                        java.time.Duration.ofSeconds(1));
        long t0 = System.nanoTime();
        try (var sim = io.hansim.device.Simulation.builder().hub(io.hansim.device.Fixtures.hub()).device(ext).build()) {
            var f = sim.externalDevices().get(0).failure().orElseThrow();
            assertEquals(DevicePortFailure.Kind.CRASHED, f.kind());
            assertTrue(f.detail().contains("could not connect to tcp:127.0.0.1:9"), f.detail());
        }
        assertTrue((System.nanoTime() - t0) / 1_000_000 < 5_000);
    }
}
