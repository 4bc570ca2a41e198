package io.hansim.device.external;

import io.hansim.device.Fixtures;
import io.hansim.port.PortCodec;
import io.hansim.port.PortMessage;
import io.hansim.port.PortReader;
import io.hansim.port.PortWriter;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;

/**
 * A device that goes wrong on purpose, run as a child process by {@link ExternalDeviceFailureTest}:
 * {@code crash-at-start}, {@code crash-mid-transfer} (exits at its Nth frame), {@code silence} (never
 * answers an event), {@code garbage} (octets that are not a message), {@code oversized} (a length above
 * max-message), {@code version} (HELLO version 99), {@code mute} (no HELLO), {@code deaf} (ignores BYE), {@code leave} (BYE during the run),
 * {@code stops-reading} (READs 65 530 octets back at boot and never reads its input again).
 */
public final class MisbehavingDevice {
    private MisbehavingDevice() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        String mode = args[0];
        OutputStream raw = System.out;
        PortWriter out = new PortWriter(raw);
        if (mode.equals("crash-at-start")) {
            System.err.println("device: cannot open its radio, giving up");
            System.exit(3);
        }
        if (mode.equals("garbage")) {
            raw.write(new byte[] {0x03, 0x00, 0x00, 0x00, 0x42, 0x13, 0x37}); // framed, but type 0x42 is no message
            raw.flush();
            Thread.sleep(60_000);
            return;
        }
        if (mode.equals("mute")) {
            Thread.sleep(60_000); // never says HELLO
            return;
        }
        if (mode.equals("oversized")) {
            DataOutputStream d = new DataOutputStream(raw);
            d.write(new byte[] {0x00, 0x00, 0x10, 0x00}); // 1 MiB, little-endian
            d.flush();
            Thread.sleep(60_000);
            return;
        }
        out.write(new PortMessage.Hello(mode.equals("version") ? 99 : 1, "ppmid", Fixtures.PPMID, 1, 0x0109,
                List.of(0x0000), List.of(0x0019), "misbehaving " + mode));
        PortReader in = PortReader.ofHansim(System.in, PortCodec.DEFAULT_MAX_MESSAGE);
        int frames = 0;
        while (true) {
            PortMessage m = in.read();
            if (m instanceof PortMessage.HansimBye && mode.equals("deaf")) {
                Thread.sleep(60_000); // ignores the end of the run: hansim must kill it
            }
            if (m == null || m instanceof PortMessage.HansimBye) {
                return;
            }
            if (m instanceof PortMessage.FrameIn) {
                frames++;
                if (mode.equals("crash-mid-transfer") && frames == Integer.parseInt(args[1])) {
                    System.err.println("device: segmentation fault in block handler");
                    System.exit(139 - 128);
                }
                if (mode.equals("silence")) {
                    Thread.sleep(60_000);
                }
                if (mode.equals("leave")) {
                    out.write(new PortMessage.Bye("going away"));
                    Thread.sleep(60_000);
                }
            }
            if (m instanceof PortMessage.Power && mode.equals("stops-reading")) {
                byte[] block = new byte[60_000];
                out.write(new PortMessage.Write("a", 0, io.hansim.port.Octets.of(block, 0, block.length)));
                out.write(new PortMessage.Write("a", 60_000, io.hansim.port.Octets.of(block, 0, block.length)));
                out.write(new PortMessage.Read("a", 0, 0xFFFF_FFFFL)); // its answer is more than a pipe holds
                Thread.sleep(60_000); // and it never reads again: hansim's write must not block for ever
            }
            if (m instanceof PortMessage.Event) {
                out.write(new PortMessage.Done(PortMessage.NO_DEADLINE));
            }
        }
    }
}
