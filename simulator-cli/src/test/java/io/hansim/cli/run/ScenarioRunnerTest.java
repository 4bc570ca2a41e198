package io.hansim.cli.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hansim.cli.report.ExpectationResult;
import io.hansim.cli.report.JsonReportWriter;
import io.hansim.cli.report.MessageEvent;
import io.hansim.cli.report.RunReport;
import io.hansim.cli.report.TimelineEvent;
import io.hansim.cli.scenario.Scenario;
import io.hansim.cli.scenario.ScenarioLoader;
import io.hansim.device.cot.OccupierDataKind;
import io.hansim.device.cot.OccupierDataStore;
import io.hansim.device.cot.OccupierRecord;
import io.hansim.device.ihd.Ihd;
import io.hansim.device.trace.FingerprintTraceSink;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The runner on small scenarios written here: mapping, slicing, expectations and their failures. */
class ScenarioRunnerTest {
    static final String HEAD = """
            name: t
            seed: 5
            topology:
              hub: { eui: 00DB1234567890A2 }
              devices:
                - { id: ppmid, type: ppmid, eui: 00DB1234567890A4, manufacturerCode: 0x1234, imageType: 0x0101,
                    hardwareVersion: 2, firmwareVersion: 0x00000100 }
                - { id: ihd, type: ihd, eui: 00DB1234567890A5, firmwareVersion: 0x300 }
            images:
              - { id: v2, generate: { manufacturerCode: 0x1234, imageType: 0x0101, fileVersion: 0x00000200,
                  size: 8KiB, hardware: [1, 3], signingKey: demo } }
              - { id: unsigned, generate: { manufacturerCode: 0x1234, imageType: 0x0101, fileVersion: 0x00000300,
                  size: 4KiB } }
            faults:
              - { link: [hub, ppmid], loss: 10%, duplicate: 2%, windows: [ { from: 100s, to: 120s } ] }
            steps:
            """;

    static Scenario scenario(String steps) throws Exception {
        return ScenarioLoader.parse(HEAD + steps, "t.yaml", Path.of("."));
    }

    static RunReport run(String steps, ScenarioRunner.Options o) throws Exception {
        return new ScenarioRunner(scenario(steps), o).run();
    }

    static final String UPGRADE = """
              - distribute: { image: v2, to: ppmid }
              - await: { device: ppmid, imageUpgradeStatus: DOWNLOAD_IN_PROGRESS, timeout: 10m }
              - wait: 60s
              - power-cut: { device: ppmid }
              - wait: 30s
              - power-on: { device: ppmid }
              - await: { device: ppmid, imageUpgradeStatus: NORMAL, timeout: 3h }
              - wait: 5m
              - expect: { device: ppmid, firmwareVersion: 0x00000200 }
              - expect: { device: ppmid, attribute: { cluster: 0x0019, id: 0x0002, equals: "00020000" } }
              - expect: { hub: { ccs08: { device: ppmid, code: 0 } } }
              - expect: { alert: { code: 0x8F8A, device: ppmid } }
              - expect: { alert: { code: 0x8F8B } }
            """;

    @Test
    void r7_4_r7_8_anUpgradeUnderLossAndAPowerCutMeetsEveryExpectation() throws Exception {
        RunReport r = run(UPGRADE, ScenarioRunner.Options.defaults());
        assertTrue(r.passed(), r.expectations().toString());
        assertEquals(7, r.expectations().size());
        assertTrue(r.hansimVersion().matches("\\d+\\.\\d+\\.\\d+(-SNAPSHOT)?"), r.hansimVersion());
        assertEquals("t.yaml:25:5", r.expectations().get(2).location(), "expect names its step's position");
        assertTrue(r.messages().stream().anyMatch(m -> m.protocol().equals(MessageEvent.GBCS)
                && m.fromId().equals("hub") && m.toId().equals("dcc") && m.label().contains("0x8F8A")), "CCS08 on the WAN");
        assertTrue(r.messages().stream().anyMatch(m -> m.protocol().equals(MessageEvent.ZCL) && m.isDropped()), "loss");
        assertTrue(kinds(r).containsAll(List.of("step", "power", "status", "ccs08", "activate", "alert", "read-back")),
                kinds(r).toString());
        for (int i = 1; i < r.timeline().size(); i++) {
            assertTrue(r.timeline().get(i - 1).atMicros() <= r.timeline().get(i).atMicros(), "timeline in time order");
        }
        for (int i = 1; i < r.messages().size(); i++) {
            assertTrue(r.messages().get(i - 1).atMicros() <= r.messages().get(i).atMicros(), "messages in time order");
        }
    }

    private static List<String> kinds(RunReport r) {
        return r.timeline().stream().map(TimelineEvent::kind).distinct().toList();
    }

    /** Slices only pause and resume the scheduler: the trace is the same for any slice length. */
    @Test
    void slicingVirtualTimeDoesNotChangeTheTrace() throws Exception {
        List<String> prints = new ArrayList<>();
        List<String> reports = new ArrayList<>();
        for (long slice : new long[] {Long.MAX_VALUE, 10 * ScenarioRunner.SECOND, 777_777}) {
            FingerprintTraceSink fp = new FingerprintTraceSink();
            RunReport r = run(UPGRADE, ScenarioRunner.Options.defaults().withSliceMicros(slice).withTraceSink(fp));
            assertTrue(fp.count() > 200, "a real conversation: " + fp.count());
            prints.add(fp.hex());
            reports.add(JsonReportWriter.toJson(r));
        }
        assertEquals(prints.get(0), prints.get(1), "10 s slices");
        assertEquals(prints.get(0), prints.get(2), "odd slices");
        assertEquals(reports.get(0), reports.get(1), "and the report is the same");
        assertEquals(reports.get(0), reports.get(2));
    }

    /** The same with a CS06 activation, whose restart happens between frames (R7.5). */
    @Test
    void slicingDoesNotMoveEventsBetweenFramesEither() throws Exception {
        Path file = Path.of(System.getProperty("hansim.root", "..")).resolve("examples/hcalcs-cs06.yaml");
        List<String> out = new ArrayList<>();
        for (long slice : new long[] {Long.MAX_VALUE, 1_234_567}) {
            FingerprintTraceSink fp = new FingerprintTraceSink();
            RunReport r = new ScenarioRunner(ScenarioLoader.load(file),
                    ScenarioRunner.Options.defaults().withSliceMicros(slice).withTraceSink(fp)).run();
            assertTrue(r.timeline().stream().anyMatch(e -> e.kind().equals("activate")));
            out.add(fp.hex() + "\n" + JsonReportWriter.toJson(r));
        }
        assertEquals(out.get(0), out.get(1));
    }

    /** An HCALCS downloads a signed image of {@code size} and holds it for CS06; then {@code steps}. */
    static Scenario hcalcsHoldingItsImage(String name, long seed, String size, String steps) throws Exception {
        return ScenarioLoader.parse("name: " + name + "\nseed: " + seed + "\n" + """
                topology:
                  hub: { eui: 00DB1234567890B2 }
                  devices:
                    - { id: hcalcs, type: hcalcs, eui: 00DB1234567890B6, manufacturerCode: 0x1234, imageType: 0x0201,
                        hardwareVersion: 1, firmwareVersion: 0x00000010 }
                images:
                  - { id: v2, generate: { manufacturerCode: 0x1234, imageType: 0x0201, fileVersion: 0x00000020,
                      size: SIZE, hardware: [1, 1], signingKey: demo } }
                steps:
                  - distribute: { image: v2, to: hcalcs }
                  - await: { device: hcalcs, imageUpgradeStatus: WAITING_TO_UPGRADE_VIA_EXTERNAL_EVENT, timeout: 2h }
                """.replace("SIZE", size) + steps, name + ".yaml", Path.of("."));
    }

    /**
     * Issue 13, fault 7: an event carries the virtual time it happened at. A CS06 activation restarts
     * the HCALCS between frames (its count-down is a timer), and nothing goes on the HAN for a minute
     * after it; the activation used to be logged at the next frame, a minute late.
     */
    @Test
    void r7_5_eventsCarryTheVirtualTimeTheyHappenedAtNotTheNextFrames() throws Exception {
        Scenario s = hcalcsHoldingItsImage("late", 3, "4KiB", """
                  - activate: { device: hcalcs, image: v2 }
                  - wait: 1m
                  - expect: { device: hcalcs, firmwareVersion: 0x00000020 }
                """);
        RunReport r = new ScenarioRunner(s, ScenarioRunner.Options.defaults()).run();
        long cs06 = r.timeline().stream().filter(e -> e.kind().equals("step") && e.text().startsWith("CS06"))
                .findFirst().orElseThrow().atMicros();
        TimelineEvent activate = r.timeline().stream().filter(e -> e.kind().equals("activate")).findFirst()
                .orElseThrow();
        // The restart follows the CS06 within the client's count-down and reboot (seconds), long before
        // the next frame a minute later.
        assertTrue(activate.atMicros() >= cs06 && activate.atMicros() <= cs06 + 10_000_000L,
                "activation logged at " + activate.atMicros() + " for a CS06 at " + cs06);
        // The device was powered off for its restart at that same instant: the event and the state agree.
        assertTrue(r.timeline().stream().anyMatch(e -> e.deviceId().equals("hcalcs") && e.kind().equals("status")
                && e.text().endsWith("powered off") && e.atMicros() == activate.atMicros()), r.timeline().toString());
        assertTrue(r.expectations().stream().allMatch(ExpectationResult::passed), r.expectations().toString());
    }

    /**
     * Issue 13, fault 6: at t=0 the PPMID and IHD poll meters that have not joined yet. Those unicasts
     * are dropped as unicasts ("not on the HAN"); over the whole demo no device receives a unicast that
     * is not addressed to it.
     */
    @Test
    void aUnicastIsOnlyEverDeliveredToItsAddressee() throws Exception {
        Path file = Path.of(System.getProperty("hansim.root", "..")).resolve("examples/demo.yaml");
        io.hansim.device.trace.CollectingTraceSink all = new io.hansim.device.trace.CollectingTraceSink();
        new ScenarioRunner(ScenarioLoader.load(file), ScenarioRunner.Options.defaults().withTraceSink(all)).run();
        int unknown = 0;
        for (io.hansim.device.han.TraceRecord t : all.records()) {
            if (t.kind() != io.hansim.device.han.TraceRecord.Kind.DELIVERY || t.frame().isBroadcast()) {
                continue;
            }
            assertEquals(t.frame().destinationEui64(), t.receiverEui64(), t.toString());
            if (t.detail().equals(io.hansim.device.han.HanBus.NOT_ON_THE_HAN)) {
                unknown++;
            }
        }
        assertTrue(unknown > 0, "the demo's early polls of meters not yet on the HAN are dropped with the reason");
    }

    /**
     * R7.5, R7.8: an HCALCS cut while it holds its image for CS06 boots with the image complete: it
     * verifies it again at once (no "download in progress" after the cut, no block requested again)
     * and waits for the CS06, which then activates it.
     */
    @Test
    void r7_5_r7_8_anHcalcsCutWhileHoldingItsImageBootsHoldingItAndTheCs06ActivatesIt() throws Exception {
        Scenario s = hcalcsHoldingItsImage("held", 4, "16KiB", """
                  - power-cut: { device: hcalcs }
                  - wait: 2h
                  - power-on: { device: hcalcs }
                  - wait: 1m
                  - expect: { device: hcalcs, imageUpgradeStatus: WAITING_TO_UPGRADE_VIA_EXTERNAL_EVENT }
                  - activate: { device: hcalcs, image: v2 }
                  - wait: 10m
                  - expect: { device: hcalcs, firmwareVersion: 0x00000020 }
                  - expect: { hub: { ccs08: { device: hcalcs, code: 0 } } }
                """);
        io.hansim.device.trace.CollectingTraceSink all = new io.hansim.device.trace.CollectingTraceSink();
        RunReport r = new ScenarioRunner(s, ScenarioRunner.Options.defaults().withTraceSink(all)).run();
        assertTrue(r.expectations().stream().allMatch(ExpectationResult::passed), r.expectations().toString());
        assertTrue(r.timeline().stream().noneMatch(e -> e.text().equals("powered off → DOWNLOAD_IN_PROGRESS")),
                r.timeline().toString());
        long blockRequests = all.records().stream()
                .filter(t -> t.kind() == io.hansim.device.han.TraceRecord.Kind.SEND
                        && t.frame().payload().length() > 2 && (t.frame().payload().toArray()[2] & 0xFF) == 0x03)
                .count();
        assertEquals(16 * 1024 / 64, blockRequests, "one download of 64-octet blocks, none after the cut");
    }

    @Test
    void progressIsReportedPerSliceAndOnlyForward() throws Exception {
        List<long[]> seen = new ArrayList<>();
        RunListener l = new RunListener() {
            @Override
            public void progress(String id, long done, long total, long blocks, long now) {
                assertEquals("ppmid", id);
                seen.add(new long[] {done, total, blocks, now});
            }
        };
        run(UPGRADE, ScenarioRunner.Options.defaults().withListener(l));
        assertTrue(seen.size() > 5, "several progress reports: " + seen.size());
        assertTrue(seen.stream().allMatch(p -> p[1] == 8192 && p[0] <= p[1] + 64 && p[2] == p[0] / 64));
    }

    @Test
    void sameSeedSameReportOtherSeedAnotherTrace() throws Exception {
        FingerprintTraceSink a = new FingerprintTraceSink();
        FingerprintTraceSink b = new FingerprintTraceSink();
        FingerprintTraceSink c = new FingerprintTraceSink();
        String ja = JsonReportWriter.toJson(run(UPGRADE, ScenarioRunner.Options.defaults().withTraceSink(a)));
        String jb = JsonReportWriter.toJson(run(UPGRADE, ScenarioRunner.Options.defaults().withTraceSink(b)));
        RunReport rc = run(UPGRADE, ScenarioRunner.Options.defaults().withSeed(6).withTraceSink(c));
        assertEquals(a.hex(), b.hex());
        assertEquals(ja, jb);
        assertNotEquals(a.hex(), c.hex(), "--seed overrides the scenario's seed");
        assertEquals(6, rc.seed());
    }

    @Test
    void anAwaitThatTimesOutIsAFailedExpectationNamingWhatAndTheLastStatus() throws Exception {
        RunReport r = run("""
                  - distribute: { image: v2, to: ppmid }
                  - await: { device: ppmid, imageUpgradeStatus: WAITING_TO_UPGRADE_VIA_EXTERNAL_EVENT, timeout: 90s }
                  - expect: { device: ppmid, firmwareVersion: 0x00000100 }
                """, ScenarioRunner.Options.defaults());
        ExpectationResult await = r.expectations().get(0);
        assertFalse(await.passed());
        assertEquals("t.yaml:18:5", await.location());
        assertEquals("await ppmid imageUpgradeStatus WAITING_TO_UPGRADE_VIA_EXTERNAL_EVENT within 90s",
                await.description());
        assertTrue(await.observed().contains("timed out") && await.observed().contains("DOWNLOAD_IN_PROGRESS"),
                await.observed());
        assertEquals(90 * ScenarioRunner.SECOND, await.atMicros(), "gave up at the timeout");
        assertTrue(r.expectations().get(1).passed(), "and the run went on");
        assertFalse(r.passed());
    }

    @Test
    void durationsAreShownAsTheScenarioWritesThem() {
        assertEquals("90s", ScenarioRunner.text(java.time.Duration.ofSeconds(90)));
        assertEquals("2h", ScenarioRunner.text(java.time.Duration.ofHours(2)));
        assertEquals("1d", ScenarioRunner.text(java.time.Duration.ofDays(1)));
        assertEquals("1500ms", ScenarioRunner.text(java.time.Duration.ofMillis(1500)));
        assertEquals("0ms", ScenarioRunner.text(java.time.Duration.ZERO));
    }

    @Test
    void r7_2_aDistributionToAnIhdIsRefusedAndTheRefusalIsObservable() throws Exception {
        RunReport r = run("""
                  - distribute: { image: v2, to: ihd }
                  - wait: 1h
                  - expect: { device: ihd, firmwareVersion: 0x300 }
                  - expect: { device: ihd, refused: IHD_EXCLUDED }
                  - expect: { device: ihd, refused: PPMID_IN_SMETS1_SYSTEM }
                  - expect: { device: ppmid, refused: any }
                """, ScenarioRunner.Options.defaults());
        assertTrue(r.expectations().get(0).passed());
        assertTrue(r.expectations().get(1).passed(), r.expectations().get(1).toString());
        assertFalse(r.expectations().get(2).passed(), "another reason fails");
        assertTrue(r.expectations().get(2).observed().startsWith("IHD_EXCLUDED"), r.expectations().get(2).observed());
        assertFalse(r.expectations().get(3).passed(), "a device that was not refused fails");
        assertEquals("not refused", r.expectations().get(3).observed());
        assertTrue(r.timeline().stream().anyMatch(e -> e.kind().equals("refused") && e.deviceId().equals("ihd")));
        // Nothing about firmware: the IHD's only frames are its Time reads and the Match Descriptor that
        // finds the CH's Time server (G.4, G.5, on by default: decision 0025).
        List<MessageEvent> ihd = r.messages().stream().filter(m -> m.toId().equals("ihd") || m.fromId().equals("ihd"))
                .toList();
        assertTrue(ihd.stream().allMatch(m -> m.protocol().equals("ZDO")
                || m.label().matches("Read Attributes (Response )?0x0000,0x0001")), // Time, TimeStatus
                "no firmware traffic with the IHD: " + ihd);
    }

    @Test
    void r7_13_aChWithoutOtaForHanDevicesRefusesAndACcs08ExpectationSaysWhy() throws Exception {
        Scenario s = ScenarioLoader.parse(HEAD.replace("hub: { eui: 00DB1234567890A2 }",
                "hub: { eui: 00DB1234567890A2, otaForHanDevices: false }") + """
                  - distribute: { image: v2, to: ppmid }
                  - wait: 1h
                  - expect: { hub: { ccs08: { device: ppmid, code: 0 } } }
                """, "t.yaml", Path.of("."));
        ExpectationResult ccs08 = new ScenarioRunner(s, ScenarioRunner.Options.defaults()).run().expectations().get(0);
        assertFalse(ccs08.passed());
        assertEquals("no CCS08 sent (distribution refused: NO_OTA_FOR_HAN_DEVICES)", ccs08.observed());
    }

    @Test
    void r7_3_aLocalUpgradeIsRefusedAndChangesNothing() throws Exception {
        RunReport r = run("""
                  - local-upgrade: { device: ppmid, image: v2 }
                  - wait: 1h
                  - expect: { device: ppmid, firmwareVersion: 0x00000100 }
                """, ScenarioRunner.Options.defaults());
        assertTrue(r.passed(), r.expectations().toString());
        assertTrue(r.timeline().stream().anyMatch(e -> e.kind().equals("refused")
                && e.text().contains("LOCAL_UPGRADE_FORBIDDEN")), r.timeline().toString());
    }

    /**
     * G.6, R7.4 (fault 4 of issue 13): an image without signingKey is in the SR 11.4 form, which a
     * PPMID takes; expectations of the old version then fail, naming what was observed.
     */
    @Test
    void g6_anUnsignedPpmidImageIsInstalledAndTheWrongExpectationFails() throws Exception {
        RunReport r = run("""
                  - distribute: { image: unsigned, to: ppmid }
                  - wait: 2h
                  - expect: { device: ppmid, firmwareVersion: 0x00000300 }
                  - expect: { device: ppmid, firmwareVersion: 0x00000100 }
                  - expect: { device: ppmid, attribute: { cluster: 0x0019, id: 0x0002, equals: "00010000" } }
                """, ScenarioRunner.Options.defaults());
        assertEquals(List.of(true, false, false), r.expectations().stream().map(ExpectationResult::passed).toList());
        assertEquals("0x00000300", r.expectations().get(1).observed());
        assertEquals("00030000", r.expectations().get(2).observed(), "the attribute as sent on the air");
    }

    @Test
    void r56_3_storedDataFailsWhenTheProbeHasNoStore() throws Exception {
        RunReport r = run("""
                  - change-of-tenancy: { at: 2025-01-01T06:00:00Z }
                  - wait: 1d
                  - expect: { device: ihd, storedData: { kind: supplierMessages, before: cot, count: 0 } }
                """, ScenarioRunner.Options.defaults().withStoredData(StoredDataProbe.UNAVAILABLE));
        ExpectationResult e = r.expectations().get(0);
        assertFalse(e.passed());
        assertEquals("stored data not available for ihd", e.observed());
    }

    @Test
    void r56_5_storedDataCountsRecordsBeforeTheLastCotThroughTheProbe() throws Exception {
        OccupierDataStore store = new OccupierDataStore();
        long cot = java.time.Instant.parse("2025-01-01T06:00:00Z").getEpochSecond()
                - io.hansim.device.sim.SimTime.ZCL_EPOCH.getEpochSecond();
        store.add(new OccupierRecord(OccupierDataKind.SUPPLIER_MESSAGES, cot - 10, "old message", 1));
        store.add(new OccupierRecord(OccupierDataKind.SUPPLIER_MESSAGES, cot + 10, "new message", 2));
        store.add(new OccupierRecord(OccupierDataKind.CONSUMPTION_DAY, cot - 5, "old day", 3));
        StoredDataProbe probe = OccupierStoreProbe.of(d -> d instanceof Ihd ? Optional.of(store) : Optional.empty());
        RunReport r = run("""
                  - change-of-tenancy: { at: 2025-01-01T06:00:00Z }
                  - expect: { device: ihd, storedData: { kind: supplierMessages, before: cot, count: 1 } }
                  - expect: { device: ihd, storedData: { kind: supplierMessages, count: 2 } }
                  - expect: { device: ihd, storedData: { kind: consumptionHistory, before: cot, count: 1 } }
                  - expect: { device: ppmid, storedData: { kind: supplierMessages, count: 0 } }
                """, ScenarioRunner.Options.defaults().withStoredData(probe));
        assertEquals(List.of(true, true, true, false),
                r.expectations().stream().map(ExpectationResult::passed).toList(), r.expectations().toString());
        assertEquals("stored data not available for ppmid", r.expectations().get(3).observed());
    }

    @Test
    void r56_7_changeOfTenancySendsGcs09AndEcs12ThroughTheGbcsSide() throws Exception {
        Scenario s = ScenarioLoader.parse("""
                name: cot
                topology:
                  hub: { eui: 00DB1234567890A2 }
                  devices:
                    - { id: esme, type: esme, eui: 00DB1234567890A1 }
                    - { id: gpf, type: gpf, eui: 00DB1234567890A3 }
                steps:
                  - change-of-tenancy: { at: 2025-01-01T06:00:00Z }
                  - wait: 1m
                """, "cot.yaml", Path.of("."));
        RunReport r = new ScenarioRunner(s, ScenarioRunner.Options.defaults()).run();
        List<String> wan = r.messages().stream().filter(m -> m.protocol().equals(MessageEvent.GBCS))
                .map(m -> m.fromId() + ">" + m.toId()).toList();
        assertEquals(List.of("dcc>hub", "hub>dcc", "dcc>hub", "hub>dcc"),
                wan.stream().filter(w -> w.contains("dcc")).toList(), "two commands, two responses");
        // G.3: ECS12 crosses the HAN in the tunnel, as a PUT to the ESME and its response as a PUT back
        assertTrue(wan.contains("hub>esme") && wan.contains("esme>hub"), wan.toString());
        assertTrue(r.timeline().stream().noneMatch(e -> e.kind().equals("gbcs-rejected")), r.timeline().toString());
    }
}
