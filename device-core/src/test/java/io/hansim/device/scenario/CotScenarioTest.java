package io.hansim.device.scenario;

import static io.hansim.device.Fixtures.ESME;
import static io.hansim.device.Fixtures.GPF;
import static io.hansim.device.Fixtures.HOUR;
import static io.hansim.device.Fixtures.IHD;
import static io.hansim.device.Fixtures.NEW;
import static io.hansim.device.Fixtures.OLD;
import static io.hansim.device.Fixtures.PPMID;
import static io.hansim.device.Fixtures.SECOND;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hansim.device.Fixtures;
import io.hansim.device.Fixtures.RecordingSink;
import io.hansim.device.node.HanDevice;
import io.hansim.device.Simulation;
import io.hansim.device.cot.CotProfile;
import io.hansim.device.cot.IgnoreReason;
import io.hansim.device.cot.OccupierDataKind;
import io.hansim.device.cot.OccupierDataStore;
import io.hansim.device.cot.OccupierRecord;
import io.hansim.device.cot.SpecVersion;
import io.hansim.device.cot.TenancyAction;
import io.hansim.device.cot.TenancyConfig;
import io.hansim.device.cot.TenancyMonitor;
import io.hansim.device.gbcs.WanMessage;
import io.hansim.device.han.ApsFrame;
import io.hansim.device.han.LinkFaults;
import io.hansim.device.ihd.Ihd;
import io.hansim.device.meter.ElectricityMeter;
import io.hansim.device.meter.GasProxy;
import io.hansim.device.ppmid.Ppmid;
import io.hansim.device.privacy.PrivacyCheck;
import io.hansim.device.sim.RunOutcome;
import io.hansim.gbcs.GbcsCodec;
import io.hansim.gbcs.GbcsMessage;
import io.hansim.gbcs.payload.GbzPayload;
import io.hansim.gbcs.payload.PayloadCodec;
import io.hansim.gbcs.usecase.UseCaseCodec;
import io.hansim.gbcs.usecase.UseCaseRecord;
import io.hansim.zigbee.devicemgmt.DeviceManagementCluster;
import io.hansim.zigbee.devicemgmt.DeviceManagementCodec;
import io.hansim.zigbee.devicemgmt.DeviceManagementCommand;
import io.hansim.zigbee.devicemgmt.DeviceManagementCommand.PublishChangeOfTenancy;
import io.hansim.zigbee.devicemgmt.DeviceManagementFrame;
import io.hansim.zigbee.metering.MeteringAttribute;
import io.hansim.zigbee.zcl.Bytes;
import io.hansim.zigbee.zcl.DefaultResponse;
import io.hansim.zigbee.zcl.GeneralCommand;
import io.hansim.zigbee.zcl.GeneralCommandCodec;
import io.hansim.zigbee.zcl.GeneralFrame;
import io.hansim.zigbee.zcl.ReadAttributes;
import io.hansim.zigbee.zcl.ReadAttributesResponse;
import io.hansim.zigbee.zcl.ZclFrame;
import io.hansim.zigbee.zcl.ZclHeader;
import io.hansim.zigbee.zcl.ZclStatus;
import io.hansim.zigbee.zcl.ZclValue;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Change of Tenancy on the HAN end to end (SECMP0056, R56.1–R56.8): meters serving and publishing,
 * IHDs and PPMIDs polling, logging, clearing and answering, the privacy check of R56.5, the SR 3.2
 * trigger through the CH's GBCS side and the OTA route for deployed PPMIDs.
 */
class CotScenarioTest {
    static final long DAY = 24 * HOUR;
    static final long LEGACY = 0x00D0_0000_0000_0007L;
    static final long PROBE = 0x00D0_0000_0000_0099L;
    static final SpecVersion V5_0 = new SpecVersion(5, 0);
    static final SpecVersion V4_2 = new SpecVersion(4, 2);

    static TenancyConfig ihdTenancy(SpecVersion v) {
        return TenancyConfig.of(CotProfile.ihd(v, ESME, GPF));
    }

    static TenancyConfig ppmidTenancy(SpecVersion v) {
        return TenancyConfig.of(CotProfile.ppmid(v, ESME, GPF));
    }

    static Simulation.Builder base(long seed) {
        return Simulation.builder().seed(seed).hub(Fixtures.hub())
                .electricityMeter(new ElectricityMeter.Spec("esme", ESME, 0x0005, 0x0305_0001L))
                .gasProxy(new GasProxy.Spec("gpf", GPF, 0x0006, 0x0101_0002L));
    }

    static Simulation.Builder household(long seed, SpecVersion v) {
        return base(seed).ihd(new Ihd.Spec("ihd", IHD, 0x0003, 0x0200_0000L).withTenancy(ihdTenancy(v)))
                .ppmid(Ppmid.Spec.of("ppmid", PPMID, 0x0002, Fixtures.ppmidProfile().build())
                        .withTenancy(ppmidTenancy(v)));
    }

    static long utcAt(Simulation sim, long micros) {
        return sim.time().zclUtcTimeAt(micros);
    }

    /** The previous occupier lives there for ten days: consumption, two messages, top-ups, a debt step. */
    static void previousOccupier(Simulation sim) {
        sim.advance(3 * DAY);
        sim.hub().sendSupplierMessage(IHD, "Welcome, Ms Previous");
        sim.hub().sendSupplierMessage(PPMID, "Your tariff changes soon");
        sim.advance(HOUR);
        sim.ppmid(PPMID).recordTopUp("TOPUP-0001", 2000);
        sim.ppmid(PPMID).recordDebtRecovery(150);
        sim.advance(DAY);
        sim.ppmid(PPMID).recordTopUp("TOPUP-0002", 1000);
        sim.advance(9 * DAY + 6 * HOUR - sim.now()); // day 9, 06:00
    }

    static void gcs09(Simulation sim, long implementationUtc) {
        List<WanMessage> out = sim.gbcs().receive(sim.supplier().gcs09(GPF, implementationUtc, utcAt(sim, sim.now())));
        assertEquals(1, out.size(), "GCS09 answered: " + sim.gbcs().rejections());
    }

    static <T> List<T> outcomes(List<TenancyAction> all, Class<T> type) {
        return all.stream().filter(type::isInstance).map(type::cast).toList();
    }

    // ---------------------------------------------------------------- a probe for raw HAN requests

    static final class Probe {
        final Simulation sim;
        final List<ApsFrame> received = new ArrayList<>();

        Probe(Simulation sim) {
            this.sim = sim;
            sim.bus().attach(PROBE, 0x0099, HanDevice.ENDPOINT, received::add);
        }

        void send(long to, int cluster, byte[] zcl) {
            sim.bus().send(new ApsFrame(PROBE, 0x0099, 1, to, sim.bus().attachment(to).orElseThrow().shortAddress(), 1,
                    ApsFrame.PROFILE_SMART_ENERGY, cluster, 0, Bytes.of(zcl)));
            sim.advance(SECOND);
        }

        ApsFrame last() {
            return received.get(received.size() - 1);
        }

        GeneralCommand lastGeneral() {
            return GeneralCommandCodec.decode(last().payload().toArray()).command();
        }

        void readCot(long meter) {
            send(meter, DeviceManagementCluster.CLUSTER_ID, GeneralCommandCodec.encode(GeneralFrame.of(
                    ZclHeader.Direction.CLIENT_TO_SERVER, false, 1, ReadAttributes.of(0x0200, 0x0201))));
        }

        void getCot(long meter) {
            send(meter, DeviceManagementCluster.CLUSTER_ID, DeviceManagementCodec.encode(
                    DeviceManagementFrame.of(2, new DeviceManagementCommand.GetChangeOfTenancy())));
        }
    }

    // ---------------------------------------------------------------- R56.1

    @Test
    void r56_1_meters_serve_the_tenancy_attributes_answer_get_and_publish_on_a_new_cot() {
        Simulation sim = household(1, V5_0).build();
        Probe probe = new Probe(sim);
        // Before any CoT: UTCTime "invalid" and no control bits; Get answered NOT_FOUND (decision 0008).
        probe.readCot(GPF);
        ReadAttributesResponse before = (ReadAttributesResponse) probe.lastGeneral();
        assertEquals(new ZclValue.UtcTime(0xFFFF_FFFFL), before.records().get(0).value());
        assertEquals(0L, ((ZclValue.Bitmap) before.records().get(1).value()).bits());
        probe.getCot(ESME);
        assertEquals(new DefaultResponse(0x00, ZclStatus.NOT_FOUND), probe.lastGeneral());

        long cot = utcAt(sim, sim.now()) + 3600;
        gcs09(sim, cot);
        sim.advance(SECOND);
        // The unsolicited Publish reached the bound IHD and PPMID, and the probe, which had asked.
        assertEquals(List.of(PPMID, IHD, PROBE), List.copyOf(sim.gasProxy(GPF).subscribers()).stream().sorted()
                .toList());
        assertEquals(3, sim.gasProxy(GPF).publications().size());
        probe.getCot(GPF);
        PublishChangeOfTenancy p = (PublishChangeOfTenancy) DeviceManagementCodec.decode(
                probe.last().payload().toArray()).command();
        assertEquals(cot, p.implementationDateTime());
        assertEquals(0x200L, p.proposedTenancyChangeControl());
        probe.readCot(GPF);
        ReadAttributesResponse after = (ReadAttributesResponse) probe.lastGeneral();
        assertEquals(new ZclValue.UtcTime(cot), after.records().get(0).value());
        assertEquals(0x200L, ((ZclValue.Bitmap) after.records().get(1).value()).bits());
        assertTrue(sim.gasProxy(GPF).subscribers().contains(PROBE), "a device that asked is published to");
        // The ESME's register and history are served on Metering 0x0702.
        probe.send(ESME, MeteringAttribute.CLUSTER_ID, GeneralCommandCodec.encode(GeneralFrame.of(
                ZclHeader.Direction.CLIENT_TO_SERVER, false, 3, ReadAttributes.of(0x0000, 0x0403))));
        ReadAttributesResponse m = (ReadAttributesResponse) probe.lastGeneral();
        assertTrue(m.records().get(0).isSuccess() && m.records().get(1).isSuccess());
    }

    @Test
    void r56_1_r56_6_below_their_thresholds_the_meters_lack_the_cluster() {
        Simulation sim = Simulation.builder().seed(2).hub(Fixtures.hub().withChts(new SpecVersion(1, 4)))
                .electricityMeter(new ElectricityMeter.Spec("esme", ESME, 0x0005, 1).withEsmets(new SpecVersion(5, 0)))
                .gasProxy(new GasProxy.Spec("gpf", GPF, 0x0006, 1)).build();
        Probe probe = new Probe(sim);
        probe.getCot(ESME);
        assertEquals(new DefaultResponse(0x00, ZclStatus.UNSUPPORTED_CLUSTER), probe.lastGeneral());
        probe.getCot(GPF);
        assertEquals(new DefaultResponse(0x00, ZclStatus.UNSUPPORTED_CLUSTER), probe.lastGeneral());
    }

    // ---------------------------------------------------------------- R56.2

    @Test
    void r56_2_either_source_suffices_when_the_link_to_the_other_is_down() {
        LinkFaults down = LinkFaults.PERFECT.withDown(0, 1_000 * DAY);
        Simulation sim = household(3, V5_0).link(IHD, GPF, down).link(PPMID, ESME, down).build();
        sim.advance(DAY);
        // The IHD hears only the ESME (ECS12), the PPMID only the GPF (GCS09).
        long cotEsme = utcAt(sim, sim.now());
        sim.gbcs().receive(sim.supplier().ecs12(ESME, sim.time().instantAt(sim.now())));
        gcs09(sim, cotEsme);
        assertEquals(RunOutcome.CONDITION_MET, sim.runUntil(() ->
                sim.ihd(IHD).occupierData().lastHandledCotUtc().isPresent()
                        && sim.ppmid(PPMID).occupierData().lastHandledCotUtc().isPresent(), HOUR));
        assertEquals(cotEsme, sim.ihd(IHD).occupierData().lastHandledCotUtc().getAsLong());
        assertEquals(1, outcomes(sim.ihd(IHD).cotOutcomes(), TenancyAction.CotHandled.class).size());
        assertEquals(1, outcomes(sim.ppmid(PPMID).cotOutcomes(), TenancyAction.CotHandled.class).size());
        assertTrue(sim.bus().stats().linkDown() > 0, "the cut links did drop frames");
    }

    @Test
    void r56_2_cot_capable_devices_poll_both_meters_and_devices_without_a_profile_do_not() {
        Simulation sim = household(4, V5_0).build();
        RecordingSink sink = new RecordingSink();
        sim.bus().addTraceSink(sink);
        sim.advance(2 * HOUR);
        long gets = sink.records.stream().filter(r -> r.kind().name().equals("SEND")
                && r.frame().clusterId() == DeviceManagementCluster.CLUSTER_ID
                && (r.frame().destinationEui64() == ESME || r.frame().destinationEui64() == GPF)).count();
        assertEquals(2 * 2 * 4, gets, "two devices x two sources x four 30-minute polls");

        Simulation plain = base(4).ihd(new Ihd.Spec("ihd", IHD, 0x0003, 1)).build();
        RecordingSink quiet = new RecordingSink();
        plain.bus().addTraceSink(quiet);
        plain.advance(2 * DAY);
        // the ESME opens its GB tunnel at boot (G.3), and every device finds the CH's endpoints (ZDO, G.5)
        // and reads its Time at boot and daily (G.4; decision 0025); nothing else goes on the air
        java.util.function.Predicate<io.hansim.device.han.TraceRecord> syncOrDiscovery = r ->
                r.frame().profileId() != io.hansim.device.han.ApsFrame.PROFILE_SMART_ENERGY
                        || r.frame().clusterId() == io.hansim.zigbee.time.TimeAttribute.CLUSTER_ID;
        assertTrue(quiet.records.stream().allMatch(r -> r.frame().clusterId() == 0x0704 || syncOrDiscovery.test(r)),
                "no CoT profile, no traffic");
        assertTrue(quiet.records.stream().filter(r -> r.frame().clusterId() == 0x0704 && !syncOrDiscovery.test(r))
                .allMatch(r -> r.time() <= 1_000_000L), "only the tunnel at boot, once its Match Descriptor is answered");
    }

    @Test
    void r56_2_a_read_attributes_response_of_0x0200_0x0201_is_cot_information_too() {
        Simulation sim = household(15, V5_0).build();
        Probe probe = new Probe(sim);
        long when = utcAt(sim, sim.now()) - 60;
        // From a device that is not one of the IHD's sources: parsed, then refused by source.
        probe.send(IHD, DeviceManagementCluster.CLUSTER_ID, GeneralCommandCodec.encode(GeneralFrame.of(
                ZclHeader.Direction.SERVER_TO_CLIENT, true, 9, ReadAttributesResponse.of(
                        ReadAttributesResponse.StatusRecord.success(0x0200, new ZclValue.UtcTime(when)),
                        ReadAttributesResponse.StatusRecord.success(0x0201,
                                new ZclValue.Bitmap(io.hansim.zigbee.zcl.ZclDataType.BITMAP32, 0x200))))));
        assertEquals(List.of(new TenancyAction.CotIgnored(PROBE, when, IgnoreReason.UNKNOWN_SOURCE)),
                sim.ihd(IHD).cotOutcomes());
        assertTrue(sim.ihd(IHD).occupierData().lastHandledCotUtc().isEmpty());
    }

    // ---------------------------------------------------------------- R56.3

    @Test
    void r56_3_consumption_and_messages_cleared_at_the_implementation_time_later_records_stay() {
        Simulation sim = household(5, V5_0).build();
        previousOccupier(sim);
        long cot = utcAt(sim, 10 * DAY); // midnight, day 10
        gcs09(sim, cot); // announced a day ahead: a future CoT
        Ihd ihd = sim.ihd(IHD);
        assertFalse(ihd.occupierData().scanBefore(cot, Set.of(OccupierDataKind.CONSUMPTION_DAY)).isEmpty());
        assertEquals(1, ihd.occupierData().records(OccupierDataKind.SUPPLIER_MESSAGES).size());
        sim.advance(10 * DAY - 1 - sim.now());
        assertFalse(ihd.occupierData().scanBefore(cot).isEmpty(), "nothing cleared before the implementation time");
        sim.advance(HOUR);
        assertEquals(List.of(), ihd.occupierData().scanBefore(cot));
        assertEquals(List.of(), sim.ppmid(PPMID).occupierData().scanBefore(cot));
        TenancyAction.CotHandled h = outcomes(ihd.cotOutcomes(), TenancyAction.CotHandled.class).get(0);
        assertEquals(cot, h.cotUtc());
        // The new occupier's data after the CoT stays.
        sim.hub().sendSupplierMessage(IHD, "Welcome, Mr New");
        sim.advance(2 * DAY);
        List<OccupierRecord> days = ihd.occupierData().records(OccupierDataKind.CONSUMPTION_DAY);
        assertFalse(days.isEmpty());
        assertTrue(days.stream().allMatch(r -> r.recordedAtUtc() >= cot));
        assertEquals("Welcome, Mr New",
                ihd.occupierData().records(OccupierDataKind.SUPPLIER_MESSAGES).get(0).description());
        assertEquals(1, outcomes(ihd.cotOutcomes(), TenancyAction.CotHandled.class).size(), "handled once");
    }

    // ---------------------------------------------------------------- R56.4

    @Test
    void r56_4_extras_with_clear_on_cot_false_survive_and_the_outcome_names_them() {
        TenancyConfig keepTopUps = TenancyConfig.of(CotProfile.ppmid(V5_0, ESME, GPF)
                .withExtra(OccupierDataKind.TOP_UP_HISTORY, false));
        Simulation sim = base(6).ihd(new Ihd.Spec("ihd", IHD, 0x0003, 1).withTenancy(ihdTenancy(V5_0)))
                .ppmid(Ppmid.Spec.of("ppmid", PPMID, 0x0002, Fixtures.ppmidProfile().build()).withTenancy(keepTopUps))
                .build();
        previousOccupier(sim);
        long cot = utcAt(sim, sim.now());
        gcs09(sim, cot);
        sim.advance(HOUR);
        OccupierDataStore s = sim.ppmid(PPMID).occupierData();
        assertEquals(2, s.records(OccupierDataKind.TOP_UP_HISTORY).size());
        assertEquals(List.of(), s.records(OccupierDataKind.DEBT_RECOVERY));
        assertEquals(List.of(), s.scanBefore(cot, Set.of(OccupierDataKind.CONSUMPTION_DAY,
                OccupierDataKind.SUPPLIER_MESSAGES)));
        TenancyAction.CotHandled h = outcomes(sim.ppmid(PPMID).cotOutcomes(), TenancyAction.CotHandled.class).get(0);
        assertEquals(Set.of(OccupierDataKind.TOP_UP_HISTORY), h.kept());
        assertTrue(h.cleared().contains(OccupierDataKind.DEBT_RECOVERY));
        // ... and the HAN still shows them: the privacy check names the surviving store.
        List<PrivacyCheck.Finding> f = PrivacyCheck.attach(sim).check(PPMID, cot);
        assertTrue(f.stream().anyMatch(x -> x.where().equals("store TOP_UP_HISTORY")), f.toString());
        assertTrue(f.stream().anyMatch(x -> x.where().contains("Get Top Up Log")), f.toString());
        assertTrue(f.stream().allMatch(x -> x.where().contains("TOP_UP") || x.where().contains("Top Up")), f.toString());
    }

    // ---------------------------------------------------------------- R56.5

    @Test
    void r56_5_privacy_check_finds_the_previous_occupier_before_the_cot_and_nothing_after() {
        Simulation sim = household(7, V5_0).build();
        previousOccupier(sim);
        long cot = utcAt(sim, 10 * DAY);
        PrivacyCheck check = PrivacyCheck.attach(sim);
        List<PrivacyCheck.Finding> ihdBefore = check.check(IHD, cot);
        List<PrivacyCheck.Finding> ppmidBefore = check.check(PPMID, cot);
        // The HAN half finds what the displays show, the store half what the flash holds.
        for (String where : List.of("Metering 0x0702 attribute 0x0403", "Get Last Message", "store CONSUMPTION_DAY",
                "store SUPPLIER_MESSAGES")) {
            assertTrue(ihdBefore.stream().anyMatch(f -> f.where().startsWith(where) || f.where().contains(where)),
                    where + " in " + ihdBefore);
        }
        for (String where : List.of("Get Top Up Log", "Get Debt Repayment Log", "store TOP_UP_HISTORY",
                "store DEBT_RECOVERY", "Get Last Message")) {
            assertTrue(ppmidBefore.stream().anyMatch(f -> f.where().contains(where)), where + " in " + ppmidBefore);
        }
        gcs09(sim, cot);
        sim.advance(10 * DAY + HOUR - sim.now());
        assertEquals(List.of(), check.check(IHD, cot));
        assertEquals(List.of(), check.check(PPMID, cot));
    }

    // ---------------------------------------------------------------- R56.6

    @Test
    void r56_6_a_4_2_ihd_and_ppmid_do_not_clear_and_fail_the_privacy_check() {
        Simulation sim = household(8, V4_2).build();
        previousOccupier(sim);
        long cot = utcAt(sim, sim.now());
        gcs09(sim, cot);
        sim.advance(DAY);
        for (long d : List.of(IHD, PPMID)) {
            HanDevice dev = sim.device(d);
            List<TenancyAction> out = dev instanceof Ihd i ? i.cotOutcomes() : ((Ppmid) dev).cotOutcomes();
            assertTrue(outcomes(out, TenancyAction.CotHandled.class).isEmpty());
            assertTrue(outcomes(out, TenancyAction.CotIgnored.class).stream()
                    .allMatch(x -> x.reason() == IgnoreReason.BELOW_SPEC_VERSION), out.toString());
            assertFalse(outcomes(out, TenancyAction.CotIgnored.class).isEmpty(), "the publish reached it");
        }
        assertEquals(TenancyMonitor.State.OFF, sim.ihd(IHD).tenancy().orElseThrow().monitor().orElseThrow().state());
        assertFalse(PrivacyCheck.attach(sim).check(IHD, cot).isEmpty());
        assertFalse(PrivacyCheck.attach(sim, PROBE + 1, 0x009A).check(PPMID, cot).isEmpty());
    }

    // ---------------------------------------------------------------- R56.7

    @Test
    void r56_7_gcs09_then_ecs12_through_the_gbcs_side_clear_the_devices() {
        Simulation sim = household(9, V5_0).build();
        previousOccupier(sim);
        long cot = utcAt(sim, sim.now());
        List<WanMessage> out = sim.gbcs().receive(sim.supplier().gcs09(GPF, cot, cot));
        UseCaseRecord response = UseCaseCodec.decode(GbcsCodec.decode(out.get(0).bytes().toByteArray())).orElseThrow();
        assertEquals(new UseCaseRecord.GbzDefaultResponse(0x0708, ((UseCaseRecord.GbzDefaultResponse) response).tsn(),
                0x00, 0x00), response);
        assertEquals(cot, sim.gasProxy(GPF).changeOfTenancy().orElseThrow().implementationUtc());
        assertEquals(RunOutcome.CONDITION_MET, sim.runUntil(
                () -> sim.ppmid(PPMID).occupierData().lastHandledCotUtc().isPresent(), HOUR));
        assertEquals(List.of(), sim.ppmid(PPMID).occupierData().scanBefore(cot));

        // A second CoT, by ECS12 to the ESME, two days later.
        sim.advance(2 * DAY);
        sim.hub().sendSupplierMessage(IHD, "Hello, second tenant");
        sim.advance(HOUR);
        Instant restrictFrom = sim.time().instantAt(sim.now());
        long cot2 = utcAt(sim, sim.now());
        assertEquals(List.of(), sim.gbcs().receive(sim.supplier().ecs12(ESME, restrictFrom)),
                "ECS12 is pushed through the tunnel (G.3); the ESME answers a round trip later");
        sim.advance(1_000_000);
        List<WanMessage> ecs = sim.gbcs().sent(0x0022);
        assertEquals(1, ecs.size());
        assertEquals(cot2, sim.electricityMeter(ESME).changeOfTenancy().orElseThrow().implementationUtc());
        assertEquals(RunOutcome.CONDITION_MET, sim.runUntil(
                () -> sim.ihd(IHD).occupierData().lastHandledCotUtc().orElse(0) == cot2, HOUR));
        assertEquals(List.of(), sim.ihd(IHD).occupierData().scanBefore(cot2));
        // R56.7 on the meter: history wholly before the CoT is restricted.
        Probe probe = new Probe(sim);
        probe.send(ESME, MeteringAttribute.CLUSTER_ID, GeneralCommandCodec.encode(GeneralFrame.of(
                ZclHeader.Direction.CLIENT_TO_SERVER, false, 3, ReadAttributes.of(0x0000, 0x0420))));
        ReadAttributesResponse m = (ReadAttributesResponse) probe.lastGeneral();
        assertTrue(m.records().get(0).isSuccess(), "the register is not a log");
        assertEquals(ZclStatus.UNSUPPORTED_ATTRIBUTE, m.records().get(1).status(), "day-2-ago is pre-CoT");
    }

    @Test
    void r56_7_the_gcs09_zcl_frame_decodes_with_the_device_management_codec_to_the_use_case_fields() {
        Simulation sim = household(10, V5_0).build();
        byte[] wire = sim.supplier().gcs09(GPF, 800_000_000L, 799_999_000L);
        GbcsMessage m = GbcsCodec.decode(wire);
        UseCaseRecord.Gcs09Command c = (UseCaseRecord.Gcs09Command) UseCaseCodec.decode(m).orElseThrow();
        GbzPayload.Components gbz = (GbzPayload.Components) PayloadCodec.decode(m);
        assertEquals(DeviceManagementCluster.CLUSTER_ID, gbz.components().get(0).cluster());
        DeviceManagementFrame f = DeviceManagementCodec.decode(gbz.components().get(0).zcl().toByteArray());
        PublishChangeOfTenancy p = (PublishChangeOfTenancy) f.command();
        assertEquals(c.tsn(), f.header().transactionSequenceNumber());
        assertEquals(c.providerId(), p.providerId());
        assertEquals(c.issuerEventId(), p.issuerEventId());
        assertEquals(c.tariffType(), p.tariffType());
        assertEquals(c.implementationDateTime(), p.implementationDateTime());
        assertEquals(c.proposedTenancyChangeControl(), p.proposedTenancyChangeControl());
        assertEquals(800_000_000L, p.implementationDateTime());
    }

    // ---------------------------------------------------------------- R56.8

    @Test
    void r56_8_an_ota_upgraded_4_2_ppmid_clears_while_a_legacy_one_keeps_the_data_and_says_why() {
        TenancyConfig old = ppmidTenancy(V4_2);
        Simulation sim = base(11)
                .ppmid(Ppmid.Spec.of("ppmid", PPMID, 0x0002, Fixtures.ppmidProfile().build()).withTenancy(old)
                        .withSpecVersions(Map.of(OLD, V4_2, NEW, V5_0)))
                .ppmid(Ppmid.Spec.legacyNoOta("legacy", LEGACY, 0x0007, OLD).withTenancy(old))
                .build();
        sim.advance(3 * DAY);
        sim.ppmid(PPMID).recordTopUp("OLD-TENANT", 500);
        sim.ppmid(LEGACY).recordTopUp("OLD-TENANT", 500);
        sim.hub().sendSupplierMessage(LEGACY, "For the old tenant");
        sim.advance(DAY);

        var results = sim.gbcs().updatePpmidFirmware(Fixtures.gbImage(NEW, 2048), List.of(PPMID, LEGACY));
        assertEquals(2, results.size());
        assertEquals(RunOutcome.CONDITION_MET, sim.runUntil(
                () -> sim.ppmid(PPMID).runningFirmwareVersion() == NEW && sim.ppmid(PPMID).isPowered(), 6 * HOUR));
        sim.advance(10 * SECOND);
        assertEquals(V5_0, sim.ppmid(PPMID).tenancy().orElseThrow().specVersion().orElseThrow());
        assertEquals(TenancyMonitor.State.WATCHING,
                sim.ppmid(PPMID).tenancy().orElseThrow().monitor().orElseThrow().state());
        assertEquals(OLD, sim.ppmid(LEGACY).runningFirmwareVersion(), "R7.12: no OTA client, no upgrade");

        long cot = utcAt(sim, sim.now());
        gcs09(sim, cot);
        sim.advance(HOUR);
        assertEquals(List.of(), sim.ppmid(PPMID).occupierData().scanBefore(cot));
        assertEquals(1, outcomes(sim.ppmid(PPMID).cotOutcomes(), TenancyAction.CotHandled.class).size());
        assertEquals(List.of(), PrivacyCheck.attach(sim).check(PPMID, cot));

        Ppmid legacy = sim.ppmid(LEGACY);
        assertFalse(legacy.occupierData().scanBefore(cot).isEmpty(), "the old occupier's data stays");
        List<TenancyAction.CotIgnored> ignored = outcomes(legacy.cotOutcomes(), TenancyAction.CotIgnored.class);
        assertFalse(ignored.isEmpty());
        assertEquals(IgnoreReason.BELOW_SPEC_VERSION, ignored.get(ignored.size() - 1).reason());
        assertEquals(cot, ignored.get(ignored.size() - 1).implementationUtc());
    }

    // ---------------------------------------------------------------- power cut, determinism

    @Test
    void r56_3_a_power_cut_between_two_clear_steps_is_finished_at_boot() {
        Simulation sim = household(12, V5_0).build();
        previousOccupier(sim);
        long cot = utcAt(sim, sim.now());
        Ihd ihd = sim.ihd(IHD);
        gcs09(sim, cot);
        // The journal is written and the first kind erased; cut before the rest.
        assertEquals(RunOutcome.CONDITION_MET, sim.runUntil(() -> ihd.occupierData().journal()
                .map(j -> j.remaining().size() < ihd.spec().tenancy().cot().clearedOnCot().size()).orElse(false),
                HOUR));
        ihd.powerOff();
        assertTrue(ihd.occupierData().journal().isPresent());
        assertFalse(ihd.occupierData().scanBefore(cot).isEmpty(), "half cleared while off");
        sim.advance(HOUR);
        ihd.powerOn();
        assertTrue(ihd.occupierData().journal().isEmpty());
        assertEquals(List.of(), PrivacyCheck.attach(sim).check(IHD, cot));
        assertEquals(cot, outcomes(ihd.cotOutcomes(), TenancyAction.CotHandled.class).get(0).cotUtc());
        sim.advance(2 * HOUR);
        assertEquals(1, outcomes(ihd.cotOutcomes(), TenancyAction.CotHandled.class).size(), "not handled twice");
    }

    @Test
    void a_cot_scenario_is_deterministic() {
        assertEquals(fingerprint(13), fingerprint(13));
        assertNotEquals(fingerprint(13), fingerprint(14));
    }

    static String fingerprint(long seed) {
        RecordingSink sink = new RecordingSink();
        Simulation sim = household(seed, V5_0).link(LinkFaults.PERFECT.withLoss(5).withDelay(5_000, 40_000))
                .traceSink(sink).build();
        previousOccupier(sim);
        gcs09(sim, utcAt(sim, sim.now()) + 600);
        sim.advance(DAY);
        assertTrue(sink.records.stream().anyMatch(r -> r.frame().clusterId() == DeviceManagementCluster.CLUSTER_ID));
        return sink.fingerprint();
    }
}
