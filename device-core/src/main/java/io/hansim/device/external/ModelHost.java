package io.hansim.device.external;

import io.hansim.device.cot.OccupierDataStore;
import io.hansim.device.cot.OccupierRecord;
import io.hansim.device.han.ApsFrame;
import io.hansim.device.han.HanBus;
import io.hansim.device.hcalcs.Hcalcs;
import io.hansim.device.ihd.Ihd;
import io.hansim.device.inventory.SmetsVersion;
import io.hansim.device.node.ClusterRole;
import io.hansim.device.node.EndpointPolicy;
import io.hansim.device.node.HanDevice;
import io.hansim.device.node.Node;
import io.hansim.device.ppmid.Ppmid;
import io.hansim.device.role.TimeClientRole;
import io.hansim.device.sim.Scheduler;
import io.hansim.device.sim.Seeds;
import io.hansim.device.sim.SimTime;
import io.hansim.port.Actions;
import io.hansim.port.DeviceApp;
import io.hansim.port.DeviceShim;
import io.hansim.port.PortMessage;
import io.hansim.zigbee.zcl.Bytes;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * One of hansim's own device models (a PPMID, IHD or HCALCS built from its Spec) as a device behind the
 * Java shim, in another process (issue 17): a scheduler and a bus of its own in which the model runs,
 * with inert stand-ins for the peers WELCOME lists. Frames the model sends go out as FRAME_OUT; a
 * FRAME_IN is delivered at its event's time; DONE's deadline is the local scheduler's next event; a
 * restart of the model (an activation) is a RESTART. What the model keeps of the occupier and its
 * download progress is mirrored into regions, so hansim's flash scan works on it as on any device.
 *
 * <p>A simulation with the model in-process and the same simulation with the model here give the
 * same trace (decision 0028 says what that rests on).
 */
public final class ModelHost implements DeviceApp {
    /** The region of the occupier records (one line each: kind, UTC, description, value). */
    public static final String OCCUPIER_REGION = "occupier";
    /** The region of the candidate image slot, as far as it is written. */
    public static final String CANDIDATE_REGION = "ota.candidate";
    /** The region of the persisted download progress (text). */
    public static final String PROGRESS_REGION = "ota.progress";

    private final Object spec;
    private final String kind;
    private final long eui64;
    private final PortMessage.Hello hello;
    private Scheduler scheduler;
    private HanBus bus;
    private HanDevice model;
    private Actions current;
    /** The local scheduler's sequence counter at WELCOME (0) and at the start of each event (1, 2, …). */
    private long[] seqAt = new long[64];
    /** The last order key the TIMER to come stands for (events at its instant up to it run). */
    private long timerBound = Long.MAX_VALUE;
    private final List<PortMessage.Peer> later = new ArrayList<>();
    private boolean booted;
    private long mirroredWrites = -1;
    private int mirroredCandidate;
    private long mirroredOccupierWrites = -1;
    private String mirroredStatus = "";

    /** Hosts the model {@code spec} describes: a {@link Ppmid.Spec}, {@link Ihd.Spec} or {@link Hcalcs.Spec}. */
    public ModelHost(Object spec) {
        this.spec = Objects.requireNonNull(spec, "spec");
        if (!(spec instanceof Ppmid.Spec || spec instanceof Ihd.Spec || spec instanceof Hcalcs.Spec)) {
            throw new IllegalArgumentException("ModelHost hosts a PPMID, IHD or HCALCS, not " + spec.getClass());
        }
        this.kind = spec instanceof Ppmid.Spec ? "ppmid" : spec instanceof Ihd.Spec ? "ihd" : "hcalcs";
        // The clusters come from the roles the model is built with (a scratch build on a bus of its own).
        Scheduler s = new Scheduler();
        HanBus scratch = new HanBus(s, new Seeds(0));
        HanDevice d = build(scratch, new Seeds(0));
        this.eui64 = d.eui64();
        List<Integer> server = new ArrayList<>();
        List<Integer> client = new ArrayList<>();
        for (ClusterRole r : d.node().endpoint().roles()) {
            (r.side() == ClusterRole.Side.SERVER ? server : client).add(r.clusterId());
        }
        if (!client.contains(io.hansim.zigbee.time.TimeAttribute.CLUSTER_ID)) {
            client.add(io.hansim.zigbee.time.TimeAttribute.CLUSTER_ID); // the simulation's time client (G.4), added at WELCOME
        }
        this.hello = new PortMessage.Hello(PortMessage.VERSION, kind, eui64, d.node().endpoint().endpointId(),
                ApsFrame.PROFILE_SMART_ENERGY, server, client, "hansim " + kind + " model");
    }

    /** The model on {@code b}, as the simulation's device kinds build it. */
    private HanDevice build(HanBus b, Seeds seeds) {
        if (spec instanceof Ppmid.Spec p) {
            return new Ppmid(p, b, seeds);
        }
        if (spec instanceof Ihd.Spec i) {
            return new Ihd(i, b);
        }
        return new Hcalcs((Hcalcs.Spec) spec, b, seeds);
    }

    /** The model, once WELCOME has built it (for tests in the same process). */
    public HanDevice model() {
        return model;
    }

    @Override
    public PortMessage.Hello hello() {
        return hello;
    }

    @Override
    public void welcome(PortMessage.Welcome w) {
        scheduler = new Scheduler();
        Seeds seeds = new Seeds(w.seed());
        bus = new HanBus(scheduler, seeds, new SimTime(SimTime.ZCL_EPOCH.plusSeconds(w.utcAtZero())));
        bus.divertSends(this::out);
        // Inert stand-ins, addresses only. Those that boot after the device (peers.attachedBefore) join its
        // bus right after its first boot, as on the simulation's bus.
        int before = Integer.parseInt(w.params().getOrDefault("peers.attachedBefore",
                Integer.toString(w.peers().size())));
        for (PortMessage.Peer p : w.peers()) {
            if (before-- > 0) {
                bus.attach(p.eui64(), p.shortAddress(), p.endpoint(), f -> { });
            } else {
                later.add(p);
            }
        }
        scheduler.runBefore(w.now());
        seqAt[0] = scheduler.nextSeq();
        model = build(bus, seeds);
        long ch = w.params().containsKey("ch.eui64") ? Long.parseUnsignedLong(w.params().get("ch.eui64"), 16)
                : w.peers().stream().filter(p -> p.role().equals("ch")).mapToLong(PortMessage.Peer::eui64)
                        .findFirst().orElse(0);
        SmetsVersion smets = "SMETS1".equals(w.params().get("ch.smets")) ? SmetsVersion.SMETS1
                : SmetsVersion.SMETS2_PLUS;
        if (model instanceof Ppmid p) {
            p.joinedTo(ch, smets);
        } else if (model instanceof Hcalcs h) {
            h.joinedTo(ch);
        }
        Node n = model.node();
        String policy = w.params().get("endpoint.policy");
        if (policy != null) {
            n.endpointPolicy(EndpointPolicy.valueOf(policy));
        }
        long interval = Long.parseLong(w.params().getOrDefault("time.syncInterval", "-1"));
        if (interval >= 0) {
            n.add(new TimeClientRole(n.port(), n.clock(), interval).server(ch));
        }
        n.rebootHandler(delay -> {
            n.powerOff();
            current.restart(delay);
        });
    }

    @Override
    public void power(PortMessage.PowerState state, Actions a) {
        begin(a);
        scheduler.runBefore(a.now());
        if (state == PortMessage.PowerState.ON) {
            if (!booted) {
                booted = true;
                model.attachAndBoot();
                for (PortMessage.Peer p : later) {
                    bus.attach(p.eui64(), p.shortAddress(), p.endpoint(), f -> { });
                }
            } else {
                model.powerOn();
            }
        } else {
            model.powerOff();
        }
        end(a);
    }

    @Override
    public void frame(PortMessage.FrameIn f, Actions a) {
        begin(a);
        scheduler.runBefore(a.now());
        ApsFrame frame = new ApsFrame(f.srcEui64(), f.srcShort(), f.srcEndpoint(),
                f.broadcast() ? ApsFrame.BROADCAST_EUI64 : eui64, f.broadcast() ? ApsFrame.BROADCAST_RX_ON_WHEN_IDLE
                        : model.shortAddress(), f.dstEndpoint(), f.profile(), f.cluster(), 0,
                Bytes.of(f.zcl().toArray()));
        bus.attachment(eui64).orElseThrow().receiver().receive(frame);
        end(a);
    }

    @Override
    public void timer(Actions a) {
        begin(a);
        scheduler.runDue(a.now(), timerBound); // the events this timer stands for
        end(a);
    }

    private void begin(Actions a) {
        current = a;
        int k = (int) a.event();
        if (k >= seqAt.length) {
            seqAt = java.util.Arrays.copyOf(seqAt, Math.max(seqAt.length * 2, k + 1));
        }
        seqAt[k] = scheduler.nextSeq();
        lastEvent = k;
    }

    private int lastEvent;

    /** DONE's deadline, the status and the mirrored regions after an event. */
    private void end(Actions a) {
        long next = scheduler.nextEventTime();
        a.deadline(next == Long.MAX_VALUE ? PortMessage.NO_DEADLINE : next);
        if (next != Long.MAX_VALUE) {
            // Which event the next timer was set in: hansim orders it as set then (DEADLINE_ORIGIN).
            long key = scheduler.nextEventOrderKey();
            int lo = 0;
            int hi = lastEvent; // the last k with seqAt[k] <= key (seqAt does not decrease)
            while (lo < hi) {
                int mid = (lo + hi + 1) >>> 1;
                if (seqAt[mid] <= key) {
                    lo = mid;
                } else {
                    hi = mid - 1;
                }
            }
            int origin = lo;
            a.deadlineOrigin(origin);
            timerBound = origin == lastEvent ? Long.MAX_VALUE : seqAt[origin + 1] - 1;
        }
        String fw = String.format("%08X", model.runningFirmwareVersion());
        java.util.Optional<io.hansim.zigbee.ota.client.OtaClient> client = model instanceof Ppmid p ? p.otaClient()
                : model instanceof Hcalcs h ? h.otaClient() : java.util.Optional.empty();
        String ota = client.map(c -> c.state().name().toLowerCase(java.util.Locale.ROOT) + " " + c.fileOffset())
                .orElse("");
        String st = fw + (model instanceof Ppmid p ? "/" + p.resultingSmetsVersion() : "") + "/" + ota;
        if (!st.equals(mirroredStatus)) {
            mirroredStatus = st;
            java.util.Map<String, String> m = new java.util.LinkedHashMap<>();
            m.put("firmware.version", fw);
            if (model instanceof Ppmid p) {
                m.put("smets", p.resultingSmetsVersion() == SmetsVersion.SMETS1 ? "SMETS1" : "SMETS2+");
            }
            m.put("ota.state", ota); // empty (removed) while the model has no OTA client
            a.status(m);
        }
        mirror(a);
        current = null;
    }

    private void mirror(Actions a) {
        var store = model.store();
        if (store.writes() != mirroredWrites) {
            mirroredWrites = store.writes();
            int len = store.candidateLength();
            if (len < mirroredCandidate) {
                a.erase(CANDIDATE_REGION);
                mirroredCandidate = 0;
            }
            if (len > mirroredCandidate) {
                byte[] all = store.candidate(len).toArray();
                a.write(CANDIDATE_REGION, mirroredCandidate,
                        java.util.Arrays.copyOfRange(all, mirroredCandidate, len));
                mirroredCandidate = len;
            }
            var d = store.persistedDownload();
            if (d.isPresent()) {
                a.write(PROGRESS_REGION, 0, String.format("image %s size %d offset %d%n", d.get().image(),
                        d.get().imageSize(), d.get().fileOffset()).getBytes(StandardCharsets.UTF_8));
            } else {
                a.erase(PROGRESS_REGION);
            }
        }
        OccupierDataStore o = model instanceof Ppmid p ? p.occupierData() : model instanceof Ihd i ? i.occupierData()
                : null;
        if (o != null && o.writes() != mirroredOccupierWrites) {
            mirroredOccupierWrites = o.writes();
            StringBuilder sb = new StringBuilder();
            for (OccupierRecord r : o.records()) {
                sb.append(r.kind()).append(' ').append(r.recordedAtUtc()).append(' ').append(r.description())
                        .append(' ').append(r.value()).append('\n');
            }
            a.erase(OCCUPIER_REGION);
            if (sb.length() > 0) {
                a.write(OCCUPIER_REGION, 0, sb.toString().getBytes(StandardCharsets.UTF_8));
            }
        }
    }

    /** A frame the model sent on its own bus: out through the port. */
    private void out(ApsFrame f) {
        if (current == null) {
            throw new IllegalStateException("the hosted model sent a frame outside an event: " + f);
        }
        if (f.isBroadcast()) {
            current.send(PortMessage.BROADCAST, 0xFF, f.sourceEndpoint(), f.profileId(), f.clusterId(),
                    f.payload().toArray());
        } else {
            current.send(f.destinationEui64(), f.destinationEndpoint(), f.sourceEndpoint(), f.profileId(),
                    f.clusterId(), f.payload().toArray());
        }
    }

    /** Serves the model on this process's stdin/stdout. */
    public static String serveStdio(Object spec) throws IOException {
        return DeviceShim.serveStdio(new ModelHost(spec));
    }

    /** Serves the model for one session at {@code address} ({@code tcp:127.0.0.1:PORT} or {@code unix:PATH}). */
    public static String serveOne(Object spec, String address) throws IOException {
        try (DeviceShim.Listener l = DeviceShim.listen(address)) {
            return l.serveOne(new ModelHost(spec));
        }
    }

    /**
     * A child process: {@code ModelHost SPEC-FACTORY [--listen ADDRESS [--sessions N]]}, where SPEC-FACTORY
     * is the name of a class with a public no-argument constructor implementing {@code Supplier<Object>}
     * that gives the model's Spec. Serves stdin/stdout; or listens at ADDRESS ({@code tcp:127.0.0.1:0}
     * picks a port), prints {@code listening ADDRESS} on stdout, and serves N sessions one after another,
     * each with a fresh model (0: until killed; default 1).
     */
    public static void main(String[] args) throws Exception {
        String listen = null;
        int sessions = 1;
        if (args.length < 1) {
            usage();
        }
        for (int i = 1; i < args.length; i++) {
            if (args[i].equals("--listen") && i + 1 < args.length) {
                listen = args[++i];
            } else if (args[i].equals("--sessions") && i + 1 < args.length) {
                sessions = Integer.parseInt(args[++i]);
            } else {
                usage();
            }
        }
        Object factory = Class.forName(args[0]).getDeclaredConstructor().newInstance();
        @SuppressWarnings("unchecked")
        Supplier<Object> specs = (Supplier<Object>) factory;
        if (listen == null) {
            serveStdio(specs.get());
            return;
        }
        try (DeviceShim.Listener l = DeviceShim.listen(listen)) {
            System.out.println("listening " + l.address());
            System.out.flush();
            for (int n = 0; sessions == 0 || n < sessions; n++) {
                l.serveOne(new ModelHost(specs.get()));
            }
        }
    }

    private static void usage() {
        System.err.println("usage: ModelHost SPEC-FACTORY-CLASS [--listen tcp:127.0.0.1:PORT|unix:PATH [--sessions N]]");
        System.exit(2);
    }
}
