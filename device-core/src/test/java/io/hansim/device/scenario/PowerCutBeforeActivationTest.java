package io.hansim.device.scenario;

import io.hansim.device.node.HanDevice;
import static io.hansim.device.Fixtures.HCALCS;
import static io.hansim.device.Fixtures.HOUR;
import static io.hansim.device.Fixtures.HUB;
import static io.hansim.device.Fixtures.MINUTE;
import static io.hansim.device.Fixtures.NEW;
import static io.hansim.device.Fixtures.OLD;
import static io.hansim.device.Fixtures.PPMID;
import static io.hansim.device.Fixtures.SECOND;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hansim.device.Fixtures;
import io.hansim.device.Fixtures.RecordingSink;
import io.hansim.device.Simulation;
import io.hansim.device.gbcs.HubGbcsService;
import io.hansim.device.hcalcs.Hcalcs;
import io.hansim.device.ppmid.Ppmid;
import io.hansim.device.sim.RunOutcome;
import io.hansim.device.storage.NonVolatileStore;
import io.hansim.gbcs.GbcsCodec;
import io.hansim.gbcs.usecase.UseCaseCodec;
import io.hansim.gbcs.usecase.UseCaseRecord;
import io.hansim.zigbee.ota.client.ClientProfile;
import io.hansim.zigbee.ota.client.ClientQuirk;
import io.hansim.zigbee.ota.client.ImageUpgradeStatus;
import io.hansim.zigbee.ota.client.OtaClient;
import io.hansim.zigbee.ota.server.TransferState;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

/**
 * Fault 1 of issue 13 (R7.4, R7.5, R7.8): a PPMID or HCALCS that loses power anywhere between the
 * last block and the activation keeps its verified image in flash, resumes after boot, and the
 * upgrade completes with one download. The CH answers the device's repeated Upgrade End Request for
 * the image it delivered with an Upgrade End Response (zigbee-ota.md §5.2), also after the CH itself
 * rebooted, and the DCC sees exactly one CCS08 per distribution, then 0x012B saying what the device
 * runs after each read-back.
 *
 * <p>Each phase is cut for a short time (30 s: shorter than every CH timer, the CH still waits for
 * the device) and a long one (3 h: the CH's end-request timeout or read-back ran out meanwhile).
 */
class PowerCutBeforeActivationTest {
    private static final long SHORT = 30 * SECOND;
    private static final long LONG = 3 * HOUR;
    private static final int BODY = 4096;

    /** Where the device is when the power goes. */
    enum Phase {
        /** Every byte stored; the image is being verified; no Upgrade End Request yet. */
        VERIFYING,
        /** Upgrade End Request SUCCESS sent; the CH has not received it yet. */
        END_REQUEST_IN_FLIGHT,
        /** The CH received it and answered; the Upgrade End Response is on its way. */
        END_RESPONSE_IN_FLIGHT,
        /** The answer arrived: the device counts down to the activation (3 s). */
        COUNTDOWN
    }

    /** The same, for an HCALCS, with the phases of its wait for CS06 (R7.5). */
    enum HcalcsPhase {
        VERIFYING,
        END_REQUEST_IN_FLIGHT,
        END_RESPONSE_IN_FLIGHT,
        /** Holding the image in ImageUpgradeStatus 6; the CH's read-back still to come. */
        HOLDING,
        /** Holding the image, long after the CH's read-back ended. */
        HOLDING_AFTER_READ_BACK,
        /** CS06 with the right hash accepted (response outcome 0); the count-down to activation runs. */
        CS06_COUNTDOWN
    }

    private static ClientProfile.Builder slowVerifying() {
        return Fixtures.ppmidProfile().quirk(ClientQuirk.SLOW_VERIFY).slowVerifyDuration(20 * SECOND);
    }

    private static Simulation ppmidSim(RecordingSink sink) {
        return Simulation.builder().seed(13).hub(Fixtures.hub()).traceSink(sink)
                .ppmid(Ppmid.Spec.of("ppmid", PPMID, 0x0002, slowVerifying().build())).build();
    }

    private static Simulation hcalcsSim(RecordingSink sink) {
        return Simulation.builder().seed(13).hub(Fixtures.hub()).traceSink(sink)
                .hcalcs(new Hcalcs.Spec("hcalcs", HCALCS, 0x0004, slowVerifying().name("hcalcs").build())).build();
    }

    /** Whether {@code device} (its live client from {@code client}) is in {@code phase}, as the CH sees it too. */
    private static BooleanSupplier reached(Simulation sim, long device, Supplier<Optional<OtaClient>> client,
            String phase) {
        return () -> {
            OtaClient.State s = client.get().map(OtaClient::state).orElse(OtaClient.State.OFF);
            TransferState server = sim.hub().otaServer().state(device);
            return switch (phase) {
                case "VERIFYING" -> s == OtaClient.State.VERIFYING;
                case "END_REQUEST_IN_FLIGHT" -> s == OtaClient.State.WAITING_TO_UPGRADE && !server.isAfterDownload();
                case "END_RESPONSE_IN_FLIGHT" -> s == OtaClient.State.WAITING_TO_UPGRADE && server.isAfterDownload();
                case "COUNTDOWN" -> s == OtaClient.State.COUNTDOWN;
                default -> throw new IllegalArgumentException(phase);
            };
        };
    }

    private static void cutThenRestore(io.hansim.device.node.HanDevice d, Simulation sim, long off) {
        d.powerOff();
        assertTrue(d.store().persistedDownload().isPresent(), "the verified image stays in flash");
        sim.advance(off);
        d.powerOn();
    }

    @ParameterizedTest(name = "{0}, off {1} s")
    @org.junit.jupiter.params.provider.MethodSource("ppmidCases")
    void r7_4_r7_8_aPpmidCutBetweenLastBlockAndActivationUpgradesWithOneDownload(Phase phase, long offSeconds) {
        RecordingSink sink = new RecordingSink();
        Simulation sim = ppmidSim(sink);
        Ppmid p = sim.ppmid(PPMID);
        byte[] image = Fixtures.gbImage(NEW, BODY);
        sim.hub().distribute(image, PPMID);
        assertEquals(RunOutcome.CONDITION_MET, sim.runUntil(reached(sim, PPMID, p::otaClient, phase.name()), 2 * HOUR),
                "phase " + phase + " reached");
        cutThenRestore(p, sim, offSeconds * SECOND);
        sim.advance(6 * HOUR);

        assertEquals(NEW, p.runningFirmwareVersion(), "the new version runs");
        assertEquals(List.of(NonVolatileStore.ActivationResult.ACTIVATED), p.activations());
        assertEquals(image.length, OtaAlerts.blockBytesSent(sink, HUB, PPMID), "one download, not two");
        assertEquals(1, OtaAlerts.offers(sink, HUB, PPMID), "offered once");
        boolean chTimedOut = offSeconds * SECOND == LONG;
        List<String> expected = !chTimedOut ? List.of("CCS08 0", "012B 0 01000002")
                : phase == Phase.VERIFYING
                        // The CH's end-request timeout (10 min) ran out: its one CCS08 says code 3; the
                        // device then asks to apply the image the CH served in full, is answered, and the
                        // read-back reports the new version.
                        ? List.of("CCS08 3", "012B 0 01000002")
                        // The read-back found the device off (0x012B failure, R7.10); after boot the CH
                        // answers its Upgrade End Request, reads back again and reports the new version.
                        : List.of("CCS08 0", "012B 1 00000000", "012B 0 01000002");
        assertEquals(expected, OtaAlerts.firmwareAlerts(sim, PPMID));
    }

    static List<org.junit.jupiter.params.provider.Arguments> ppmidCases() {
        List<org.junit.jupiter.params.provider.Arguments> out = new java.util.ArrayList<>();
        for (Phase p : Phase.values()) {
            for (long off : new long[] {SHORT / SECOND, LONG / SECOND}) {
                out.add(org.junit.jupiter.params.provider.Arguments.of(p, off));
            }
        }
        return out;
    }

    static List<org.junit.jupiter.params.provider.Arguments> hcalcsCases() {
        List<org.junit.jupiter.params.provider.Arguments> out = new java.util.ArrayList<>();
        for (HcalcsPhase p : HcalcsPhase.values()) {
            for (long off : new long[] {SHORT / SECOND, LONG / SECOND}) {
                out.add(org.junit.jupiter.params.provider.Arguments.of(p, off));
            }
        }
        return out;
    }

    private static int cs06(Simulation sim, byte[] image) {
        var resp = sim.gbcs().receive(sim.supplier().cs06(HCALCS, Fixtures.manufacturerImageHash(image),
                Optional.empty()));
        assertEquals(1, resp.size(), "CS06 answered");
        return ((UseCaseRecord.Cs06Response) UseCaseCodec.decode(GbcsCodec.decode(resp.get(0).bytes().toByteArray()))
                .orElseThrow()).outcome();
    }

    @ParameterizedTest(name = "{0}, off {1} s")
    @org.junit.jupiter.params.provider.MethodSource("hcalcsCases")
    void r7_5_r7_8_anHcalcsCutBeforeActivationKeepsItsImageForCs06WithOneDownload(HcalcsPhase phase,
            long offSeconds) {
        RecordingSink sink = new RecordingSink();
        Simulation sim = hcalcsSim(sink);
        Hcalcs h = sim.hcalcs(HCALCS);
        byte[] image = Fixtures.gbImage(NEW, BODY);
        sim.hub().distribute(image, HCALCS);
        switch (phase) {
            case VERIFYING, END_REQUEST_IN_FLIGHT, END_RESPONSE_IN_FLIGHT -> assertEquals(RunOutcome.CONDITION_MET,
                    sim.runUntil(reached(sim, HCALCS, h::otaClient, phase.name()), 2 * HOUR), "phase " + phase + " reached");
            case HOLDING, HOLDING_AFTER_READ_BACK, CS06_COUNTDOWN -> {
                assertEquals(RunOutcome.CONDITION_MET, sim.runUntil(() -> h.imageUpgradeStatus()
                        .orElse(ImageUpgradeStatus.NORMAL) == ImageUpgradeStatus.WAITING_TO_UPGRADE_VIA_EXTERNAL_EVENT,
                        2 * HOUR));
                if (phase == HcalcsPhase.HOLDING_AFTER_READ_BACK) {
                    sim.advance(HOUR);
                    assertEquals(TransferState.IDLE, sim.hub().otaServer().state(HCALCS), "the CH is done");
                } else if (phase == HcalcsPhase.CS06_COUNTDOWN) {
                    assertEquals(0, cs06(sim, image), "CS06 accepted");
                    assertEquals(OtaClient.State.COUNTDOWN, h.otaClient().orElseThrow().state());
                }
            }
        }
        cutThenRestore(h, sim, offSeconds * SECOND);
        sim.advance(HOUR);

        if (phase != HcalcsPhase.CS06_COUNTDOWN) {
            assertEquals(OLD, h.runningFirmwareVersion(), "no activation without CS06");
            assertEquals(ImageUpgradeStatus.WAITING_TO_UPGRADE_VIA_EXTERNAL_EVENT, h.imageUpgradeStatus().orElseThrow(),
                    "the verified image is held again after boot");
            assertEquals(0, cs06(sim, image), "CS06 with the right hash activates the image held");
        }
        sim.advance(HOUR);
        assertEquals(NEW, h.runningFirmwareVersion(), "the new version runs");
        assertEquals(NonVolatileStore.ActivationResult.ACTIVATED, h.lastActivation().orElseThrow());
        assertEquals(image.length, OtaAlerts.blockBytesSent(sink, HUB, HCALCS), "one download, not two");
        assertEquals(1, OtaAlerts.offers(sink, HUB, HCALCS), "offered once");
        boolean chTimedOut = offSeconds * SECOND == LONG && phase == HcalcsPhase.VERIFYING;
        // One CCS08 per distribution; 0x012B is the PPMID's alert, an HCALCS reports by its CS06 response.
        assertEquals(List.of(chTimedOut ? "CCS08 3" : "CCS08 0"), OtaAlerts.firmwareAlerts(sim, HCALCS));
        sim.advance(24 * HOUR);
        assertEquals(image.length, OtaAlerts.blockBytesSent(sink, HUB, HCALCS), "and no download later either");
    }

    /**
     * R7.5: a future-dated CS06 whose execution time passes while the HCALCS is off is reported as not
     * actioned (0x00CA alert 0x8F67) at that time, and nothing activates behind the supplier's back
     * later; the image survives in flash, so the next CS06 activates it with no second download.
     */
    @Test
    void r7_5_aFutureDatedCs06DueWhileTheHcalcsIsOffIsNotActionedAndTheImageIsKept() {
        RecordingSink sink = new RecordingSink();
        Simulation sim = hcalcsSim(sink);
        Hcalcs h = sim.hcalcs(HCALCS);
        byte[] image = Fixtures.gbImage(NEW, BODY);
        sim.hub().distribute(image, HCALCS);
        assertEquals(RunOutcome.CONDITION_MET, sim.runUntil(() -> h.imageUpgradeStatus().orElse(ImageUpgradeStatus.NORMAL)
                == ImageUpgradeStatus.WAITING_TO_UPGRADE_VIA_EXTERNAL_EVENT, 2 * HOUR));
        Instant at = sim.hub().instantNow().plusSeconds(3600).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        sim.gbcs().receive(sim.supplier().cs06(HCALCS, Fixtures.manufacturerImageHash(image), Optional.of(at)));
        sim.advance(10 * MINUTE);
        h.powerOff();
        sim.advance(2 * HOUR);
        var alerts = sim.gbcs().sent(0x00CA);
        assertEquals(1, alerts.size());
        var fd = (UseCaseRecord.FutureDatedActivationAlert) UseCaseCodec.decode(GbcsCodec.decode(
                alerts.get(0).bytes().toByteArray())).orElseThrow();
        assertEquals(HubGbcsService.ALERT_FUTURE_DATED_NOT_ACTIONED, fd.alertCode());
        assertEquals(OLD, h.runningFirmwareVersion());

        h.powerOn();
        sim.advance(HOUR);
        assertEquals(OLD, h.runningFirmwareVersion(), "not actioned means not actioned later either");
        assertEquals(ImageUpgradeStatus.WAITING_TO_UPGRADE_VIA_EXTERNAL_EVENT, h.imageUpgradeStatus().orElseThrow());
        assertEquals(0, cs06(sim, image));
        sim.advance(HOUR);
        assertEquals(NEW, h.runningFirmwareVersion());
        assertEquals(image.length, OtaAlerts.blockBytesSent(sink, HUB, HCALCS), "one download");
        assertEquals(List.of("CCS08 0"), OtaAlerts.firmwareAlerts(sim, HCALCS));
    }

    /**
     * The CH reboots too, while the PPMID is off between download and activation: before its
     * read-back was due, and after it ended. Its server is RAM, but what it must remember of the
     * distribution is in its flash beside the image buffer: the read-back still comes, and the
     * PPMID's Upgrade End Request after boot is answered, not aborted (R7.4, R7.8, R7.10).
     */
    @ParameterizedTest(name = "CH reboots {0} s after the PPMID lost power")
    @org.junit.jupiter.params.provider.ValueSource(longs = {20, 3600})
    void r7_4_r7_8_theChRebootingMeanwhileStillAnswersTheRepeatedUpgradeEndRequest(long chCutAfterSeconds) {
        RecordingSink sink = new RecordingSink();
        Simulation sim = ppmidSim(sink);
        Ppmid p = sim.ppmid(PPMID);
        byte[] image = Fixtures.gbImage(NEW, BODY);
        sim.hub().distribute(image, PPMID);
        assertEquals(RunOutcome.CONDITION_MET, sim.runUntil(reached(sim, PPMID, p::otaClient,
                Phase.END_RESPONSE_IN_FLIGHT.name()), 2 * HOUR));
        p.powerOff();
        sim.advance(chCutAfterSeconds * SECOND);
        sim.hub().powerOff();
        sim.advance(5 * SECOND);
        sim.hub().powerOn();
        sim.advance(LONG);
        p.powerOn();
        sim.advance(6 * HOUR);

        assertEquals(NEW, p.runningFirmwareVersion());
        assertEquals(image.length, OtaAlerts.blockBytesSent(sink, HUB, PPMID), "one download");
        assertEquals(List.of("CCS08 0", "012B 1 00000000", "012B 0 01000002"), OtaAlerts.firmwareAlerts(sim, PPMID));
    }
}
