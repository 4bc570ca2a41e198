package io.hansim.cli;

import io.hansim.port.Actions;
import io.hansim.port.DeviceApp;
import io.hansim.port.DeviceShim;
import io.hansim.port.PortMessage;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.util.List;

/**
 * A small device for the scenario tests of issue 17, run as a child process through the Java shim:
 * {@code ScriptedDevice BEHAVIOUR EUI64}. It boots with status {@code firmware.version = 00000042}
 * and {@code ota.state = idle}, logs {@code booted}, and ticks every 60 s of virtual time (a LOG and
 * {@code ota.state = tick N}). At its second tick it then does what {@code BEHAVIOUR} says:
 * {@code ticks} goes on, {@code hang} stops answering, {@code garbage} writes octets that are not the
 * protocol, {@code exit} exits with status 3.
 */
public final class ScriptedDevice implements DeviceApp {
    static final long MINUTE = 60_000_000L;
    private final String behaviour;
    private final long eui;
    private int ticks;

    ScriptedDevice(String behaviour, long eui) {
        this.behaviour = behaviour;
        this.eui = eui;
    }

    public static void main(String[] args) throws IOException {
        DeviceShim.serveStdio(new ScriptedDevice(args[0], Long.parseUnsignedLong(args[1], 16)));
    }

    @Override
    public PortMessage.Hello hello() {
        return new PortMessage.Hello(PortMessage.VERSION, "ppmid", eui, 1, 0x0109, List.of(0x0000), List.of(0x0019),
                "scripted test device");
    }

    @Override
    public void power(PortMessage.PowerState state, Actions a) {
        if (state == PortMessage.PowerState.ON) {
            ticks = 0;
            a.log(1, "booted").status("firmware.version", "00000042").status("ota.state", "idle")
                    .deadline(a.now() + MINUTE);
        }
    }

    @Override
    public void frame(PortMessage.FrameIn frame, Actions a) {
        a.deadline(a.now() + MINUTE - a.now() % MINUTE);
    }

    @Override
    public void timer(Actions a) {
        ticks++;
        if (ticks >= 2 && !behaviour.equals("ticks")) {
            misbehave();
        }
        a.log(ticks % 2 == 0 ? 2 : 1, "tick " + ticks).status("ota.state", "tick " + ticks)
                .deadline(a.now() + MINUTE);
    }

    private void misbehave() {
        switch (behaviour) {
            case "hang" -> {
                try {
                    Thread.sleep(600_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            case "garbage" -> {
                try {
                    FileOutputStream out = new FileOutputStream(FileDescriptor.out);
                    out.write(new byte[] {5, 0, 0, 0, 0x7E, 1, 2, 3, 4}); // an unknown message type
                    out.flush();
                    Thread.sleep(600_000);
                } catch (IOException | InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            default -> System.exit(3);
        }
    }
}
