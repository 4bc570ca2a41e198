package io.hansim.device.meter;

import io.hansim.device.cot.SpecVersion;
import io.hansim.device.han.HanBus;
import io.hansim.device.node.Node;
import io.hansim.device.role.CotServerRole;
import io.hansim.device.role.MeteringServerRole;
import java.util.Objects;

/**
 * The gas proxy function (GPF) on the CH's HAN: the Basic cluster with its firmware version, Metering
 * 0x0702 consumption and Device Management 0x0708 Change of Tenancy (R56.1), see {@link MeterDevice}.
 * The GPF runs inside the CH, so its CoT support follows the CH's CHTS version (from 1.5, R56.6; GSME
 * is unchanged). Meter firmware goes by SR 11.1/11.3 over the WAN, not by HAN OTA (R7.1), so there
 * is no OTA client; other clusters are answered UNSUPPORTED_CLUSTER.
 */
public final class GasProxy implements MeterDevice {
    /** CHTS v1.5: the version SECMP0056 expects to carry the GPF's CoT publishing (R56.6); configuration. */
    public static final SpecVersion DEFAULT_COT_THRESHOLD = new SpecVersion(1, 5);

    /**
     * A GPF as data.
     *
     * @param cotThreshold the CHTS version of its CH from which it serves CoT on the HAN (R56.6)
     */
    public record Spec(String name, long eui64, int shortAddress, long firmwareVersion, SpecVersion cotThreshold,
            io.hansim.device.role.BasicServer.Identity identity) {
        public Spec {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(cotThreshold, "cotThreshold");
            identity = identity == null ? DEFAULT_IDENTITY : identity;
        }

        public Spec(String name, long eui64, int shortAddress, long firmwareVersion, SpecVersion cotThreshold) {
            this(name, eui64, shortAddress, firmwareVersion, cotThreshold, null);
        }

        public Spec(String name, long eui64, int shortAddress, long firmwareVersion) {
            this(name, eui64, shortAddress, firmwareVersion, DEFAULT_COT_THRESHOLD);
        }

        /** This GPF with the OTA parameters its Basic identity is derived from (G.9). */
        public Spec withIdentity(io.hansim.device.role.BasicServer.Identity i) {
            return new Spec(name, eui64, shortAddress, firmwareVersion, cotThreshold, Objects.requireNonNull(i,
                    "identity"));
        }
    }

    /** The GPF's Basic identity unless configured (G.9): hansim's manufacturer, image type 0x0102. */
    public static final io.hansim.device.role.BasicServer.Identity DEFAULT_IDENTITY =
            io.hansim.device.role.BasicServer.Identity.hansim(0x0102);

    private final Spec spec;
    private final SpecVersion chts;
    private final MeterRoles roles;

    /**
     * @param chts the CHTS version of the CH hosting this GPF
     */
    public GasProxy(Spec spec, HanBus bus, SpecVersion chts) {
        this.spec = spec;
        this.chts = Objects.requireNonNull(chts, "chts");
        this.roles = MeterRoles.assemble(this, spec.name(), spec.eui64(), spec.shortAddress(), bus,
                spec.firmwareVersion(), chts.isAtLeast(spec.cotThreshold()), spec.identity());
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

    /** A GPF in a CHTS 1.5 CH. */
    public GasProxy(Spec spec, HanBus bus) {
        this(spec, bus, DEFAULT_COT_THRESHOLD);
    }

    public Spec spec() {
        return spec;
    }

    /** The CHTS version it follows. */
    public SpecVersion chts() {
        return chts;
    }
}
