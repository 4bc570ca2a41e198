package io.hansim.device.ihd;

import io.hansim.device.HanDevice;
import io.hansim.device.TenancyHost;
import io.hansim.device.cot.OccupierDataStore;
import io.hansim.device.cot.TenancyAction;
import io.hansim.device.cot.TenancyConfig;
import io.hansim.device.han.ApsFrame;
import io.hansim.device.han.HanBus;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An in-home display. IHDs are excluded from OTA (R7.2): no OTA client, so cluster 0x0019 is answered
 * UNSUPPORTED_CLUSTER like any cluster it lacks; the CH refuses to distribute to it.
 *
 * <p>With a {@link TenancyConfig} it holds occupier data in its flash (an {@link OccupierDataStore})
 * and runs Change of Tenancy through a {@link TenancyHost} (R56.2–R56.6): it logs consumption from the
 * ESME, stores supplier messages and clears them on a CoT; without one it has only the Basic cluster
 * and sends nothing unasked (the pre-SECMP0056 model, byte-identical traces).
 */
public final class Ihd extends HanDevice {
    /**
     * An IHD as data.
     *
     * @param tenancy its CoT profile and timings, or null for a display with no occupier data model
     */
    public record Spec(String name, long eui64, int shortAddress, long firmwareVersion, TenancyConfig tenancy) {
        public Spec {
            Objects.requireNonNull(name, "name");
        }

        public Spec(String name, long eui64, int shortAddress, long firmwareVersion) {
            this(name, eui64, shortAddress, firmwareVersion, null);
        }

        public Spec withTenancy(TenancyConfig t) {
            return new Spec(name, eui64, shortAddress, firmwareVersion, t);
        }
    }

    private final Spec spec;
    private final OccupierDataStore occupierData = new OccupierDataStore();
    private final TenancyHost tenancy;

    public Ihd(Spec spec, HanBus bus) {
        super(spec.name(), spec.eui64(), spec.shortAddress(), bus, spec.firmwareVersion());
        this.spec = spec;
        this.tenancy = spec.tenancy() == null ? null : new TenancyHost(this, spec.tenancy(), occupierData);
    }

    public Spec spec() {
        return spec;
    }

    /** The occupier data in the IHD's flash (R56.3, R56.5). */
    public OccupierDataStore occupierData() {
        return occupierData;
    }

    /** The CoT host, empty for a display without a tenancy configuration. */
    public Optional<TenancyHost> tenancy() {
        return Optional.ofNullable(tenancy);
    }

    /** CotHandled / CotIgnored outcomes so far (R56.3, R56.4). */
    public List<TenancyAction> cotOutcomes() {
        return tenancy == null ? List.of() : tenancy.outcomes();
    }

    @Override
    protected boolean onClusterFrame(ApsFrame frame) {
        return tenancy != null && tenancy.frame(frame);
    }

    @Override
    protected void onBoot() {
        if (tenancy != null) {
            tenancy.boot(spec.tenancy().cot().specVersion()); // IHDs take no OTA (R7.2): the version is fixed
        }
    }

    @Override
    protected void onPowerLost() {
        if (tenancy != null) {
            tenancy.powerLost();
        }
    }
}
