package io.hansim.port;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The Java shim's session as hansim sees it on the wire (docs/device-port.md "The session"). */
class DeviceShimTest {
    /** A tiny device: counts boots in a region, says so in its status, and beacons on its timer. */
    static final class Beacon implements DeviceApp {
        PortMessage.Welcome welcome;
        String bye;

        @Override
        public PortMessage.Hello hello() {
            return new PortMessage.Hello(1, "ihd", 0xABCDL, 1, 0x0109, List.of(0x0000), List.of(), "beacon");
        }

        @Override
        public void welcome(PortMessage.Welcome w) {
            welcome = w;
        }

        @Override
        public void power(PortMessage.PowerState state, Actions a) {
            if (state != PortMessage.PowerState.ON) {
                return;
            }
            Optional<byte[]> boots = a.read("boots");
            int n = boots.map(b -> b[0] + 1).orElse(1);
            a.write("boots", 0, new byte[] {(byte) n});
            a.status("boots", Integer.toString(n)).deadline(a.now() + 1_000_000);
        }

        @Override
        public void frame(PortMessage.FrameIn frame, Actions a) {
            a.log("frame on cluster " + frame.cluster());
        }

        @Override
        public void timer(Actions a) {
            a.send(PortMessage.BROADCAST, 0xFF, 1, 0x0109, 0x0000, new byte[] {0x18, 0x01, 0x0A});
            a.deadline(a.now() + 1_000_000);
        }

        @Override
        public void bye(String reason) {
            bye = reason;
        }
    }

    @Test
    void aLockstepSessionOnTheWire() throws Exception {
        PipedOutputStream toDevice = new PipedOutputStream();
        PipedInputStream deviceIn = new PipedInputStream(toDevice, 1 << 16);
        PipedOutputStream deviceOut = new PipedOutputStream();
        PipedInputStream fromDevice = new PipedInputStream(deviceOut, 1 << 16);
        Beacon app = new Beacon();
        AtomicReference<Object> result = new AtomicReference<>();
        Thread t = new Thread(() -> {
            try {
                result.set(DeviceShim.serve(app, deviceIn, deviceOut, 4096));
            } catch (Throwable e) {
                result.set(e);
            }
        });
        t.setDaemon(true);
        t.start();
        PortReader r = PortReader.ofDevice(fromDevice, 4096);
        PortWriter w = new PortWriter(toDevice);

        assertEquals(app.hello(), r.read(), "the device speaks first");
        w.write(new PortMessage.Welcome(1, PortMessage.Clock.LOCKSTEP, 0, 789_000_000L, 42, 0x0003,
                List.of(new PortMessage.Peer(1, 0, 1, "ch")), Map.of("device.name", "ihd")));
        w.write(new PortMessage.Power(10, PortMessage.PowerState.ON));
        assertEquals(new PortMessage.Read("boots", 0, PortMessage.Read.TO_END), r.read());
        w.write(new PortMessage.ReadResult(PortMessage.ReadResult.NO_SUCH_REGION, Octets.EMPTY));
        assertEquals(new PortMessage.Write("boots", 0, Octets.of((byte) 1)), r.read());
        assertEquals(new PortMessage.Status(Map.of("boots", "1")), r.read());
        assertEquals(new PortMessage.Done(1_000_010), r.read());
        assertEquals(42, app.welcome.seed());

        w.write(new PortMessage.Timer(1_000_010));
        PortMessage f = r.read();
        assertInstanceOf(PortMessage.FrameOut.class, f);
        assertTrue(((PortMessage.FrameOut) f).isBroadcast());
        assertEquals(new PortMessage.Done(2_000_010), r.read());

        w.write(new PortMessage.FrameIn(1_500_000, 1, 0, 1, 1, 0x0109, 0x0019, false, Octets.EMPTY));
        assertEquals(new PortMessage.Log(PortMessage.Log.INFO, "frame on cluster 25"), r.read());
        assertEquals(new PortMessage.Done(2_000_010), r.read(), "the deadline stays until changed");

        w.write(new PortMessage.Power(1_600_000, PortMessage.PowerState.CUT));
        assertEquals(new PortMessage.Done(PortMessage.NO_DEADLINE), r.read(), "a power change loses the timer");

        w.write(new PortMessage.HansimBye("the run is over"));
        assertEquals(new PortMessage.Bye("bye"), r.read());
        t.join(5_000);
        assertFalse(t.isAlive());
        assertEquals("the run is over", result.get());
        assertEquals("the run is over", app.bye);
    }

    @Test
    void aStreamThatEndsIsAnError() throws Exception {
        PipedOutputStream toDevice = new PipedOutputStream();
        PipedInputStream deviceIn = new PipedInputStream(toDevice, 1 << 16);
        PipedOutputStream deviceOut = new PipedOutputStream();
        new PipedInputStream(deviceOut, 1 << 16);
        toDevice.close();
        try {
            DeviceShim.serve(new Beacon(), deviceIn, deviceOut, 4096);
            throw new AssertionError("no error");
        } catch (IOException | PortProtocolException expected) {
            // hansim went away before WELCOME
        }
    }
}
