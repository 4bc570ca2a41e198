package io.hansim.device.ppmid;

import io.hansim.device.cot.OccupierDataKind;
import io.hansim.device.cot.OccupierDataStore;
import io.hansim.device.cot.OccupierRecord;
import io.hansim.device.cot.SpecVersion;
import io.hansim.device.cot.TenancyAction;
import io.hansim.device.cot.TenancyConfig;
import io.hansim.device.han.HanBus;
import io.hansim.device.node.HanDevice;
import io.hansim.device.node.Node;
import io.hansim.device.role.BasicServer;
import io.hansim.device.role.OtaClientRole;
import io.hansim.device.role.Tenancy;
import io.hansim.device.inventory.PpmidSmetsCapability;
import io.hansim.device.inventory.SmetsVersion;
import io.hansim.device.sim.Seeds;
import io.hansim.device.storage.NonVolatileStore;
import io.hansim.zigbee.ota.client.ActivationTrigger;
import io.hansim.zigbee.ota.client.ClientAction;
import io.hansim.zigbee.ota.client.ClientEvent;
import io.hansim.zigbee.ota.client.ClientProfile;
import io.hansim.zigbee.ota.client.ImageUpgradeStatus;
import io.hansim.zigbee.ota.client.OtaClient;
import io.hansim.zigbee.zcl.Bytes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A prepayment meter interface device. With an OTA profile it hosts the OTA client and activates an
 * image as soon as it is downloaded and verified, with no activation command (R7.4); it takes OTA
 * traffic only from its CH, whose EUI-64 it learns when it joins (R7.3). Without one it is a legacy
 * device with no OTA client: cluster 0x0019 is answered UNSUPPORTED_CLUSTER (R7.12). Its SMETS
 * version is the CH's, whatever was pre-notified (R202.3).
 */
public final class Ppmid implements HanDevice {
    /**
     * A PPMID model and unit, as data.
     *
     * @param ota                 the OTA client profile, or null for a legacy model with no OTA (R7.12)
     * @param factoryVersion      the firmware running at first boot (the OTA profile's
     *                            CurrentFileVersion when there is one)
     * @param capability          what SMETS systems the model works in (R202.1)
     * @param preNotified         the SMETS version the pre-notification (inventory) gave (R202.3)
     * @param newImagesFailToBoot a fault: every activated image fails to boot, so the old one keeps
     *                            running (R7.14)
     * @param tenancy             occupier data and Change of Tenancy (R56.2–R56.6), or null for none
     * @param specVersions        the PPMIDTS version each firmware version implements (R56.8)
     */
    public record Spec(String name, long eui64, int shortAddress, ClientProfile ota, long factoryVersion,
            PpmidSmetsCapability capability, SmetsVersion preNotified, boolean newImagesFailToBoot,
            TenancyConfig tenancy, Map<Long, SpecVersion> specVersions) {
        public Spec {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(capability, "capability");
            Objects.requireNonNull(preNotified, "preNotified");
            if (ota != null) {
                factoryVersion = ota.identity().currentFileVersion();
            }
            specVersions = Map.copyOf(specVersions == null ? Map.of() : specVersions);
        }

        /** A PPMID without a tenancy configuration (no occupier data model, no CoT traffic). */
        public Spec(String name, long eui64, int shortAddress, ClientProfile ota, long factoryVersion,
                PpmidSmetsCapability capability, SmetsVersion preNotified, boolean newImagesFailToBoot) {
            this(name, eui64, shortAddress, ota, factoryVersion, capability, preNotified, newImagesFailToBoot, null,
                    Map.of());
        }

        /** A dual-mode PPMID pre-notified as SMETS2+ with the given OTA profile. */
        public static Spec of(String name, long eui64, int shortAddress, ClientProfile ota) {
            return new Spec(name, eui64, shortAddress, ota, ota.identity().currentFileVersion(), PpmidSmetsCapability.DUAL,
                    SmetsVersion.SMETS2_PLUS, false);
        }

        /** A legacy PPMID with no OTA client (R7.12). */
        public static Spec legacyNoOta(String name, long eui64, int shortAddress, long firmwareVersion) {
            return new Spec(name, eui64, shortAddress, null, firmwareVersion, PpmidSmetsCapability.S2PLUS,
                    SmetsVersion.SMETS2_PLUS, false);
        }

        public Spec withSmets(PpmidSmetsCapability c, SmetsVersion pre) {
            return new Spec(name, eui64, shortAddress, ota, factoryVersion, c, pre, newImagesFailToBoot, tenancy,
                    specVersions);
        }

        public Spec withNewImagesFailingToBoot(boolean fail) {
            return new Spec(name, eui64, shortAddress, ota, factoryVersion, capability, preNotified, fail, tenancy,
                    specVersions);
        }

        /** This PPMID with occupier data and Change of Tenancy (R56.2–R56.6). */
        public Spec withTenancy(TenancyConfig t) {
            return new Spec(name, eui64, shortAddress, ota, factoryVersion, capability, preNotified,
                    newImagesFailToBoot, t, specVersions);
        }

        /**
         * Which PPMIDTS version each firmware version implements (R56.8): after an OTA activation the
         * device runs the version its new firmware maps to; unmapped firmware implements the tenancy
         * profile's version.
         */
        public Spec withSpecVersions(Map<Long, SpecVersion> versions) {
            return new Spec(name, eui64, shortAddress, ota, factoryVersion, capability, preNotified,
                    newImagesFailToBoot, tenancy, versions);
        }

        /** The PPMIDTS version firmware {@code fileVersion} implements. */
        public SpecVersion specVersionOf(long fileVersion) {
            SpecVersion v = specVersions.get(fileVersion);
            return v != null ? v : tenancy.cot().specVersion();
        }
    }

    private final Spec spec;
    private final Node node;
    private final OtaClientRole ota;
    // The shared empty list until the first entry: an idle fleet PPMID has none (issue 8's memory budget).
    private List<NonVolatileStore.ActivationResult> activations = List.of();
    private List<Long> localUpgrades = List.of();
    private SmetsVersion resultingSmets;
    private final OccupierDataStore occupierData = new OccupierDataStore();
    private final Tenancy tenancy;

    /**
     * A PPMID is a node with the Basic server, the OTA client (unless a legacy model, R7.12) and, with
     * a tenancy configuration, the occupier-data roles (R56.2–R56.6), booted in that order.
     */
    public Ppmid(Spec spec, HanBus bus, Seeds seeds) {
        this.spec = spec;
        this.resultingSmets = spec.preNotified();
        this.node = new Node(spec.name(), spec.eui64(), spec.shortAddress(), bus, spec.factoryVersion()).owner(this);
        node.add(spec.ota() == null ? new BasicServer(node.port())
                : new BasicServer(node.port(), BasicServer.Identity.of(spec.ota()))); // G.9
        this.ota = spec.ota() == null ? null
                : node.add(new OtaClientRole(node.port(), spec.ota().toBuilder().ieeeAddress(spec.eui64()).build(),
                        seeds.device(spec.eui64()), this::activate));
        // R56.8: the firmware now running decides the PPMIDTS version; a change since the last boot
        // (an OTA activation, R7.4) reaches the monitor as Upgraded.
        this.tenancy = spec.tenancy() == null ? null
                : new Tenancy(node.port(), spec.tenancy(), occupierData, spec::specVersionOf);
        if (tenancy != null) {
            tenancy.roles().forEach(node::add);
        }
    }

    @Override
    public Node node() {
        return node;
    }

    /** The occupier data in the PPMID's flash (R56.3–R56.5). */
    public OccupierDataStore occupierData() {
        return occupierData;
    }

    /** The CoT host, empty for a PPMID without a tenancy configuration. */
    public Optional<Tenancy> tenancy() {
        return Optional.ofNullable(tenancy);
    }

    /** CotHandled / CotIgnored outcomes so far (R56.3, R56.4, R56.8). */
    public List<TenancyAction> cotOutcomes() {
        return tenancy == null ? List.of() : tenancy.outcomes();
    }

    /**
     * A top-up made on this PPMID now: a manufacturer extra (R56.4) kept in its top-up log and served
     * by Prepayment Get Top Up Log.
     *
     * @param code        the top-up code as displayed
     * @param amountPence TopUpAmount
     */
    public void recordTopUp(String code, int amountPence) {
        requireTenancy().record(new OccupierRecord(OccupierDataKind.TOP_UP_HISTORY, utcNow(), code, amountPence));
    }

    /** A debt-recovery collection now: a manufacturer extra (R56.4) served by Get Debt Repayment Log. */
    public void recordDebtRecovery(long amountCollectedPence) {
        requireTenancy().record(new OccupierRecord(OccupierDataKind.DEBT_RECOVERY, utcNow(), "debt recovery",
                amountCollectedPence));
    }

    private Tenancy requireTenancy() {
        if (tenancy == null) {
            throw new IllegalStateException(name() + " has no tenancy configuration: it keeps no occupier data");
        }
        if (!isPowered()) {
            throw new IllegalStateException(name() + " is off: nothing can be recorded");
        }
        return tenancy;
    }

    public Spec spec() {
        return spec;
    }

    /**
     * Joins the HAN of a CH: the UpgradeServerID becomes the CH's EUI-64 (R7.3) and the resulting
     * SMETS version the CH's (R202.3, all four rows of the MP202 table).
     */
    public void joinedTo(long hubEui64, SmetsVersion hubSmets) {
        resultingSmets = Objects.requireNonNull(hubSmets, "hubSmets");
        if (ota != null) {
            ota.setProfile(ota.profile().toBuilder().upgradeServer(hubEui64).build());
        }
    }

    /** The SMETS version the PPMID runs in: the CH's (R202.3). */
    public SmetsVersion resultingSmetsVersion() {
        return resultingSmets;
    }

    public SmetsVersion preNotifiedSmetsVersion() {
        return spec.preNotified();
    }

    public boolean hasOtaClient() {
        return ota != null;
    }

    /** The OTA client host, empty for a legacy no-OTA model (R7.12). */
    public Optional<OtaClientRole> ota() {
        return Optional.ofNullable(ota);
    }

    /** The live OTA client, empty when off or for a legacy model. */
    public Optional<OtaClient> otaClient() {
        return ota == null ? Optional.empty() : ota.client();
    }

    public Optional<ImageUpgradeStatus> imageUpgradeStatus() {
        return otaClient().map(OtaClient::imageUpgradeStatus);
    }

    /** Download progress: the client's FileOffset (0 when off or idle). */
    public long fileOffset() {
        return otaClient().map(OtaClient::fileOffset).orElse(0L);
    }

    /**
     * File versions activated by a local upgrade: each is an R7.3 policy breach (only a
     * {@code legacyLocalUpgrade} profile accepts one) and a version the CH never reported.
     */
    public List<Long> localUpgradeVersions() {
        return List.copyOf(localUpgrades);
    }

    /** What each activation did, in order. */
    public List<NonVolatileStore.ActivationResult> activations() {
        return List.copyOf(activations);
    }

    /**
     * A local upgrade attempt (a tool on the premises, not the CH). A compliant PPMID refuses it
     * (R7.3); a profile with {@code legacyLocalUpgrade} accepts it.
     */
    public List<ClientAction> localUpgrade(Bytes image) {
        return ota == null ? List.of() : ota.handle(new ClientEvent.LocalUpgradeAttempt(node.now(), image));
    }

    private void activate(ClientAction.Activate a) {
        if (a.trigger() == ActivationTrigger.LOCAL_UPGRADE) {
            // A local tool wrote the image itself (no OTA StoreBlock); a policy breach the report flags,
            // with a version the CH never distributed (R7.3).
            node.store().writeCandidate(0, a.image());
            if (localUpgrades.isEmpty()) {
                localUpgrades = new ArrayList<>();
            }
            localUpgrades.add(a.identity().fileVersion());
        }
        // R7.4: activation on download; the store swaps slots only if the verified bytes are what the
        // flash holds and the image boots (R7.14), then the device restarts.
        NonVolatileStore.ActivationResult r = node.store().activate(a.identity().fileVersion(), a.image(),
                !spec.newImagesFailToBoot());
        if (activations.isEmpty()) {
            activations = new ArrayList<>();
        }
        activations.add(r);
        node.reboot(REBOOT_DELAY);
    }

    @Override
    public String toString() {
        return node.toString();
    }
}
