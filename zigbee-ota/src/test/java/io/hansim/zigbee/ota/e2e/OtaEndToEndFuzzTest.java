package io.hansim.zigbee.ota.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.hansim.zigbee.ota.client.ClientAction;
import io.hansim.zigbee.ota.server.ServerAction;
import io.hansim.zigbee.ota.server.TransferResult;
import io.hansim.zigbee.ota.server.ServerEvent;
import io.hansim.zigbee.zcl.Bytes;

/**
 * Stateful property of the pair (issue #3, DESIGN.md §8 "stateful property testing"): the fuzz
 * input is read as a script of link fates (lose, duplicate, delay so frames reorder) and host
 * actions (let time pass, cut the client's power, throttle the hub, notify again). After the script
 * the link heals and the pair runs on. Checked:
 * <ul>
 *   <li>nothing throws (each machine answers every frame it gets);
 *   <li>an activated image is byte-identical to the one the hub served, and is activated once;
 *   <li>FileOffset never goes backwards while powered and downloading, except on a declared restart
 *       (a DiscardImage);
 *   <li>once the link is healthy, within two days the client runs the new version or the hub has
 *       reported a CCS08 failure for it (liveness: no silent wedge, zigbee-ota.md §9 #14).
 * </ul>
 */
class OtaEndToEndFuzzTest {
    private static final Bytes IMAGE = OtaEndToEndTest.gbImage(OtaEndToEndTest.NEW, 1500);
    private static final long SECOND = OtaEndToEndTest.SECOND;

    @FuzzTest(maxDuration = "30s")
    void pairConvergesUnderAnyFaults(FuzzedDataProvider in) {
        OtaLoop loop = new OtaLoop(OtaEndToEndTest.hub(), OtaEndToEndTest.ppmid().build(), in.consumeLong());
        loop.link = new OtaLoop.FateSource() {
            @Override
            public OtaLoop.Fate fate(boolean toServer, Bytes frame) {
                if (in.remainingBytes() == 0) {
                    return OtaLoop.Fate.DELIVER;
                }
                int b = in.consumeInt(0, 7);
                return b == 0 ? OtaLoop.Fate.DROP : b == 1 ? OtaLoop.Fate.DUPLICATE : OtaLoop.Fate.DELIVER;
            }

            @Override
            public long delay(boolean toServer) {
                return in.remainingBytes() == 0 ? 10_000 : 1_000 + in.consumeInt(0, 255) * 20_000L;
            }
        };
        OtaEndToEndTest.start(loop, IMAGE);

        int steps = 0;
        while (in.remainingBytes() > 0 && steps++ < 200) {
            long before = loop.client.fileOffset();
            int logBefore = loop.clientLog.size();
            int discardsBefore = loop.clientActions(ClientAction.DiscardImage.class).size();
            switch (in.consumeInt(0, 4)) {
                case 0, 1 -> loop.runUntil(() -> false, loop.now + in.consumeInt(1, 600) * SECOND);
                case 2 -> {
                    loop.powerCut();
                    loop.runUntil(() -> false, loop.now + in.consumeInt(1, 900) * SECOND);
                    loop.powerOn();
                    continue; // a power cut may legitimately resume below a RAM-only offset
                }
                case 3 -> loop.toServer(new ServerEvent.SetThrottle(loop.now, in.consumeBoolean()));
                default -> loop.toServer(new ServerEvent.NotifyClient(loop.now, OtaLoop.CLIENT,
                        ServerEvent.NotifyMode.UNICAST, in.consumeInt(0, 3), in.consumeInt(1, 100),
                        io.hansim.zigbee.ota.server.OtaImage.fromFile(IMAGE.toArray()).key()));
            }
            checkSafety(loop);
            boolean restarted = loop.clientActions(ClientAction.DiscardImage.class).size() > discardsBefore
                    || !loop.activations.isEmpty();
            long after = loop.client.fileOffset();
            // Offsets compare only while a download is under way: after it completes the client
            // holds a verified image instead and reports offset 0.
            boolean downloading = loop.client.state() == io.hansim.zigbee.ota.client.OtaClient.State.DOWNLOADING;
            assertTrue(restarted || !downloading || after >= before,
                    "FileOffset went back from " + before + " to " + after + " without a restart; client did "
                            + loop.clientLog.subList(logBefore, loop.clientLog.size()));
        }

        // The link heals; throttling ends.
        loop.link = OtaLoop.perfectLink();
        loop.toServer(new ServerEvent.SetThrottle(loop.now, false));
        long deadline = loop.now + 48 * 3600 * SECOND;
        loop.runUntil(() -> loop.client.runningFileVersion() == OtaEndToEndTest.NEW || failureReported(loop), deadline);
        checkSafety(loop);
        assertTrue(loop.client.runningFileVersion() == OtaEndToEndTest.NEW || failureReported(loop),
                "neither upgraded nor a failure reported after the link healed: client " + loop.client.state()
                        + " offset " + loop.client.fileOffset() + ", hub " + loop.server.state(OtaLoop.CLIENT));
    }

    private static boolean failureReported(OtaLoop loop) {
        return loop.serverActions(ServerAction.TransferOutcome.class).stream().anyMatch(o -> o.result() != TransferResult.UPGRADED && o.result() != TransferResult.UPGRADED_UNCONFIRMED);
    }

    private static void checkSafety(OtaLoop loop) {
        assertTrue(loop.activations.size() <= 1, "activated more than once: " + loop.activations.size());
        for (ClientAction.Activate a : loop.activations) {
            assertEquals(IMAGE, a.image(), "activated bytes differ from the served image");
        }
    }
}
