package io.hansim.device.external;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hansim.device.Fixtures;
import io.hansim.device.Fixtures.RecordingSink;
import io.hansim.device.Simulation;
import io.hansim.device.han.TraceRecord;
import io.hansim.port.Actions;
import io.hansim.port.DeviceApp;
import io.hansim.port.DeviceShim;
import io.hansim.port.PortMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Issue 17: what hansim does for an external device — power events, regions that survive power cuts,
 * status and log kept, deadlines as node timers that die with the power, a power cut's answer
 * discarded, Match Descriptor answered from HELLO's clusters — with a small Java device on loopback TCP.
 */
class ExternalDeviceTest {
    static final long EUI = 0x00D0_0000_0000_0077L;

    /** Counts boots in a region; beacons every 10 s; on a cut tries to send and write (both discarded). */
    static final class Counter implements DeviceApp {
        final List<String> seen = new ArrayList<>();

        @Override
        public PortMessage.Hello hello() {
            return new PortMessage.Hello(1, "ihd", EUI, 7, 0x0109, List.of(0x0000), List.of(0x000A, 0x0703),
                    "counter");
        }

        @Override
        public void power(PortMessage.PowerState state, Actions a) {
            synchronized (seen) {
                seen.add(state + "@" + a.now());
            }
            if (state == PortMessage.PowerState.ON) {
                Optional<byte[]> b = a.read("boots");
                int n = b.map(x -> x[0] + 1).orElse(1);
                a.write("boots", 0, new byte[] {(byte) n});
                a.status("boots", Integer.toString(n)).log("boot " + n);
                a.deadline(a.now() + 10_000_000);
            } else {
                a.write("boots", 0, new byte[] {99}); // a cut's answer: hansim must not do it
                a.send(Fixtures.HUB, 1, 7, 0x0109, 0x0000, new byte[] {0x10, 0x01, 0x00, 0x00, 0x00});
            }
        }

        @Override
        public void frame(PortMessage.FrameIn f, Actions a) {
        }

        @Override
        public void timer(Actions a) {
            a.send(PortMessage.BROADCAST, 0xFF, 7, 0x0109, 0x0000, new byte[] {0x18, 0x00, 0x0A});
            a.deadline(a.now() + 10_000_000);
        }
    }

    @Test
    void powerRegionsStatusLogsAndTimers() throws Exception {
        Counter app = new Counter();
        RecordingSink sink = new RecordingSink();
        try (DeviceShim.Listener l = DeviceShim.listen("tcp:127.0.0.1:0")) {
            Thread t = new Thread(() -> {
                try {
                    l.serveOne(app);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            t.setDaemon(true);
            t.start();
            try (Simulation sim = Simulation.builder().seed(1).hub(Fixtures.hub()).traceSink(sink)
                    .device(ExternalSpec.connect("counter", "ihd", 0x0077, l.address())).build()) {
                ExternalDevice x = sim.externalDevices().get(0);
                assertEquals(EUI, x.eui64(), "the EUI-64 comes from HELLO");
                assertEquals(7, x.node().endpoint().endpointId(), "and the endpoint");
                sim.advance(25 * Fixtures.SECOND);
                long beacons = beacons(sink);
                assertEquals(2, beacons, "two beacons in 25 s: the deadline is a timer");
                assertEquals("1", x.status().get("boots"));

                x.powerOff(); // a cut
                sim.advance(60 * Fixtures.SECOND);
                assertEquals(2, beacons(sink), "the timer died with the power");
                assertArrayEquals(new byte[] {1}, x.region("boots").orElseThrow(), "the cut's WRITE was discarded");
                assertTrue(sink.records.stream().noneMatch(r -> r.kind() == TraceRecord.Kind.SEND
                        && r.frame().sourceEui64() == EUI && r.frame().destinationEui64() == Fixtures.HUB),
                        "the cut's FRAME_OUT was discarded");

                x.powerOn();
                sim.advance(Fixtures.SECOND);
                assertArrayEquals(new byte[] {2}, x.region("boots").orElseThrow(), "regions survive a power cut");
                assertEquals("2", x.status().get("boots"));
                x.powerDown(); // orderly
                sim.advance(Fixtures.SECOND);
                assertEquals(List.of("boot 1", "boot 2"), x.logs().stream().map(ExternalDevice.LogLine::line).toList());
                synchronized (app.seen) {
                    assertEquals(List.of("ON@0", "CUT@25000000", "ON@85000000", "OFF@86000000"), app.seen);
                }
                assertTrue(x.failure().isEmpty());
                assertFalse(x.isPowered());
            }
            t.join(5_000);
            assertFalse(t.isAlive(), "the session ended with the simulation's close");
        }
    }

    @Test
    void matchDescriptorIsAnsweredFromHelloClusters() throws Exception {
        Counter app = new Counter();
        try (DeviceShim.Listener l = DeviceShim.listen("tcp:127.0.0.1:0")) {
            Thread t = new Thread(() -> {
                try {
                    l.serveOne(app);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            t.setDaemon(true);
            t.start();
            RecordingSink sink = new RecordingSink();
            try (Simulation sim = Simulation.builder().seed(1).hub(Fixtures.hub()).traceSink(sink)
                    .device(ExternalSpec.connect("counter", "ihd", 0x0077, l.address())).build()) {
                // The CH sends a supplier message (Messaging 0x0703 server → client); it finds the endpoint first.
                sim.hub().sendSupplierMessage(EUI, "hello");
                sim.advance(5 * Fixtures.SECOND);
                ExternalDevice x = sim.externalDevices().get(0);
                assertTrue(x.node().matchDescriptorsAnswered() >= 1, "hansim answered for the device");
                assertTrue(sink.records.stream().anyMatch(r -> r.kind() == TraceRecord.Kind.DELIVERY
                        && r.receiverEui64() == EUI && r.frame().clusterId() == 0x0703
                        && r.frame().destinationEndpoint() == 7 && r.fate() == TraceRecord.Fate.DELIVERED),
                        "the message reached the device's endpoint 7");
            }
        }
    }

    private static long beacons(RecordingSink sink) {
        return sink.records.stream().filter(r -> r.kind() == TraceRecord.Kind.SEND && r.frame().sourceEui64() == EUI
                && r.frame().isBroadcast()).count();
    }
}
