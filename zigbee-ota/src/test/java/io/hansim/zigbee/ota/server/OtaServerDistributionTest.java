package io.hansim.zigbee.ota.server;

import io.hansim.zigbee.ota.ImageBlockRequest;
import io.hansim.zigbee.ota.ImageBlockResponse;
import io.hansim.zigbee.ota.OtaCommand;
import io.hansim.zigbee.ota.QueryNextImageRequest;
import io.hansim.zigbee.ota.QueryNextImageResponse;
import io.hansim.zigbee.ota.UpgradeEndRequest;
import io.hansim.zigbee.ota.UpgradeEndResponse;
import io.hansim.zigbee.ota.server.DistributionRecord.Distribution;
import io.hansim.zigbee.ota.server.ServerAction.PersistDistribution;
import io.hansim.zigbee.ota.server.ServerAction.ReadBackResult;
import io.hansim.zigbee.ota.server.ServerAction.TransferOutcome;
import io.hansim.zigbee.ota.server.ServerEvent.NotifyMode;
import io.hansim.zigbee.ota.server.ServerTimer.Kind;
import io.hansim.zigbee.zcl.ZclStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static io.hansim.zigbee.ota.server.ServerHarness.MFR;
import static io.hansim.zigbee.ota.server.ServerHarness.PPMID;
import static io.hansim.zigbee.ota.server.ServerHarness.SECOND;
import static io.hansim.zigbee.ota.server.ServerHarness.TYPE;
import static io.hansim.zigbee.ota.server.ServerHarness.V_NEW;
import static io.hansim.zigbee.ota.server.ServerHarness.V_OLD;
import static io.hansim.zigbee.ota.server.ServerHarness.block;
import static io.hansim.zigbee.ota.server.ServerHarness.defaultResponse;
import static io.hansim.zigbee.ota.server.ServerHarness.image;
import static io.hansim.zigbee.ota.server.ServerHarness.only;
import static io.hansim.zigbee.ota.server.ServerHarness.onlyOta;
import static io.hansim.zigbee.ota.server.ServerHarness.otaSent;
import static io.hansim.zigbee.ota.server.ServerHarness.readTsn;
import static io.hansim.zigbee.ota.server.ServerHarness.version;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The distribution lifecycle of {@link OtaServer} (issue 13): one distribution ends in one
 * {@link TransferOutcome} and bars its image for the client until {@link ServerEvent.Distribute}
 * (R7.8); an Upgrade End Request SUCCESS for an image delivered in a distribution that has ended is
 * answered with an Upgrade End Response, not ABORT (R7.4, R7.5, zigbee-ota.md §5.2); and what the
 * server must remember across its own restart is persisted ({@link PersistDistribution}) and restored
 * ({@link ServerEvent.RestoreClient}).
 */
class OtaServerDistributionTest {
    private static final OtaImage IMG = image(MFR, TYPE, V_NEW, 100); // 166 bytes: 5 blocks of 40
    private static final UpgradeEndRequest END = new UpgradeEndRequest(ZclStatus.SUCCESS, MFR, TYPE, V_NEW);

    private static ServerHarness distributed(OtaServerConfig config) {
        ServerHarness s = new ServerHarness(config);
        s.stage(IMG);
        s.handle(new ServerEvent.Distribute(0, PPMID, IMG.key()));
        s.notify(PPMID, NotifyMode.UNICAST, 0, 100, IMG.key());
        return s;
    }

    /** Offered and every byte served, with the actions of the whole download. */
    private static List<ServerAction> download(ServerHarness s) {
        List<ServerAction> all = new ArrayList<>(s.send(PPMID, QueryNextImageRequest.of(MFR, TYPE, V_OLD)));
        for (long off = 0; off < IMG.size(); off += 40) {
            all.addAll(s.send(PPMID, ImageBlockRequest.of(MFR, TYPE, V_NEW, off, 40)));
        }
        return all;
    }

    private static List<DistributionRecord> persisted(List<ServerAction> actions) {
        return only(actions, PersistDistribution.class).stream().map(PersistDistribution::record).toList();
    }

    /** Ends the read-back with no answer: three Read Attributes, then NO_ANSWER. */
    private static List<ServerAction> readBackUnanswered(ServerHarness s) {
        List<ServerAction> all = new ArrayList<>();
        s.at(s.now + 3600 * SECOND);
        all.addAll(s.fire(PPMID, Kind.READ_BACK));
        for (int i = 0; i < 3; i++) {
            s.after(60 * SECOND);
            all.addAll(s.fire(PPMID, Kind.READ_BACK_RESPONSE));
        }
        return all;
    }

    @Test
    void r7_8_aStalledDistributionReportsOnceAndItsImageIsNotOfferedAgainUntilANewDistribute() {
        ServerHarness s = distributed(ServerHarness.config());
        s.send(PPMID, QueryNextImageRequest.of(MFR, TYPE, V_OLD));
        s.send(PPMID, ImageBlockRequest.of(MFR, TYPE, V_NEW, 0, 40));
        s.at(400 * SECOND);
        List<TransferOutcome> ended = only(s.fire(PPMID, Kind.TRANSFER_STALL), TransferOutcome.class);
        assertEquals(List.of(TransferResult.TIMED_OUT), ended.stream().map(TransferOutcome::result).toList());

        // Hourly queries for a day: no offer, no outcome, no transfer.
        for (int h = 1; h <= 24; h++) {
            s.at(h * 3600 * SECOND);
            List<ServerAction> a = s.send(PPMID, QueryNextImageRequest.of(MFR, TYPE, V_OLD));
            assertEquals(QueryNextImageResponse.NO_IMAGE_AVAILABLE, onlyOta(a));
            assertTrue(only(a, TransferOutcome.class).isEmpty());
            assertEquals(TransferState.IDLE, s.server.state(PPMID));
        }
        assertEquals(ImageBlockResponse.StatusOnly.ABORT, onlyOta(s.send(PPMID, ImageBlockRequest.of(MFR, TYPE, V_NEW,
                40, 40))), "and its resumed block requests are not served");

        // A bare notify does not reopen it; a Distribute does.
        List<ServerAction> refused = s.notify(PPMID, NotifyMode.UNICAST, 0, 100, IMG.key());
        assertEquals(new Refusal.DistributionEnded(PPMID, IMG.key()),
                only(refused, ServerAction.CommandRefused.class).get(0).reason());
        assertTrue(otaSent(refused).isEmpty());
        assertTrue(persisted(s.handle(new ServerEvent.Distribute(s.now, PPMID, IMG.key()))).get(0).ended().isEmpty());
        assertEquals(QueryNextImageResponse.success(MFR, TYPE, V_NEW, IMG.size()),
                onlyOta(s.send(PPMID, QueryNextImageRequest.of(MFR, TYPE, V_OLD))));
    }

    @Test
    void r7_8_anotherImageIsStillOfferedAfterOneDistributionEnded() {
        ServerHarness s = distributed(ServerHarness.config());
        s.send(PPMID, QueryNextImageRequest.of(MFR, TYPE, V_OLD));
        s.at(400 * SECOND);
        s.fire(PPMID, Kind.TRANSFER_STALL);
        OtaImage newer = s.stage(image(MFR, TYPE, 0x30, 10));
        assertEquals(QueryNextImageResponse.success(MFR, TYPE, 0x30, newer.size()),
                onlyOta(s.send(PPMID, QueryNextImageRequest.of(MFR, TYPE, V_OLD))));
    }

    @Test
    void aNotifyReplacingANotifiedDistributionEndsItWithItsOutcome() {
        ServerHarness s = distributed(ServerHarness.config());
        OtaImage other = s.stage(image(MFR, TYPE, 0x30, 10));
        List<ServerAction> a = s.notify(PPMID, NotifyMode.UNICAST, 0, 100, other.key());
        TransferOutcome o = only(a, TransferOutcome.class).get(0);
        assertEquals(IMG.key(), o.image());
        assertEquals(TransferResult.SUPERSEDED, o.result());
        assertEquals(TransferState.NOTIFIED, s.server.state(PPMID));
        assertEquals(other.key(), s.server.transferImage(PPMID).orElseThrow());
    }

    /** R7.4, R7.8: the read-back found the PPMID off; after boot it asks to apply the image it holds. */
    @Test
    void r7_4_anUpgradeEndRequestAfterTheDistributionEndedGetsAnUpgradeEndResponseAndANewReadBack() {
        ServerHarness s = distributed(ServerHarness.config());
        download(s);
        s.at(10 * SECOND);
        assertEquals(1, only(s.send(PPMID, END), TransferOutcome.class).size());
        List<ServerAction> gaveUp = readBackUnanswered(s);
        assertEquals(ReadBackStatus.NO_ANSWER, only(gaveUp, ReadBackResult.class).get(0).status());
        assertEquals(TransferState.IDLE, s.server.state(PPMID));

        s.at(5 * 3600 * SECOND);
        List<ServerAction> a = s.send(PPMID, END);
        assertEquals(new UpgradeEndResponse(MFR, TYPE, V_NEW, 0, 0), onlyOta(a), "now, not ABORT");
        assertTrue(only(a, TransferOutcome.class).isEmpty(), "the distribution's CCS08 went out already");
        assertEquals(TransferState.WAITING_TO_UPGRADE, s.server.state(PPMID));

        s.after(60 * SECOND);
        int tsn = readTsn(s.fire(PPMID, Kind.READ_BACK));
        List<ServerAction> rb = s.answerReadBack(PPMID, tsn, version(V_NEW));
        assertEquals(ReadBackStatus.VERSION_MATCHES, only(rb, ReadBackResult.class).get(0).status());
        assertTrue(only(rb, TransferOutcome.class).isEmpty());
        assertEquals(TransferState.IDLE, s.server.state(PPMID));
    }

    /** The time still to go, or now if it has passed, in the form the policy used (zigbee-ota.md §5.2). */
    @ParameterizedTest
    @ValueSource(strings = {"after-delay-pending", "after-delay-passed", "at-utc", "wait-for-command",
        "wait-for-command-activated"})
    void r7_4_r7_5_theRepeatedAnswerKeepsTheActivationPolicysTime(String policy) {
        long utc = UtcClock.DEFAULT_ORIGIN + 7200;
        ActivationPolicy p = switch (policy) {
            case "after-delay-pending" -> ActivationPolicy.afterSeconds(7200);
            case "after-delay-passed" -> ActivationPolicy.afterSeconds(30);
            case "at-utc" -> ActivationPolicy.atUtc(utc);
            default -> ActivationPolicy.waitForCommand();
        };
        ServerHarness s = distributed(ServerHarness.config().withActivation(p)
                .withReadBack(OtaServerConfig.ReadBack.DEFAULT.withEnabled(false)));
        download(s);
        s.at(100 * SECOND);
        s.send(PPMID, END);
        if (policy.equals("wait-for-command-activated")) {
            s.handle(new ServerEvent.ActivateNow(s.now, PPMID));
        }
        // Without a read-back the distribution ends at the answer, except for a client still waiting
        // for the command (then the repeated request is answered as before, from WAITING_FOR_UPGRADE_COMMAND).
        assertEquals(policy.equals("wait-for-command") ? TransferState.WAITING_FOR_UPGRADE_COMMAND : TransferState.IDLE,
                s.server.state(PPMID));
        s.at(1000 * SECOND);
        OtaCommand answer = onlyOta(s.send(PPMID, END));
        UpgradeEndResponse expected = switch (policy) {
            case "after-delay-pending" -> new UpgradeEndResponse(MFR, TYPE, V_NEW, 0, 7200 + 100 - 1000);
            case "after-delay-passed", "wait-for-command-activated" -> new UpgradeEndResponse(MFR, TYPE, V_NEW, 0, 0);
            case "at-utc" -> new UpgradeEndResponse(MFR, TYPE, V_NEW, UtcClock.DEFAULT_ORIGIN + 1000, utc);
            default -> new UpgradeEndResponse(MFR, TYPE, V_NEW, 0, 0xFFFF_FFFFL);
        };
        assertEquals(expected, answer);
    }

    /**
     * The CH served every byte, then the end-request timeout ran out (the PPMID lost power while
     * verifying): CCS08 code 3. The PPMID boots and asks to apply the image it holds: answered with
     * the activation policy's times, and no second CCS08 (R7.4, R7.8).
     */
    @Test
    void r7_4_anImageServedInFullIsAnsweredEvenAfterTheEndRequestTimeout() {
        ServerHarness s = distributed(ServerHarness.config());
        download(s);
        s.at(3600 * SECOND);
        assertEquals(TransferResult.TIMED_OUT,
                only(s.fire(PPMID, Kind.TRANSFER_STALL), TransferOutcome.class).get(0).result());
        List<ServerAction> a = s.send(PPMID, END);
        assertEquals(new UpgradeEndResponse(MFR, TYPE, V_NEW, 0, 0), onlyOta(a));
        assertTrue(only(a, TransferOutcome.class).isEmpty());
    }

    @Test
    void anImageNotServedInFullIsStillRefused() {
        ServerHarness s = distributed(ServerHarness.config());
        s.send(PPMID, QueryNextImageRequest.of(MFR, TYPE, V_OLD));
        s.send(PPMID, ImageBlockRequest.of(MFR, TYPE, V_NEW, 0, 40));
        s.at(3600 * SECOND);
        s.fire(PPMID, Kind.TRANSFER_STALL);
        assertEquals(defaultResponse(PPMID, s.tsn() + 1, 0x06, ZclStatus.ABORT), s.send(PPMID, END).get(0));
    }

    @Test
    void persistedAtEachStepOfTheLifecycleNeverPerBlock() {
        ServerHarness s = new ServerHarness();
        s.stage(IMG);
        List<DistributionRecord> atNotify = persisted(s.notify(PPMID, NotifyMode.UNICAST, 0, 100, IMG.key()));
        assertEquals(1, atNotify.size());
        Distribution open = atNotify.get(0).open().orElseThrow();
        assertEquals(new Distribution(IMG.key(), IMG.size(), false, false, Optional.empty(), 0, 0), open);

        // Five blocks: one record, when the last byte goes out.
        List<DistributionRecord> during = persisted(download(s));
        assertEquals(1, during.size());
        assertTrue(during.get(0).open().orElseThrow().servedInFull());

        DistributionRecord downloaded = persisted(s.send(PPMID, END)).get(0);
        Distribution d = downloaded.open().orElseThrow();
        assertTrue(d.downloaded() && d.outcomeReported());
        assertEquals(Optional.of(ActivationPolicy.now()), d.activation());

        List<DistributionRecord> end = persisted(readBackUnanswered(s));
        assertEquals(1, end.size());
        assertEquals(Optional.empty(), end.get(0).open());
        assertEquals(IMG.key(), end.get(0).delivered().orElseThrow().image());
        assertEquals(List.of(IMG.key()), end.get(0).ended());
        assertEquals(end.get(0), s.server.distributionRecord(PPMID));
    }

    // ---------------------------------------------------------------- restart

    /** A new server instance, the image buffer staged again, the record handed back. */
    private static ServerHarness restarted(ServerHarness before, OtaServerConfig config) {
        DistributionRecord r = before.server.distributionRecord(PPMID);
        ServerHarness s = new ServerHarness(config);
        s.at(before.now + 5 * SECOND);
        for (ImageKey k : before.server.store().keys()) {
            s.stage(before.server.store().image(k).orElseThrow());
        }
        s.handle(new ServerEvent.RestoreClient(s.now, r));
        return s;
    }

    @Test
    void r7_8_afterARestartAnOpenDownloadGoesOnFromTheResumedBlockRequest() {
        ServerHarness s = distributed(ServerHarness.config());
        s.send(PPMID, QueryNextImageRequest.of(MFR, TYPE, V_OLD));
        s.send(PPMID, ImageBlockRequest.of(MFR, TYPE, V_NEW, 0, 40));
        ServerHarness after = restarted(s, ServerHarness.config());
        assertEquals(TransferState.IMAGE_OFFERED, after.server.state(PPMID));
        assertEquals(block(IMG, 40, 40), onlyOta(after.send(PPMID, ImageBlockRequest.of(MFR, TYPE, V_NEW, 40, 40))));
    }

    @Test
    void r7_10_afterARestartTheReadBackThatWasDueStillComes() {
        ServerHarness s = distributed(ServerHarness.config());
        download(s);
        s.at(10 * SECOND);
        s.send(PPMID, END);
        ServerHarness after = restarted(s, ServerHarness.config());
        assertEquals(TransferState.WAITING_TO_UPGRADE, after.server.state(PPMID));
        after.at(70 * SECOND);
        int tsn = readTsn(after.fire(PPMID, Kind.READ_BACK));
        List<ServerAction> rb = after.answerReadBack(PPMID, tsn, version(V_OLD));
        assertEquals(ReadBackStatus.VERSION_DIFFERS, only(rb, ReadBackResult.class).get(0).status());
        assertTrue(only(rb, TransferOutcome.class).isEmpty(), "its CCS08 was reported before the restart");
    }

    @Test
    void r7_4_r7_8_afterARestartADeliveredImageIsAnsweredAndAnEndedOneNotOffered() {
        ServerHarness s = distributed(ServerHarness.config());
        download(s);
        s.at(10 * SECOND);
        s.send(PPMID, END);
        readBackUnanswered(s);
        ServerHarness after = restarted(s, ServerHarness.config());
        assertEquals(TransferState.IDLE, after.server.state(PPMID));
        assertEquals(QueryNextImageResponse.NO_IMAGE_AVAILABLE,
                onlyOta(after.send(PPMID, QueryNextImageRequest.of(MFR, TYPE, V_OLD))));
        assertEquals(new UpgradeEndResponse(MFR, TYPE, V_NEW, 0, 0), onlyOta(after.send(PPMID, END)));
    }

    @Test
    void anOpenDistributionWhoseImageIsGoneAfterTheRestartEndsWithImageDiscarded() {
        ServerHarness s = distributed(ServerHarness.config());
        DistributionRecord r = s.server.distributionRecord(PPMID);
        ServerHarness empty = new ServerHarness();
        List<ServerAction> a = empty.handle(new ServerEvent.RestoreClient(0, r));
        assertEquals(TransferResult.IMAGE_REMOVED, only(a, TransferOutcome.class).get(0).result());
        assertEquals(TransferState.IDLE, empty.server.state(PPMID));
    }

    @Test
    void aRestoreForAClientWithATransferIsRefused() {
        ServerHarness s = distributed(ServerHarness.config());
        List<ServerAction> a = s.handle(new ServerEvent.RestoreClient(0, DistributionRecord.empty(PPMID)));
        assertInstanceOf(Refusal.ClientNotIdle.class, only(a, ServerAction.CommandRefused.class).get(0).reason());
        assertEquals(TransferState.NOTIFIED, s.server.state(PPMID));
    }
}
