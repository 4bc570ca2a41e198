package io.hansim.device.external;

import io.hansim.port.Actions;
import io.hansim.port.DeviceApp;
import io.hansim.port.DeviceShim;
import io.hansim.port.PortMessage;

/**
 * hansim's PPMID behind the shim that dies (exit status 11, a line on stderr) at its Nth received frame:
 * a crash in the middle of an OTA transfer, for {@link ExternalDeviceFailureTest}.
 */
public final class CrashingModel implements DeviceApp {
    private final ModelHost model = new ModelHost(TestPpmid.spec());
    private final int crashAt;
    private int frames;

    CrashingModel(int crashAt) {
        this.crashAt = crashAt;
    }

    public static void main(String[] args) throws Exception {
        DeviceShim.serveStdio(new CrashingModel(Integer.parseInt(args[0])));
    }

    @Override
    public PortMessage.Hello hello() {
        return model.hello();
    }

    @Override
    public void welcome(PortMessage.Welcome w) {
        model.welcome(w);
    }

    @Override
    public void power(PortMessage.PowerState state, Actions a) {
        model.power(state, a);
    }

    @Override
    public void frame(PortMessage.FrameIn f, Actions a) {
        if (++frames == crashAt) {
            System.err.println("ppmid: segmentation fault in the block handler");
            System.err.flush();
            Runtime.getRuntime().halt(11);
        }
        model.frame(f, a);
    }

    @Override
    public void timer(Actions a) {
        model.timer(a);
    }
}
