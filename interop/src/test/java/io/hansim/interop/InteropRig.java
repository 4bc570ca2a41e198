package io.hansim.interop;

import io.hansim.device.han.ApsFrame;
import io.hansim.device.han.HanBus;
import io.hansim.device.han.LinkFaults;
import io.hansim.device.ppmid.Ppmid;
import io.hansim.device.sim.Scheduler;
import io.hansim.device.sim.Seeds;
import io.hansim.device.sim.SimTime;
import io.hansim.device.storage.NonVolatileStore;
import io.hansim.zigbee.ota.OtaCluster;
import io.hansim.zigbee.ota.client.ClientProfile;
import io.hansim.zigbee.zcl.Bytes;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A HAN with one hansim PPMID and an "external server" pseudo-device that relays frames to and from
 * a {@link ForeignServer}. There is no CH: the PPMID's UpgradeServerID is the pseudo-device's EUI-64,
 * as it would be the CH's after joining (R7.3). The HAN runs in virtual time; faults (loss) apply on
 * the hansim side, both directions of the PPMID's link.
 *
 * <p>The loop: run the scheduler until a frame reaches the pseudo-device or one step of virtual time
 * has passed; hand a frame to the server and put its answers on the bus; otherwise collect what the
 * server sent on its own. While the server is busy on its own (wall) clock, virtual time follows the
 * wall clock step by step, so its timers and ours keep their order; otherwise virtual time jumps.
 */
final class InteropRig {
    static final long SERVER_EUI64 = 0x00D0_0000_0000_5E5EL;
    static final int SERVER_SHORT = 0x0000;
    static final long PPMID_EUI64 = 0x00D0_0000_0000_0002L;
    static final int PPMID_SHORT = 0x1001;
    /** Virtual time per loop step when the server needs no wall time. */
    static final long STEP = SimTime.seconds(1);
    /** Wall milliseconds per poll while virtual time follows the wall clock. */
    static final long LOCKSTEP_POLL_MILLIS = 5;
    /** How long (wall) a request may wait for its answer before the rig stops waiting for it. */
    static final long OWED_LIMIT_NANOS = 30_000_000_000L;

    /** What one run observed, for assertions and the README's interoperability table. */
    static final class Observed {
        long queries;
        long blockRequests;
        long pageRequests;
        long upgradeEndRequests;
        long blockResponses;
        long waitForData;
        long otherBlockResponses;
        final TreeMap<Integer, Long> blockSizes = new TreeMap<>();
        final List<String> serverDefaultResponses = new ArrayList<>();
        final List<String> serverOther = new ArrayList<>();
        String upgradeEndResponse;
        long upgradeEndResponseAt = -1;
        long activatedAt = -1;
        long restartedAt = -1;
        long lostOrDropped;
        long wallMillis;

        String blockSizeSummary() {
            return blockSizes.toString();
        }

        @Override
        public String toString() {
            return "queries=" + queries + " blockRequests=" + blockRequests + " pageRequests=" + pageRequests
                    + " upgradeEndRequests=" + upgradeEndRequests + " blockResponses=" + blockResponses
                    + " blockSizes=" + blockSizes + " waitForData=" + waitForData + " otherBlockResponses="
                    + otherBlockResponses + " serverDefaultResponses=" + serverDefaultResponses + " serverOther="
                    + serverOther + " upgradeEndResponse=" + upgradeEndResponse + " at "
                    + SimTime.format(Math.max(0, upgradeEndResponseAt)) + " activatedAt="
                    + SimTime.format(Math.max(0, activatedAt)) + " restartedAt=" + SimTime.format(Math.max(0, restartedAt))
                    + " droppedByHan=" + lostOrDropped + " wall=" + wallMillis + "ms";
        }
    }

    private final Scheduler scheduler = new Scheduler();
    private final HanBus bus;
    private final Ppmid ppmid;
    private final Deque<ApsFrame> inbox = new ArrayDeque<>();
    private final Observed observed = new Observed();
    private int apsCounter;
    private boolean restartReported;

    /**
     * @param profile     the PPMID's OTA client profile; its upgrade server is set to the pseudo-device
     * @param lossPercent loss on both directions of the PPMID's link (0 for a perfect link)
     */
    InteropRig(ClientProfile profile, double lossPercent, long seed) {
        Seeds seeds = new Seeds(seed);
        bus = new HanBus(scheduler, seeds);
        bus.setDefaultFaults(LinkFaults.PERFECT.withLoss(lossPercent).withDelay(5_000, 20_000));
        bus.attach(SERVER_EUI64, SERVER_SHORT, 1, inbox::add);
        ClientProfile p = profile.toBuilder().upgradeServer(SERVER_EUI64).startDelayMax(0).build();
        ppmid = new Ppmid(Ppmid.Spec.of("interop-ppmid", PPMID_EUI64, PPMID_SHORT, p), bus, seeds);
        ppmid.attachAndBoot();
    }

    Ppmid ppmid() {
        return ppmid;
    }

    Observed observed() {
        return observed;
    }

    long now() {
        return scheduler.now();
    }

    /**
     * Runs until the server has a verdict and, if it is success, the PPMID has activated and
     * restarted; fails on either limit.
     */
    Observed run(ForeignServer server, long virtualLimit, long wallLimitMillis) throws Exception {
        long wallStart = System.nanoTime();
        send(server.start());
        long lastWall = System.nanoTime();
        boolean owed = false;
        long owedSince = 0;
        while (true) {
            noteActivation(server);
            if (finished(server)) {
                break;
            }
            long wall = (System.nanoTime() - wallStart) / 1_000_000;
            if (scheduler.now() > virtualLimit || wall > wallLimitMillis) {
                throw new AssertionError("interop run did not finish: virtual " + SimTime.format(scheduler.now())
                        + ", wall " + wall + " ms, server verdict " + server.verdict() + ", PPMID status "
                        + ppmid.imageUpgradeStatus() + ", offset " + ppmid.fileOffset() + "; " + observed);
            }
            if (owed && System.nanoTime() - owedSince > OWED_LIMIT_NANOS) {
                owed = false; // the server chose not to answer (a request it ignores); the client's timers decide
            }
            if (owed || server.busyOnItsOwnClock()) {
                // The server is working on its own clock: let virtual time follow the wall clock, and
                // keep delivering frames already on their way (a Default Response the server waits for).
                List<Bytes> got = server.poll(LOCKSTEP_POLL_MILLIS);
                if (!got.isEmpty()) {
                    owed = false;
                }
                send(got);
                long w = System.nanoTime();
                long elapsed = Math.max(1, (w - lastWall) / 1_000);
                lastWall = w;
                scheduler.runUntil(() -> !inbox.isEmpty(), scheduler.now() + elapsed);
            } else {
                lastWall = System.nanoTime();
                scheduler.runUntil(() -> !inbox.isEmpty(), scheduler.now() + STEP);
                send(server.poll(0));
            }
            noteActivation(server);
            ApsFrame f = inbox.poll();
            if (f != null) {
                observeFromPpmid(f.payload());
                if (f.clusterId() == OtaCluster.CLUSTER_ID) {
                    List<Bytes> answer = server.deliver(f.payload(), f.apsCounter());
                    send(answer);
                    if (answer.isEmpty() && server.answersOnItsOwnThreads() && callsForAnswer(f.payload())) {
                        owed = true;
                        owedSince = System.nanoTime();
                        lastWall = System.nanoTime();
                    }
                }
            }
        }
        // Let frames in flight settle (Default Responses, a last query) so counts are complete.
        scheduler.runUntil(() -> false, scheduler.now() + SimTime.seconds(2));
        while (!inbox.isEmpty()) {
            ApsFrame f = inbox.poll();
            observeFromPpmid(f.payload());
        }
        observed.lostOrDropped = bus.stats().dropped();
        observed.wallMillis = (System.nanoTime() - wallStart) / 1_000_000;
        return observed;
    }

    private boolean finished(ForeignServer server) {
        if (server.verdict().isEmpty()) {
            return false;
        }
        return !server.succeeded() || (observed.restartedAt >= 0 && restartReported);
    }

    private void noteActivation(ForeignServer server) throws Exception {
        List<NonVolatileStore.ActivationResult> acts = ppmid.activations();
        if (observed.activatedAt < 0 && !acts.isEmpty()) {
            observed.activatedAt = scheduler.now();
        }
        if (observed.activatedAt >= 0 && observed.restartedAt < 0 && ppmid.isPowered()) {
            observed.restartedAt = scheduler.now();
        }
        if (observed.restartedAt >= 0 && !restartReported) {
            restartReported = true;
            server.deviceRestarted();
        }
    }

    /** Puts the server's frames on the HAN, from the pseudo-device to the PPMID. */
    private void send(List<Bytes> frames) {
        for (Bytes zcl : frames) {
            observeFromServer(zcl);
            bus.send(new ApsFrame(SERVER_EUI64, SERVER_SHORT, 1, PPMID_EUI64, PPMID_SHORT, 1,
                    ApsFrame.PROFILE_SMART_ENERGY, OtaCluster.CLUSTER_ID, apsCounter, zcl));
            apsCounter = (apsCounter + 1) & 0xFF;
        }
    }

    /** Query Next Image, Image Block, Image Page and Upgrade End Requests are always answered (ZCL 11.13). */
    static boolean callsForAnswer(Bytes zcl) {
        if (zcl.length() < 3 || isGlobal(zcl)) {
            return false;
        }
        int cmd = zcl.get(headerLength(zcl) - 1);
        return cmd == 0x01 || cmd == 0x03 || cmd == 0x04 || cmd == 0x06;
    }

    // ZCL header (ZCL §2.4.1): frame control, [manufacturer code], TSN, command id.
    private static int headerLength(Bytes zcl) {
        return (zcl.get(0) & 0x04) != 0 ? 5 : 3;
    }

    private static boolean isGlobal(Bytes zcl) {
        return (zcl.get(0) & 0x03) == 0;
    }

    private void observeFromPpmid(Bytes zcl) {
        Objects.requireNonNull(zcl);
        if (zcl.length() < 3 || isGlobal(zcl)) {
            return;
        }
        switch (zcl.get(headerLength(zcl) - 1)) {
            case 0x01 -> observed.queries++;
            case 0x03 -> observed.blockRequests++;
            case 0x04 -> observed.pageRequests++;
            case 0x06 -> observed.upgradeEndRequests++;
            default -> { }
        }
    }

    private void observeFromServer(Bytes zcl) {
        if (zcl.length() < 3) {
            observed.serverOther.add("short frame " + zcl.hex());
            return;
        }
        int h = headerLength(zcl);
        int cmd = zcl.get(h - 1);
        if (isGlobal(zcl)) {
            if (cmd == 0x0B && zcl.length() >= h + 2) {
                observed.serverDefaultResponses.add(String.format("cmd 0x%02X -> 0x%02X", zcl.get(h), zcl.get(h + 1)));
            } else {
                observed.serverOther.add(String.format("global 0x%02X", cmd));
            }
            return;
        }
        if (cmd == 0x05 && zcl.length() > h) {
            int status = zcl.get(h);
            if (status == 0x00 && zcl.length() >= h + 14) {
                observed.blockResponses++;
                observed.blockSizes.merge(zcl.get(h + 13), 1L, Long::sum);
            } else if (status == 0x97) {
                observed.waitForData++;
            } else {
                observed.otherBlockResponses++;
            }
        } else if (cmd == 0x07 && zcl.length() >= h + 16) {
            long current = u32(zcl, h + 8);
            long upgrade = u32(zcl, h + 12);
            observed.upgradeEndResponse = "CurrentTime=" + current + " UpgradeTime=" + upgrade;
            observed.upgradeEndResponseAt = scheduler.now();
        } else if (cmd != 0x00 && cmd != 0x02) {
            observed.serverOther.add(String.format("specific 0x%02X", cmd));
        }
    }

    private static long u32(Bytes b, int at) {
        return (b.get(at) & 0xFFL) | (b.get(at + 1) & 0xFFL) << 8 | (b.get(at + 2) & 0xFFL) << 16
                | (b.get(at + 3) & 0xFFL) << 24;
    }
}
