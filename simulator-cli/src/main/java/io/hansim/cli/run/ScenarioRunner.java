package io.hansim.cli.run;

import io.hansim.cli.report.ExpectationResult;
import io.hansim.cli.report.RunReport;
import io.hansim.cli.scenario.DeviceSpec;
import io.hansim.cli.scenario.Expectation;
import io.hansim.cli.scenario.Position;
import io.hansim.cli.scenario.Scenario;
import io.hansim.cli.scenario.Step;
import io.hansim.cli.scenario.StepKinds;
import io.hansim.cli.scenario.StepRun;
import io.hansim.cli.scenario.Values;
import io.hansim.device.node.HanDevice;
import io.hansim.device.Simulation;
import io.hansim.device.ihd.Ihd;
import io.hansim.device.inventory.SmiEntry;
import io.hansim.device.ppmid.Ppmid;
import io.hansim.device.sim.RunOutcome;
import io.hansim.device.han.TraceSink;
import io.hansim.zigbee.ota.client.ImageUpgradeStatus;
import io.hansim.zigbee.ota.server.ImageKey;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.BooleanSupplier;

/**
 * Runs one validated {@link Scenario} on a {@link Simulation} and returns its {@link RunReport}
 * (issue 7, DESIGN.md §2). The runner is a loop over the steps, each run by its kind
 * ({@link StepKinds}, issue 15); its parts are apart: {@link TopologyMapper} builds the simulation,
 * {@link DeviceObserver} turns device activity into timeline events, {@link ExpectationEvaluator}
 * checks {@code expect} steps, {@link RunFindings} adds what the report says after the steps
 * (R56.5 privacy, R56.4/R56.6 CoT outcomes, R7.3 breaches), {@link ReportAssembler} writes the
 * report. Every expectation names the step's {@code file:line:column}.
 *
 * <p>Virtual time is driven in slices ({@link Options#sliceMicros}) so that progress can be shown
 * between them; a slice boundary only stops and resumes the scheduler, so the trace is the same for
 * any slice length (a test compares fingerprints).
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

    /**
     * The most messages a report lists (HAN deliveries and WAN messages, the first ones by time). A
     * run's report and the memory that feeds it stay bounded however long the run is: an idle PPMID
     * alone queries every hour, so a 100-year wait is 1.75 million deliveries (issue 14). The trace
     * sinks ({@code --trace}, {@code --pcap}) still get every frame.
     */
    public static final int MAX_REPORTED_MESSAGES = 100_000;

    /** storedData expectations read the occupier data an IHD or a PPMID holds (R56.3–R56.5). */
    static final StoredDataProbe OCCUPIER_STORES = OccupierStoreProbe.of(d -> d instanceof Ppmid p
            ? Optional.of(p.occupierData()) : d instanceof Ihd i ? Optional.of(i.occupierData()) : Optional.empty());

    private final RunState s;
    private final DeviceObserver observer;
    private final ExpectationEvaluator expectations;
    private final StepRun steps = new Steps();

    public ScenarioRunner(Scenario scenario, Options options) {
        this.s = new RunState(Objects.requireNonNull(scenario, "scenario"), Objects.requireNonNull(options, "options"));
        this.observer = new DeviceObserver(s);
        this.expectations = new ExpectationEvaluator(s);
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
        if (s.sim != null) {
            throw new IllegalStateException("a ScenarioRunner runs once");
        }
        Scenario scenario = s.scenario;
        s.built = ScenarioImages.build(scenario);
        s.images = s.built.files();
        s.notes.addAll(s.built.notes());
        long seed = s.options.seed().orElse(scenario.seed());
        ReportAssembler report = new ReportAssembler(s);
        s.inventory = ScenarioInventory.of(scenario, s.images, scenario.topology().hub().smets());
        s.notes.addAll(s.inventory.setUpNotes());
        s.sim = new TopologyMapper(s).build(seed, report, observer);
        // issue 17: the run ends its external devices (BYE, then kill) however it ends
        try (Simulation closing = s.sim) {
            return runSteps(seed, report);
        }
    }

    private RunReport runSteps(long seed, ReportAssembler report) {
        Scenario scenario = s.scenario;
        for (DeviceSpec d : scenario.topology().devices()) {
            s.deviceById.put(d.id(), s.sim.device(d.eui64()));
        }
        observer.observeAll(); // every device's state after boot: the baseline its first change is told against
        for (Step step : scenario.steps()) {
            StepKinds.run(step, steps);
            observer.after(step);
            observer.drainRejections();
        }
        RunFindings findings = new RunFindings(s);
        findings.privacyChecks();
        observer.observeAll();
        findings.cotOutcomes();
        findings.localUpgradeBreaches();
        findings.portVerdicts();
        return report.report(seed);
    }

    /**
     * The device-core spec that the scenario's device {@code id} is built from in a run (its model's
     * {@code Spec} record, with everything the topology, the hub and the images give it): what
     * {@code hansim model} hosts in another process behind the device port (issue 17).
     *
     * @throws IllegalArgumentException when the topology has no such device
     * @throws IOException when an image file cannot be read
     */
    public static Object deviceSpec(Scenario scenario, String id) throws IOException {
        RunState st = new RunState(Objects.requireNonNull(scenario, "scenario"), Options.defaults());
        st.built = ScenarioImages.build(scenario);
        st.images = st.built.files();
        return new TopologyMapper(st).specOf(id);
    }

    // ---- time ----

    /** Lets {@code duration} pass in slices; the same events run as in one {@code advance}. */
    private void advance(long duration) {
        Simulation sim = s.sim;
        long deadline = Math.addExact(sim.now(), duration);
        while (sim.now() < deadline) {
            long step = Math.min(s.options.sliceMicros(), deadline - sim.now());
            if (sim.advance(step) == RunOutcome.STALLED_LIVELOCK) {
                s.notes.add("livelock at " + sim.now() + " µs: the scheduler stopped");
                return;
            }
            observer.progress();
        }
    }

    /** Runs until {@code condition} or {@code timeout}, in slices. */
    private RunOutcome runUntil(BooleanSupplier condition, long timeout) {
        Simulation sim = s.sim;
        long deadline = Math.addExact(sim.now(), timeout);
        while (true) {
            long sliceEnd = deadline - sim.now() > s.options.sliceMicros() ? sim.now() + s.options.sliceMicros()
                    : deadline;
            RunOutcome o = sim.scheduler().runUntil(condition, sliceEnd);
            observer.progress();
            if (o != RunOutcome.DEADLINE_REACHED || sliceEnd == deadline) {
                return o;
            }
        }
    }

    /** What the step kinds run with: the run's state, time and report, and nothing of the runner's own. */
    private final class Steps implements StepRun {
        @Override
        public Simulation sim() {
            return s.sim;
        }

        @Override
        public Scenario scenario() {
            return s.scenario;
        }

        @Override
        public HanDevice device(String id) {
            return s.device(id);
        }

        @Override
        public long eui(String id) {
            return s.euiById.get(id);
        }

        @Override
        public byte[] image(String id) {
            return s.images.get(id);
        }

        @Override
        public byte[] imageHash(String id) {
            return ScenarioImages.manufacturerImageHash(s.images.get(id));
        }

        @Override
        public void event(String deviceId, String kind, String text) {
            s.event(deviceId, kind, text);
        }

        @Override
        public void note(String text) {
            s.notes.add(text);
        }

        @Override
        public void result(String name, Position at, boolean passed, String expected, String actual) {
            s.results.add(new ExpectationResult(name, at.toString(), passed, expected, actual, s.sim.now()));
        }

        @Override
        public void check(Expectation expectation, Position at) {
            s.results.add(expectations.evaluate(expectation, at));
        }

        @Override
        public void advance(long micros) {
            ScenarioRunner.this.advance(micros);
        }

        @Override
        public RunOutcome runUntil(BooleanSupplier condition, long timeoutMicros) {
            return ScenarioRunner.this.runUntil(condition, timeoutMicros);
        }

        @Override
        public Optional<ImageUpgradeStatus> status(String id) {
            return s.status(id);
        }

        @Override
        public String statusText(String id) {
            return s.statusText(id);
        }

        @Override
        public java.util.Map<String, String> portStatus(String id) {
            return ExternalView.of(s.device(id)).map(ExternalView::status).orElse(java.util.Map.of());
        }

        @Override
        public void flagLocalUpgrades(String id) {
            observer.localUpgrades(id, (Ppmid) s.device(id));
        }

        @Override
        public Optional<String> dccRefusal(String id, boolean firmwareUpdate) {
            return s.inventory.srRefusal(id, firmwareUpdate);
        }

        @Override
        public void refused(String id, String reason) {
            s.refusedDistribution.put(id, reason);
        }

        @Override
        public void staged(String id, ImageKey key, long size) {
            s.refusedDistribution.remove(id); // the last distribution is what a check asks about
            s.distributedKey.put(id, key);
            s.distributedSize.put(id, size);
            observer.restartProgress(id); // a new download starts its bar again
            s.event(id, "notify", "image 0x" + RunState.hex32(key.fileVersion()) + " staged on the CH, Image Notify sent");
        }

        @Override
        public Optional<ImageKey> lastStaged(String id) {
            return Optional.ofNullable(s.distributedKey.get(id));
        }

        @Override
        public void changeOfTenancy(Instant at, Position from) {
            s.lastCot = at;
            s.cots.putIfAbsent(at, from);
        }

        @Override
        public long nextIssuerEventId() {
            return s.issuerEventId++;
        }

        @Override
        public void cs08(String id, long version, int result) {
            s.lastCs08.put(id, new long[] {version, result});
        }

        @Override
        public void versionRead(long eui, long version, String how) {
            s.versionRead(eui, version, how);
        }

        @Override
        public SmiEntry inventoryFix(String id, OptionalLong firmwareVersion) {
            return s.inventory.manualFix(id, firmwareVersion, s.device(id).runningFirmwareVersion());
        }
    }

    // ---- text ----

    /** A duration as the scenario format writes it: the largest unit that divides it (30s, 2h, 1500ms). */
    static String text(java.time.Duration d) {
        return Values.durationText(d);
    }

    /** Virtual time as the reports write it, e.g. {@code 12.000500 s}. */
    static String seconds(long micros) {
        return String.format(Locale.ROOT, "%d.%06d s", micros / 1_000_000, micros % 1_000_000);
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
