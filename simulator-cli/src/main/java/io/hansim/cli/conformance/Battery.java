package io.hansim.cli.conformance;

import static io.hansim.cli.conformance.Bench.DAY;
import static io.hansim.cli.conformance.Bench.GPF;
import static io.hansim.cli.conformance.Bench.HOUR;
import static io.hansim.cli.conformance.Bench.HUB;
import static io.hansim.cli.conformance.Bench.MINUTE;
import static io.hansim.cli.conformance.Bench.SECOND;
import static io.hansim.cli.conformance.DeviceKindUnderTest.HCALCS;
import static io.hansim.cli.conformance.DeviceKindUnderTest.IHD;
import static io.hansim.cli.conformance.DeviceKindUnderTest.PPMID;

import io.hansim.cli.conformance.ConformanceCase.Part;
import io.hansim.device.han.TraceRecord;
import io.hansim.device.hub.DistributionRefusedException;
import io.hansim.device.privacy.PrivacyCheck;
import io.hansim.zigbee.basic.BasicAttribute;
import io.hansim.zigbee.ota.ImageBlockRequest;
import io.hansim.zigbee.ota.ImageBlockResponse;
import io.hansim.zigbee.ota.ImagePageRequest;
import io.hansim.zigbee.ota.OtaCluster;
import io.hansim.zigbee.ota.QueryNextImageRequest;
import io.hansim.zigbee.ota.UpgradeEndRequest;
import io.hansim.zigbee.ota.server.ImageKey;
import io.hansim.zigbee.ota.server.OtaServerConfig;
import io.hansim.zigbee.ota.server.ReadBackStatus;
import io.hansim.zigbee.ota.server.ServerAction;
import io.hansim.zigbee.zcl.ReadAttributesResponse.StatusRecord;
import io.hansim.zigbee.zcl.ZclStatus;
import io.hansim.zigbee.zcl.ZclValue;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * The conformance battery: every case that applies to a device kind, each judged from a scenario run
 * with the device under test in the device's place (decision 0029). A case run is a fresh
 * {@link Bench}; several cases judge the same run (the download run answers five of them).
 *
 * <p>Cases are judged from the HAN trace — the frames the device sent and those the CH sent it — plus,
 * where a rule is about what a device keeps, a Read Attributes from a probe node, the CH's own
 * read-back (R7.10), the status the device exports, and for R56.5 a scan of the device's storage
 * regions for canary values the battery planted as the previous occupier's data.
 */
public final class Battery {
    private static final Set<DeviceKindUnderTest> OTA_KINDS = EnumSet.of(PPMID, HCALCS);
    private static final Set<DeviceKindUnderTest> COT_KINDS = EnumSet.of(PPMID, IHD);
    private static final int MAX_FRAMES = 12;

    public static final ConformanceCase QUERY = new ConformanceCase("ota.query", "R7.4; zigbee-ota.md §2, §5.5",
            "a unicast Image Notify is answered with a Query Next Image Request", Part.OTA, OTA_KINDS);
    public static final ConformanceCase BLOCK_SIZE = new ConformanceCase("ota.block-size",
            "R7.1; zigbee-ota.md §2, §6", "block and page requests stay within the CH's block size and the bytes"
                    + " received", Part.OTA, OTA_KINDS);
    public static final ConformanceCase PAGE_REQUEST = new ConformanceCase("ota.page-request",
            "zigbee-ota.md §2, §5.7", "Image Page Requests, if used, are well formed", Part.OTA, OTA_KINDS);
    public static final ConformanceCase UPGRADE_END = new ConformanceCase("ota.upgrade-end",
            "R7.4; zigbee-ota.md §2, §5.2", "Upgrade End Request SUCCESS for the offered image after its last byte",
            Part.OTA, OTA_KINDS);
    public static final ConformanceCase ACTIVATION = new ConformanceCase("ota.activation",
            "R7.4, R7.5, R7.10; zigbee-ota.md §5.2", "a PPMID runs the image on download; an HCALCS holds it for"
                    + " CS06", Part.OTA, OTA_KINDS);
    public static final ConformanceCase ATTRIBUTES = new ConformanceCase("ota.attributes",
            "R7.10, R7.3; zigbee-ota.md §4", "the OTA client attributes the CH reads tell the truth during and"
                    + " after a download", Part.OTA, OTA_KINDS);
    public static final ConformanceCase WAIT_FOR_DATA = new ConformanceCase("ota.wait-for-data",
            "R7.7; zigbee-ota.md §5.3", "after WAIT_FOR_DATA the next request waits RequestTime − CurrentTime",
            Part.OTA, OTA_KINDS);
    public static final ConformanceCase MIN_BLOCK_PERIOD = new ConformanceCase("ota.min-block-period",
            "zigbee-ota.md §5.3, §5.4", "block requests are paced by the MinimumBlockPeriod the CH advertised",
            Part.OTA, OTA_KINDS);
    public static final ConformanceCase VERIFY = new ConformanceCase("ota.verify-before-activate",
            "R7.14; zigbee-ota.md §7.3, §8, G.6", "an image whose signature fails is refused (INVALID_IMAGE) and"
                    + " never runs", Part.OTA, OTA_KINDS);
    public static final ConformanceCase HARDWARE = new ConformanceCase("ota.hardware-version",
            "R7.6; zigbee-ota.md §2, §9 #16", "the query carries HardwareVersion and an image for other hardware"
                    + " is not downloaded", Part.OTA, OTA_KINDS);
    public static final ConformanceCase RESUME = new ConformanceCase("ota.resume-after-power-cut",
            "R7.8; zigbee-ota.md §9 #6", "after a power cut mid-download the device resumes from what it kept",
            Part.OTA, OTA_KINDS);
    public static final ConformanceCase IHD_NO_OTA = new ConformanceCase("ota.ihd-excluded", "R7.2",
            "an IHD runs no OTA client", Part.OTA, EnumSet.of(IHD));
    public static final ConformanceCase IDENTITY = new ConformanceCase("g9.identity", "G.9",
            "Basic ManufacturerName and ModelIdentifier derive from the OTA identity", Part.OTA,
            EnumSet.allOf(DeviceKindUnderTest.class));
    public static final ConformanceCase SMETS = new ConformanceCase("r202.smets", "R202.3",
            "a PPMID runs in its CH's SMETS version", Part.OTA, EnumSet.of(PPMID));
    public static final ConformanceCase COT_QUERY = new ConformanceCase("cot.query-meters", "R56.2",
            "the device asks both the ESME and the GPF for Change of Tenancy information", Part.COT, COT_KINDS);
    public static final ConformanceCase COT_CLEAR = new ConformanceCase("cot.clear-han", "R56.3, R56.5",
            "after a CoT nothing of the previous occupier is readable over the HAN", Part.COT, COT_KINDS);
    public static final ConformanceCase COT_STORAGE = new ConformanceCase("cot.storage", "R56.5",
            "after a CoT the device's storage holds none of the previous occupier's canaries", Part.COT, COT_KINDS);

    /** Every case, in report order. */
    public static final List<ConformanceCase> CASES = List.of(QUERY, BLOCK_SIZE, PAGE_REQUEST, UPGRADE_END,
            ACTIVATION, ATTRIBUTES, WAIT_FOR_DATA, MIN_BLOCK_PERIOD, VERIFY, HARDWARE, RESUME, IHD_NO_OTA, IDENTITY,
            SMETS, COT_QUERY, COT_CLEAR, COT_STORAGE);

    private final BatteryConfig config;

    public Battery(BatteryConfig config) {
        this.config = Objects.requireNonNull(config, "config");
    }

    /** Where every case run puts the device under test (the same for every run, so a model can be built ahead). */
    public static Placement placement(BatteryConfig config) {
        return new Placement(Bench.DUT_NAME, Bench.DUT, 0x0002, HUB, Bench.ESME, GPF, config.imageKeys().getPublic(),
                config.blockSize());
    }

    /** Runs every case of {@code parts} against {@code device}. */
    public BatteryReport run(DeviceUnderTest device, Set<Part> parts) {
        DeviceKindUnderTest kind = device.kind();
        Map<String, CaseResult> results = new LinkedHashMap<>();
        List<String> notes = new ArrayList<>();
        Set<String> wanted = new LinkedHashSet<>();
        for (ConformanceCase c : CASES) {
            if (!parts.contains(c.part())) {
                continue;
            }
            wanted.add(c.id());
            if (!c.appliesTo(kind)) {
                results.put(c.id(), na(c, "the rule does not concern a device of kind " + kind.id()));
            }
        }
        Run r = new Run(device, results, wanted, notes);
        if (parts.contains(Part.OTA)) {
            if (kind.otaClient()) {
                Optional<Identity> id = r.discovery();
                r.download(id);
                r.paced(id);
                r.badImage(id);
                r.hardware(id);
                r.powerCut(id);
            } else {
                r.ihd();
            }
        }
        if (parts.contains(Part.COT) && kind.cot()) {
            r.cot();
        }
        List<CaseResult> ordered = new ArrayList<>();
        for (ConformanceCase c : CASES) {
            if (wanted.contains(c.id())) {
                ordered.add(Objects.requireNonNull(results.get(c.id()), c.id()));
            }
        }
        List<String> partNames = parts.stream().sorted().map(p -> p.name().toLowerCase(Locale.ROOT)).toList();
        return new BatteryReport(kind, device.description(), String.join(", ", partNames), config.seed(), ordered,
                notes);
    }

    /** The OTA identity the device showed in its Query Next Image Request (§2). */
    record Identity(int manufacturer, int imageType, long version, OptionalInt hardware) {
        int hwMin() {
            return hardware.orElse(0x0000);
        }

        int hwMax() {
            return hardware.orElse(0xFFFF);
        }

        long next() {
            return version >= 0xFFFF_FFFEL ? 1 : version + 1;
        }
    }

    static CaseResult na(ConformanceCase c, String why) {
        return new CaseResult(c.id(), c.requirement(), c.title(), Verdict.NOT_APPLICABLE, "-", why, List.of());
    }

    static CaseResult result(ConformanceCase c, boolean pass, String expected, String seen, List<String> frames) {
        return new CaseResult(c.id(), c.requirement(), c.title(), pass ? Verdict.PASS : Verdict.FAIL, expected, seen,
                frames);
    }

    // =============================================================================================

    /** One battery run's state: the results so far and the bench factory. */
    private final class Run {
        final DeviceUnderTest device;
        final Map<String, CaseResult> results;
        final Set<String> wanted;
        final List<String> notes;

        Run(DeviceUnderTest device, Map<String, CaseResult> results, Set<String> wanted, List<String> notes) {
            this.device = device;
            this.results = results;
            this.wanted = wanted;
            this.notes = notes;
        }

        boolean want(ConformanceCase c) {
            return wanted.contains(c.id()) && !results.containsKey(c.id());
        }

        void put(CaseResult r) {
            results.put(r.id(), r);
        }

        Bench bench(UnaryOperator<OtaServerConfig> ota) {
            return new Bench(device, config, ota);
        }

        /**
         * Runs {@code body} on a fresh bench; if the run breaks (the device failed, an exception), every
         * case of {@code cases} still open fails with the reason.
         */
        void guarded(List<ConformanceCase> cases, UnaryOperator<OtaServerConfig> ota,
                java.util.function.Consumer<Bench> body) {
            if (cases.stream().noneMatch(this::want)) {
                return;
            }
            Bench b = null;
            try {
                b = bench(ota);
                body.accept(b);
            } catch (RuntimeException e) {
                String why = "the run stopped: " + e.getClass().getSimpleName() + ": " + e.getMessage();
                List<String> frames = b == null ? List.of() : b.lines(tail(b.sent(), MAX_FRAMES), MAX_FRAMES);
                for (ConformanceCase c : cases) {
                    if (want(c)) {
                        put(result(c, false, "the case's scenario runs to its end", why, frames));
                    }
                }
            } finally {
                if (b != null) {
                    Optional<String> failure = device.failure(b.dut);
                    if (failure.isPresent()) {
                        String n = "device failure in the run of " + cases.get(0).id() + ": " + failure.get();
                        notes.add(n);
                        for (ConformanceCase c : cases) {
                            CaseResult r = results.get(c.id());
                            if (r != null && r.verdict() == Verdict.PASS) {
                                put(result(c, false, r.expected(), r.seen() + "; " + n, r.frames()));
                            }
                        }
                    }
                    b.close();
                }
            }
        }

        void noIdentity(List<ConformanceCase> cases) {
            for (ConformanceCase c : cases) {
                if (want(c)) {
                    put(result(c, false, "a Query Next Image Request to learn the device's OTA identity (ota.query)",
                            "the device never queried, so this case cannot run", List.of()));
                }
            }
        }

        // ------------------------------------------------------------------ discovery (ota.query, g9, r202)

        Optional<Identity> discovery() {
            Identity[] found = new Identity[1];
            boolean needed = wanted.stream().anyMatch(id -> id.startsWith("ota."));
            if (!needed && !want(IDENTITY) && !want(SMETS)) {
                return Optional.empty();
            }
            guarded(List.of(QUERY, IDENTITY, SMETS), ota -> ota, b -> {
                // An image for nobody (manufacturer 0xFFFE): the unicast Image Notify makes the device
                // query with its own identity (§5.5), and the CH answers NO_IMAGE_AVAILABLE.
                byte[] probe = BatteryImages.image(config, 0xFFFE, 0xFFBF, 0xFFFF_FFF0L, 0, 0xFFFF, false);
                b.sim.hub().distribute(probe, b.eui());
                b.runUntil(() -> firstQuery(b).isPresent(), 10 * MINUTE);
                Optional<Bench.Ota> q = firstQuery(b);
                List<TraceRecord> shown = new ArrayList<>();
                b.ota().stream().limit(4).forEach(o -> shown.add(o.record()));
                if (q.isEmpty()) {
                    put(result(QUERY, false, "a Query Next Image Request within 10 minutes of the unicast Image Notify",
                            "no Query Next Image Request", b.lines(shown, MAX_FRAMES)));
                } else {
                    QueryNextImageRequest qr = (QueryNextImageRequest) q.get().command();
                    found[0] = new Identity(qr.manufacturerCode(), qr.imageType(), qr.currentFileVersion(),
                            qr.hardwareVersion());
                    List<String> wrong = new ArrayList<>();
                    if (qr.manufacturerCode() == 0xFFFF) {
                        wrong.add("ManufacturerCode is the wildcard 0xFFFF");
                    }
                    if (qr.imageType() == 0xFFFF) {
                        wrong.add("ImageType is the wildcard 0xFFFF");
                    }
                    if (qr.currentFileVersion() == 0xFFFF_FFFFL) {
                        wrong.add("CurrentFileVersion is the wildcard 0xFFFFFFFF");
                    }
                    put(result(QUERY, wrong.isEmpty(), "a Query Next Image Request with the device's own identity",
                            wrong.isEmpty() ? "queried " + describe(found[0]) + " after "
                                    + seconds(q.get().time()) : String.join("; ", wrong), b.lines(shown, MAX_FRAMES)));
                }
                identity(b, Optional.ofNullable(found[0]));
                smets(b);
            });
            return Optional.ofNullable(found[0]);
        }

        Optional<Bench.Ota> firstQuery(Bench b) {
            return b.ota().stream().filter(o -> o.fromDevice() && o.command() instanceof QueryNextImageRequest)
                    .findFirst();
        }

        /** G.9: ManufacturerName = 4 hex digits of the manufacturer code; ModelIdentifier = type ‖ hardware. */
        void identity(Bench b, Optional<Identity> id) {
            if (!want(IDENTITY)) {
                return;
            }
            Map<Integer, StatusRecord> basic = b.read(0x0000, BasicAttribute.MANUFACTURER_NAME.id(),
                    BasicAttribute.MODEL_IDENTIFIER.id());
            String name = text(basic.get(BasicAttribute.MANUFACTURER_NAME.id()));
            String model = text(basic.get(BasicAttribute.MODEL_IDENTIFIER.id()));
            List<String> wrong = new ArrayList<>();
            String expected;
            if (id.isPresent()) {
                String wantName = String.format("%04X", id.get().manufacturer());
                String wantModel = id.get().hardware().isPresent()
                        ? String.format("%04X%04X", id.get().imageType(), id.get().hardware().getAsInt())
                        : String.format("%04X", id.get().imageType()) + "????";
                expected = "ManufacturerName " + wantName + ", ModelIdentifier " + wantModel
                        + " (from the Query Next Image Request)";
                if (name == null || !name.equalsIgnoreCase(wantName)) {
                    wrong.add("ManufacturerName " + show(name));
                }
                if (model == null || model.length() != 8 || !model.regionMatches(true, 0, wantModel, 0,
                        id.get().hardware().isPresent() ? 8 : 4)) {
                    wrong.add("ModelIdentifier " + show(model));
                }
            } else {
                expected = "ManufacturerName 4 hex digits, ModelIdentifier 8 hex digits";
                if (name == null || !name.matches("[0-9A-Fa-f]{4}")) {
                    wrong.add("ManufacturerName " + show(name));
                }
                if (model == null || !model.matches("[0-9A-Fa-f]{8}")) {
                    wrong.add("ModelIdentifier " + show(model));
                }
            }
            String seen = wrong.isEmpty() ? "ManufacturerName " + show(name) + ", ModelIdentifier " + show(model)
                    : String.join("; ", wrong);
            put(result(IDENTITY, wrong.isEmpty(), expected, seen, b.lines(tail(b.sent(), 2), 2)));
        }

        void smets(Bench b) {
            if (!want(SMETS)) {
                return;
            }
            Optional<String> s = device.status(b.dut, "smets");
            if (s.isEmpty()) {
                put(na(SMETS, "the device exports no 'smets' status"));
                return;
            }
            put(result(SMETS, "SMETS2+".equals(s.get()), "status smets = SMETS2+ (the CH's version)",
                    "status smets = " + s.get(), List.of()));
        }

        // ------------------------------------------------------------------ download

        void download(Optional<Identity> id) {
            List<ConformanceCase> cases = List.of(BLOCK_SIZE, PAGE_REQUEST, UPGRADE_END, ACTIVATION, ATTRIBUTES);
            if (id.isEmpty()) {
                noIdentity(cases);
                return;
            }
            Identity i = id.get();
            guarded(cases, ota -> ota, b -> {
                byte[] image = BatteryImages.image(config, i.manufacturer(), i.imageType(), i.next(), i.hwMin(),
                        i.hwMax(), false);
                b.sim.hub().distribute(image, b.eui());
                Progress p = new Progress(b);
                b.runUntil(() -> p.requested() >= image.length / 3 || p.ended(), 12 * HOUR);
                Map<Integer, StatusRecord> mid = b.readClient(OtaCluster.CLUSTER_ID, 0x0000, 0x0001, 0x0006);
                long midOffset = p.requested();
                b.runUntil(p::ended, 24 * HOUR);
                long endedAt = b.sim.now();
                // R7.4: activation after the Upgrade End Response, a reboot, then the CH's read-back (R7.10)
                b.runUntil(() -> b.sim.hub().readBack(b.eui()).isPresent()
                        || b.sim.now() >= endedAt + 10 * MINUTE, 11 * MINUTE);
                b.advance(10 * SECOND);
                Map<Integer, StatusRecord> after = b.readClient(OtaCluster.CLUSTER_ID, 0x0002, 0x0006);

                blockSize(b, image.length);
                pages(b);
                upgradeEnd(b, i, image.length);
                activation(b, i, after);
                attributes(b, i, mid, midOffset, after, image.length);
            });
        }

        void blockSize(Bench b, int imageSize) {
            long served = 0;
            List<TraceRecord> bad = new ArrayList<>();
            List<String> why = new ArrayList<>();
            int requests = 0;
            int largest = 0;
            for (Bench.Ota o : b.ota()) {
                if (!o.fromDevice() && o.command() instanceof ImageBlockResponse.Success s) {
                    served = Math.max(served, s.fileOffset() + s.imageData().length());
                } else if (o.fromDevice() && o.command() instanceof ImageBlockRequest r) {
                    requests++;
                    largest = Math.max(largest, r.maximumDataSize());
                    check(r.maximumDataSize(), r.fileOffset(), served, imageSize, o, bad, why);
                } else if (o.fromDevice() && o.command() instanceof ImagePageRequest r) {
                    requests++;
                    largest = Math.max(largest, r.maximumDataSize());
                    check(r.maximumDataSize(), r.fileOffset(), served, imageSize, o, bad, why);
                }
            }
            String expected = "every Image Block/Page Request asks MaximumDataSize ≤ " + config.blockSize()
                    + " (the CH's block size) at a FileOffset within the bytes already served";
            if (requests == 0) {
                put(result(BLOCK_SIZE, false, expected, "no block or page request at all", List.of()));
            } else if (bad.isEmpty()) {
                put(result(BLOCK_SIZE, true, expected, requests + " requests, largest MaximumDataSize " + largest,
                        List.of()));
            } else {
                put(result(BLOCK_SIZE, false, expected, bad.size() + " of " + requests + " requests wrong: "
                        + why.get(0), b.lines(bad, MAX_FRAMES)));
            }
        }

        private void check(int size, long offset, long served, int imageSize, Bench.Ota o, List<TraceRecord> bad,
                List<String> why) {
            String w = null;
            if (size > config.blockSize()) {
                w = "MaximumDataSize " + size + " > " + config.blockSize();
            } else if (size == 0) {
                w = "MaximumDataSize 0";
            } else if (offset > served) {
                w = "FileOffset " + offset + " skips bytes (only " + served + " served)";
            } else if (offset >= imageSize) {
                w = "FileOffset " + offset + " at or past the image size " + imageSize;
            }
            if (w != null) {
                bad.add(o.record());
                why.add(w);
            }
        }

        void pages(Bench b) {
            List<TraceRecord> pages = new ArrayList<>();
            List<String> wrong = new ArrayList<>();
            for (Bench.Ota o : b.ota()) {
                if (o.fromDevice() && o.command() instanceof ImagePageRequest r) {
                    pages.add(o.record());
                    if (r.pageSize() == 0) {
                        wrong.add("PageSize 0");
                    }
                    if (r.pageSize() < r.maximumDataSize()) {
                        wrong.add("PageSize " + r.pageSize() + " below MaximumDataSize " + r.maximumDataSize());
                    }
                }
            }
            if (pages.isEmpty()) {
                put(na(PAGE_REQUEST, "the device sent no Image Page Request (block requests only)"));
                return;
            }
            put(result(PAGE_REQUEST, wrong.isEmpty(), "PageSize ≥ MaximumDataSize > 0",
                    wrong.isEmpty() ? pages.size() + " page requests" : String.join("; ", wrong),
                    b.lines(pages, MAX_FRAMES)));
        }

        void upgradeEnd(Bench b, Identity i, int imageSize) {
            long served = 0;
            List<TraceRecord> ends = new ArrayList<>();
            String wrong = null;
            for (Bench.Ota o : b.ota()) {
                if (!o.fromDevice() && o.command() instanceof ImageBlockResponse.Success s) {
                    served = Math.max(served, s.fileOffset() + s.imageData().length());
                } else if (o.fromDevice() && o.command() instanceof UpgradeEndRequest u) {
                    ends.add(o.record());
                    if (wrong != null) {
                        continue;
                    }
                    if (u.status() != ZclStatus.SUCCESS) {
                        wrong = "Upgrade End Request " + u.status() + " for a good image";
                    } else if (served < imageSize) {
                        wrong = "Upgrade End Request SUCCESS after only " + served + " of " + imageSize + " bytes";
                    } else if (u.manufacturerCode() != i.manufacturer() || u.imageType() != i.imageType()
                            || u.fileVersion() != i.next()) {
                        wrong = String.format("Upgrade End Request for 0x%04X/0x%04X/0x%08X, offered 0x%04X/0x%04X/0x%08X",
                                u.manufacturerCode(), u.imageType(), u.fileVersion(), i.manufacturer(), i.imageType(),
                                i.next());
                    }
                }
            }
            String expected = "Upgrade End Request SUCCESS for the offered image once all " + imageSize
                    + " bytes were served";
            if (ends.isEmpty()) {
                put(result(UPGRADE_END, false, expected, "no Upgrade End Request (" + served + " bytes served)",
                        b.lines(tail(b.fromDevice(), 4), 4)));
            } else {
                put(result(UPGRADE_END, wrong == null, expected, wrong == null ? "Upgrade End Request SUCCESS at "
                        + seconds(ends.get(0).time()) : wrong, b.lines(ends, MAX_FRAMES)));
            }
        }

        void activation(Bench b, Identity i, Map<Integer, StatusRecord> after) {
            Optional<ServerAction.ReadBackResult> rb = b.sim.hub().readBack(b.eui());
            Optional<Long> current = number(after.get(0x0002));
            Optional<String> fw = device.status(b.dut, "firmware.version");
            String version = String.format("%08X", i.next());
            if (device.kind() == PPMID) {
                boolean ok = rb.isPresent() && rb.get().status() == ReadBackStatus.VERSION_MATCHES;
                String seen = "CH read-back " + rb.map(r -> r.status() + r.versionRead().stream()
                        .mapToObj(v -> String.format(" %08X", v)).findFirst().orElse("")).orElse("none");
                if (fw.isPresent() && !fw.get().equalsIgnoreCase(version)) {
                    ok = false;
                    seen += "; status firmware.version " + fw.get();
                }
                put(result(ACTIVATION, ok, "the new image runs with no activation command: the CH reads back"
                        + " CurrentFileVersion " + version + " (R7.4, R7.10)", seen, b.lines(readBackFrames(b), 6)));
            } else {
                boolean ok = current.isPresent() && current.get() == i.version()
                        && (fw.isEmpty() || fw.get().equalsIgnoreCase(String.format("%08X", i.version())));
                put(result(ACTIVATION, ok, String.format("the image is held, not run, until CS06: CurrentFileVersion"
                        + " stays %08X (R7.5)", i.version()), "CurrentFileVersion " + current.map(v -> String.format(
                        "%08X", v)).orElse("not answered") + fw.map(f -> ", status firmware.version " + f).orElse(""),
                        b.lines(readBackFrames(b), 6)));
            }
        }

        List<TraceRecord> readBackFrames(Bench b) {
            List<TraceRecord> out = new ArrayList<>();
            for (TraceRecord r : b.sent()) {
                if (r.frame().clusterId() == OtaCluster.CLUSTER_ID && (r.frame().sourceEui64() == b.eui()
                        || r.frame().destinationEui64() == b.eui())) {
                    out.add(r);
                }
            }
            return tail(out, 6);
        }

        void attributes(Bench b, Identity i, Map<Integer, StatusRecord> mid, long midOffset,
                Map<Integer, StatusRecord> after, int imageSize) {
            List<String> wrong = new ArrayList<>();
            Optional<Long> server = number(mid.get(0x0000));
            Optional<Long> status = number(mid.get(0x0006));
            Optional<Long> offset = number(mid.get(0x0001));
            if (server.isEmpty() || server.get() != HUB) {
                wrong.add("during the download UpgradeServerID " + server.map(v -> String.format("%016X", v))
                        .orElse("not answered") + String.format(" (the CH is %016X)", HUB));
            }
            if (status.isEmpty() || status.get() != 1) {
                wrong.add("during the download ImageUpgradeStatus " + status.map(String::valueOf).orElse("not answered")
                        + " (1 Download in progress)");
            }
            if (offset.isPresent() && (offset.get() > imageSize || offset.get() == 0xFFFF_FFFFL)) {
                wrong.add("during the download FileOffset " + offset.get());
            }
            Optional<Long> afterStatus = number(after.get(0x0006));
            Optional<Long> afterVersion = number(after.get(0x0002));
            if (device.kind() == PPMID) {
                if (afterVersion.isEmpty() || afterVersion.get() != i.next()) {
                    wrong.add("after the upgrade CurrentFileVersion " + afterVersion.map(v -> String.format("%08X", v))
                            .orElse("not answered") + String.format(" (%08X)", i.next()));
                }
                if (afterStatus.isEmpty() || afterStatus.get() != 0) {
                    wrong.add("after the upgrade ImageUpgradeStatus " + afterStatus.map(String::valueOf)
                            .orElse("not answered") + " (0 Normal)");
                }
            } else if (afterStatus.isEmpty() || (afterStatus.get() != 3 && afterStatus.get() != 6)) {
                wrong.add("holding the image ImageUpgradeStatus " + afterStatus.map(String::valueOf)
                        .orElse("not answered") + " (3 or 6: waiting to upgrade)");
            }
            String expected = device.kind() == PPMID
                    ? "mid-download: UpgradeServerID = CH, ImageUpgradeStatus 1; after: CurrentFileVersion new,"
                            + " ImageUpgradeStatus 0"
                    : "mid-download: UpgradeServerID = CH, ImageUpgradeStatus 1; holding the image: 3 or 6";
            String seen = wrong.isEmpty() ? "read at offset " + midOffset + ": " + show(mid) + "; after: " + show(after)
                    : String.join("; ", wrong);
            put(result(ATTRIBUTES, wrong.isEmpty(), expected, seen, List.of()));
        }

        // ------------------------------------------------------------------ paced (WAIT_FOR_DATA)

        void paced(Optional<Identity> id) {
            List<ConformanceCase> cases = List.of(WAIT_FOR_DATA, MIN_BLOCK_PERIOD);
            if (id.isEmpty()) {
                noIdentity(cases);
                return;
            }
            Identity i = id.get();
            int period = config.minimumBlockPeriod();
            guarded(cases, ota -> ota.withWaitForData(OtaServerConfig.WaitForDataForm.WITH_MINIMUM_BLOCK_PERIOD,
                    period, Duration.ofSeconds(10), OtaServerConfig.TimeForm.RELATIVE)
                    .withTimeouts(ota.timeouts().withStallTimeout(Duration.ofHours(2))), b -> {
                byte[] image = BatteryImages.image(config, i.manufacturer(), i.imageType(), i.next(), i.hwMin(),
                        i.hwMax(), false);
                // R7.7: only the first quarter has come from the WAN; requests past it get WAIT_FOR_DATA
                ImageKey key = b.sim.hub().distribute(image, b.eui(), image.length / 4);
                b.advance(2 * MINUTE);
                b.sim.hub().imageDataArrived(key, image.length);
                Progress p = new Progress(b);
                b.runUntil(p::ended, 3 * DAY);
                waitForData(b);
                minimumBlockPeriod(b, period);
            });
        }

        void waitForData(Bench b) {
            List<Bench.Ota> all = b.ota();
            List<TraceRecord> bad = new ArrayList<>();
            String why = null;
            int waits = 0;
            for (int k = 0; k < all.size(); k++) {
                Bench.Ota o = all.get(k);
                if (o.fromDevice() || !(o.command() instanceof ImageBlockResponse.WaitForData w)) {
                    continue;
                }
                waits++;
                long delay = (w.requestTime() - w.currentTime()) * SECOND;
                for (int n = k + 1; n < all.size(); n++) {
                    Bench.Ota next = all.get(n);
                    if (next.fromDevice() && (next.command() instanceof ImageBlockRequest
                            || next.command() instanceof ImagePageRequest)) {
                        if (next.time() < o.time() + delay) {
                            bad.add(o.record());
                            bad.add(next.record());
                            if (why == null) {
                                why = "asked again " + millis(next.time() - o.time()) + " after a WAIT_FOR_DATA of "
                                        + millis(delay);
                            }
                        }
                        break;
                    }
                }
            }
            String expected = "after each WAIT_FOR_DATA the next request comes ≥ RequestTime − CurrentTime later";
            if (waits == 0) {
                put(result(WAIT_FOR_DATA, false, expected, "the CH never had to send WAIT_FOR_DATA: the device asked"
                        + " for no block past the bytes that had arrived", b.lines(tail(b.fromDevice(), 4), 4)));
            } else {
                put(result(WAIT_FOR_DATA, bad.isEmpty(), expected, bad.isEmpty() ? waits
                        + " WAIT_FOR_DATA honoured" : why, b.lines(bad, MAX_FRAMES)));
            }
        }

        void minimumBlockPeriod(Bench b, int period) {
            long min = period * 1_000L; // milliseconds, the smaller unit of §5.4
            boolean adopted = false;
            Bench.Ota previous = null;
            List<TraceRecord> bad = new ArrayList<>();
            String why = null;
            int gaps = 0;
            int tooShort = 0;
            long shortest = Long.MAX_VALUE;
            for (Bench.Ota o : b.ota()) {
                if (!o.fromDevice() && o.command() instanceof ImageBlockResponse.WaitForData w
                        && w.minimumBlockPeriod().orElse(0) > 0) {
                    adopted = true;
                    continue;
                }
                if (!o.fromDevice() || !(o.command() instanceof ImageBlockRequest)) {
                    continue;
                }
                if (adopted && previous != null) {
                    long gap = o.time() - previous.time();
                    gaps++;
                    shortest = Math.min(shortest, gap);
                    if (gap < min) {
                        if (bad.isEmpty() || bad.get(bad.size() - 1) != previous.record()) {
                            bad.add(previous.record());
                        }
                        bad.add(o.record());
                        tooShort++;
                        if (why == null) {
                            why = "two Image Block Requests " + millis(gap) + " apart";
                        }
                    }
                }
                previous = adopted ? o : null;
            }
            String expected = "after a WAIT_FOR_DATA with MinimumBlockPeriod " + period + ", Image Block Requests at"
                    + " least " + period + " ms apart (the smaller unit of §5.4)";
            if (!adopted || gaps == 0) {
                put(result(MIN_BLOCK_PERIOD, false, expected, adopted ? "no two block requests after the"
                        + " MinimumBlockPeriod was advertised" : "the CH never advertised a MinimumBlockPeriod",
                        b.lines(tail(b.fromDevice(), 4), 4)));
            } else {
                put(result(MIN_BLOCK_PERIOD, bad.isEmpty(), expected, bad.isEmpty() ? gaps + " gaps, the shortest "
                        + millis(shortest) : why + " (" + tooShort + " of " + gaps + " gaps too short)",
                        b.lines(bad, MAX_FRAMES)));
            }
        }

        // ------------------------------------------------------------------ bad image

        void badImage(Optional<Identity> id) {
            if (id.isEmpty()) {
                noIdentity(List.of(VERIFY));
                return;
            }
            Identity i = id.get();
            guarded(List.of(VERIFY), ota -> ota, b -> {
                byte[] image = BatteryImages.image(config, i.manufacturer(), i.imageType(), i.next(), i.hwMin(),
                        i.hwMax(), true);
                b.sim.hub().distribute(image, b.eui());
                Progress p = new Progress(b);
                b.runUntil(p::ended, 24 * HOUR);
                b.advance(10 * MINUTE);
                Map<Integer, StatusRecord> after = b.readClient(OtaCluster.CLUSTER_ID, 0x0002);
                List<TraceRecord> ends = new ArrayList<>();
                boolean success = false;
                boolean refused = false;
                for (Bench.Ota o : b.ota()) {
                    if (o.fromDevice() && o.command() instanceof UpgradeEndRequest u) {
                        ends.add(o.record());
                        success |= u.status() == ZclStatus.SUCCESS;
                        refused |= u.status() == ZclStatus.INVALID_IMAGE || u.status() == ZclStatus.ABORT;
                    }
                }
                Optional<Long> current = number(after.get(0x0002));
                Optional<String> fw = device.status(b.dut, "firmware.version");
                boolean runsNew = current.map(v -> v == i.next()).orElse(false)
                        || fw.map(f -> f.equalsIgnoreCase(String.format("%08X", i.next()))).orElse(false);
                List<String> wrong = new ArrayList<>();
                if (success) {
                    wrong.add("Upgrade End Request SUCCESS for an image whose signature does not verify");
                }
                if (!refused) {
                    wrong.add("no Upgrade End Request INVALID_IMAGE (or ABORT)");
                }
                if (runsNew) {
                    wrong.add(String.format("the bad image runs (version %08X)", i.next()));
                }
                put(result(VERIFY, wrong.isEmpty(), "Upgrade End Request INVALID_IMAGE and the old version keeps"
                        + " running", wrong.isEmpty() ? "refused; CurrentFileVersion " + current.map(v -> String.format(
                        "%08X", v)).orElse("not answered") : String.join("; ", wrong),
                        b.lines(ends.isEmpty() ? tail(b.fromDevice(), 4) : ends, MAX_FRAMES)));
            });
        }

        // ------------------------------------------------------------------ hardware version

        void hardware(Optional<Identity> id) {
            if (id.isEmpty()) {
                noIdentity(List.of(HARDWARE));
                return;
            }
            Identity i = id.get();
            if (!want(HARDWARE)) {
                return;
            }
            if (i.hardware().isEmpty()) {
                put(na(HARDWARE, "the Query Next Image Request carries no HardwareVersion; R7.6 leaves it optional"
                        + " for installed devices"));
                return;
            }
            int hw = i.hardware().getAsInt();
            guarded(List.of(HARDWARE), ota -> ota, b -> {
                int lo = hw < 0xFFFF ? hw + 1 : 0;
                int hi = hw < 0xFFFF ? 0xFFFF : hw - 1;
                byte[] image = BatteryImages.image(config, i.manufacturer(), i.imageType(), i.next(), lo, hi, false);
                b.sim.hub().distribute(image, b.eui());
                b.advance(30 * MINUTE);
                List<TraceRecord> blocks = new ArrayList<>();
                List<TraceRecord> shown = new ArrayList<>();
                for (Bench.Ota o : b.ota()) {
                    if (shown.size() < 4) {
                        shown.add(o.record());
                    }
                    if (o.fromDevice() && (o.command() instanceof ImageBlockRequest
                            || o.command() instanceof ImagePageRequest)) {
                        blocks.add(o.record());
                    }
                }
                put(result(HARDWARE, blocks.isEmpty(), String.format("for an image for hardware 0x%04X..0x%04X and a"
                        + " device of 0x%04X: NO_IMAGE_AVAILABLE, no block downloaded", lo, hi, hw),
                        blocks.isEmpty() ? "no block requested" : blocks.size() + " block requests",
                        b.lines(blocks.isEmpty() ? shown : blocks, MAX_FRAMES)));
            });
        }

        // ------------------------------------------------------------------ power cut

        void powerCut(Optional<Identity> id) {
            if (id.isEmpty()) {
                noIdentity(List.of(RESUME));
                return;
            }
            Identity i = id.get();
            guarded(List.of(RESUME), ota -> ota, b -> {
                byte[] image = BatteryImages.image(config, i.manufacturer(), i.imageType(), i.next(), i.hwMin(),
                        i.hwMax(), false);
                b.sim.hub().distribute(image, b.eui());
                Progress p = new Progress(b);
                b.runUntil(() -> p.requested() >= image.length * 2L / 5 || p.ended(), 12 * HOUR);
                long served = p.served();
                b.dut.powerOff();
                long cutAt = b.sim.now();
                int framesAtCut = b.trace.size();
                b.advance(90 * SECOND); // shorter than the CH's stall timeout: the transfer can go on
                b.dut.powerOn();
                b.runUntil(() -> p.endedAfter(framesAtCut), 24 * HOUR);
                Optional<Bench.Ota> first = Optional.empty();
                boolean successEnd = false;
                for (Bench.Ota o : b.ota()) {
                    if (o.time() <= cutAt || !o.fromDevice()) {
                        continue;
                    }
                    if (first.isEmpty() && (o.command() instanceof ImageBlockRequest
                            || o.command() instanceof ImagePageRequest)) {
                        first = Optional.of(o);
                    }
                    if (o.command() instanceof UpgradeEndRequest u && u.status() == ZclStatus.SUCCESS) {
                        successEnd = true;
                    }
                }
                String expected = "the first request after power-on continues from the flash (FileOffset > 0, "
                        + served + " bytes had been served) and the download completes";
                if (first.isEmpty()) {
                    put(result(RESUME, false, expected, "no block request after the power came back",
                            b.lines(tail(b.sent(), 4), 4)));
                    return;
                }
                long offset = first.get().command() instanceof ImageBlockRequest r ? r.fileOffset()
                        : ((ImagePageRequest) first.get().command()).fileOffset();
                List<String> wrong = new ArrayList<>();
                if (offset == 0) {
                    wrong.add("restarted from FileOffset 0 after " + served + " bytes had been served");
                }
                if (!successEnd) {
                    wrong.add("the download did not complete after the power cut");
                }
                put(result(RESUME, wrong.isEmpty(), expected, wrong.isEmpty() ? "resumed at FileOffset " + offset
                        + " of " + image.length + " (" + served + " served before the cut)" : String.join("; ", wrong),
                        b.lines(List.of(first.get().record()), 1)));
            });
        }

        // ------------------------------------------------------------------ IHD (R7.2)

        void ihd() {
            guarded(List.of(IHD_NO_OTA, IDENTITY), ota -> ota, b -> {
                boolean refused = false;
                byte[] image = BatteryImages.image(config, 0x1234, 0x0001, 0x0200_0000L, 0, 0xFFFF, false);
                try {
                    b.sim.hub().distribute(image, b.eui());
                } catch (DistributionRefusedException e) {
                    refused = true; // the CH's half of R7.2
                }
                b.advance(2 * HOUR);
                List<TraceRecord> ota = new ArrayList<>();
                for (TraceRecord r : b.fromDevice()) {
                    if (r.frame().clusterId() == OtaCluster.CLUSTER_ID) {
                        ota.add(r);
                    }
                }
                if (want(IHD_NO_OTA)) {
                    put(result(IHD_NO_OTA, ota.isEmpty(), "no OTA Upgrade (0x0019) frame from the IHD in 2 hours",
                            ota.isEmpty() ? "none" + (refused ? " (and the CH refused to stage an image for it)" : "")
                                    : ota.size() + " OTA frames", b.lines(ota, MAX_FRAMES)));
                }
                identity(b, Optional.empty());
            });
        }

        // ------------------------------------------------------------------ CoT (R56)

        void cot() {
            List<ConformanceCase> cases = List.of(COT_QUERY, COT_CLEAR, COT_STORAGE);
            guarded(cases, ota -> ota, b -> {
                String canary = String.format("CANARY-%016X-previous-occupier", config.seed() ^ 0x5A17_C0DEL);
                // The previous occupier's ten days: a supplier message (the canary), daily consumption.
                b.advance(3 * DAY);
                b.sim.hub().sendSupplierMessage(b.eui(), canary);
                b.advance(9 * DAY + 6 * HOUR - b.sim.now());
                long cotMicros = 10 * DAY;
                long cot = b.sim.time().zclUtcTimeAt(cotMicros);
                PrivacyCheck check = PrivacyCheck.attach(b.sim);
                List<PrivacyCheck.Finding> before = check.checkHan(b.eui(), cot);
                Set<Long> consumption = consumptionServed(b);
                // SR 3.2 → GCS09 through the CH's GBCS side; the GPF publishes it (R56.7).
                b.sim.gbcs().receive(b.sim.supplier().gcs09(GPF, cot, b.sim.time().zclUtcTimeAt(b.sim.now())));
                b.advance(cotMicros + HOUR - b.sim.now());
                List<PrivacyCheck.Finding> after = check.checkHan(b.eui(), cot);

                cotQuery(b);
                String expectedHan = "no HAN read or command returns data dated before the CoT";
                String beforeText = before.size() + " item(s) of the previous occupier readable before the CoT";
                if (after.isEmpty()) {
                    put(result(COT_CLEAR, true, expectedHan, beforeText + ", none after", List.of()));
                } else {
                    List<String> lines = new ArrayList<>();
                    for (PrivacyCheck.Finding f : after) {
                        if (lines.size() < MAX_FRAMES) {
                            lines.add(f.where() + ": " + f.detail());
                        }
                    }
                    put(result(COT_CLEAR, false, expectedHan, after.size() + " item(s) still readable after the CoT,"
                            + " first: " + after.get(0).where() + ": " + after.get(0).detail(), lines));
                }
                storage(b, canary, consumption);
            });
        }

        void cotQuery(Bench b) {
            boolean esme = false;
            boolean gpf = false;
            List<TraceRecord> shown = new ArrayList<>();
            for (TraceRecord r : b.fromDevice()) {
                if (r.frame().clusterId() != 0x0708) {
                    continue;
                }
                byte[] z = r.frame().payload().toArray();
                int idAt = z.length > 0 && (z[0] & 0x04) != 0 ? 4 : 2;
                boolean getCot = z.length > idAt && (z[0] & 0x03) == 0x01 && (z[0] & 0x08) == 0 && z[idAt] == 0x00;
                if (!getCot) {
                    continue;
                }
                if (shown.size() < 4) {
                    shown.add(r);
                }
                esme |= r.frame().destinationEui64() == Bench.ESME;
                gpf |= r.frame().destinationEui64() == GPF;
            }
            put(result(COT_QUERY, esme && gpf, "Get Change of Tenancy (0x0708 command 0x00) to the ESME and to the GPF",
                    "asked the ESME: " + (esme ? "yes" : "no") + ", the GPF: " + (gpf ? "yes" : "no"),
                    b.lines(shown, 4)));
        }

        /** Consumption figures the ESME served the device (Metering Read Attributes Responses), ≥ 1000. */
        Set<Long> consumptionServed(Bench b) {
            Set<Long> out = new LinkedHashSet<>();
            for (TraceRecord r : b.sent()) {
                if (r.frame().sourceEui64() != Bench.ESME || r.frame().destinationEui64() != b.eui()
                        || r.frame().clusterId() != 0x0702) {
                    continue;
                }
                try {
                    var g = io.hansim.zigbee.zcl.GeneralCommandCodec.decode(r.frame().payload().toArray());
                    if (g.command() instanceof io.hansim.zigbee.zcl.ReadAttributesResponse rar) {
                        for (StatusRecord s : rar.records()) {
                            if (s.value() instanceof ZclValue.UnsignedInt u && u.value() >= 1000) {
                                out.add(u.value());
                            }
                        }
                    }
                } catch (RuntimeException e) {
                    // not a general command
                }
            }
            return out;
        }

        void storage(Bench b, String canary, Set<Long> consumption) {
            Map<String, byte[]> regions = device.regions(b.dut);
            Map<String, byte[]> patterns = new LinkedHashMap<>();
            patterns.put("the supplier message '" + canary + "'", canary.getBytes(StandardCharsets.UTF_8));
            for (long v : consumption) {
                patterns.put("consumption " + v + " (text)", Long.toString(v).getBytes(StandardCharsets.US_ASCII));
                byte[] le = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(v).array();
                patterns.put("consumption " + v + " (48-bit little-endian)", java.util.Arrays.copyOf(le, 6));
            }
            List<String> found = new ArrayList<>();
            for (Map.Entry<String, byte[]> region : regions.entrySet()) {
                for (Map.Entry<String, byte[]> p : patterns.entrySet()) {
                    int at = indexOf(region.getValue(), p.getValue());
                    if (at >= 0) {
                        found.add(p.getKey() + " in region '" + region.getKey() + "' at offset " + at);
                    }
                }
            }
            String expected = "none of " + patterns.size() + " canaries (the supplier message, the consumption"
                    + " figures served) in the device's " + regions.size() + " storage region(s)";
            put(result(COT_STORAGE, found.isEmpty(), expected, found.isEmpty() ? "none found in " + regions.keySet()
                    : found.size() + " found, first: " + found.get(0), found.size() > MAX_FRAMES
                    ? found.subList(0, MAX_FRAMES) : found));
        }
    }

    // =============================================================================================

    /** Tracks a download in a bench's trace as it grows, without rescanning it. */
    private static final class Progress {
        private final Bench b;
        private int seen;
        private long requested;
        private long served;
        private int lastEnd = -1;

        Progress(Bench b) {
            this.b = b;
        }

        private void scan() {
            List<TraceRecord> t = b.trace;
            for (; seen < t.size(); seen++) {
                TraceRecord r = t.get(seen);
                if (r.kind() != TraceRecord.Kind.SEND || r.frame().clusterId() != OtaCluster.CLUSTER_ID) {
                    continue;
                }
                boolean from = r.frame().sourceEui64() == b.eui();
                boolean to = r.frame().destinationEui64() == b.eui() && r.frame().sourceEui64() == HUB;
                if (!from && !to) {
                    continue;
                }
                try {
                    var cmd = io.hansim.zigbee.ota.OtaCodec.decode(r.frame().payload().toArray()).command();
                    if (from && cmd instanceof ImageBlockRequest q) {
                        requested = Math.max(requested, q.fileOffset());
                    } else if (from && cmd instanceof ImagePageRequest q) {
                        requested = Math.max(requested, q.fileOffset());
                    } else if (from && cmd instanceof UpgradeEndRequest) {
                        lastEnd = seen;
                    } else if (to && cmd instanceof ImageBlockResponse.Success s) {
                        served = Math.max(served, s.fileOffset() + s.imageData().length());
                    }
                } catch (RuntimeException e) {
                    // a global command on the cluster
                }
            }
        }

        long requested() {
            scan();
            return requested;
        }

        long served() {
            scan();
            return served;
        }

        boolean ended() {
            scan();
            return lastEnd >= 0;
        }

        boolean endedAfter(int index) {
            scan();
            return lastEnd >= index;
        }
    }

    static <T> List<T> tail(List<T> l, int n) {
        return l.size() <= n ? l : l.subList(l.size() - n, l.size());
    }

    static String seconds(long micros) {
        return String.format(Locale.ROOT, "%.3f s", micros / 1e6);
    }

    static String millis(long micros) {
        return String.format(Locale.ROOT, "%.1f ms", micros / 1e3);
    }

    static String describe(Identity i) {
        return String.format("manufacturer 0x%04X, image type 0x%04X, version 0x%08X%s", i.manufacturer(),
                i.imageType(), i.version(), i.hardware().isPresent() ? String.format(", hardware 0x%04X",
                        i.hardware().getAsInt()) : ", no hardware version");
    }

    static Optional<Long> number(StatusRecord s) {
        if (s == null || s.status() != ZclStatus.SUCCESS || s.value() == null) {
            return Optional.empty();
        }
        ZclValue v = s.value();
        if (v instanceof ZclValue.UnsignedInt u) {
            return Optional.of(u.value());
        }
        if (v instanceof ZclValue.Enumeration e) {
            return Optional.of((long) e.value());
        }
        if (v instanceof ZclValue.Eui64 e) {
            return Optional.of(e.value());
        }
        return Optional.empty();
    }

    static String text(StatusRecord s) {
        if (s == null || s.status() != ZclStatus.SUCCESS || !(s.value() instanceof ZclValue.CharString c)) {
            return null;
        }
        return c.display();
    }

    static String show(String s) {
        return s == null ? "not answered" : "'" + s + "'";
    }

    static String show(Map<Integer, StatusRecord> m) {
        List<String> out = new ArrayList<>();
        m.forEach((id, s) -> out.add(String.format("0x%04X=%s", id, s.status() == ZclStatus.SUCCESS
                ? String.valueOf(s.value()) : s.status().toString())));
        return out.isEmpty() ? "no answer" : String.join(", ", out);
    }

    static int indexOf(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /** Parses {@code --part}: ota, cot or all. */
    public static Set<Part> parts(String s) {
        switch (s) {
            case "ota":
                return EnumSet.of(Part.OTA);
            case "cot":
                return EnumSet.of(Part.COT);
            case "all":
                return EnumSet.allOf(Part.class);
            default:
                throw new IllegalArgumentException("unknown part '" + s + "': expected ota, cot or all");
        }
    }
}
