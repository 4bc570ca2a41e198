package io.hansim.device.ihd;

import io.hansim.device.cot.OccupierDataStore;
import io.hansim.device.cot.TenancyAction;
import io.hansim.device.cot.TenancyConfig;
import io.hansim.device.han.HanBus;
import io.hansim.device.node.HanDevice;
import io.hansim.device.node.Node;
import io.hansim.device.role.BasicServer;
import io.hansim.device.role.Tenancy;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An in-home display. IHDs are excluded from OTA (R7.2): no OTA client, so cluster 0x0019 is answered
 * UNSUPPORTED_CLUSTER like any cluster it lacks; the CH refuses to distribute to it.
 *
 * <p>With a {@link TenancyConfig} it holds occupier data in its flash (an {@link OccupierDataStore})
 * and runs Change of Tenancy through a {@link Tenancy} and its roles (R56.2–R56.6): it logs consumption from the
 * ESME, stores supplier messages and clears them on a CoT; without one it has only the Basic cluster
 * and sends nothing unasked (the pre-SECMP0056 model, byte-identical traces).
 */
public final class Ihd implements HanDevice {
    /**
     * An IHD as data.
     *
     * @param tenancy its CoT profile and timings, or null for a display with no occupier data model
     */
    public record Spec(String name, long eui64, int shortAddress, long firmwareVersion, TenancyConfig tenancy,
            BasicServer.Identity identity) {
        public Spec {
            Objects.requireNonNull(name, "name");
            identity = identity == null ? DEFAULT_IDENTITY : identity;
        }

        public Spec(String name, long eui64, int shortAddress, long firmwareVersion, TenancyConfig tenancy) {
            this(name, eui64, shortAddress, firmwareVersion, tenancy, null);
        }

        public Spec(String name, long eui64, int shortAddress, long firmwareVersion) {
            this(name, eui64, shortAddress, firmwareVersion, null);
        }

        public Spec withTenancy(TenancyConfig t) {
            return new Spec(name, eui64, shortAddress, firmwareVersion, t, identity);
        }

        /** This IHD with the OTA parameters its Basic identity is derived from (G.9). */
        public Spec withIdentity(BasicServer.Identity i) {
            return new Spec(name, eui64, shortAddress, firmwareVersion, tenancy, Objects.requireNonNull(i, "identity"));
        }
    }

    /** The IHD's Basic identity unless configured (G.9): hansim's manufacturer, image type 0x0301. */
    public static final BasicServer.Identity DEFAULT_IDENTITY = BasicServer.Identity.hansim(0x0301);

    private final Spec spec;
    private final OccupierDataStore occupierData = new OccupierDataStore();
    private final Tenancy tenancy;
    private final Node node;

    public Ihd(Spec spec, HanBus bus) {
        this.spec = spec;
        this.node = new Node(spec.name(), spec.eui64(), spec.shortAddress(), bus, spec.firmwareVersion()).owner(this);
        node.add(new BasicServer(node.port(), spec.identity())); // G.9
        // IHDs take no OTA (R7.2): the specification version is the profile's, whatever runs.
        this.tenancy = spec.tenancy() == null ? null : new Tenancy(node.port(), spec.tenancy(), occupierData,
                v -> spec.tenancy().cot().specVersion());
        if (tenancy != null) {
            tenancy.roles().forEach(node::add);
        }
    }

    @Override
    public Node node() {
        return node;
    }

    public Spec spec() {
        return spec;
    }

    /** The occupier data in the IHD's flash (R56.3, R56.5). */
    public OccupierDataStore occupierData() {
        return occupierData;
    }

    /** The CoT host, empty for a display without a tenancy configuration. */
    public Optional<Tenancy> tenancy() {
        return Optional.ofNullable(tenancy);
    }

    /** CotHandled / CotIgnored outcomes so far (R56.3, R56.4). */
    public List<TenancyAction> cotOutcomes() {
        return tenancy == null ? List.of() : tenancy.outcomes();
    }

    @Override
    public String toString() {
        return node.toString();
    }
}
