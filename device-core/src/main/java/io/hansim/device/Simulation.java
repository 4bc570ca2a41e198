package io.hansim.device;

import io.hansim.device.kind.DeviceKind;
import io.hansim.device.kind.DeviceKinds;
import io.hansim.device.node.HanDevice;
import io.hansim.device.gbcs.HubGbcsService;
import io.hansim.device.gbcs.RemoteParty;
import io.hansim.device.han.HanBus;
import io.hansim.device.han.LinkFaults;
import io.hansim.device.hcalcs.Hcalcs;
import io.hansim.device.hub.CommsHub;
import io.hansim.device.ihd.Ihd;
import io.hansim.device.meter.ElectricityMeter;
import io.hansim.device.meter.GasProxy;
import io.hansim.device.meter.MeterDevice;
import io.hansim.device.external.ExternalDevice;
import io.hansim.device.external.ExternalSpec;
import io.hansim.device.node.DeviceClock;
import io.hansim.device.node.EndpointPolicy;
import io.hansim.device.role.TimeClientRole;
import io.hansim.device.ppmid.Ppmid;
import io.hansim.device.sim.RunOutcome;
import io.hansim.device.sim.Scheduler;
import io.hansim.device.sim.Seeds;
import io.hansim.device.sim.SimTime;
import io.hansim.device.han.TraceSink;
import io.hansim.gbcs.crypto.KeyResolver;
import io.hansim.gbcs.crypto.TestPki;
import io.hansim.device.gb.DeviceClass;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.BooleanSupplier;

/**
 * One CH and its HAN (DESIGN.md §2): a scheduler, a bus, the devices, seeded from one scenario seed.
 * Single-threaded and deterministic: the same builder and seed give the same trace.
 *
 * <pre>{@code
 * Simulation sim = Simulation.builder().seed(42)
 *         .hub(CommsHub.Spec.of(HUB))
 *         .ppmid(Ppmid.Spec.of("ppmid", PPMID, 0x0002, profile))
 *         .link(LinkFaults.PERFECT.withLoss(10))
 *         .traceSink(sink)
 *         .build();
 * sim.hub().distribute(image, PPMID);
 * sim.runUntil(() -> sim.hub().readBack(PPMID).isPresent(), SimTime.seconds(48 * 3600));
 * }</pre>
 */
public final class Simulation implements AutoCloseable {
    /** The ACB and supplier entity ids of the DCC Reference Test Data Set, used unless a scenario names others. */
    public static final long DEFAULT_ACB = 0x90B3_D51F_3000_0002L;
    public static final long DEFAULT_SUPPLIER = 0x90B3_D51F_3001_0000L;

    private final Scheduler scheduler;
    private final Seeds seeds;
    private final HanBus bus;
    private final CommsHub hub;
    private final Map<Long, HanDevice> devices = new LinkedHashMap<>();
    private final HubGbcsService gbcs;
    private final RemoteParty supplier;

    /**
     * The CH waits for a sleepy GSME's Query Next Image at least one of its sleep periods plus its jitter
     * and awake window (SR 11.1 through its wake-ups, decision 0026): its Image Notify to the sleeping
     * GSME is lost, and the GSME asks only at its next wake. A shorter notify timeout is lengthened to
     * that; without a GSME taking firmware over the HAN the CH's configuration is used as it is.
     */
    static CommsHub.Spec sleepyAware(CommsHub.Spec hub, List<Object> specs) {
        if (hub == null) {
            return null;
        }
        long longest = 0;
        for (Object s : specs) {
            if (s instanceof io.hansim.device.gsme.Gsme.Spec g && g.ota() != null) {
                longest = Math.max(longest, g.sleepPeriod() + g.jitter() + g.awakeWindow());
            }
        }
        var ota = hub.ota();
        java.time.Duration wake = java.time.Duration.ofNanos(longest * 1_000).plusSeconds(60); // + a query's answer
        if (longest == 0 || ota.timeouts().notifyTimeout().compareTo(wake) >= 0) {
            return hub;
        }
        return hub.withOta(ota.withTimeouts(ota.timeouts().withNotifyTimeout(wake)));
    }

    private Simulation(Builder b) {
        this.seeds = new Seeds(b.seed);
        this.scheduler = new Scheduler();
        this.bus = new HanBus(scheduler, seeds, new SimTime(b.epoch));
        bus.setDefaultFaults(b.defaultFaults);
        for (TraceSink s : b.sinks) {
            bus.addTraceSink(s);
        }
        for (LinkSpec l : b.links) {
            bus.setFaultsBothWays(l.a, l.b, l.faults);
        }
        if (b.hub == null) {
            throw new IllegalStateException("a simulation needs a CH: builder().hub(...)");
        }
        this.hub = new CommsHub(sleepyAware(b.hub, b.specs), bus);
        add(hub);
        // Device kinds are data (issue 15): each kind's units are assembled and joined in the kinds'
        // order, then in the order they were given.
        // An external device (issue 17) is attached in the place of the kind it stands in for.
        for (DeviceKind<?, ?> kind : DeviceKinds.ALL) {
            if (kind == DeviceKinds.EXTERNAL) {
                continue;
            }
            for (Object spec : b.specs) {
                DeviceKind<?, ?> k = spec instanceof ExternalSpec x && x.stands().equals(kind.name())
                        ? DeviceKinds.EXTERNAL : kind;
                if (k.specType().isInstance(spec)) {
                    HanDevice d;
                    try {
                        d = k.build(spec, bus, seeds, b.hub);
                    } catch (RuntimeException e) {
                        closeExternals();
                        throw e;
                    }
                    add(d);
                    k.joinTo(d, hub);
                }
            }
        }
        // R56.1: the meters bind the CoT-aware IHDs and PPMIDs for unsolicited Publish Change of Tenancy
        // (decision 0008); devices without a tenancy configuration get no new traffic.
        for (HanDevice d : devices.values()) {
            if (d instanceof MeterDevice m) {
                for (HanDevice c : devices.values()) {
                    if (DeviceKinds.of(c).map(k -> k.takesChangeOfTenancy(c)).orElse(false)) {
                        m.subscribe(c.eui64());
                    }
                }
            }
        }
        // G.4 / G.5: each device's clock, endpoint policy and time client, before anything boots.
        for (HanDevice d : devices.values()) {
            io.hansim.device.node.Node n = d.node();
            DeviceClock c = b.clocks.get(d.eui64());
            if (c != null) {
                n.clock(c);
            }
            n.endpointPolicy(b.assumesEndpoint1.contains(d.eui64()) ? EndpointPolicy.ASSUME_ENDPOINT_1
                    : b.discovery ? EndpointPolicy.DISCOVER : EndpointPolicy.BOUND);
            if (d instanceof ExternalDevice x) {
                // The device owns its ZCL (a time client too): hansim tells it how hansim's own devices
                // are set, so that a hosted model can do the same (docs/device-port.md).
                x.welcomeParam("time.syncInterval", Long.toString(b.timeSyncInterval));
                x.welcomeParam("endpoint.policy", n.endpointPolicy().name());
                x.peers(peers(x));
                x.welcomeParam("peers.attachedBefore", Long.toString(devices.values().stream()
                        .takeWhile(o -> o != x).count())); // booted before it: on the HAN when it joins
            } else if (d != hub && b.timeSyncInterval >= 0) {
                n.add(new TimeClientRole(n.port(), n.clock(), b.timeSyncInterval).server(hub.eui64()));
            }
        }
        for (HanDevice d : devices.values()) {
            b.activityListeners.forEach(d::addActivityListener);
        }
        try {
            for (HanDevice d : devices.values()) {
                d.attachAndBoot();
            }
        } catch (RuntimeException e) {
            closeExternals(); // a bad spec (e.g. a short address used twice) leaves no device process behind
            throw e;
        }
        if (b.readIdentityAtJoin) {
            for (HanDevice d : devices.values()) {
                if (d != hub) {
                    hub.readIdentity(d.eui64()); // G.9: the CH records what each device says it is
                }
            }
        }
        KeyResolver keys = b.pki != null ? b.pki : new TestPki("hansim simulation PKI " + b.seed);
        this.gbcs = new HubGbcsService(hub, devices::get, scheduler, b.acb, keys, b.gbcsConfig);
        for (HanDevice d : devices.values()) {
            if (d instanceof io.hansim.device.gsme.Gsme g) {
                gbcs.serve(g.gbcs()); // the GSME answers CS11 itself, through the tunnel (G.3, G.8)
            } else if (d instanceof ElectricityMeter e) {
                gbcs.serve(e.gbcs()); // the ESME answers ECS12 itself, through the tunnel (G.3)
                e.setEcs12TenancyChangeControl(b.gbcsConfig.ecs12TenancyChangeControl());
            }
        }
        this.supplier = new RemoteParty(b.supplier, b.acb, keys, 1000);
        gbcs.setFirmwareAlertRecipient(b.supplier); // G.7 alerts go to the supplier, as in the RTDS vectors
    }

    /** The devices WELCOME lists for {@code x}: every other device, with its role. */
    private List<io.hansim.port.PortMessage.Peer> peers(ExternalDevice x) {
        List<io.hansim.port.PortMessage.Peer> l = new ArrayList<>();
        for (HanDevice d : devices.values()) {
            if (d == x) {
                continue;
            }
            String role = d == hub ? "ch" : d instanceof ExternalDevice o ? o.spec().stands()
                    : DeviceKinds.of(d).map(DeviceKind::name).orElse("other");
            l.add(new io.hansim.port.PortMessage.Peer(d.eui64(), d.shortAddress(), d.node().endpoint().endpointId(),
                    role));
        }
        return l;
    }

    /** The external devices of this run (issue 17). */
    public List<ExternalDevice> externalDevices() {
        List<ExternalDevice> l = new ArrayList<>();
        for (HanDevice d : devices.values()) {
            if (d instanceof ExternalDevice x) {
                l.add(x);
            }
        }
        return l;
    }

    /**
     * False when an external device runs in real time (docs/device-port.md "Clocks"): the trace and
     * report of such a run are not reproducible, and say so.
     */
    public boolean isDeterministic() {
        return externalDevices().stream().allMatch(ExternalDevice::isDeterministic);
    }

    /**
     * Ends the sessions of the external devices (BYE, then their processes are killed after the bye
     * timeout). A simulation without them has nothing to close. Safe to call twice.
     */
    @Override
    public void close() {
        closeExternals();
    }

    private void closeExternals() {
        for (HanDevice d : devices.values()) {
            if (d instanceof ExternalDevice x) {
                x.close();
            }
        }
    }

    private void add(HanDevice d) {
        if (devices.putIfAbsent(d.eui64(), d) != null) {
            closeExternals();
            if (d instanceof ExternalDevice x) {
                x.close();
            }
            throw new IllegalArgumentException("two devices with EUI-64 " + Long.toHexString(d.eui64()));
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    public Scheduler scheduler() {
        return scheduler;
    }

    public HanBus bus() {
        return bus;
    }

    /** What virtual time means in UTC. */
    public SimTime time() {
        return bus.time();
    }

    public Seeds seeds() {
        return seeds;
    }

    /** Virtual time in microseconds. */
    public long now() {
        return scheduler.now();
    }

    public CommsHub hub() {
        return hub;
    }

    /** The CH's GBCS side: where commands from the WAN go in and responses and alerts come out. */
    public HubGbcsService gbcs() {
        return gbcs;
    }

    /** The simulated supplier (and its ACB) that builds signed and MAC'd commands for {@link #gbcs()}. */
    public RemoteParty supplier() {
        return supplier;
    }

    public HanDevice device(long eui64) {
        HanDevice d = devices.get(eui64);
        if (d == null) {
            throw new IllegalArgumentException("no device " + Long.toHexString(eui64));
        }
        return d;
    }

    public Ppmid ppmid(long eui64) {
        return (Ppmid) device(eui64);
    }

    public Hcalcs hcalcs(long eui64) {
        return (Hcalcs) device(eui64);
    }

    public Ihd ihd(long eui64) {
        return (Ihd) device(eui64);
    }

    public ElectricityMeter electricityMeter(long eui64) {
        return (ElectricityMeter) device(eui64);
    }

    public GasProxy gasProxy(long eui64) {
        return (GasProxy) device(eui64);
    }

    public io.hansim.device.gsme.Gsme gsme(long eui64) {
        return (io.hansim.device.gsme.Gsme) device(eui64);
    }

    public List<HanDevice> devices() {
        return List.copyOf(devices.values());
    }

    /** Runs until {@code condition} holds or {@code timeout} of virtual time has passed from now. */
    public RunOutcome runUntil(BooleanSupplier condition, long timeout) {
        return scheduler.runUntil(condition, Math.addExact(scheduler.now(), timeout));
    }

    /** Lets {@code duration} of virtual time pass. */
    public RunOutcome advance(long duration) {
        return scheduler.advance(duration);
    }

    private record LinkSpec(long a, long b, LinkFaults faults) {
    }

    /** Device profiles are data: every device is given by its Spec record. */
    public static final class Builder {
        private long seed;
        private CommsHub.Spec hub;
        private final List<Object> specs = new ArrayList<>();
        private final List<LinkSpec> links = new ArrayList<>();
        private final List<TraceSink> sinks = new ArrayList<>();
        private final List<HanDevice.ActivityListener> activityListeners = new ArrayList<>();
        private LinkFaults defaultFaults = LinkFaults.PERFECT;
        private java.time.Instant epoch = HanBus.DEFAULT_EPOCH;
        private KeyResolver pki;
        private long acb = DEFAULT_ACB;
        private long supplier = DEFAULT_SUPPLIER;
        private HubGbcsService.Config gbcsConfig = HubGbcsService.Config.DEFAULTS;
        private boolean discovery = true;
        private boolean readIdentityAtJoin;
        private long timeSyncInterval = TimeClientRole.DEFAULT_INTERVAL;
        private final Map<Long, DeviceClock> clocks = new LinkedHashMap<>();
        private final java.util.Set<Long> assumesEndpoint1 = new java.util.HashSet<>();

        private Builder() {
        }

        /**
         * G.5: every device finds the endpoints it sends to with ZDO Match Descriptor
         * ({@link EndpointPolicy#DISCOVER}) instead of the binding the bus knows. On by default
         * (decision 0025: two frames per (device, peer, cluster) a run); {@code false} gives the old
         * {@link EndpointPolicy#BOUND} behaviour.
         */
        public Builder endpointDiscovery(boolean on) {
            discovery = on;
            return this;
        }

        /**
         * G.4: every device but the CH reads the CH's Time at boot and then every {@code interval} µs
         * (0: at boot only) and sets its clock to it. On by default, every
         * {@link TimeClientRole#DEFAULT_INTERVAL} (decision 0025); {@link #noTimeSync()} turns it off.
         */
        public Builder timeSync(long interval) {
            if (interval < 0) {
                throw new IllegalArgumentException("time-sync interval must not be negative, was " + interval);
            }
            timeSyncInterval = interval;
            return this;
        }

        /** G.4: no device reads the CH's Time (devices keep whatever clock they were given). */
        public Builder noTimeSync() {
            timeSyncInterval = -1;
            return this;
        }

        /** G.4: the device's own clock (offset from the CH, drift in ppm); a perfect clock by default. */
        public Builder clock(long eui64, DeviceClock c) {
            clocks.put(eui64, Objects.requireNonNull(c, "clock"));
            return this;
        }

        /**
         * G.9: the CH reads each joined device's Basic identity (ManufacturerName, ModelIdentifier,
         * SWBuildID) over the HAN once everything has booted (off by default: one read per device).
         */
        public Builder readIdentityAtJoin(boolean on) {
            readIdentityAtJoin = on;
            return this;
        }

        /** G.5's real-world fault: this device sends every unicast to endpoint 1, asking no one. */
        public Builder assumesEndpoint1(long eui64) {
            assumesEndpoint1.add(eui64);
            return this;
        }

        /**
         * The keys every simulated party MACs and signs with (default: a {@link TestPki} seeded from
         * the simulation seed, so two runs with one seed give identical bytes).
         */
        public Builder pki(KeyResolver keys) {
            pki = Objects.requireNonNull(keys, "keys");
            return this;
        }

        /** The entity ids of the Access Control Broker and of the supplier that sends commands. */
        public Builder remoteParties(long acbId, long supplierId) {
            acb = acbId;
            supplier = supplierId;
            return this;
        }

        public Builder gbcsConfig(HubGbcsService.Config c) {
            gbcsConfig = Objects.requireNonNull(c, "config");
            return this;
        }

        /** The UTC instant virtual time zero stands for (default {@link HanBus#DEFAULT_EPOCH}). */
        public Builder epoch(java.time.Instant e) {
            epoch = Objects.requireNonNull(e, "epoch");
            return this;
        }

        public Builder seed(long s) {
            seed = s;
            return this;
        }

        public Builder hub(CommsHub.Spec s) {
            hub = Objects.requireNonNull(s, "hub");
            return this;
        }

        /**
         * A device of any registered kind ({@link DeviceKinds}), given by its spec record.
         *
         * @throws IllegalArgumentException if no kind has that spec type
         */
        public Builder device(Object spec) {
            Objects.requireNonNull(spec, "spec");
            if (DeviceKinds.forSpec(spec).isEmpty()) {
                throw new IllegalArgumentException("no device kind takes a " + spec.getClass().getName());
            }
            specs.add(spec);
            return this;
        }

        public Builder ppmid(Ppmid.Spec s) {
            return device(Objects.requireNonNull(s, "ppmid"));
        }

        public Builder hcalcs(Hcalcs.Spec s) {
            return device(Objects.requireNonNull(s, "hcalcs"));
        }

        public Builder ihd(Ihd.Spec s) {
            return device(Objects.requireNonNull(s, "ihd"));
        }

        public Builder electricityMeter(ElectricityMeter.Spec s) {
            return device(Objects.requireNonNull(s, "meter"));
        }

        public Builder gasProxy(GasProxy.Spec s) {
            return device(Objects.requireNonNull(s, "gasProxy"));
        }

        /** A device under test outside hansim, through the device port (issue 17). */
        public Builder external(ExternalSpec s) {
            return device(Objects.requireNonNull(s, "external"));
        }

        public Builder gsme(io.hansim.device.gsme.Gsme.Spec s) {
            return device(Objects.requireNonNull(s, "gsme"));
        }

        /** Faults of every link without its own. */
        public Builder link(LinkFaults f) {
            defaultFaults = Objects.requireNonNull(f, "faults");
            return this;
        }

        /** Faults of both directions between two devices. */
        public Builder link(long a, long b, LinkFaults f) {
            links.add(new LinkSpec(a, b, Objects.requireNonNull(f, "faults")));
            return this;
        }

        public Builder traceSink(TraceSink s) {
            sinks.add(Objects.requireNonNull(s, "sink"));
            return this;
        }

        /**
         * Observes every device's activity from its first boot on ({@link HanDevice.ActivityListener}):
         * state changes get the virtual time they happened at.
         */
        public Builder activityListener(HanDevice.ActivityListener l) {
            activityListeners.add(Objects.requireNonNull(l, "listener"));
            return this;
        }

        public Simulation build() {
            return new Simulation(this);
        }
    }
}
