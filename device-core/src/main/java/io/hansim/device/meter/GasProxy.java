package io.hansim.device.meter;

import io.hansim.device.HanDevice;
import io.hansim.device.han.HanBus;
import java.util.Objects;
import java.util.Optional;

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

    /**
     * The CoT this meter holds, kept in its flash: a power cut does not lose it (the meter must go on
     * serving it, R56.1).
     */
    private ChangeOfTenancy changeOfTenancy;

    /**
     * Sets the Change of Tenancy (SR 3.2, R56.7: GCS09 sets it on the GPF). Subclass behaviour that serves and
     * publishes it on the HAN (R56.1) builds on this.
     */
    public void setChangeOfTenancy(ChangeOfTenancy cot) {
        this.changeOfTenancy = Objects.requireNonNull(cot, "cot");
        onChangeOfTenancySet(cot);
    }

    /** The CoT held, if one was ever set. */
    public Optional<ChangeOfTenancy> changeOfTenancy() {
        return Optional.ofNullable(changeOfTenancy);
    }

    /** Called after a CoT is set; publishing it on the HAN hooks in here. */
    private void onChangeOfTenancySet(ChangeOfTenancy cot) {
    }
}
