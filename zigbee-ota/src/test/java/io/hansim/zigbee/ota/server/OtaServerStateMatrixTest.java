package io.hansim.zigbee.ota.server;

import io.hansim.zigbee.ota.ImageBlockRequest;
import io.hansim.zigbee.ota.ImageBlockResponse;
import io.hansim.zigbee.ota.ImagePageRequest;
import io.hansim.zigbee.ota.OtaCommand;
import io.hansim.zigbee.ota.QueryDeviceSpecificFileRequest;
import io.hansim.zigbee.ota.QueryDeviceSpecificFileResponse;
import io.hansim.zigbee.ota.QueryNextImageRequest;
import io.hansim.zigbee.ota.QueryNextImageResponse;
import io.hansim.zigbee.ota.UpgradeEndRequest;
import io.hansim.zigbee.ota.UpgradeEndResponse;
import io.hansim.zigbee.ota.server.ServerAction.TransferOutcome;
import io.hansim.zigbee.ota.server.ServerEvent.NotifyMode;
import io.hansim.zigbee.ota.server.ServerTimer.Kind;
import io.hansim.zigbee.zcl.ZclStatus;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.List;

import static io.hansim.zigbee.ota.server.ServerHarness.MFR;
import static io.hansim.zigbee.ota.server.ServerHarness.PPMID;
import static io.hansim.zigbee.ota.server.ServerHarness.SECOND;
import static io.hansim.zigbee.ota.server.ServerHarness.TYPE;
import static io.hansim.zigbee.ota.server.ServerHarness.V_NEW;
import static io.hansim.zigbee.ota.server.ServerHarness.V_OLD;
import static io.hansim.zigbee.ota.server.ServerHarness.block;
import static io.hansim.zigbee.ota.server.ServerHarness.defaultResponse;
import static io.hansim.zigbee.ota.server.ServerHarness.image;
import static io.hansim.zigbee.ota.server.ServerHarness.onlyOta;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The table "Every state, every request" of {@link OtaServer}, row by row: the server is driven into
 * each {@link TransferState} and then sent each request, and the answer and the next state are
 * checked (DESIGN.md §4: every (state, event) pair handled or answered with the spec's error).
 */
class OtaServerStateMatrixTest {
    private static final OtaImage IMG = image(MFR, TYPE, V_NEW, 1000);
    private static final boolean[] DOWNLOAD_OPEN = new boolean[TransferState.values().length];

    static {
        for (TransferState s : List.of(TransferState.IMAGE_OFFERED, TransferState.DOWNLOADING,
                TransferState.SENDING_PAGE, TransferState.AWAITING_RESTART)) {
            DOWNLOAD_OPEN[s.ordinal()] = true;
        }
    }

    /** A server with PPMID in {@code state} for {@link #IMG}, at 100 s. */
    private static ServerHarness in(TransferState state) {
        ServerHarness s = new ServerHarness();
        s.stage(IMG);
        if (state == TransferState.WAITING_FOR_UPGRADE_COMMAND) {
            s.register(PPMID, ClientPolicy.DEFAULT.withActivation(ActivationPolicy.waitForCommand()));
        }
        switch (state) {
            case IDLE -> {
            }
            case NOTIFIED -> s.notify(PPMID, NotifyMode.UNICAST, 3, 100, IMG.key());
            default -> {
                s.send(PPMID, QueryNextImageRequest.of(MFR, TYPE, V_OLD));
                if (state != TransferState.IMAGE_OFFERED) {
                    s.send(PPMID, state == TransferState.SENDING_PAGE
                            ? ImagePageRequest.of(MFR, TYPE, V_NEW, 0, 40, 1000, 1000)
                            : ImageBlockRequest.of(MFR, TYPE, V_NEW, 0, 40));
                }
                ZclStatus end = switch (state) {
                    case AWAITING_RESTART -> ZclStatus.ABORT;
                    case WAITING_FOR_MORE -> ZclStatus.REQUIRE_MORE_IMAGE;
                    case WAITING_TO_UPGRADE, WAITING_FOR_UPGRADE_COMMAND, READING_BACK -> ZclStatus.SUCCESS;
                    default -> null;
                };
                if (end != null) {
                    s.send(PPMID, new UpgradeEndRequest(end, MFR, TYPE, V_NEW));
                }
                if (state == TransferState.READING_BACK) {
                    s.at(60 * SECOND);
                    s.fire(PPMID, Kind.READ_BACK);
                }
            }
        }
        assertEquals(state, s.server.state(PPMID));
        return s.at(100 * SECOND);
    }

    @ParameterizedTest
    @EnumSource(TransferState.class)
    void blockRequestIsServedOnlyWhileTheDownloadIsOpen(TransferState state) {
        ServerHarness s = in(state);
        OtaCommand answer = onlyOta(s.send(PPMID, ImageBlockRequest.of(MFR, TYPE, V_NEW, 200, 40)));
        if (DOWNLOAD_OPEN[state.ordinal()]) {
            assertEquals(block(IMG, 200, 40), answer);
            assertEquals(state == TransferState.SENDING_PAGE ? state : TransferState.DOWNLOADING, s.server.state(PPMID));
        } else {
            assertEquals(ImageBlockResponse.StatusOnly.ABORT, answer);
            assertEquals(state, s.server.state(PPMID));
        }
        assertEquals(new ImageBlockResponse.StatusOnly(ZclStatus.NO_IMAGE_AVAILABLE),
                onlyOta(s.send(PPMID, ImageBlockRequest.of(MFR, TYPE, 0x99, 0, 40))));
    }

    @ParameterizedTest
    @EnumSource(TransferState.class)
    void pageRequestIsServedOnlyWhileTheDownloadIsOpen(TransferState state) {
        ServerHarness s = in(state);
        OtaCommand answer = onlyOta(s.send(PPMID, ImagePageRequest.of(MFR, TYPE, V_NEW, 200, 40, 80, 10)));
        if (DOWNLOAD_OPEN[state.ordinal()]) {
            assertEquals(block(IMG, 200, 40), answer);
            assertEquals(TransferState.SENDING_PAGE, s.server.state(PPMID));
        } else {
            assertEquals(ImageBlockResponse.StatusOnly.ABORT, answer);
            assertEquals(state, s.server.state(PPMID));
        }
    }

    @ParameterizedTest
    @EnumSource(TransferState.class)
    void queryIsAlwaysAnsweredAndNeverLoops(TransferState state) {
        ServerHarness s = in(state);
        List<ServerAction> a = s.send(PPMID, QueryNextImageRequest.of(MFR, TYPE, V_OLD));
        if (state.isAfterDownload()) {
            // The client downloaded IMG and asks for it again while running V_OLD: it no longer holds
            // it. The distribution ends there (its CCS08 was reported at the transfer's end) and the
            // image is not offered again, so a client that cannot keep it does not loop (R7.8, R7.14).
            assertEquals(QueryNextImageResponse.NO_IMAGE_AVAILABLE, ServerHarness.otaSent(a).get(0));
            assertEquals(TransferState.IDLE, s.server.state(PPMID));
            assertEquals(0, ServerHarness.only(a, TransferOutcome.class).size(), ServerHarness.describe(a));
            assertEquals(List.of(IMG.key()), s.server.distributionRecord(PPMID).ended());
            return;
        }
        assertEquals(QueryNextImageResponse.success(MFR, TYPE, V_NEW, IMG.size()), ServerHarness.otaSent(a).get(0));
        TransferState expected = switch (state) {
            case DOWNLOADING, SENDING_PAGE -> TransferState.DOWNLOADING;
            default -> TransferState.IMAGE_OFFERED;
        };
        assertEquals(expected, s.server.state(PPMID));
        // No outcome: a resumed download, a notify taken on, a multi-part step, or a transfer whose
        // outcome was reported at its end.
        long outcomes = ServerHarness.only(a, TransferOutcome.class).size();
        assertEquals(0, outcomes, ServerHarness.describe(a));
        // And the download goes on from any offset.
        assertEquals(block(IMG, 0, 40), ServerHarness.otaSent(
                s.send(PPMID, ImageBlockRequest.of(MFR, TYPE, V_NEW, 0, 40))).get(0));
    }

    @ParameterizedTest
    @EnumSource(TransferState.class)
    void queryDeviceSpecificFileWithNothingToOfferChangesNothingButANotify(TransferState state) {
        ServerHarness s = in(state);
        List<ServerAction> a = s.send(PPMID, new QueryDeviceSpecificFileRequest(PPMID, MFR, 0xFFC1, 0, 2));
        assertEquals(QueryDeviceSpecificFileResponse.NO_IMAGE_AVAILABLE, ServerHarness.otaSent(a).get(0));
        assertEquals(state == TransferState.NOTIFIED ? TransferState.IDLE : state, s.server.state(PPMID));
    }

    @ParameterizedTest
    @EnumSource(TransferState.class)
    void upgradeEndSuccessGetsAnUpgradeEndResponseOnlyForItsDownload(TransferState state) {
        ServerHarness s = in(state);
        List<ServerAction> a = s.send(PPMID, new UpgradeEndRequest(ZclStatus.SUCCESS, MFR, TYPE, V_NEW));
        switch (state) {
            case IDLE, NOTIFIED -> {
                assertEquals(defaultResponse(PPMID, s.tsn(), 0x06, ZclStatus.ABORT), a.get(0));
                assertEquals(state, s.server.state(PPMID));
            }
            case WAITING_FOR_UPGRADE_COMMAND -> assertEquals(
                    new UpgradeEndResponse(MFR, TYPE, V_NEW, 0, 0xFFFF_FFFFL), ServerHarness.otaSent(a).get(0));
            default -> {
                assertEquals(new UpgradeEndResponse(MFR, TYPE, V_NEW, 0, 0), ServerHarness.otaSent(a).get(0));
                assertTrue(s.server.state(PPMID).isAfterDownload());
            }
        }
        // For an image it is not downloading: Default Response ABORT, state unchanged.
        TransferState before = s.server.state(PPMID);
        assertEquals(defaultResponse(PPMID, s.tsn() + 1, 0x06, ZclStatus.ABORT),
                s.send(PPMID, new UpgradeEndRequest(ZclStatus.SUCCESS, MFR, TYPE, 0x77)).get(0));
        assertEquals(before, s.server.state(PPMID));
    }

    @ParameterizedTest
    @EnumSource(TransferState.class)
    void upgradeEndFailureGetsDefaultResponseSuccessNeverAnUpgradeEndResponse(TransferState state) {
        for (ZclStatus st : List.of(ZclStatus.ABORT, ZclStatus.INVALID_IMAGE, ZclStatus.REQUIRE_MORE_IMAGE)) {
            ServerHarness s = in(state);
            List<ServerAction> a = s.send(PPMID, new UpgradeEndRequest(st, MFR, TYPE, V_NEW));
            assertTrue(a.contains(defaultResponse(PPMID, s.tsn(), 0x06, ZclStatus.SUCCESS)), ServerHarness.describe(a));
            assertTrue(ServerHarness.otaSent(a).isEmpty(), ServerHarness.describe(a));
        }
    }

    @ParameterizedTest
    @EnumSource(TransferState.class)
    void everyTimerKindIsHandledInEveryState(TransferState state) {
        for (Kind k : Kind.values()) {
            ServerHarness s = in(state);
            s.at(100_000 * SECOND);
            s.fire(PPMID, k);
        }
    }
}
