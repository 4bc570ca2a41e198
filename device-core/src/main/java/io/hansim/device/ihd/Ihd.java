package io.hansim.device.ihd;

import io.hansim.device.HanDevice;
import io.hansim.device.han.HanBus;
import java.util.Objects;

/**
 * An in-home display. IHDs are excluded from OTA (R7.2): no OTA client, so cluster 0x0019 is answered
 * UNSUPPORTED_CLUSTER like any cluster it lacks; the CH refuses to distribute to it.
 */
public final class Ihd extends HanDevice {
    public record Spec(String name, long eui64, int shortAddress, long firmwareVersion) {
        public Spec {
            Objects.requireNonNull(name, "name");
        }
    }

    public Ihd(Spec spec, HanBus bus) {
        super(spec.name(), spec.eui64(), spec.shortAddress(), bus, spec.firmwareVersion());
    }
}
