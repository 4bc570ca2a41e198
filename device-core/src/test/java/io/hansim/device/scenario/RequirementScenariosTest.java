package io.hansim.device.scenario;

import static io.hansim.device.Fixtures.HCALCS;
import static io.hansim.device.Fixtures.HOUR;
import static io.hansim.device.Fixtures.HUB;
import static io.hansim.device.Fixtures.IHD;
import static io.hansim.device.Fixtures.MANUFACTURER;
import static io.hansim.device.Fixtures.IMAGE_TYPE;
import static io.hansim.device.Fixtures.NEW;
import static io.hansim.device.Fixtures.OLD;
import static io.hansim.device.Fixtures.PPMID;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hansim.device.Fixtures;
import io.hansim.device.Fixtures.RecordingSink;
import io.hansim.device.Simulation;
import io.hansim.device.han.ApsFrame;
import io.hansim.device.han.LinkFaults;
import io.hansim.device.gb.ActivationOutcome;
import io.hansim.device.hcalcs.Hcalcs;
import io.hansim.device.hub.DistributionRefusedException;
import io.hansim.device.hub.DistributionRefusedException.Reason;
import io.hansim.device.ihd.Ihd;
import io.hansim.device.inventory.PpmidSmetsCapability;
import io.hansim.device.inventory.SmetsVersion;
import io.hansim.device.ppmid.Ppmid;
import io.hansim.device.sim.RunOutcome;
import io.hansim.device.storage.NonVolatileStore;
import io.hansim.device.han.TraceRecord;
import io.hansim.zigbee.ota.ImageBlockResponse;
import io.hansim.zigbee.ota.ImageNotify;
import io.hansim.zigbee.ota.OtaCluster;
import io.hansim.zigbee.ota.OtaCodec;
import io.hansim.zigbee.ota.OtaCommand;
import io.hansim.zigbee.ota.OtaFrame;
import io.hansim.zigbee.ota.UpgradeEndResponse;
import io.hansim.zigbee.ota.client.ClientAction;
import io.hansim.zigbee.ota.client.ClientProfile;
import io.hansim.zigbee.ota.client.ImageUpgradeStatus;
import io.hansim.zigbee.ota.client.RefusalReason;
import io.hansim.device.gb.Ccs08Code;
import io.hansim.zigbee.ota.server.OtaServerConfig;
import io.hansim.zigbee.ota.server.ReadBackStatus;
import io.hansim.zigbee.zcl.Bytes;
import io.hansim.zigbee.zcl.DefaultResponse;
import io.hansim.zigbee.zcl.GeneralCommandCodec;
import io.hansim.zigbee.zcl.ZclFrame;
import io.hansim.zigbee.zcl.ZclHeader;
import io.hansim.zigbee.zcl.ZclStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** One scenario per requirement of domain/requirements.md that device-core implements, named after it. */
class RequirementScenariosTest {
    static final long STRANGER = 0x00D0_0000_0000_0BADL;

    static Ppmid.Spec ppmid() {
        return Ppmid.Spec.of("ppmid", PPMID, 0x0002, Fixtures.ppmidProfile().build());
    }

    static Simulation.Builder base(RecordingSink sink) {
        return Simulation.builder().seed(1).hub(Fixtures.hub()).traceSink(sink);
    }

    /**
     * The OTA command in a frame, or null for a general command or a frame on another cluster (the
     * ZDO Match Descriptor and Time reads that discovery and time sync add, decision 0025).
     */
    static OtaCommand ota(ApsFrame f) {
        if (f.profileId() != ApsFrame.PROFILE_SMART_ENERGY || f.clusterId() != OtaCluster.CLUSTER_ID) {
            return null;
        }
        Bytes zcl = f.payload();
        ZclHeader h = ZclFrame.decode(zcl.toArray()).header();
        return h.frameType() == ZclHeader.FrameType.GLOBAL ? null : OtaCodec.decode(zcl.toArray()).command();
    }

    /** The Default Responses in the trace that {@code from} sent, as delivered. */
    static List<DefaultResponse> defaultResponsesFrom(RecordingSink sink, long from) {
        List<DefaultResponse> out = new ArrayList<>();
        for (TraceRecord r : sink.records) {
            if (r.kind() == TraceRecord.Kind.SEND && r.frame().sourceEui64() == from
                    && r.frame().profileId() == ApsFrame.PROFILE_SMART_ENERGY) {
                ZclHeader h = ZclFrame.decode(r.frame().payload().toArray()).header();
                if (h.frameType() == ZclHeader.FrameType.GLOBAL && h.commandId() == DefaultResponse.COMMAND_ID) {
                    out.add((DefaultResponse) GeneralCommandCodec.decode(r.frame().payload().toArray()).command());
                }
            }
        }
        return out;
    }

    @Test
    void r7_2_anIhdGetsNoFirmwareAndNoHanTrafficFollows() {
        RecordingSink sink = new RecordingSink();
        Simulation sim = base(sink).ihd(new Ihd.Spec("ihd", IHD, 0x0003, 0x0200_0000L)).build();
        DistributionRefusedException e = assertThrows(DistributionRefusedException.class,
                () -> sim.hub().distribute(Fixtures.gbImage(NEW, 4096), IHD));
        assertEquals(Reason.IHD_EXCLUDED, e.reason());
        sim.advance(HOUR);
        // No firmware traffic at all; what the HAN carries is only the IHD's time sync and the endpoint
        // discovery it needs (G.4, G.5; decision 0025), counted from the trace rather than assumed.
        long sends = sink.records.stream().filter(r -> r.kind() == TraceRecord.Kind.SEND).count();
        long syncAndDiscovery = sink.records.stream().filter(r -> r.kind() == TraceRecord.Kind.SEND
                && (r.frame().profileId() != ApsFrame.PROFILE_SMART_ENERGY
                        || r.frame().clusterId() == io.hansim.zigbee.time.TimeAttribute.CLUSTER_ID)).count();
        assertEquals(sends, syncAndDiscovery, "no HAN traffic but time sync and discovery");
        assertEquals(sends, sim.bus().stats().sent());
        assertTrue(sim.hub().otaServer().isExcluded(IHD), "the CH's server treats the IHD as excluded too");
    }

    @Test
    void r7_3_onlyTheChMayUpgradeThePpmid() {
        RecordingSink sink = new RecordingSink();
        Simulation sim = base(sink).ppmid(ppmid()).build();
        Ppmid p = sim.ppmid(PPMID);
        List<ApsFrame> atStranger = new ArrayList<>();
        sim.bus().attach(STRANGER, 0x0BAD, 1, atStranger::add);

        // A local upgrade tool: refused by a compliant PPMID.
        List<ClientAction> local = p.localUpgrade(Bytes.of(Fixtures.gbImage(NEW, 1024)));
        assertTrue(local.stream().anyMatch(a -> a instanceof ClientAction.Refused r
                && r.reason() == RefusalReason.LOCAL_UPGRADE_FORBIDDEN), local.toString());

        // Another OTA server on the HAN sends an Image Notify: refused, no query goes to it.
        Bytes notify = Bytes.of(OtaCodec.encode(OtaFrame.of(1, ImageNotify.of(100, MANUFACTURER, IMAGE_TYPE, NEW))));
        sim.bus().send(new ApsFrame(STRANGER, 0x0BAD, 1, PPMID, 0x0002, 1, ApsFrame.PROFILE_SMART_ENERGY,
                OtaCluster.CLUSTER_ID, 0, notify));
        sim.advance(HOUR);
        assertTrue(p.ota().orElseThrow().actions(ClientAction.Refused.class).stream()
                .anyMatch(r -> r.reason() == RefusalReason.UNTRUSTED_SOURCE && r.sourceEui64() == STRANGER));
        assertTrue(atStranger.stream().map(f -> ota(f)).filter(Objects::nonNull)
                .noneMatch(io.hansim.zigbee.ota.QueryNextImageRequest.class::isInstance));
        assertEquals(OLD, p.runningFirmwareVersion());
    }

    @Test
    void r7_3_aLegacyLocalUpgradeProfileAcceptsALocalImageAndIsFlagged() {
        Simulation sim = base(new RecordingSink()).ppmid(Ppmid.Spec.of("legacy-local", PPMID, 0x0002,
                Fixtures.ppmidProfile().legacyLocalUpgrade(true).build())).build();
        Ppmid p = sim.ppmid(PPMID);
        p.localUpgrade(Bytes.of(Fixtures.gbImage(NEW, 1024)));
        assertEquals(RunOutcome.CONDITION_MET, sim.runUntil(() -> p.runningFirmwareVersion() == NEW, HOUR));
        assertEquals(List.of(NEW), p.localUpgradeVersions(), "the policy breach is visible");
        assertTrue(sim.hub().transferOutcomes().isEmpty(), "the CH never distributed or reported it");
    }

    @Test
    void r7_4_ppmidActivatesOnDownloadWithoutAnActivationCommand() {
        RecordingSink sink = new RecordingSink();
        Simulation sim = base(sink).ppmid(ppmid()).build();
        Ppmid p = sim.ppmid(PPMID);
        sim.hub().distribute(Fixtures.gbImage(NEW, 4096), PPMID);
        assertEquals(RunOutcome.CONDITION_MET, sim.runUntil(() -> p.runningFirmwareVersion() == NEW, 2 * HOUR));
        // Upgrade End Response "now": CurrentTime 0, UpgradeTime 0 (R7.4).
        UpgradeEndResponse uer = sink.records.stream()
                .filter(r -> r.kind() == TraceRecord.Kind.SEND && r.frame().sourceEui64() == HUB)
                .map(r -> ota(r.frame())).filter(UpgradeEndResponse.class::isInstance)
                .map(UpgradeEndResponse.class::cast).findFirst().orElseThrow();
        assertEquals(0, uer.currentTime());
        assertEquals(0, uer.upgradeTime());
        assertEquals(List.of(NonVolatileStore.ActivationResult.ACTIVATED), p.activations());
    }

    @Test
    void r7_5_hcalcsHoldsTheImageUntilCs06WithTheRightHash() {
        RecordingSink sink = new RecordingSink();
        ClientProfile profile = Fixtures.ppmidProfile().name("test-hcalcs").build();
        Simulation sim = base(sink).hcalcs(new Hcalcs.Spec("hcalcs", HCALCS, 0x0004, profile)).build();
        Hcalcs h = sim.hcalcs(HCALCS);
        byte[] image = Fixtures.gbImage(NEW, 4096);
        assertEquals(ActivationOutcome.NO_IMAGE_HELD, h.activate(Fixtures.manufacturerImageHash(image)));

        sim.hub().distribute(image, HCALCS);
        assertEquals(RunOutcome.CONDITION_MET, sim.runUntil(() -> h.imageUpgradeStatus().orElseThrow()
                == ImageUpgradeStatus.WAITING_TO_UPGRADE_VIA_EXTERNAL_EVENT, 2 * HOUR), "status 6");
        sim.advance(12 * HOUR);
        assertEquals(OLD, h.runningFirmwareVersion(), "no activation without CS06");

        byte[] wrong = Fixtures.sha256("not the image".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertEquals(ActivationOutcome.HASH_MISMATCH, h.activate(wrong));
        assertEquals(2, ActivationOutcome.HASH_MISMATCH.code());
        sim.advance(HOUR);
        assertEquals(OLD, h.runningFirmwareVersion(), "the old version keeps running");

        assertEquals(ActivationOutcome.SUCCESS, h.activate(Fixtures.manufacturerImageHash(image)));
        assertEquals(RunOutcome.CONDITION_MET, sim.runUntil(() -> h.runningFirmwareVersion() == NEW, HOUR));
        assertEquals(NonVolatileStore.ActivationResult.ACTIVATED, h.lastActivation().orElseThrow());
    }

    @Test
    void r7_6_hardwareOutsideTheImageRangeGetsNoBlockAndCode2() {
        RecordingSink sink = new RecordingSink();
        Simulation sim = base(sink).ppmid(Ppmid.Spec.of("ppmid", PPMID, 0x0002,
                Fixtures.ppmidProfile().hardwareVersion(0x0300).build())).build();
        sim.hub().distribute(Fixtures.gbImage(NEW, 4096), PPMID);
        assertEquals(RunOutcome.CONDITION_MET,
                sim.runUntil(() -> sim.hub().transferOutcome(PPMID).isPresent(), HOUR));
        assertEquals(Ccs08Code.HARDWARE_VERSION_MISMATCH, sim.hub().transferOutcome(PPMID).orElseThrow().code());
        sim.advance(6 * HOUR);
        assertTrue(sink.records.stream().filter(r -> r.frame().sourceEui64() == HUB)
                .map(r -> ota(r.frame())).noneMatch(ImageBlockResponse.Success.class::isInstance),
                "not one block wasted on the HAN");
        assertEquals(OLD, sim.ppmid(PPMID).runningFirmwareVersion());
    }

    @Test
    void r7_7_theChImageBufferIsLimitedAndShared() {
        RecordingSink sink = new RecordingSink();
        OtaServerConfig small = OtaServerConfig.defaults(HUB).withBlockSizeCap(64)
                .withCapacity(new OtaServerConfig.Capacity(1, 64 * 1024, OtaServerConfig.EvictionPolicy.REFUSE));
        Simulation sim = Simulation.builder().seed(1).hub(Fixtures.hub().withOta(small)).traceSink(sink)
                .ppmid(ppmid())
                .ppmid(Ppmid.Spec.of("ppmid-2", 0x00D0_0000_0000_0012L, 0x0012, Fixtures.ppmidProfile().build()))
                .build();
        DistributionRefusedException tooBig = assertThrows(DistributionRefusedException.class,
                () -> sim.hub().distribute(Fixtures.gbImage(NEW, 128 * 1024), PPMID));
        assertEquals(Reason.BUFFER_REFUSED, tooBig.reason());

        byte[] image = Fixtures.gbImage(NEW, 8 * 1024);
        sim.hub().distribute(image, PPMID);
        sim.hub().distribute(image, 0x00D0_0000_0000_0012L); // shared: the staged image is reused
        assertEquals(1, sim.hub().otaServer().store().imageCount());
        DistributionRefusedException full = assertThrows(DistributionRefusedException.class,
                () -> sim.hub().distribute(Fixtures.gbImage(NEW + 1, 1024), PPMID));
        assertEquals(Reason.BUFFER_REFUSED, full.reason(), "one image slot, already taken");
        assertEquals(RunOutcome.CONDITION_MET, sim.runUntil(() -> sim.hub().readBacks().size() == 2, 12 * HOUR));
    }

    @Test
    void r7_8_aLinkThatGoesDownForGoodEndsInFileTransferFailure() {
        RecordingSink sink = new RecordingSink();
        Simulation sim = base(sink).ppmid(ppmid())
                .link(HUB, PPMID, LinkFaults.PERFECT.withDown(10_000_000L, Long.MAX_VALUE)).build();
        sim.hub().distribute(Fixtures.gbImage(NEW, 64 * 1024), PPMID);
        assertEquals(RunOutcome.CONDITION_MET,
                sim.runUntil(() -> sim.hub().transferOutcome(PPMID).isPresent(), 24 * HOUR));
        assertEquals(Ccs08Code.FILE_TRANSFER_FAILURE, sim.hub().transferOutcome(PPMID).orElseThrow().code());
        assertTrue(sim.bus().stats().linkDown() > 0);
        assertEquals(OLD, sim.ppmid(PPMID).runningFirmwareVersion(), "R7.14: the old image keeps running");
    }

    @Test
    void r7_10_afterTheTransferTheChReadsBackTheVersion() {
        RecordingSink sink = new RecordingSink();
        Simulation sim = base(sink).ppmid(ppmid()).build();
        sim.hub().distribute(Fixtures.gbImage(NEW, 4096), PPMID);
        assertEquals(RunOutcome.CONDITION_MET, sim.runUntil(() -> sim.hub().readBack(PPMID).isPresent(), 4 * HOUR));
        var rb = sim.hub().readBack(PPMID).orElseThrow();
        assertEquals(ReadBackStatus.VERSION_MATCHES, rb.status());
        assertEquals(NEW, rb.versionRead().getAsLong());
        assertEquals(Ccs08Code.SUCCESS, sim.hub().transferOutcome(PPMID).orElseThrow().code());
    }

    @Test
    void r7_12_aLegacyPpmidWithoutOtaAnswersUnsupportedClusterAndTheChReportsFailure() {
        RecordingSink sink = new RecordingSink();
        // A CH that sends by binding (no discovery, decision 0025's opt-out) reaches the PPMID's endpoint,
        // which has no OTA client: the answer is UNSUPPORTED_CLUSTER. With discovery, see the next test.
        Simulation sim = base(sink).endpointDiscovery(false)
                .ppmid(Ppmid.Spec.legacyNoOta("legacy", PPMID, 0x0002, OLD)).build();
        sim.hub().distribute(Fixtures.gbImage(NEW, 4096), PPMID);
        assertEquals(RunOutcome.CONDITION_MET,
                sim.runUntil(() -> sim.hub().transferOutcome(PPMID).isPresent(), 24 * HOUR));
        assertEquals(Ccs08Code.FILE_TRANSFER_FAILURE, sim.hub().transferOutcome(PPMID).orElseThrow().code());
        List<DefaultResponse> answers = defaultResponsesFrom(sink, PPMID);
        assertTrue(!answers.isEmpty() && answers.stream().allMatch(d -> d.status() == ZclStatus.UNSUPPORTED_CLUSTER),
                answers.toString());
        assertEquals(OLD, sim.ppmid(PPMID).runningFirmwareVersion());
    }

    @Test
    void r7_12_g5_withDiscoveryTheChFindsNoOtaClientOnALegacyPpmidAndReportsFailure() {
        RecordingSink sink = new RecordingSink();
        Simulation sim = base(sink).ppmid(Ppmid.Spec.legacyNoOta("legacy", PPMID, 0x0002, OLD)).build();
        sim.hub().distribute(Fixtures.gbImage(NEW, 4096), PPMID);
        assertEquals(RunOutcome.CONDITION_MET,
                sim.runUntil(() -> sim.hub().transferOutcome(PPMID).isPresent(), 24 * HOUR));
        assertEquals(Ccs08Code.FILE_TRANSFER_FAILURE, sim.hub().transferOutcome(PPMID).orElseThrow().code());
        assertTrue(sim.hub().node().discoveryFailures() > 0, "Match Descriptor found no OTA client on the PPMID");
        assertTrue(sink.records.stream().noneMatch(r -> r.kind() == TraceRecord.Kind.SEND
                && r.frame().sourceEui64() == HUB && r.frame().clusterId() == OtaCluster.CLUSTER_ID
                && r.frame().profileId() == ApsFrame.PROFILE_SMART_ENERGY), "no OTA frame sent to a device without OTA");
        assertEquals(OLD, sim.ppmid(PPMID).runningFirmwareVersion());
    }

    @Test
    void r7_14_anImageThatFailsToBootLeavesTheOldOneRunning() {
        RecordingSink sink = new RecordingSink();
        // After the failed boot the PPMID comes back on the old image and at once asks for the image
        // again; the CH takes the CurrentFileVersion in that query as the read-back's answer (R7.10),
        // so the failure is reported whether the query or the Read Attributes comes first.
        Simulation sim = base(sink).ppmid(ppmid().withNewImagesFailingToBoot(true)).build();
        Ppmid p = sim.ppmid(PPMID);
        sim.hub().distribute(Fixtures.gbImage(NEW, 4096), PPMID);
        assertEquals(RunOutcome.CONDITION_MET, sim.runUntil(() -> sim.hub().readBack(PPMID).isPresent(), 4 * HOUR));
        assertEquals(List.of(NonVolatileStore.ActivationResult.BOOT_FAILED), p.activations());
        assertEquals(OLD, p.runningFirmwareVersion());
        var rb = sim.hub().readBack(PPMID).orElseThrow();
        assertEquals(ReadBackStatus.VERSION_DIFFERS, rb.status(), "reported by R7.10");
        assertEquals(OLD, rb.versionRead().getAsLong());
    }

    @ParameterizedTest(name = "pre-notified {0}, CH {1} → PPMID {2}")
    @CsvSource({
        "SMETS1, SMETS1, SMETS1",
        "SMETS1, SMETS2_PLUS, SMETS2_PLUS",
        "SMETS2_PLUS, SMETS1, SMETS1",
        "SMETS2_PLUS, SMETS2_PLUS, SMETS2_PLUS"})
    void r202_3_thePpmidsSmetsVersionFollowsTheCh(SmetsVersion preNotified, SmetsVersion ch, SmetsVersion result) {
        Simulation sim = Simulation.builder().seed(1).hub(Fixtures.hub().withSmets(ch))
                .ppmid(ppmid().withSmets(PpmidSmetsCapability.DUAL, preNotified)).build();
        assertEquals(preNotified, sim.ppmid(PPMID).preNotifiedSmetsVersion());
        assertEquals(result, sim.ppmid(PPMID).resultingSmetsVersion());
    }

    @Test
    void r202_4_noOtaToAPpmidInASmets1System() {
        RecordingSink sink = new RecordingSink();
        Simulation sim = Simulation.builder().seed(1).hub(Fixtures.hub().withSmets(SmetsVersion.SMETS1))
                .traceSink(sink).ppmid(ppmid()).build();
        DistributionRefusedException e = assertThrows(DistributionRefusedException.class,
                () -> sim.hub().distribute(Fixtures.gbImage(NEW, 4096), PPMID));
        assertEquals(Reason.PPMID_IN_SMETS1_SYSTEM, e.reason());
        sim.advance(HOUR);
        // The PPMID's own periodic Query Next Image still goes out and is answered NO_IMAGE_AVAILABLE;
        // what must not follow is any offer of firmware: no Image Notify, no block.
        assertTrue(sink.records.stream().filter(r -> r.frame().sourceEui64() == HUB)
                .map(r -> ota(r.frame())).noneMatch(c -> c instanceof ImageNotify
                        || c instanceof ImageBlockResponse.Success), "no firmware offered on the HAN");
        assertTrue(sim.hub().otaServer().store().keys().isEmpty(), "nothing staged");

        // The same PPMID model under a SMETS2+ CH is served (R202.4 "only to ... SMETS2+").
        Simulation ok = Simulation.builder().seed(1).hub(Fixtures.hub()).ppmid(ppmid()).build();
        ok.hub().distribute(Fixtures.gbImage(NEW, 4096), PPMID);
        assertEquals(RunOutcome.CONDITION_MET, ok.runUntil(() -> ok.ppmid(PPMID).runningFirmwareVersion() == NEW,
                2 * HOUR));
    }

    @Test
    void r7_13_aChWithoutOtaForHanDevicesRefuses() {
        Simulation sim = Simulation.builder().seed(1).hub(Fixtures.hub().withOtaForHanDevices(false))
                .ppmid(ppmid()).build();
        assertEquals(Reason.NO_OTA_FOR_HAN_DEVICES, assertThrows(DistributionRefusedException.class,
                () -> sim.hub().distribute(Fixtures.gbImage(NEW, 1024), PPMID)).reason());
    }


    /**
     * R7.1: firmware reaches the PPMID and the HCALCS by Zigbee OTA (cluster 0x0019, profile 0x0109)
     * served by the CH; the trace shows every 0x0019 frame between the CH and a device, the
     * server-to-client ones only from the CH, and no other server.
     */
    @Test
    void r7_1_theChIsTheOnlyOtaServerAndEveryOtaFrameIsBetweenItAndADevice() {
        RecordingSink sink = new RecordingSink();
        Simulation sim = base(sink).ppmid(ppmid())
                .hcalcs(new Hcalcs.Spec("hcalcs", HCALCS, 0x0004, Fixtures.ppmidProfile().name("hcalcs")
                        .ieeeAddress(HCALCS).activationPolicy(io.hansim.zigbee.ota.client.UpgradeActivationPolicy.OUT_OF_BAND_ONLY)
                        .build()))
                .build();
        byte[] image = Fixtures.gbImage(NEW, 8 * 1024);
        sim.hub().distribute(image, PPMID);
        sim.hub().distribute(image, HCALCS);
        assertEquals(RunOutcome.CONDITION_MET, sim.runUntil(() -> sim.hub().readBack(PPMID).isPresent()
                && sim.hcalcs(HCALCS).otaClient().orElseThrow().heldImage().isPresent(), 24 * HOUR));
        var ota = sink.records.stream().filter(r -> r.kind() == TraceRecord.Kind.SEND
                && r.frame().clusterId() == OtaCluster.CLUSTER_ID).toList();
        assertTrue(ota.size() > 200, "OTA traffic: " + ota.size());
        for (TraceRecord r : ota) {
            ApsFrame f = r.frame();
            assertEquals(ApsFrame.PROFILE_SMART_ENERGY, f.profileId());
            assertTrue(f.sourceEui64() == HUB || f.destinationEui64() == HUB || f.isBroadcast() && f.sourceEui64() == HUB,
                    "every OTA frame has the CH at one end: " + r);
            boolean serverToClient = (f.payload().get(0) & 0x08) != 0;
            if (serverToClient) {
                assertEquals(HUB, f.sourceEui64(), "only the CH speaks as the OTA server");
            }
        }
    }

    /**
     * R7.9: size limits are configuration; an image of 2 MiB transfers, and an image larger than the
     * buffer is refused at staging with a typed error naming both sizes.
     */
    @Test
    void r7_9_aTwoMebibyteImageTransfersAndAnOversizeOneIsRefusedNamingBothSizes() {
        RecordingSink sink = new RecordingSink();
        OtaServerConfig hub = OtaServerConfig.defaults(HUB).withBlockSizeCap(64)
                .withCapacity(new OtaServerConfig.Capacity(2, 3L << 20, OtaServerConfig.EvictionPolicy.REFUSE));
        Simulation sim = Simulation.builder().seed(3).hub(Fixtures.hub().withOta(hub)).traceSink(sink)
                .ppmid(Ppmid.Spec.of("ppmid", PPMID, 0x0002, Fixtures.ppmidProfile().maxImageSize(4L << 20).build()))
                .build();
        byte[] big = Fixtures.gbImage(NEW + 1, 4 << 20);
        DistributionRefusedException e = assertThrows(DistributionRefusedException.class,
                () -> sim.hub().distribute(big, PPMID));
        assertEquals(Reason.BUFFER_REFUSED, e.reason());
        assertTrue(e.getMessage().contains(String.valueOf(big.length)) && e.getMessage().contains(String.valueOf(3L << 20)),
                "names both sizes: " + e.getMessage());

        byte[] image = Fixtures.gbImage(NEW, 2 << 20);
        sim.hub().distribute(image, PPMID);
        assertEquals(RunOutcome.CONDITION_MET, sim.runUntil(() -> sim.hub().readBack(PPMID).isPresent(), 96 * HOUR));
        assertEquals(NEW, sim.ppmid(PPMID).runningFirmwareVersion());
        org.junit.jupiter.api.Assertions.assertArrayEquals(image, sim.ppmid(PPMID).store().running().image().toArray());
    }

    /**
     * R7.8 with the CH itself losing power mid-transfer: its OTA server (RAM) is gone, but the staged
     * image survives in its buffer and the open distribution in its flash beside it, so the PPMID's
     * resumed block requests are served from their FileOffset: the image arrives whole, with no
     * second download, and is read back.
     */
    @Test
    void r7_8_aChPowerCutMidTransferResumesTheDownloadAndItStillCompletes() {
        RecordingSink sink = new RecordingSink();
        Simulation sim = base(sink).ppmid(ppmid()).build();
        byte[] image = Fixtures.gbImage(NEW, 16 * 1024);
        sim.hub().distribute(image, PPMID);
        Ppmid p = sim.ppmid(PPMID);
        assertEquals(RunOutcome.CONDITION_MET, sim.runUntil(() -> p.fileOffset() >= 8 * 1024, 4 * HOUR));
        sim.hub().powerOff();
        assertThrows(IllegalStateException.class, () -> sim.hub().otaServer());
        assertEquals(Reason.CH_POWERED_OFF, assertThrows(DistributionRefusedException.class,
                () -> sim.hub().distribute(image, PPMID)).reason());
        sim.advance(60 * Fixtures.SECOND);
        sim.hub().powerOn();
        assertEquals(1, sim.hub().otaServer().store().imageCount(), "the buffer is flash: the image is still staged");
        assertEquals(RunOutcome.CONDITION_MET, sim.runUntil(() -> sim.hub().readBack(PPMID).isPresent(), 24 * HOUR));
        assertEquals(NEW, p.runningFirmwareVersion());
        org.junit.jupiter.api.Assertions.assertArrayEquals(image, p.store().running().image().toArray());
        // Blocks in flight when the CH went down are asked for again; nothing before them is.
        long served = OtaAlerts.blockBytesSent(sink, HUB, PPMID);
        assertTrue(served <= image.length + 2 * 64, "no second download: " + served + " bytes for " + image.length);
        assertEquals(1, OtaAlerts.offers(sink, HUB, PPMID), "offered once");
        assertEquals(List.of("CCS08 0", "012B 0 01000002"), OtaAlerts.firmwareAlerts(sim, PPMID));
    }

    /**
     * R7.7: while an image is still arriving from the WAN, block requests past what has arrived get
     * WAIT_FOR_DATA; once the rest is in, the download completes.
     */
    @Test
    void r7_7_blocksPastWhatHasArrivedFromTheWanGetWaitForData() {
        RecordingSink sink = new RecordingSink();
        Simulation sim = base(sink).ppmid(ppmid()).build();
        byte[] image = Fixtures.gbImage(NEW, 16 * 1024);
        var key = sim.hub().distribute(image, PPMID, 4096);
        Ppmid p = sim.ppmid(PPMID);
        sim.runUntil(() -> false, 10 * 60 * Fixtures.SECOND);
        assertTrue(p.fileOffset() <= 4096, "nothing past what has arrived is served: " + p.fileOffset());
        long waits = sink.records.stream().filter(r -> r.kind() == TraceRecord.Kind.SEND && r.frame().sourceEui64() == HUB)
                .map(r -> ota(r.frame())).filter(c -> c instanceof ImageBlockResponse.WaitForData).count();
        assertTrue(waits > 0, "WAIT_FOR_DATA sent");
        sim.hub().imageDataArrived(key, image.length);
        assertEquals(RunOutcome.CONDITION_MET, sim.runUntil(() -> sim.hub().readBack(PPMID).isPresent(), 24 * HOUR));
        assertEquals(NEW, p.runningFirmwareVersion());
        org.junit.jupiter.api.Assertions.assertArrayEquals(image, p.store().running().image().toArray());
    }
}
