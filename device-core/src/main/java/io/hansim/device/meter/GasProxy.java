package io.hansim.device.meter;

import io.hansim.device.HanDevice;
import io.hansim.device.han.HanBus;
import java.util.Objects;

/**
 * The gas proxy function (GPF) on the CH's HAN, minimal: the Basic cluster with its firmware version. Meter firmware goes by SR 11.1/11.3 over the WAN, not by HAN OTA (R7.1), so there is no OTA
 * client; other clusters are answered UNSUPPORTED_CLUSTER.
 */
public final class GasProxy extends HanDevice {
    public record Spec(String name, long eui64, int shortAddress, long firmwareVersion) {
        public Spec {
            Objects.requireNonNull(name, "name");
        }
    }

    public GasProxy(Spec spec, HanBus bus) {
        super(spec.name(), spec.eui64(), spec.shortAddress(), bus, spec.firmwareVersion());
    }
}
