package io.hansim.device.fleet;

import io.hansim.device.node.HanDevice;
import io.hansim.device.Simulation;
import io.hansim.device.han.HanBus;
import io.hansim.device.han.LinkFaults;
import io.hansim.device.gb.ActivationOutcome;
import io.hansim.device.hcalcs.Hcalcs;
import io.hansim.device.hub.CommsHub;
import io.hansim.device.hub.DistributionRefusedException;
import io.hansim.device.ihd.Ihd;
import io.hansim.device.inventory.PpmidSmetsCapability;
import io.hansim.device.inventory.SmetsVersion;
import io.hansim.device.ppmid.Ppmid;
import io.hansim.device.sim.Seeds;
import io.hansim.device.storage.NonVolatileStore;
import io.hansim.device.gb.Ccs08Code;
import io.hansim.zigbee.ota.server.OtaServerConfig;
import io.hansim.zigbee.ota.server.ServerAction;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * One hub of a fleet: its plan (device mix, faults and start time drawn from the fleet seed and the
 * hub index), its {@link Simulation}, and the rollout on it reduced to a {@link HubResult}. Runs on
 * one thread; a pure function of (spec, images, index).
 *
 * <p>The rollout is SR 11.4 as the HAN sees it: the CH distributes the PPMID image to every PPMID
 * and the HCALCS image to every HCALCS at the hub's time zero (IHDs are never targeted, R7.2). A PPMID
 * is done when the CH has read back its version (R7.10) or reported a failed transfer (CCS08, R7.8);
 * an HCALCS is activated by CS06 30 s after its transfer succeeded (R7.5) and is done when it has
 * restarted.
 */
public final class HubRun {
    /**
     * Where a hub's EUI-64s start. Every hub uses the same address plan (CH at BASE + 1, devices from
     * BASE + 0x10): the HANs are separate simulations, each with its own seed, so equal addresses share
     * nothing but the fleet's test PKI, whose keys are then made once instead of once per hub.
     */
    public static final long EUI_BASE = 0x00D0_F000_0000_0000L;
    /** CS06 comes this long after an HCALCS transfer succeeded (derived: a supplier's round trip). */
    static final long CS06_DELAY = 30_000_000L;
    /** Power cuts of the fault mix: when in the download, and for how long (derived). */
    static final long CUT_EARLIEST = 10_000_000L;
    static final long CUT_LATEST = 20 * 60_000_000L;
    static final long OFF_SHORTEST = 30_000_000L;
    static final long OFF_LONGEST = 10 * 60_000_000L;

    /** The kinds of device a hub counts. */
    static final String PPMID = "ppmid";
    static final String LEGACY = "ppmid-legacy";
    static final String IHD = "ihd";
    static final String HCALCS = "hcalcs";

    private final FleetSpec spec;
    private final FleetImages images;
    private final int index;
    private final Seeds fleetSeeds;

    public HubRun(FleetSpec spec, FleetImages images, int index) {
        this.spec = Objects.requireNonNull(spec, "spec");
        this.images = Objects.requireNonNull(images, "images");
        if (index < 0 || index >= spec.hubs()) {
            throw new IllegalArgumentException("hub index " + index + " outside 0.." + (spec.hubs() - 1));
        }
        this.index = index;
        this.fleetSeeds = new Seeds(spec.seed());
    }

    /** The hub's EUI-64. */
    public long hubEui64() {
        return EUI_BASE + 1;
    }

    /** Virtual microseconds from the fleet's start to this hub's distribution (the rollout schedule). */
    public long startAt() {
        FleetSpec.Rollout r = spec.rollout();
        double total = r.waves().stream().mapToDouble(FleetSpec.Wave::share).sum();
        double cumulative = 0;
        int first = 0;
        for (int w = 0; w < r.waves().size(); w++) {
            cumulative += r.waves().get(w).share();
            int end = w == r.waves().size() - 1 ? spec.hubs() : (int) Math.round(spec.hubs() * cumulative / total);
            if (index < end) {
                return r.waves().get(w).start() + (long) ((index - first) * 3_600_000_000.0 / r.hubsPerHour());
            }
            first = Math.max(first, end);
        }
        throw new IllegalStateException("unreachable: the last wave takes every hub left");
    }

    /** The fault profile drawn for this hub, by weight, from the fleet seed and the hub index. */
    public FleetSpec.FaultProfile faultProfile() {
        double x = fleetSeeds.stream("fleet hub faults", index).nextDouble() * spec.faultWeight();
        for (FleetSpec.FaultProfile f : spec.faults()) {
            x -= f.weight();
            if (x < 0) {
                return f;
            }
        }
        return spec.faults().get(spec.faults().size() - 1);
    }

    /** What the planner decided for one device. */
    record PlannedDevice(String kind, long eui64, int shortAddress, boolean dualMode, boolean bootFails,
            boolean foreignHardware, long cutAt, long offFor) {
    }

    /** The hub's devices, drawn from the fleet seed and the hub index. */
    List<PlannedDevice> plan(FleetSpec.FaultProfile f) {
        SplittableRandom mix = fleetSeeds.stream("fleet hub mix", index);
        FleetSpec.DeviceMix m = spec.mix();
        int ppmids = m.ppmidsMin() + mix.nextInt(m.ppmidsMax() - m.ppmidsMin() + 1);
        List<PlannedDevice> out = new ArrayList<>();
        int local = 0x10;
        for (int i = 0; i < ppmids; i++, local++) {
            // The same number of draws per device whatever the shares, so changing one share does not
            // reshuffle the others (as HanBus does for link faults).
            boolean legacy = mix.nextDouble() < m.legacyShare();
            boolean dual = mix.nextDouble() < m.dualModeShare();
            out.add(device(legacy ? LEGACY : PPMID, local, dual, f, mix));
        }
        for (int i = 0; i < m.hcalcs(); i++, local++) {
            out.add(device(HCALCS, local, false, f, mix));
        }
        for (int i = 0; i < m.ihds(); i++, local++) {
            out.add(new PlannedDevice(IHD, EUI_BASE + local, local, false, false, false, -1, 0));
        }
        return out;
    }

    private PlannedDevice device(String kind, int local, boolean dual, FleetSpec.FaultProfile f, SplittableRandom r) {
        boolean cut = r.nextDouble() < f.powerCutShare();
        long cutAt = CUT_EARLIEST + r.nextLong(CUT_LATEST - CUT_EARLIEST + 1);
        long offFor = OFF_SHORTEST + r.nextLong(OFF_LONGEST - OFF_SHORTEST + 1);
        boolean bootFails = r.nextDouble() < f.bootFailureShare();
        boolean foreign = r.nextDouble() < f.hardwareMismatchShare();
        return new PlannedDevice(kind, EUI_BASE + local, local, dual, bootFails, foreign,
                cut ? cutAt : -1, offFor);
    }

    /**
     * Builds the hub's simulation, idle: every device joined and booted, nothing distributed. Fleet
     * devices keep only digests of activated images and no frame logs (issue 8, memory).
     */
    public Simulation build() {
        return build(faultProfile(), plan(faultProfile()));
    }

    private Simulation build(FleetSpec.FaultProfile f, List<PlannedDevice> devices) {
        long hub = hubEui64();
        OtaServerConfig server = OtaServerConfig.builder(hub).blockSizeCap(64)
                .maxConcurrentTransfers(spec.rollout().maxConcurrentTransfers())
                .capacity(new OtaServerConfig.Capacity(OtaServerConfig.Capacity.DEFAULT.maxImages(),
                        spec.rollout().chBufferBytes(), OtaServerConfig.Capacity.DEFAULT.eviction()))
                .build();
        Simulation.Builder b = Simulation.builder()
                .seed(fleetSeeds.derive("fleet hub", index))
                // Decision 0025: a fleet hub's devices are built here with the CH on its default
                // endpoint and perfect clocks, so Match Descriptor and Time reads would find nothing
                // new; off, they keep an idle device inside issue 8's memory budget (docs/performance.md).
                .endpointDiscovery(false)
                .noTimeSync()
                .pki(images.pki())
                // The hub's start in the fleet is its epoch: the HAN's UTC and the CH's OTA server's
                // UTC both come from it (one clock; the server has no time origin of its own).
                .epoch(HanBus.DEFAULT_EPOCH.plusNanos(Math.multiplyExact(startAt(), 1000L)))
                .hub(new CommsHub.Spec("comms-hub-" + index, hub, 0x0000, SmetsVersion.SMETS2_PLUS, 0x0001_0000L,
                        server, true))
                .link(new LinkFaults(f.lossPercent(), f.duplicatePercent(), f.minDelay(), f.maxDelay(),
                        LinkFaults.DEFAULT_MAX_PAYLOAD, List.of(), null));
        for (PlannedDevice d : devices) {
            int hw = d.foreignHardware() ? FleetImages.FOREIGN_HARDWARE : FleetImages.HARDWARE;
            switch (d.kind()) {
                case PPMID -> b.ppmid(new Ppmid.Spec(name(PPMID, d.shortAddress()), d.eui64(),
                        d.shortAddress(), images.sharedProfile(FleetImages.PPMID_IMAGE_TYPE,
                                spec.ppmidImage().fromVersion(), hw),
                        spec.ppmidImage().fromVersion(),
                        d.dualMode() ? PpmidSmetsCapability.DUAL : PpmidSmetsCapability.S2PLUS,
                        SmetsVersion.SMETS2_PLUS, d.bootFails()));
                case LEGACY -> b.ppmid(Ppmid.Spec.legacyNoOta(name(PPMID, d.shortAddress()), d.eui64(),
                        d.shortAddress(), spec.ppmidImage().fromVersion()));
                case HCALCS -> b.hcalcs(new Hcalcs.Spec(name(HCALCS, d.shortAddress()), d.eui64(),
                        d.shortAddress(), images.sharedProfile(FleetImages.HCALCS_IMAGE_TYPE,
                                spec.hcalcsImage().fromVersion(), hw)));
                case IHD -> b.ihd(new Ihd.Spec(name(IHD, d.shortAddress()), d.eui64(), d.shortAddress(),
                        spec.ppmidImage().fromVersion()));
                default -> throw new IllegalStateException("unknown kind " + d.kind());
            }
        }
        Simulation sim = b.build();
        sim.hub().retainFrameActions(false);
        for (HanDevice d : sim.devices()) {
            d.store().setImageRetention(NonVolatileStore.ImageRetention.DIGEST);
            if (d instanceof Ppmid p) {
                p.ota().ifPresent(h -> h.retainActionLog(false));
            } else if (d instanceof Hcalcs h) {
                h.ota().retainActionLog(false);
            }
        }
        return sim;
    }

    /** Device names by kind and short address, shared by all hubs (names only label traces; memory). */
    private static final Map<String, String[]> NAMES = Map.of(PPMID, names(PPMID), HCALCS, names(HCALCS), IHD, names(IHD));

    private static String[] names(String kind) {
        String[] n = new String[0x10 + FleetSpec.MAX_DEVICES_PER_HUB];
        for (int i = 0; i < n.length; i++) {
            n[i] = kind + "-" + i;
        }
        return n;
    }

    private static String name(String kind, int shortAddress) {
        return NAMES.get(kind)[shortAddress];
    }

    /** Per targeted device, what happened. */
    private static final class Track {
        final PlannedDevice plan;
        Ccs08Code lastOutcome;
        boolean done;
        long doneAt = -1;
        DistributionRefusedException.Reason refused;

        Track(PlannedDevice plan) {
            this.plan = plan;
        }
    }

    /** Runs the hub's rollout to its end (or the spec's hub timeout) and reduces it to a result. */
    public HubResult run() {
        FleetSpec.FaultProfile f = faultProfile();
        List<PlannedDevice> devices = plan(f);
        Simulation sim = build(f, devices);
        Map<Long, Track> tracks = new LinkedHashMap<>();
        for (PlannedDevice d : devices) {
            if (!d.kind().equals(IHD)) {
                tracks.put(d.eui64(), new Track(d));
            }
        }
        int[] remaining = {tracks.size()};
        Runnable[] finish = new Runnable[1];
        sim.hub().addServerActionListener(a -> {
            if (a instanceof ServerAction.TransferOutcome o) {
                Track t = tracks.get(o.client());
                if (t == null || t.done) {
                    return;
                }
                t.lastOutcome = Ccs08Code.of(o.result()); // the CH's CCS08 for the outcome
                if (!t.lastOutcome.isSuccess()) {
                    finish(t, sim.now(), remaining);
                } else if (t.plan.kind().equals(HCALCS)) {
                    Hcalcs h = sim.hcalcs(t.plan.eui64());
                    // R7.5: the supplier's CS06 Activate Firmware with the Manufacturer Image Hash.
                    sim.scheduler().after(CS06_DELAY, () -> {
                        ActivationOutcome r = h.activate(images.hcalcsManufacturerImageHash().toArray());
                        long settle = r == ActivationOutcome.SUCCESS ? 2 * HanDevice.REBOOT_DELAY : 0;
                        sim.scheduler().after(settle, () -> finish(t, sim.now(), remaining));
                    });
                }
            } else if (a instanceof ServerAction.ReadBackResult rb) {
                Track t = tracks.get(rb.client());
                if (t != null && !t.done && !t.plan.kind().equals(HCALCS)) {
                    finish(t, sim.now(), remaining); // R7.10: the CH has read back what runs
                }
            }
        });
        for (Track t : tracks.values()) {
            PlannedDevice d = t.plan;
            byte[] image = d.kind().equals(HCALCS) ? images.hcalcs() : images.ppmid();
            try {
                sim.hub().distribute(image, d.eui64());
            } catch (DistributionRefusedException e) {
                t.refused = e.reason();
                finish(t, sim.now(), remaining);
                continue;
            }
            if (d.cutAt() >= 0) {
                HanDevice dev = sim.device(d.eui64());
                sim.scheduler().at(d.cutAt(), dev::powerOff);
                sim.scheduler().at(d.cutAt() + d.offFor(), dev::powerOn);
            }
        }
        sim.runUntil(() -> remaining[0] == 0, spec.hubTimeout());
        return result(sim, f, devices, tracks);
    }

    private static void finish(Track t, long now, int[] remaining) {
        if (!t.done) {
            t.done = true;
            t.doneAt = now;
            remaining[0]--;
        }
    }

    private HubResult result(Simulation sim, FleetSpec.FaultProfile f, List<PlannedDevice> devices,
            Map<Long, Track> tracks) {
        Map<String, Integer> kinds = new TreeMap<>();
        Map<String, Integer> left = new TreeMap<>();
        int[] ccs08 = new int[5];
        long[] ttu = new long[tracks.size()];
        int upgraded = 0;
        long end = 0;
        for (PlannedDevice d : devices) {
            kinds.merge(d.kind(), 1, Integer::sum);
            if (d.kind().equals(IHD)) {
                left.merge("IHD: excluded from OTA (R7.2)", 1, Integer::sum);
            }
        }
        for (Track t : tracks.values()) {
            HanDevice dev = sim.device(t.plan.eui64());
            long target = t.plan.kind().equals(HCALCS) ? spec.hcalcsImage().toVersion() : spec.ppmidImage().toVersion();
            ccs08[t.lastOutcome == null ? 4 : t.lastOutcome.code()]++;
            long at = t.done ? t.doneAt : sim.now();
            end = Math.max(end, at);
            if (dev.runningFirmwareVersion() == target) {
                ttu[upgraded++] = at;
                continue;
            }
            left.merge(reason(dev, t), 1, Integer::sum);
        }
        return new HubResult(index, f.name(), startAt(), kinds, tracks.size(), upgraded,
                ccs08, java.util.Arrays.copyOf(ttu, upgraded), left, sim.bus().stats().sent(),
                sim.bus().stats().bytesSent(), end);
    }

    /** Reason texts made once: a fleet keeps one per hub result, not one per device (memory). */
    private static final Map<Ccs08Code, String> CCS08_REASONS = new java.util.EnumMap<>(Ccs08Code.class);
    private static final Map<DistributionRefusedException.Reason, String> REFUSALS =
            new java.util.EnumMap<>(DistributionRefusedException.Reason.class);
    private static final Map<NonVolatileStore.ActivationResult, String> ACTIVATIONS =
            new java.util.EnumMap<>(NonVolatileStore.ActivationResult.class);

    static {
        for (Ccs08Code c : Ccs08Code.values()) {
            CCS08_REASONS.put(c, "CCS08 " + c.code() + " " + c.name());
        }
        for (DistributionRefusedException.Reason r : DistributionRefusedException.Reason.values()) {
            REFUSALS.put(r, "refused by the CH: " + r.name());
        }
        for (NonVolatileStore.ActivationResult r : NonVolatileStore.ActivationResult.values()) {
            ACTIVATIONS.put(r, "HCALCS activation failed: " + r.name());
        }
    }

    /** Why a targeted device still runs its old image. */
    private static String reason(HanDevice dev, Track t) {
        if (t.refused != null) {
            return REFUSALS.get(t.refused);
        }
        if (t.plan.kind().equals(LEGACY)) {
            return "legacy PPMID: no OTA client (R7.12)";
        }
        if (dev instanceof Ppmid p && p.activations().contains(NonVolatileStore.ActivationResult.BOOT_FAILED)) {
            return "new image failed to boot (R7.14)";
        }
        if (dev instanceof Hcalcs h && h.lastActivation().isPresent()
                && h.lastActivation().get() != NonVolatileStore.ActivationResult.ACTIVATED) {
            return ACTIVATIONS.get(h.lastActivation().get());
        }
        if (t.lastOutcome != null && !t.lastOutcome.isSuccess()) {
            return CCS08_REASONS.get(t.lastOutcome);
        }
        if (!t.done) {
            return "still going at the hub timeout";
        }
        return "transfer succeeded but the read-back found another version (R7.10)";
    }

    @Override
    public String toString() {
        return "hub " + index + " of " + spec.name();
    }
}
