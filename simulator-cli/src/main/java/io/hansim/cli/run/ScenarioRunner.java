package io.hansim.cli.run;

import io.hansim.cli.report.DeviceInfo;
import io.hansim.cli.report.ExpectationResult;
import io.hansim.cli.report.MessageEvent;
import io.hansim.cli.report.MessageEvents;
import io.hansim.cli.report.RunReport;
import io.hansim.cli.report.TimelineEvent;
import io.hansim.cli.scenario.DeviceSpec;
import io.hansim.cli.scenario.Expectation;
import io.hansim.cli.scenario.FaultSpec;
import io.hansim.cli.scenario.HubSpec;
import io.hansim.cli.scenario.OtaProfileSpec;
import io.hansim.cli.scenario.Scenario;
import io.hansim.cli.scenario.Step;
import io.hansim.device.node.HanDevice;
import io.hansim.device.Simulation;
import io.hansim.device.gbcs.GbcsRejection;
import io.hansim.device.gbcs.HubGbcsService;
import io.hansim.device.gbcs.WanMessage;
import io.hansim.device.han.LinkFaults;
import io.hansim.device.hcalcs.Hcalcs;
import io.hansim.device.hub.CommsHub;
import io.hansim.device.hub.DistributionRefusedException;
import io.hansim.device.ihd.Ihd;
import io.hansim.device.meter.ElectricityMeter;
import io.hansim.device.meter.GasProxy;
import io.hansim.device.ppmid.Ppmid;
import io.hansim.device.privacy.PrivacyCheck;
import io.hansim.device.sim.RunOutcome;
import io.hansim.device.han.TraceRecord;
import io.hansim.device.han.TraceSink;
import io.hansim.gbcs.CraFlag;
import io.hansim.gbcs.GbcsCodec;
import io.hansim.gbcs.usecase.UseCaseCodec;
import io.hansim.gbcs.usecase.UseCaseRecord;
import io.hansim.zigbee.ota.attr.OtaClientAttribute;
import io.hansim.zigbee.ota.client.ClientAction;
import io.hansim.zigbee.ota.client.ClientProfile;
import io.hansim.zigbee.ota.client.ClientQuirk;
import io.hansim.zigbee.ota.client.GbSignaturePolicy;
import io.hansim.zigbee.ota.client.ImageUpgradeStatus;
import io.hansim.zigbee.ota.client.OtaClient;
import io.hansim.zigbee.ota.image.ImageFormat;
import io.hansim.zigbee.ota.server.ImageKey;
import io.hansim.zigbee.ota.server.OtaServerConfig;
import io.hansim.zigbee.ota.server.ServerAction;
import io.hansim.zigbee.zcl.Bytes;
import io.hansim.zigbee.zcl.ZclValue;
import io.hansim.zigbee.zcl.ZclValues;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.function.BooleanSupplier;

/**
 * Runs one validated {@link Scenario} on a {@link Simulation} and returns its {@link RunReport}
 * (issue 7, DESIGN.md §2). It maps the topology onto device specs, builds the images, executes the
 * steps in order in virtual time, and evaluates every expectation to an {@link ExpectationResult}
 * naming the step's {@code file:line:column}.
 *
 * <p>Virtual time is driven in slices ({@link Options#sliceMicros}) so that progress can be shown
 * between them; a slice boundary only stops and resumes the scheduler, so the trace is the same for
 * any slice length (a test compares fingerprints).
 *
 * <p>Step mapping: {@code distribute via: gbcs} is SR 11.4 through {@link HubGbcsService#updatePpmidFirmware}
 * (a refusal is a timeline event, R7.2, R202.4, R7.13); {@code via: direct} stages the image with
 * {@link CommsHub#distribute}; {@code notify} sends a fresh Image Notify for the last image
 * distributed to the device; {@code activate} is CS06 with the image's Manufacturer Image Hash
 * (R7.5); {@code change-of-tenancy} is GCS09 to every GPF and ECS12 to every ESME (SR 3.2, R56.7).
 *
 * <p>Expectations: {@code attribute} reads the device's attribute model (the OTA client's
 * attributes for cluster 0x0019, the Basic cluster for 0x0000), not a ZCL Read Attributes over the
 * HAN, so checking never adds frames to the trace. {@code hub.ccs08} uses the CH's transfer outcome
 * for the device (the same code its CCS08 alert carries, R7.4). {@code alert} looks at the alert
 * codes in the GBCS alerts the CH sent on the WAN. {@code storedData} goes through a
 * {@link StoredDataProbe}.
 */
public final class ScenarioRunner {
    /** One second of virtual time in microseconds. */
    static final long SECOND = 1_000_000L;
    /** The default slice: progress is reported every 10 s of virtual time. */
    public static final long DEFAULT_SLICE = 10 * SECOND;

    /**
     * How to run.
     *
     * @param seed        overrides the scenario's seed when present ({@code --seed})
     * @param traceSinks  extra sinks for every HAN frame (pcap, JSON lines)
     * @param listener    progress and events while running
     * @param sliceMicros how much virtual time runs between progress reports; {@code Long.MAX_VALUE}: unsliced
     * @param storedData  how {@code storedData} expectations read the devices' stores
     */
    public record Options(OptionalLong seed, List<TraceSink> traceSinks, RunListener listener, long sliceMicros,
            StoredDataProbe storedData) {
        public Options {
            Objects.requireNonNull(seed, "seed");
            traceSinks = List.copyOf(traceSinks);
            Objects.requireNonNull(listener, "listener");
            Objects.requireNonNull(storedData, "storedData");
            if (sliceMicros < 1) {
                throw new IllegalArgumentException("sliceMicros must be positive: " + sliceMicros);
            }
        }

        /** The scenario's own seed, no sinks, no listener, 10 s slices, the IHD/PPMID occupier stores. */
        public static Options defaults() {
            return new Options(OptionalLong.empty(), List.of(), RunListener.NONE, DEFAULT_SLICE, OCCUPIER_STORES);
        }

        public Options withSeed(long s) {
            return new Options(OptionalLong.of(s), traceSinks, listener, sliceMicros, storedData);
        }

        public Options withTraceSink(TraceSink s) {
            List<TraceSink> l = new ArrayList<>(traceSinks);
            l.add(s);
            return new Options(seed, l, listener, sliceMicros, storedData);
        }

        public Options withListener(RunListener l) {
            return new Options(seed, traceSinks, l, sliceMicros, storedData);
        }

        public Options withSliceMicros(long s) {
            return new Options(seed, traceSinks, listener, s, storedData);
        }

        public Options withStoredData(StoredDataProbe p) {
            return new Options(seed, traceSinks, listener, sliceMicros, p);
        }
    }

    private final Scenario scenario;
    private final Options options;
    private final Map<String, Long> euiById = new LinkedHashMap<>();
    private final Map<Long, String> idByEui = new LinkedHashMap<>();
    private final Map<Long, DeviceSpec> specByEui = new HashMap<>();
    private final Map<String, HanDevice> deviceById = new HashMap<>();
    private final Map<String, DeviceSpec> specById = new LinkedHashMap<>();
    private final List<ExpectationResult> results = new ArrayList<>();
    private final List<TimelineEvent> timeline = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    /** The image last distributed to each device, for notify, progress and activation. */
    private final Map<String, ImageKey> distributedKey = new LinkedHashMap<>();
    private final Map<String, Long> distributedSize = new LinkedHashMap<>();
    /** The last refused distribution per device, shown when an expectation asks for its CCS08. */
    private final Map<String, String> refusedDistribution = new LinkedHashMap<>();
    /** What the observer last saw of each device, to turn changes into timeline events. */
    private final Map<String, String> lastStatus = new LinkedHashMap<>();
    private final Map<String, Long> lastFirmware = new LinkedHashMap<>();
    private final Map<String, Long> lastOffset = new LinkedHashMap<>();
    /** The last CS08 response per device: {version, result} (R7.11). */
    private final Map<String, long[]> lastCs08 = new LinkedHashMap<>();
    /** The local upgrades each PPMID accepted so far, to flag each once (R7.3). */
    private final Map<String, Integer> localUpgradesSeen = new LinkedHashMap<>();
    /** Every Change of Tenancy the scenario sent, with the step that sent it first (R56.5). */
    private final Map<Instant, io.hansim.cli.scenario.Position> cots = new java.util.TreeMap<>();
    private Map<String, byte[]> images;
    private ScenarioInventory inventory;
    /** The images as built, with the PPMIDTS versions they bring (R56.8). */
    private ScenarioImages.Built built;
    private Simulation sim;
    private Instant lastCot;
    private int rejectionsSeen;
    private long issuerEventId = 1;

    public ScenarioRunner(Scenario scenario, Options options) {
        this.scenario = Objects.requireNonNull(scenario, "scenario");
        this.options = Objects.requireNonNull(options, "options");
    }

    /** Runs a scenario with {@link Options#defaults()}. */
    public static RunReport run(Scenario scenario) throws IOException {
        return new ScenarioRunner(scenario, Options.defaults()).run();
    }

    /**
     * Builds the simulation, runs every step and returns the report. A runner runs once.
     *
     * @throws IOException when an image file cannot be read
     */
    public RunReport run() throws IOException {
        if (sim != null) {
            throw new IllegalStateException("a ScenarioRunner runs once");
        }
        built = ScenarioImages.build(scenario);
        images = built.files();
        notes.addAll(built.notes());
        long seed = options.seed().orElse(scenario.seed());
        HanMessages collected = new HanMessages(idByEui);
        inventory = ScenarioInventory.of(scenario, images, scenario.topology().hub().smets());
        notes.addAll(inventory.setUpNotes());
        sim = build(seed, collected);
        for (DeviceSpec d : scenario.topology().devices()) {
            deviceById.put(d.id(), sim.device(d.eui64()));
        }
        observe(); // every device's state after boot: the baseline its first change is told against
        for (Step step : scenario.steps()) {
            execute(step);
            observeAfter(step);
            drainRejections();
        }
        privacyChecks();
        observe();
        cotOutcomes();
        localUpgradeBreaches();
        List<MessageEvent> messages = merge(collected.kept, wanEvents());
        long total = collected.delivered + messages.size() - collected.kept.size();
        if (messages.size() > MAX_REPORTED_MESSAGES) {
            messages = messages.subList(0, MAX_REPORTED_MESSAGES);
        }
        if (total > messages.size()) {
            notes.add("the report lists the first " + messages.size() + " of " + total + " messages (to "
                    + messages.get(messages.size() - 1).atMicros() / 1_000_000L + " s of virtual time): a report's"
                    + " size does not grow with virtual time; write --trace or --pcap for every frame");
        }
        List<TimelineEvent> ordered = new ArrayList<>(timeline);
        ordered.sort(java.util.Comparator.comparingLong(TimelineEvent::atMicros)); // stable: insertion order at ties
        return new RunReport(scenario.name(), scenario.position().file(), seed, hansimVersion(), sim.now(),
                devices(), results, messages, ordered, notes);
    }

    /**
     * The R56.5 privacy check after every Change of Tenancy the scenario sent, once its steps have run
     * (decision 0015): for each CoT whose time has come, a {@link PrivacyCheck} probe asks every IHD
     * and PPMID that takes part in CoT for everything it serves over the HAN and scans its flash. The
     * verdict is an expectation row in every report. It fails on data of the previous occupier that no
     * rule explains; data a rule explains is named in the row and does not fail it: extras the
     * profile keeps (clearOnCoT false, R56.4), a device whose specification version is below the CoT
     * threshold (R56.6, R56.8), meters that all are below theirs (R56.6), a CoT whose control bits ask
     * for no clearing (R56.3). The probe's
     * frames are in the trace, and each check lets {@link PrivacyCheck#ANSWER_WINDOW} of virtual time pass.
     */
    private void privacyChecks() {
        if (cots.isEmpty()) {
            return;
        }
        List<DeviceSpec> checked = new ArrayList<>();
        for (DeviceSpec d : scenario.topology().devices()) {
            HanDevice dev = device(d.id());
            if (dev instanceof Ppmid p && p.tenancy().isPresent() || dev instanceof Ihd i && i.tenancy().isPresent()) {
                checked.add(d);
            }
        }
        PrivacyCheck probe = null;
        for (Map.Entry<Instant, io.hansim.cli.scenario.Position> cot : cots.entrySet()) {
            String name = "R56.5 privacy after the CoT of " + cot.getKey();
            if (checked.isEmpty()) {
                notes.add(name + ": not checked, no IHD or PPMID in this topology takes part in Change of Tenancy");
                continue;
            }
            if (sim.time().instantAt(sim.now()).isBefore(cot.getKey())) {
                notes.add(name + ": not checked, the run ends before that time");
                continue;
            }
            if (probe == null) {
                probe = attachProbe();
            }
            long cotUtc = cot.getKey().getEpochSecond() - io.hansim.device.sim.SimTime.ZCL_EPOCH.getEpochSecond();
            List<String> breaches = new ArrayList<>();
            // device and rule → what it still serves, in device order (reports must be byte-identical)
            Map<String, List<String>> explained = new LinkedHashMap<>();
            for (DeviceSpec d : checked) {
                HanDevice dev = device(d.id());
                List<io.hansim.device.cot.TenancyAction> outcomes = dev instanceof Ppmid p ? p.cotOutcomes()
                        : ((Ihd) dev).cotOutcomes();
                for (PrivacyCheck.Finding f : probe.check(d.eui64(), cotUtc)) {
                    String what = f.where() + ": " + f.detail() + " dated " + utcText(f.recordedAtUtc());
                    Optional<String> why = explanation(outcomes, cotUtc, f);
                    if (why.isPresent()) {
                        explained.computeIfAbsent(d.id() + " (" + why.get() + ")", k -> new ArrayList<>()).add(what);
                    } else {
                        breaches.add(d.id() + ": " + what);
                    }
                }
            }
            String devices = checked.stream().map(DeviceSpec::id).collect(java.util.stream.Collectors.joining(", "));
            StringBuilder kept = new StringBuilder();
            StringBuilder keptInFull = new StringBuilder();
            explained.forEach((who, what) -> {
                kept.append(kept.length() == 0 ? "" : "; ").append(who).append(": ").append(what.size())
                        .append(what.size() == 1 ? " record" : " records");
                keptInFull.append(keptInFull.length() == 0 ? "" : "; ").append(who).append(": ")
                        .append(String.join(", ", what));
            });
            String verdict = breaches.isEmpty() && explained.isEmpty()
                    ? "nothing dated before the CoT on " + devices
                    : breaches.isEmpty() ? "no unexplained data on " + devices
                    : breaches.size() + " unexplained: " + String.join("; ", breaches);
            ExpectationResult r = new ExpectationResult(name, cot.getValue().toString(), breaches.isEmpty(),
                    "nothing of the previous occupier retrievable", verdict
                            + (explained.isEmpty() ? "" : "; kept by rule: " + kept), sim.now());
            results.add(r);
            String line = name + ": " + (r.passed() ? "PASS" : "FAIL") + " — " + verdict
                    + (explained.isEmpty() ? "" : "; kept by rule: " + keptInFull);
            event("hub", "privacy", line);
            notes.add(line);
        }
    }

    /** Why a finding is no breach, if a rule says so; empty for an unexplained finding (R56.5). */
    private Optional<String> explanation(List<io.hansim.device.cot.TenancyAction> outcomes, long cotUtc,
            PrivacyCheck.Finding f) {
        boolean handled = false;
        for (io.hansim.device.cot.TenancyAction a : outcomes) {
            if (a instanceof io.hansim.device.cot.TenancyAction.CotHandled h && h.cotUtc() >= cotUtc) {
                handled = true;
                if (f.kind().isPresent() && h.kept().contains(f.kind().get())) {
                    return Optional.of("kept: the profile's clearOnCoT is false, R56.4");
                }
            }
        }
        if (handled) {
            return Optional.empty(); // the device cleared, yet this is still there
        }
        for (io.hansim.device.cot.TenancyAction a : outcomes) {
            if (a instanceof io.hansim.device.cot.TenancyAction.CotIgnored g && g.implementationUtc() == cotUtc) {
                if (g.reason() == io.hansim.device.cot.IgnoreReason.BELOW_SPEC_VERSION) {
                    return Optional.of("the device ignored the CoT: its specification version is below the CoT "
                            + "threshold, R56.6");
                }
                if (g.reason() == io.hansim.device.cot.IgnoreReason.NO_CLEAR_BITS) {
                    return Optional.of("the CoT's control asks for no clearing, R56.3");
                }
            }
        }
        if (!anyMeterPublishesChangeOfTenancy()) {
            return Optional.of("no meter of this HAN serves Change of Tenancy: the ESME and the GPF are below "
                    + "their CoT versions, R56.6");
        }
        return Optional.empty();
    }

    /** Whether an ESME or a GPF of the topology serves CoT on the HAN at its specification version (R56.6). */
    private boolean anyMeterPublishesChangeOfTenancy() {
        for (DeviceSpec d : scenario.topology().devices()) {
            if (device(d.id()) instanceof io.hansim.device.meter.MeterDevice m && m.publishesChangeOfTenancy()) {
                return true;
            }
        }
        return false;
    }

    /** The privacy probe, on an EUI-64 and a short address no device of the scenario uses. */
    private PrivacyCheck attachProbe() {
        long eui = PrivacyCheck.DEFAULT_PROBE_EUI64;
        while (idByEui.containsKey(eui)) {
            eui++;
        }
        int shortAddress = PrivacyCheck.DEFAULT_PROBE_SHORT;
        while (shortAddress <= scenario.topology().devices().size()) {
            shortAddress++;
        }
        idByEui.put(eui, "privacy-probe");
        return PrivacyCheck.attach(sim, eui, shortAddress);
    }

    /**
     * What each IHD and PPMID did with the CoTs it learnt of, as report notes: the stores it cleared
     * and every store that survived (R56.4 asks the report to name them), or why it ignored one — a
     * device below the CoT specification version keeps the previous occupier's data (R56.6, R56.8).
     */
    private void cotOutcomes() {
        for (DeviceSpec d : scenario.topology().devices()) {
            List<io.hansim.device.cot.TenancyAction> outcomes = device(d.id()) instanceof Ppmid p ? p.cotOutcomes()
                    : device(d.id()) instanceof Ihd i ? i.cotOutcomes() : List.of();
            java.util.Set<String> said = new java.util.LinkedHashSet<>();
            for (io.hansim.device.cot.TenancyAction a : outcomes) {
                if (a instanceof io.hansim.device.cot.TenancyAction.CotHandled h) {
                    said.add(d.id() + ": Change of Tenancy of " + utcText(h.cotUtc()) + " handled; cleared "
                            + sorted(h.cleared()) + (h.kept().isEmpty() ? "" : "; kept (clearOnCoT false, R56.4) "
                            + sorted(h.kept())));
                } else if (a instanceof io.hansim.device.cot.TenancyAction.CotIgnored g
                        && g.reason() != io.hansim.device.cot.IgnoreReason.NO_CHANGE_OF_TENANCY
                        && g.reason() != io.hansim.device.cot.IgnoreReason.NOT_NEWER_THAN_HANDLED) {
                    said.add(d.id() + ": Change of Tenancy of " + utcText(g.implementationUtc()) + " ignored: "
                            + g.reason() + (g.reason() == io.hansim.device.cot.IgnoreReason.BELOW_SPEC_VERSION
                                    ? " — the previous occupier's data stays on this device (R56.6)" : ""));
                }
            }
            notes.addAll(said);
        }
    }

    /** In declaration order: a Set.copyOf iterates in a per-JVM order, and reports must be byte-identical. */
    private static java.util.Set<io.hansim.device.cot.OccupierDataKind> sorted(
            java.util.Set<io.hansim.device.cot.OccupierDataKind> kinds) {
        java.util.EnumSet<io.hansim.device.cot.OccupierDataKind> e = java.util.EnumSet.noneOf(
                io.hansim.device.cot.OccupierDataKind.class);
        e.addAll(kinds);
        return e;
    }

    private static String utcText(long zclUtc) {
        return io.hansim.device.sim.SimTime.ZCL_EPOCH.plusSeconds(zclUtc).toString();
    }

    /** storedData expectations read the occupier data an IHD or a PPMID holds (R56.3–R56.5). */
    static final StoredDataProbe OCCUPIER_STORES = OccupierStoreProbe.of(d -> d instanceof Ppmid p
            ? Optional.of(p.occupierData()) : d instanceof Ihd i ? Optional.of(i.occupierData()) : Optional.empty());

    // ---- topology ----

    private static io.hansim.device.cot.SpecVersion cotVersion(io.hansim.cli.scenario.SpecVersion v) {
        return new io.hansim.device.cot.SpecVersion(v.major(), v.minor());
    }

    /**
     * The CoT set-up of an IHD or a PPMID (R56.2–R56.6): its IHDTS/PPMIDTS version, the ESMEs and GPFs
     * of the topology as sources, its extras with their clearOnCoT (R56.4). Null when the topology has
     * no meter to learn a CoT from: such a device keeps its data as before.
     */
    private io.hansim.device.cot.TenancyConfig tenancy(io.hansim.device.cot.DeviceSpecification doc,
            io.hansim.cli.scenario.SpecVersion version, List<io.hansim.cli.scenario.ExtraStore> extras,
            DeviceSpec.CotSettings settings) {
        List<Long> sources = new ArrayList<>();
        for (DeviceSpec d : scenario.topology().devices()) {
            if (d instanceof DeviceSpec.Esme || d instanceof DeviceSpec.Gpf) {
                sources.add(d.eui64());
            }
        }
        if (sources.isEmpty()) {
            return null;
        }
        java.util.Map<io.hansim.device.cot.OccupierDataKind, Boolean> ex = new java.util.EnumMap<>(
                io.hansim.device.cot.OccupierDataKind.class);
        if (doc == io.hansim.device.cot.DeviceSpecification.PPMIDTS) {
            // A PPMID keeps top-up history and debt recovery data, cleared by default (R56.4).
            ex.put(io.hansim.device.cot.OccupierDataKind.TOP_UP_HISTORY, true);
            ex.put(io.hansim.device.cot.OccupierDataKind.DEBT_RECOVERY, true);
        }
        for (io.hansim.cli.scenario.ExtraStore e : extras) {
            for (io.hansim.device.cot.OccupierDataKind k : OccupierStoreProbe.kinds(e.name())) {
                if (!k.mandated()) {
                    ex.put(k, e.clearOnCoT());
                }
            }
        }
        // R56.6 threshold and R56.2 poll interval: configuration, from the scenario
        io.hansim.device.cot.CotProfile cot = new io.hansim.device.cot.CotProfile(doc, cotVersion(version),
                cotVersion(settings.from()), settings.pollInterval().getSeconds(), ex, sources);
        return io.hansim.device.cot.TenancyConfig.of(cot);
    }

    /**
     * The most messages a report lists (HAN deliveries and WAN messages, the first ones by time). A
     * run's report and the memory that feeds it stay bounded however long the run is: an idle PPMID
     * alone queries every hour, so a 100-year wait is 1.75 million deliveries (issue 14). The trace
     * sinks ({@code --trace}, {@code --pcap}) still get every frame.
     */
    public static final int MAX_REPORTED_MESSAGES = 100_000;

    /**
     * The HAN deliveries of the run as report events, made as the frames go (the frames are not
     * kept): the first {@link #MAX_REPORTED_MESSAGES}, and a count of all.
     */
    private static final class HanMessages implements io.hansim.device.han.TraceSink {
        private final Map<Long, String> idByEui;
        final List<MessageEvent> kept = new ArrayList<>();
        long delivered;

        HanMessages(Map<Long, String> idByEui) {
            this.idByEui = idByEui;
        }

        @Override
        public void record(io.hansim.device.han.TraceRecord r) {
            if (r.kind() != io.hansim.device.han.TraceRecord.Kind.DELIVERY) {
                return;
            }
            delivered++;
            if (kept.size() < MAX_REPORTED_MESSAGES) {
                kept.add(MessageEvents.fromDelivery(r, idByEui));
            }
        }
    }

    private Simulation build(long seed, HanMessages collected) {
        HubSpec h = scenario.topology().hub();
        euiById.put("hub", h.eui64());
        idByEui.put(h.eui64(), "hub");
        // R7.6, R7.7, R7.14: the hub keys map onto the server's configuration; the loader refuses an
        // endpoint other than 1, which no node could use.
        OtaServerConfig ota = OtaServerConfig.defaults(h.eui64()).withBlockSizeCap(h.blockSize())
                .withCapacity(new OtaServerConfig.Capacity(h.imageBuffer(), h.imageBufferBytes(), h.imageBufferPolicy()))
                .withDowngrade(h.downgrade()).withMissingHardwareVersion(h.missingHardwareVersion());
        // R7.8, R7.10, R7.12: when the CH gives up and when it reads back (all (unconfirmed), so configuration)
        ota = ota.withTimeouts(ota.timeouts().withNotifyTimeout(h.timing().notifyTimeout())
                        .withStallTimeout(h.timing().stallTimeout()).withMaxFailures(h.timing().maxFailures()))
                .withReadBack(ota.readBack().withDelay(h.timing().readBackDelay())
                        .withAttempts(h.timing().readBackAttempts()));
        Simulation.Builder b = Simulation.builder().seed(seed)
                .hub(new CommsHub.Spec("hub", h.eui64(), 0x0000, h.smets(), h.firmwareVersion(), ota,
                        h.otaForHanDevices()).withChts(cotVersion(h.chts())))
                .traceSink(collected);
        int shortAddress = 0x0001;
        for (DeviceSpec d : scenario.topology().devices()) {
            euiById.put(d.id(), d.eui64());
            idByEui.put(d.eui64(), d.id());
            specByEui.put(d.eui64(), d);
            specById.put(d.id(), d);
            int sa = shortAddress++;
            if (d instanceof DeviceSpec.Ppmid p) {
                // G.6: a PPMID takes the SR 11.4 form (no signature tail); R56.8: images name the PPMIDTS
                // version they bring.
                b.ppmid(new Ppmid.Spec(p.id(), p.eui64(), sa,
                        p.ota() ? profile(p.id(), h.eui64(), p.manufacturerCode(), p.imageType(), p.hardwareVersion(),
                                p.firmwareVersion(), p.profile()).toBuilder()
                                .gbSignaturePolicy(GbSignaturePolicy.IF_SIGNED).build() : null,
                        p.firmwareVersion(), p.smets(), p.preNotified(), p.newImagesFailToBoot())
                        .withTenancy(tenancy(io.hansim.device.cot.DeviceSpecification.PPMIDTS, p.spec(),
                                p.profile().extras(), p.cot()))
                        .withSpecVersions(built.specVersions().getOrDefault(p.id(), Map.of())));
            } else if (d instanceof DeviceSpec.Hcalcs c) {
                b.hcalcs(new Hcalcs.Spec(c.id(), c.eui64(), sa, profile(c.id(), h.eui64(),
                        c.manufacturerCode(), c.imageType(), c.hardwareVersion(), c.firmwareVersion(), c.profile())));
            } else if (d instanceof DeviceSpec.Ihd i) {
                b.ihd(new Ihd.Spec(i.id(), i.eui64(), sa, i.firmwareVersion())
                        .withTenancy(tenancy(io.hansim.device.cot.DeviceSpecification.IHDTS, i.spec(), i.extras(),
                                i.cot())));
            } else if (d instanceof DeviceSpec.Esme e) {
                b.electricityMeter(new ElectricityMeter.Spec(e.id(), e.eui64(), sa, e.firmwareVersion(),
                        cotVersion(e.spec()), cotVersion(e.cotFrom()))); // R56.6
            } else if (d instanceof DeviceSpec.Gpf g) {
                // R56.6: the GPF's version is its CH's CHTS; the scenario sets from which it serves CoT
                b.gasProxy(new GasProxy.Spec(g.id(), g.eui64(), sa, g.firmwareVersion(), cotVersion(g.cotFrom())));
            }
        }
        for (FaultSpec f : scenario.faults()) {
            b.link(euiById.get(f.a()), euiById.get(f.b()), faults(f));
        }
        for (TraceSink s : options.traceSinks()) {
            b.traceSink(s);
        }
        // Observes a device each time it has handled something (a frame, a timer, power), so a status
        // change or an activation is stamped with the virtual time it happened at, not at the next
        // frame on the HAN (issue 13, fault 7); one device per event, not every device per frame. It
        // reads only, so the run is the same with or without it.
        b.activityListener(dev -> {
            if (sim != null) {
                DeviceSpec d = specByEui.get(dev.eui64());
                if (d != null) {
                    observe(d, dev);
                }
            }
        });
        Simulation s = b.build();
        s.hub().addServerActionListener(this::onServerAction);
        s.gbcs().addListener(this::onWan);
        return s;
    }

    private static ClientProfile profile(String name, long hub, int manufacturerCode, int imageType,
            OptionalInt hardwareVersion, long firmwareVersion, OtaProfileSpec p) {
        ClientProfile.Builder b = ClientProfile.builder().name(name).upgradeServer(hub)
                .manufacturerCode(manufacturerCode).imageType(imageType).currentFileVersion(firmwareVersion)
                .maximumDataSize(p.blockSize()).trustedKey(ScenarioImages.trustedKey()).imageFormat(ImageFormat.GB);
        if (hardwareVersion.isPresent()) {
            b.hardwareVersion(hardwareVersion.getAsInt());
        } else {
            b.noHardwareVersion(); // R7.6: the client sends none
        }
        for (ClientQuirk q : p.quirks()) {
            b.quirk(q);
        }
        b.refuseDowngrades(p.refuseDowngrades()); // R7.14
        b.legacyLocalUpgrade(p.legacyLocalUpgrade()); // R7.3: the legacy-local-upgrade profile
        return b.build();
    }

    /**
     * The scenario's fault entry as {@link LinkFaults} (R7.8): loss, duplication, the delay range and
     * reordering proper (a held-back frame arrives after the next one on its link).
     */
    static LinkFaults faults(FaultSpec f) {
        LinkFaults l = LinkFaults.PERFECT.withLoss(f.lossPercent()).withDuplication(f.duplicatePercent())
                .withDelay(micros(f.minDelay()), micros(f.maxDelay()))
                .withReordering(f.reorderPercent(), micros(f.reorderHold()));
        for (FaultSpec.Window w : f.windows()) {
            long from = w.from().toNanos() / 1000;
            long to = w.to().toNanos() / 1000;
            l = w.down() ? l.withDown(from, to) : l.withFaultWindow(from, to);
        }
        return l;
    }

    private static long micros(java.time.Duration d) {
        return d.toNanos() / 1000;
    }

    private List<DeviceInfo> devices() {
        List<DeviceInfo> out = new ArrayList<>();
        out.add(new DeviceInfo("hub", "CH", hex(scenario.topology().hub().eui64())));
        for (DeviceSpec d : scenario.topology().devices()) {
            out.add(new DeviceInfo(d.id(), d.type().toUpperCase(Locale.ROOT), hex(d.eui64())));
        }
        return out;
    }

    // ---- steps ----

    private void execute(Step step) {
        if (step instanceof Step.Distribute d) {
            distribute(d);
        } else if (step instanceof Step.Notify n) {
            for (String id : n.to()) {
                notify(id, n);
            }
        } else if (step instanceof Step.Await a) {
            await(a);
        } else if (step instanceof Step.PowerCut p) {
            event(p.device(), "power", "power cut");
            device(p.device()).powerOff();
        } else if (step instanceof Step.PowerOn p) {
            event(p.device(), "power", "power on");
            device(p.device()).powerOn();
        } else if (step instanceof Step.Activate a) {
            activate(a);
        } else if (step instanceof Step.LocalUpgrade l) {
            localUpgrade(l);
        } else if (step instanceof Step.ChangeOfTenancy c) {
            changeOfTenancy(c);
        } else if (step instanceof Step.SupplierMessage m) {
            event(m.device(), "message", "supplier message \"" + m.text() + "\" (" + m.position() + ")");
            sim.hub().sendSupplierMessage(euiById.get(m.device()), m.text());
        } else if (step instanceof Step.TopUp t) {
            event(t.device(), "top-up", "top-up of " + t.amountPence() + "p (" + t.position() + ")");
            Ppmid p = (Ppmid) device(t.device());
            if (!p.isPowered() || p.tenancy().isEmpty()) {
                notes.add("top-up at " + t.position() + " not recorded: " + t.device()
                        + (p.isPowered() ? " keeps no top-up history (no meter to learn a CoT from)" : " is off"));
            } else {
                p.recordTopUp(t.code(), (int) Math.min(Integer.MAX_VALUE, t.amountPence()));
            }
        } else if (step instanceof Step.ReadFirmwareVersion r) {
            readFirmwareVersion(r);
        } else if (step instanceof Step.InventoryFix f) {
            inventoryFix(f);
        } else if (step instanceof Step.Wait w) {
            event("hub", "step", "wait " + text(w.duration()) + " (" + w.position() + ")");
            advance(w.duration().toNanos() / 1000);
        } else if (step instanceof Step.Expect e) {
            results.add(evaluate(e.expectation(), e.position()));
        } else {
            throw new IllegalStateException("unknown step " + step);
        }
    }

    private void distribute(Step.Distribute d) {
        byte[] image = images.get(d.image());
        for (String id : d.to()) {
            long eui = euiById.get(id);
            event(id, "step", "distribute " + d.image() + " via " + d.via().name().toLowerCase(Locale.ROOT)
                    + " (" + d.position() + ")");
            Optional<String> dcc = d.via() == Step.Route.GBCS ? inventory.srRefusal(id, true) : Optional.empty();
            if (dcc.isPresent()) {
                // The DCC checks an SR against the inventory before anything reaches the CH (R202.4, R202.6).
                refusedDistribution.put(id, dcc.get());
                event(id, "refused", "SR refused by the DCC's inventory: " + dcc.get());
            } else if (d.via() == Step.Route.GBCS) {
                // SR 11.4 as the DCC hands it to the CH (R7.4, R202.5)
                for (HubGbcsService.DistributionResult r : sim.gbcs().updatePpmidFirmware(image, List.of(eui))) {
                    if (r.refusal().isPresent()) {
                        refusedDistribution.put(id, r.refusal().get().name());
                        event(id, "refused", r.refusal().get() + ": " + r.detail());
                    } else {
                        refusedDistribution.remove(id); // the last distribution is what a check asks about
                        staged(id, r.image().orElseThrow(), image.length);
                    }
                }
            } else {
                try {
                    ImageKey key = sim.hub().distribute(image, eui);
                    refusedDistribution.remove(id);
                    staged(id, key, image.length);
                } catch (DistributionRefusedException e) {
                    refusedDistribution.put(id, e.reason().name());
                    event(id, "refused", e.reason() + ": " + e.getMessage());
                }
            }
        }
    }

    private void staged(String id, ImageKey key, long size) {
        distributedKey.put(id, key);
        distributedSize.put(id, size);
        lastOffset.remove(id); // a new download starts its bar again
        event(id, "notify", "image 0x" + hex32(key.fileVersion()) + " staged on the CH, Image Notify sent");
    }

    private void notify(String id, Step.Notify n) {
        ImageKey key = distributedKey.get(id);
        if (key == null) {
            event(id, "notify", "nothing to notify: no image was distributed to it (" + n.position() + ")");
            return;
        }
        try {
            sim.hub().notify(euiById.get(id), key);
            event(id, "notify", "Image Notify for 0x" + hex32(key.fileVersion()) + " (" + n.position() + ")");
        } catch (IllegalStateException | IllegalArgumentException e) {
            event(id, "notify", "Image Notify not sent: " + e.getMessage());
        }
    }

    private void await(Step.Await a) {
        String what = "await " + a.device() + " imageUpgradeStatus " + a.imageUpgradeStatus() + " within "
                + text(a.timeout());
        event(a.device(), "step", what + " (" + a.position() + ")");
        BooleanSupplier reached = () -> status(a.device()).filter(s -> s == a.imageUpgradeStatus()).isPresent();
        RunOutcome o = runUntil(reached, a.timeout().toNanos() / 1000);
        boolean ok = o == RunOutcome.CONDITION_MET;
        results.add(new ExpectationResult(what, a.position().toString(), ok, a.imageUpgradeStatus().name(),
                ok ? a.imageUpgradeStatus().name() : "timed out (" + o + "), last status " + statusText(a.device()),
                sim.now()));
    }

    private void localUpgrade(Step.LocalUpgrade l) {
        event(l.device(), "step", "local upgrade tool offers " + l.image() + " (" + l.position() + ")");
        Ppmid p = (Ppmid) device(l.device());
        for (ClientAction a : p.localUpgrade(Bytes.of(images.get(l.image())))) {
            if (a instanceof ClientAction.Refused r) {
                event(l.device(), "refused", "local upgrade refused: " + r.reason() + " (R7.3)");
            }
        }
        localUpgrades(l.device(), p);
    }

    /** Marks each local upgrade the PPMID accepted since the last look: an R7.3 policy breach. */
    private void localUpgrades(String id, Ppmid p) {
        List<Long> accepted = p.localUpgradeVersions();
        for (int i = localUpgradesSeen.getOrDefault(id, 0); i < accepted.size(); i++) {
            // The legacy-local-upgrade profile obeyed the tool (R7.3).
            event(id, "policy-breach", "R7.3 policy breach: a local upgrade tool installed 0x"
                    + hex32(accepted.get(i)) + "; only the CH may upgrade a PPMID");
        }
        localUpgradesSeen.put(id, accepted.size());
    }

    private void activate(Step.Activate a) {
        byte[] hash = ScenarioImages.manufacturerImageHash(images.get(a.image()));
        long eui = euiById.get(a.device());
        Optional<Instant> at = a.at().isZero() ? Optional.empty()
                : Optional.of(sim.time().instantAt(sim.now()).plus(a.at()));
        event(a.device(), "step", "CS06 activate " + a.image() + at.map(t -> " at " + t).orElse(" now")
                + " (" + a.position() + ")");
        Optional<String> dcc = inventory.srRefusal(a.device(), false);
        if (dcc.isPresent()) {
            event(a.device(), "refused", "SR 11.3 refused by the DCC's inventory: " + dcc.get());
            return;
        }
        sim.gbcs().receive(sim.supplier().cs06(eui, hash, at)); // R7.5
    }

    private void changeOfTenancy(Step.ChangeOfTenancy c) {
        lastCot = c.at();
        cots.putIfAbsent(c.at(), c.position());
        event("hub", "step", "change of tenancy at " + c.at() + ", control 0x" + Long.toHexString(c.control())
                + " (" + c.position() + ")");
        long zclUtc = c.at().getEpochSecond() - io.hansim.device.sim.SimTime.ZCL_EPOCH.getEpochSecond();
        for (DeviceSpec d : scenario.topology().devices()) {
            if (d instanceof DeviceSpec.Gpf g) {
                sim.gbcs().receive(sim.supplier().gcs09(g.eui64(), zclUtc, issuerEventId++, c.control())); // R56.7
            }
        }
        for (DeviceSpec d : scenario.topology().devices()) {
            if (d instanceof DeviceSpec.Esme e) {
                sim.gbcs().receive(sim.supplier().ecs12(e.eui64(), c.at())); // R56.7
            }
        }
    }

    /** SR 11.2 Read Firmware Version: CS08 through the CH's GBCS side (R7.11). */
    private void readFirmwareVersion(Step.ReadFirmwareVersion r) {
        event(r.device(), "step", "SR 11.2 read firmware version, CS08 (" + r.position() + ")");
        Optional<String> dcc = inventory.srRefusal(r.device(), false);
        if (dcc.isPresent()) {
            event(r.device(), "refused", "SR 11.2 refused by the DCC's inventory: " + dcc.get());
            return;
        }
        long eui = euiById.get(r.device());
        for (WanMessage w : sim.gbcs().receive(sim.supplier().cs08(eui))) {
            Optional<UseCaseRecord> body;
            try {
                body = UseCaseCodec.decode(GbcsCodec.decode(w.bytes().toByteArray()));
            } catch (RuntimeException e) { // the CH's own response: it decodes, but say so if it ever does not
                event(r.device(), "cs08", "a CS08 response that does not decode: " + e.getMessage());
                continue;
            }
            if (body.isPresent() && body.get() instanceof UseCaseRecord.Cs08Response c) {
                long version = version(c.firmwareVersion().toByteArray());
                lastCs08.put(r.device(), new long[] {version, c.result()});
                event(r.device(), "cs08", cs08Text(version, c.result()));
                if (c.result() == 0) {
                    versionRead(eui, version, "CS08"); // R202.7: the inventory follows every read
                }
            }
        }
    }

    private static String cs08Text(long version, int result) {
        return "firmware 0x" + hex32(version) + ", " + (result == 0 ? "0 read success" : result + " read failure");
    }

    private static long version(byte[] b) {
        long v = 0;
        for (byte x : b) {
            v = (v << 8) | (x & 0xFF);
        }
        return v;
    }

    /** A version read from a device: the inventory takes it (R202.7) and reports one with no CPL row. */
    private void versionRead(long eui, long version, String how) {
        Optional<io.hansim.device.inventory.FirmwareChange> c = inventory.versionRead(eui, version);
        if (c.isEmpty()) {
            return;
        }
        String id = idOrHex(eui);
        io.hansim.device.inventory.FirmwareChange ch = c.get();
        event(id, "inventory", "firmware 0x" + ch.previous() + " → 0x" + ch.current() + " after a " + how
                + (ch.onCpl() ? "" : "; no CPL row for 0x" + ch.current() + " in " + ScenarioInventory.text(ch.smets())
                        + " (R202.7)"));
        if (!ch.onCpl()) {
            notes.add(id + ": runs firmware 0x" + ch.current() + ", which has no CPL row for its "
                    + ScenarioInventory.text(ch.smets()) + " system (R202.7; found by a " + how + ")");
        }
    }

    /** The DCC's manual SMI fix after a mismatched join (R202.6). */
    private void inventoryFix(Step.InventoryFix f) {
        event(f.device(), "step", "manual inventory fix (" + f.position() + ")");
        try {
            io.hansim.device.inventory.SmiEntry e = inventory.manualFix(f.device(), f.firmwareVersion(),
                    device(f.device()).runningFirmwareVersion());
            event(f.device(), "inventory", "fixed by hand: " + smiText(e));
        } catch (io.hansim.device.inventory.InventoryException x) {
            event(f.device(), "refused", "manual inventory fix refused: " + x.reason() + " — "
                    + x.reason().description());
        }
    }

    private static String smiText(io.hansim.device.inventory.SmiEntry e) {
        return "firmware 0x" + e.firmware() + ", " + (e.targetable() ? "targetable"
                : "untargetable (" + (e.untargetableBecause() == null ? e.status()
                        : e.untargetableBecause()) + ")");
    }

    /**
     * R7.3: each local upgrade a legacy-local-upgrade PPMID accepted is a policy breach, and its
     * version one the CH never reported unless a later read (CS08, a read-back) did.
     */
    private void localUpgradeBreaches() {
        for (DeviceSpec d : scenario.topology().devices()) {
            if (!(device(d.id()) instanceof Ppmid p)) {
                continue;
            }
            for (long v : p.localUpgradeVersions()) {
                java.util.OptionalLong reported = reportedAt(d.eui64(), v);
                notes.add(d.id() + ": R7.3 policy breach: a local upgrade installed firmware 0x" + hex32(v)
                        + " bypassing the CH; " + (reported.isEmpty() ? "the CH never reported this version"
                                : "the CH did not distribute it, and first reported it at " + seconds(reported.getAsLong())
                                        + " (a read of the running version)"));
            }
        }
    }

    /** When the CH first reported {@code version} for the device on the WAN (CCS08, 0x012B, CS08), if ever. */
    private java.util.OptionalLong reportedAt(long eui, long version) {
        for (WanMessage w : sim.gbcs().wanMessages()) {
            if (w.direction() != WanMessage.Direction.FROM_HUB) {
                continue;
            }
            Optional<UseCaseRecord> body;
            try {
                body = UseCaseCodec.decode(GbcsCodec.decode(w.bytes().toByteArray()));
            } catch (RuntimeException e) {
                continue;
            }
            if (body.isEmpty()) {
                continue;
            }
            UseCaseRecord r = body.get();
            boolean says = r instanceof UseCaseRecord.Ccs08Alert c && c.targetEntityId() == eui && c.responseCode() == 0
                    && version(c.firmwareVersion().toByteArray()) == version
                    || r instanceof UseCaseRecord.PpmidFirmwareAlert f && w.originator() == eui
                    && version(f.firmwareVersion().toByteArray()) == version
                    || r instanceof UseCaseRecord.Cs08Response c8 && w.originator() == eui && c8.result() == 0
                    && version(c8.firmwareVersion().toByteArray()) == version;
            if (says) {
                return java.util.OptionalLong.of(w.time());
            }
        }
        return java.util.OptionalLong.empty();
    }

    // ---- time ----

    /** Lets {@code duration} pass in slices; the same events run as in one {@code advance}. */
    private void advance(long duration) {
        long deadline = Math.addExact(sim.now(), duration);
        while (sim.now() < deadline) {
            long step = Math.min(options.sliceMicros(), deadline - sim.now());
            if (sim.advance(step) == RunOutcome.STALLED_LIVELOCK) {
                notes.add("livelock at " + sim.now() + " µs: the scheduler stopped");
                return;
            }
            progress();
        }
    }

    /** Runs until {@code condition} or {@code timeout}, in slices. */
    private RunOutcome runUntil(BooleanSupplier condition, long timeout) {
        long deadline = Math.addExact(sim.now(), timeout);
        while (true) {
            long sliceEnd = deadline - sim.now() > options.sliceMicros() ? sim.now() + options.sliceMicros()
                    : deadline;
            RunOutcome o = sim.scheduler().runUntil(condition, sliceEnd);
            progress();
            if (o != RunOutcome.DEADLINE_REACHED || sliceEnd == deadline) {
                return o;
            }
        }
    }

    // ---- observation ----

    /**
     * Reports download progress. It does not look for timeline events: those are observed at frames
     * and step boundaries only, which do not depend on the slice length, so the report does not either.
     */
    private void progress() {
        for (Map.Entry<String, Long> e : distributedSize.entrySet()) {
            String id = e.getKey();
            long offset = otaClient(id).map(OtaClient::fileOffset).orElse(0L);
            Long last = lastOffset.get(id);
            if (last != null && last == offset) {
                continue; // nothing moved: no write per device per slice (10 000 devices × 6 h, issue 14)
            }
            lastOffset.put(id, offset);
            // Only forward motion is progress: the offset drops to 0 when a download ends or restarts.
            if (offset > 0 && (last == null || offset > last)) {
                int block = blockSize(id);
                options.listener().progress(id, offset, e.getValue(), block == 0 ? 0 : offset / block, sim.now());
            }
        }
    }

    /**
     * After a step: the devices it named ({@link Step#devices()}), whose state it may have changed by a
     * direct call (a local upgrade, a power cut). What devices do on their own is observed as it
     * happens (activity listeners), so a step need not make the runner look at every device: with one
     * distribute step per device that was quadratic in devices (issue 14). A Change of Tenancy names
     * none: it changes no firmware or OTA status.
     */
    private void observeAfter(Step step) {
        for (String id : step.devices()) {
            DeviceSpec d = specById.get(id);
            if (d != null) {
                observe(d, deviceById.get(id));
            }
        }
    }

    /** Turns changes of status and running firmware into timeline events. */
    private void observe() {
        for (DeviceSpec d : scenario.topology().devices()) {
            observe(d, sim.device(d.eui64()));
        }
    }

    private void observe(DeviceSpec d, HanDevice dev) {
        {
            String id = d.id();
            long fw = dev.runningFirmwareVersion();
            Long before = lastFirmware.put(id, fw);
            if (before != null && before != fw) {
                event(id, "activate", "firmware 0x" + hex32(before) + " → 0x" + hex32(fw));
            }
            if (dev instanceof Ppmid p) {
                localUpgrades(id, p);
            }
            if (d.hasOtaClient()) {
                String st = statusText(id);
                String old = lastStatus.put(id, st);
                if (old != null && !old.equals(st)) {
                    event(id, "status", old + " → " + st);
                }
            }
        }
    }

    private void drainRejections() {
        List<GbcsRejection> all = sim.gbcs().rejections();
        for (; rejectionsSeen < all.size(); rejectionsSeen++) {
            GbcsRejection r = all.get(rejectionsSeen);
            String who = r.originator() == 0 ? "hub" : idOrHex(r.originator());
            timeline.add(new TimelineEvent(r.time(), "hub", "gbcs-rejected",
                    r.reason() + " message 0x" + Integer.toHexString(r.messageCode()) + " from " + who + ": "
                            + r.detail()));
            options.listener().event(timeline.get(timeline.size() - 1));
        }
    }

    private void onServerAction(ServerAction a) {
        if (a instanceof ServerAction.TransferOutcome o) {
            io.hansim.device.hub.Ccs08Outcome t = io.hansim.device.hub.Ccs08Outcome.of(o); // the CH's CCS08
            String id = idOrHex(t.client());
            Long size = distributedSize.get(id);
            if (t.code().code() == 0 && size != null) {
                // The client's FileOffset resets when the image is complete: the bar ends at 100 %.
                lastOffset.put(id, size);
                int block = blockSize(id);
                options.listener().progress(id, size, size, block == 0 ? 0 : (size + block - 1) / block, sim.now());
            }
            event(idOrHex(t.client()), "ccs08", "transfer outcome " + t.code() + " (CCS08 code " + t.code().code()
                    + ")" + (t.reason() == null || t.reason().isEmpty() ? "" : ": " + t.reason()));
        } else if (a instanceof ServerAction.ReadBackResult r) {
            event(idOrHex(r.client()), "read-back", r.status() + (r.versionRead().isPresent()
                    ? " version 0x" + hex32(r.versionRead().getAsLong()) : ""));
            if (r.versionRead().isPresent()) {
                versionRead(r.client(), r.versionRead().getAsLong(), "read-back"); // R202.7
            }
        }
    }

    private void onWan(WanMessage w) {
        if (w.cra() == CraFlag.ALERT) {
            OptionalInt code = alertCode(w);
            event(idOrHex(w.originator()), "alert", "GBCS alert 0x" + Integer.toHexString(w.messageCode())
                    + (code.isPresent() ? " code 0x" + Integer.toHexString(code.getAsInt()).toUpperCase(Locale.ROOT)
                            : ""));
        }
    }

    /** The alert code inside a CH alert (gbcs.md §8.3), empty when the body does not decode. */
    static OptionalInt alertCode(WanMessage w) {
        try {
            Optional<UseCaseRecord> body = UseCaseCodec.decode(GbcsCodec.decode(w.bytes().toByteArray()));
            return body.map(ScenarioRunner::alertCodeOf).orElse(OptionalInt.empty());
        } catch (RuntimeException e) { // a body this runner cannot read is shown without a code
            return OptionalInt.empty();
        }
    }

    private static OptionalInt alertCodeOf(UseCaseRecord r) {
        if (r instanceof UseCaseRecord.Ccs08Alert a) {
            return OptionalInt.of(a.alertCode());
        } else if (r instanceof UseCaseRecord.PpmidFirmwareAlert a) {
            return OptionalInt.of(a.alertCode());
        } else if (r instanceof UseCaseRecord.FutureDatedActivationAlert a) {
            return OptionalInt.of(a.alertCode());
        } else if (r instanceof UseCaseRecord.DlmsFirmwareReceiptAlert a) {
            return OptionalInt.of(a.alertCode());
        } else if (r instanceof UseCaseRecord.GbzFirmwareReceiptAlert a) {
            return OptionalInt.of(a.alertCode());
        }
        return OptionalInt.empty();
    }

    /** The entity a CH alert is about: the CCS08's target device, else the originator. */
    private static long alertSubject(WanMessage w) {
        try {
            Optional<UseCaseRecord> body = UseCaseCodec.decode(GbcsCodec.decode(w.bytes().toByteArray()));
            if (body.isPresent() && body.get() instanceof UseCaseRecord.Ccs08Alert c) {
                return c.targetEntityId();
            }
        } catch (RuntimeException e) {
            // fall back to the originator
        }
        return w.originator();
    }

    private void event(String deviceId, String kind, String text) {
        TimelineEvent e = new TimelineEvent(sim.now(), deviceId, kind, text);
        timeline.add(e);
        options.listener().event(e);
    }

    // ---- expectations ----

    private ExpectationResult evaluate(Expectation x, io.hansim.cli.scenario.Position at) {
        String loc = at.toString();
        long now = sim.now();
        if (x instanceof Expectation.FirmwareVersion f) {
            long v = device(f.device()).runningFirmwareVersion();
            return new ExpectationResult(f.device() + " firmwareVersion", loc, v == f.version(),
                    "0x" + hex32(f.version()), "0x" + hex32(v), now);
        }
        if (x instanceof Expectation.UpgradeStatus u) {
            Optional<ImageUpgradeStatus> s = status(u.device());
            return new ExpectationResult(u.device() + " imageUpgradeStatus", loc,
                    s.isPresent() && s.get() == u.status(), u.status().name(), statusText(u.device()), now);
        }
        if (x instanceof Expectation.Attribute a) {
            Optional<String> v = attribute(a.device(), a.cluster(), a.attribute());
            String name = String.format("%s attribute 0x%04X/0x%04X", a.device(), a.cluster(), a.attribute());
            return new ExpectationResult(name, loc, v.isPresent() && v.get().equalsIgnoreCase(a.equalsHex()),
                    a.equalsHex().toUpperCase(Locale.ROOT), v.orElse("unsupported attribute"), now);
        }
        if (x instanceof Expectation.StoredData s) {
            return storedData(s, loc, now);
        }
        if (x instanceof Expectation.Refused f) {
            String last = refusedDistribution.get(f.device());
            boolean ok = last != null && (f.reason().equals("any") || last.equals(f.reason())
                    || last.startsWith(f.reason() + ":"));
            return new ExpectationResult(f.device() + " distribution refused", loc, ok, f.reason(),
                    last == null ? "not refused" : last, now);
        }
        if (x instanceof Expectation.HubCcs08 c) {
            Optional<io.hansim.device.hub.Ccs08Outcome> o = sim.hub().transferOutcome(euiById.get(c.device()));
            return new ExpectationResult("hub ccs08 for " + c.device(), loc,
                    o.isPresent() && o.get().code().code() == c.code(), Integer.toString(c.code()),
                    o.map(t -> t.code().code() + " (" + t.code() + ")").orElse("no CCS08 sent"
                            + (refusedDistribution.containsKey(c.device())
                                    ? " (distribution refused: " + refusedDistribution.get(c.device()) + ")" : "")),
                    now);
        }
        if (x instanceof Expectation.Cs08 c) {
            long[] last = lastCs08.get(c.device());
            String expected = (c.firmwareVersion().isPresent() ? "firmware 0x" + hex32(c.firmwareVersion().getAsLong())
                    : "") + (c.firmwareVersion().isPresent() && c.result().isPresent() ? ", " : "")
                    + (c.result().isPresent() ? "result " + c.result().getAsInt() : "");
            boolean ok = last != null && (c.firmwareVersion().isEmpty() || c.firmwareVersion().getAsLong() == last[0])
                    && (c.result().isEmpty() || c.result().getAsInt() == last[1]);
            return new ExpectationResult(c.device() + " cs08", loc, ok, expected, last == null
                    ? "no CS08 response for " + c.device() : cs08Text(last[0], (int) last[1]), now);
        }
        if (x instanceof Expectation.Inventory i) {
            Optional<io.hansim.device.inventory.SmiEntry> e = inventory.entry(i.device());
            String expected = (i.firmwareVersion().isPresent() ? "firmware 0x" + hex32(i.firmwareVersion().getAsLong())
                    : "") + (i.firmwareVersion().isPresent() && i.targetable().isPresent() ? ", " : "")
                    + (i.targetable().isPresent() ? (i.targetable().get() ? "targetable" : "untargetable") : "");
            boolean ok = e.isPresent() && (i.firmwareVersion().isEmpty()
                    || i.firmwareVersion().getAsLong() == e.get().firmware().fileVersion())
                    && (i.targetable().isEmpty() || i.targetable().get() == e.get().targetable());
            return new ExpectationResult(i.device() + " inventory", loc, ok, expected, e.map(ScenarioRunner::smiText)
                    .orElse("not in the inventory (its pre-notification was refused)"), now);
        }
        if (x instanceof Expectation.Alert a) {
            List<String> seen = new ArrayList<>();
            boolean found = false;
            for (WanMessage w : sim.gbcs().wanMessages()) {
                if (w.direction() != WanMessage.Direction.FROM_HUB || w.cra() != CraFlag.ALERT) {
                    continue;
                }
                OptionalInt code = alertCode(w);
                long subject = alertSubject(w);
                String by = idOrHex(subject);
                seen.add((code.isPresent() ? "0x" + Integer.toHexString(code.getAsInt()).toUpperCase(Locale.ROOT)
                        : "?") + " by " + by);
                boolean deviceMatches = a.device().isEmpty() || a.device().get().equals(by)
                        || a.device().get().equals(idOrHex(w.originator()));
                found |= code.isPresent() && code.getAsInt() == a.code() && deviceMatches;
            }
            String expected = "0x" + Integer.toHexString(a.code()).toUpperCase(Locale.ROOT)
                    + a.device().map(d -> " by " + d).orElse("");
            return new ExpectationResult("alert " + expected, loc, found, expected,
                    seen.isEmpty() ? "no alerts" : String.join(", ", seen), now);
        }
        throw new IllegalStateException("unknown expectation " + x);
    }

    private ExpectationResult storedData(Expectation.StoredData s, String loc, long now) {
        Optional<Instant> before = s.before() instanceof Expectation.Cutoff.At t ? Optional.of(t.instant())
                : s.before() instanceof Expectation.Cutoff.LastChangeOfTenancy ? Optional.ofNullable(lastCot)
                : Optional.empty();
        String name = s.device() + " storedData " + s.kind();
        if (s.before() instanceof Expectation.Cutoff.LastChangeOfTenancy && lastCot == null) {
            return new ExpectationResult(name, loc, false, Integer.toString(s.count()),
                    "no change of tenancy has happened yet", now);
        }
        OptionalInt n = options.storedData().count(sim, device(s.device()), s.kind(), before);
        return new ExpectationResult(name, loc, n.isPresent() && n.getAsInt() == s.count(),
                Integer.toString(s.count()),
                n.isPresent() ? Integer.toString(n.getAsInt()) : "stored data not available for " + s.device(), now);
    }

    /** The attribute's value as sent on the air (little-endian), in hex, from the device's attribute model. */
    private Optional<String> attribute(String id, int cluster, int attribute) {
        Optional<ZclValue> v = Optional.empty();
        if (cluster == OtaClientAttribute.CLUSTER_ID) {
            v = OtaClientAttribute.fromId(attribute).flatMap(a -> otaClient(id).flatMap(c -> c.attribute(a)));
        } else if (cluster == 0x0000) {
            v = device(id).node().role(io.hansim.device.role.BasicServer.class).map(b -> b.attributes().get(attribute));
        }
        return v.map(z -> HexFormat.of().withUpperCase().formatHex(ZclValues.encode(z)));
    }

    // ---- helpers ----

    private HanDevice device(String id) {
        HanDevice d = deviceById.get(id);
        return d != null ? d : sim.device(euiById.get(id)); // the hub is not among the topology's devices
    }

    private Optional<OtaClient> otaClient(String id) {
        HanDevice d = device(id);
        if (d instanceof Ppmid p) {
            return p.otaClient();
        }
        if (d instanceof Hcalcs h) {
            return h.otaClient();
        }
        return Optional.empty();
    }

    private Optional<ImageUpgradeStatus> status(String id) {
        return otaClient(id).map(OtaClient::imageUpgradeStatus);
    }

    private String statusText(String id) {
        HanDevice d = device(id);
        if (!d.isPowered()) {
            return "powered off";
        }
        return status(id).map(Enum::name).orElse("no OTA client");
    }

    private int blockSize(String id) {
        DeviceSpec d = specById.get(id);
        int client = d instanceof DeviceSpec.Ppmid p ? p.profile().blockSize()
                : d instanceof DeviceSpec.Hcalcs h ? h.profile().blockSize() : 64;
        return Math.min(client, scenario.topology().hub().blockSize());
    }

    private String idOrHex(long eui) {
        return MessageEvents.idOf(eui, idByEui);
    }

    /** A duration as the scenario format writes it: the largest unit that divides it (30s, 2h, 1500ms). */
    static String text(java.time.Duration d) {
        long ms = d.toMillis();
        long[] units = {86_400_000L, 3_600_000L, 60_000L, 1_000L};
        String[] names = {"d", "h", "m", "s"};
        for (int i = 0; i < units.length; i++) {
            if (ms != 0 && ms % units[i] == 0) {
                return ms / units[i] + names[i];
            }
        }
        return ms + "ms";
    }

    /** Virtual time as the reports write it, e.g. {@code 12.000500 s}. */
    static String seconds(long micros) {
        return String.format(Locale.ROOT, "%d.%06d s", micros / 1_000_000, micros % 1_000_000);
    }

    private static String hex(long eui) {
        return String.format("%016X", eui);
    }

    private static String hex32(long v) {
        return String.format("%08X", v);
    }

    /** GBCS WAN messages as report events, between "dcc" and the hub. */
    private List<MessageEvent> wanEvents() {
        List<MessageEvent> out = new ArrayList<>();
        for (WanMessage w : sim.gbcs().wanMessages()) {
            boolean in = w.direction() == WanMessage.Direction.TO_HUB;
            String label = String.format("%s 0x%04X", w.cra(), w.messageCode());
            if (w.cra() == CraFlag.ALERT) {
                OptionalInt code = alertCode(w);
                if (code.isPresent()) {
                    label += String.format(" alert 0x%04X", code.getAsInt());
                }
            }
            out.add(new MessageEvent(w.time(), in ? "dcc" : "hub", in ? "hub" : "dcc", MessageEvent.GBCS, label,
                    w.bytes().length(), MessageEvent.DELIVERED));
        }
        return out;
    }

    /** Two time-ordered lists merged; HAN frames first at equal times. */
    private static List<MessageEvent> merge(List<MessageEvent> han, List<MessageEvent> wan) {
        List<MessageEvent> out = new ArrayList<>(han.size() + wan.size());
        int i = 0;
        int j = 0;
        while (i < han.size() || j < wan.size()) {
            if (j >= wan.size() || i < han.size() && han.get(i).atMicros() <= wan.get(j).atMicros()) {
                out.add(han.get(i++));
            } else {
                out.add(wan.get(j++));
            }
        }
        return out;
    }

    /** The version Maven wrote into the CLI's {@code version.properties}, read by path (no package cycle). */
    static String hansimVersion() {
        java.util.Properties p = new java.util.Properties();
        try (java.io.InputStream in = ScenarioRunner.class.getResourceAsStream("/io/hansim/cli/version.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            return "unknown";
        }
        return p.getProperty("version", "unknown");
    }
}
