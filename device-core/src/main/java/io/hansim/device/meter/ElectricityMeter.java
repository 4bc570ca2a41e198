package io.hansim.device.meter;

import io.hansim.device.cot.SpecVersion;
import io.hansim.device.han.HanBus;
import io.hansim.device.node.Node;
import io.hansim.device.role.CotServerRole;
import io.hansim.device.role.MeteringServerRole;
import java.util.Objects;

/**
 * An electricity smart meter (ESME): the Basic cluster with its firmware version, Metering 0x0702
 * consumption and, from ESMETS 5.1 (R56.6), Device Management 0x0708 Change of Tenancy (R56.1), see
 * {@link MeterDevice}. Meter firmware goes by SR 11.1/11.3 over the WAN, not by HAN OTA (R7.1), so
 * there is no OTA client; other clusters are answered UNSUPPORTED_CLUSTER.
 */
public final class ElectricityMeter implements MeterDevice {
    /** ESMETS v5.1: the version SECMP0056 expects to carry CoT publishing (R56.6); configuration. */
    public static final SpecVersion DEFAULT_COT_THRESHOLD = new SpecVersion(5, 1);

    /**
     * An ESME as data.
     *
     * @param esmets       the ESMETS version the firmware implements (R56.6)
     * @param cotThreshold the ESMETS version from which it serves CoT on the HAN (configuration, R56.6)
     */
    public record Spec(String name, long eui64, int shortAddress, long firmwareVersion, SpecVersion esmets,
            SpecVersion cotThreshold) {
        public Spec {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(esmets, "esmets");
            Objects.requireNonNull(cotThreshold, "cotThreshold");
        }

        /** An ESMETS 5.1 meter (CoT on). */
        public Spec(String name, long eui64, int shortAddress, long firmwareVersion) {
            this(name, eui64, shortAddress, firmwareVersion, DEFAULT_COT_THRESHOLD, DEFAULT_COT_THRESHOLD);
        }

        public Spec withEsmets(SpecVersion v) {
            return new Spec(name, eui64, shortAddress, firmwareVersion, v, cotThreshold);
        }
    }

    private final Spec spec;
    private final MeterRoles roles;

    public ElectricityMeter(Spec spec, HanBus bus) {
        this.spec = spec;
        this.roles = MeterRoles.assemble(this, spec.name(), spec.eui64(), spec.shortAddress(), bus,
                spec.firmwareVersion(), spec.esmets().isAtLeast(spec.cotThreshold()));
    }

    @Override
    public Node node() {
        return roles.node();
    }

    @Override
    public CotServerRole cotServer() {
        return roles.cot();
    }

    @Override
    public MeteringServerRole meteringServer() {
        return roles.metering();
    }

    public Spec spec() {
        return spec;
    }
}
