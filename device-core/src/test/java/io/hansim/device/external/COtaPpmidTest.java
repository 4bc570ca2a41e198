package io.hansim.device.external;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hansim.device.Fixtures;
import io.hansim.device.Simulation;
import io.hansim.device.gb.Ccs08Code;
import io.hansim.device.han.ApsFrame;
import io.hansim.device.han.LinkFaults;
import io.hansim.device.han.TraceRecord;
import io.hansim.device.sim.RunOutcome;
import io.hansim.device.sim.SimTime;
import io.hansim.zigbee.ota.image.GbBody;
import io.hansim.zigbee.ota.image.OtaImageBuilder;
import io.hansim.zigbee.ota.image.SimulatedFirmware;
import io.hansim.zigbee.ota.server.ReadBackStatus;
import io.hansim.zigbee.zcl.Bytes;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The C example device ({@code examples/device-port/c/ota_ppmid.c} on the C shim
 * {@code device-port/src/main/c/hansim_port.c}) on hansim's HAN in the place of a PPMID, in lockstep:
 * it is compiled with the system {@code cc} exactly as {@code .ci/run} does (C99, -Wall -Wextra
 * -Werror) into target/, started as a child process, and upgraded by the CH. The C compiler is a
 * build requirement of the project (issue 17); without one these tests fail and say so. Tagged
 * {@code conformance} like the tshark tests: they need a tool {@code .ci/run} installs (the system
 * {@code cc}), so the README's plain {@code mvn -B verify} on a machine with only a JDK and Maven leaves
 * them out rather than failing, and CI (with {@code -Dhansim.shared}) runs them, never skipped.
 */
@org.junit.jupiter.api.Tag("conformance")
class COtaPpmidTest {
    static final long PPMID = 0x00DB_1234_5678_90C4L;
    static Path binary;

    @BeforeAll
    static void compile() throws IOException, InterruptedException {
        Path root = Path.of("").toAbsolutePath();
        while (root != null && !Files.exists(root.resolve("device-port/src/main/c/hansim_port.c"))) {
            root = root.getParent();
        }
        if (root == null) {
            throw new IllegalStateException("device-port/src/main/c/hansim_port.c not found above "
                    + Path.of("").toAbsolutePath());
        }
        Path out = Path.of("target", "c-device").toAbsolutePath();
        Files.createDirectories(out);
        binary = out.resolve("ota_ppmid");
        List<String> cc = List.of("cc", "-std=c99", "-Wall", "-Wextra", "-Werror", "-O2",
                "-I", root.resolve("device-port/src/main/c").toString(),
                "-I", root.resolve("examples/device-port/c").toString(),
                root.resolve("device-port/src/main/c/hansim_port.c").toString(),
                root.resolve("examples/device-port/c/gb_signature.c").toString(),
                root.resolve("examples/device-port/c/ota_ppmid.c").toString(), "-o", binary.toString());
        Process p;
        try {
            p = new ProcessBuilder(cc).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new IllegalStateException("the C example device needs the system C compiler 'cc' (issue 17; "
                    + ".ci/run installs gcc): " + e.getMessage(), e);
        }
        String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("cc did not finish in 120 s");
        }
        assertEquals(0, p.exitValue(), "cc failed:\n" + log);
    }

    /** The C device, with the identity of the test images (Fixtures), standing in for a PPMID. */
    static ExternalSpec cDevice() {
        return ExternalSpec.command("c-ppmid", "ppmid", 0x1004, List.of(binary.toString(),
                "--eui64", Long.toHexString(PPMID), "--manufacturer", "0x" + Integer.toHexString(Fixtures.MANUFACTURER),
                "--image-type", "0x" + Integer.toHexString(Fixtures.IMAGE_TYPE),
                "--hardware", "0x" + Integer.toHexString(Fixtures.HARDWARE),
                "--firmware", "0x" + Long.toHexString(Fixtures.OLD),
                "--trust-key", keyHex((java.security.interfaces.ECPublicKey) Fixtures.KEY.getPublic())))
                .withEui64(PPMID);
    }

    /** X ‖ Y, 32 octets each, in hex: how the C device takes the key it trusts. */
    static String keyHex(java.security.interfaces.ECPublicKey k) {
        return String.format("%064x%064x", k.getW().getAffineX(), k.getW().getAffineY());
    }

    static long u32le(byte[] b, int at) {
        return (b[at] & 0xFFL) | (b[at + 1] & 0xFFL) << 8 | (b[at + 2] & 0xFFL) << 16 | (b[at + 3] & 0xFFL) << 24;
    }

    static final class Frames implements io.hansim.device.han.TraceSink {
        final List<TraceRecord> sent = new ArrayList<>();

        @Override
        public void record(TraceRecord r) {
            if (r.kind() == TraceRecord.Kind.SEND) {
                sent.add(r);
            }
        }

        /** The FileOffsets of the device's Image Block Requests sent at or after {@code from}. */
        List<Long> blockRequestOffsets(long from) {
            List<Long> l = new ArrayList<>();
            for (TraceRecord r : sent) {
                ApsFrame f = r.frame();
                byte[] z = f.payload().toArray();
                if (r.time() >= from && f.sourceEui64() == PPMID && f.clusterId() == 0x0019 && z.length >= 17
                        && z[0] == 0x01 && z[2] == 0x03) {
                    l.add(u32le(z, 12));
                }
            }
            return l;
        }

        /** Each Image Block Request of the device: {time, FileOffset, MaximumDataSize, MinimumBlockPeriod}. */
        List<long[]> blockRequests() {
            List<long[]> l = new ArrayList<>();
            for (TraceRecord r : sent) {
                byte[] z = r.frame().payload().toArray();
                if (r.frame().sourceEui64() == PPMID && r.frame().clusterId() == 0x0019 && z.length >= 19
                        && z[0] == 0x01 && z[2] == 0x03 && (z[3] & 0x02) != 0) {
                    l.add(new long[] {r.time(), u32le(z, 12), z[16] & 0xFF, (z[17] & 0xFF) | (z[18] & 0xFF) << 8});
                }
            }
            return l;
        }

        /** When the CH sent its first WAIT_FOR_DATA Image Block Response, or -1. */
        long firstWaitForData() {
            for (TraceRecord r : sent) {
                byte[] z = r.frame().payload().toArray();
                if (r.frame().destinationEui64() == PPMID && r.frame().clusterId() == 0x0019 && z.length >= 4
                        && z[2] == 0x05 && (z[3] & 0xFF) == 0x97) {
                    return r.time();
                }
            }
            return -1;
        }

        /** The status byte of each Upgrade End Request the device sent. */
        List<Integer> upgradeEndStatuses() {
            List<Integer> l = new ArrayList<>();
            for (TraceRecord r : sent) {
                byte[] z = r.frame().payload().toArray();
                if (r.frame().sourceEui64() == PPMID && r.frame().clusterId() == 0x0019 && z.length >= 4
                        && z[0] == 0x01 && z[2] == 0x06) {
                    l.add(z[3] & 0xFF);
                }
            }
            return l;
        }
    }

    @Test
    void r7_4_cPpmidDownloadsVerifiesAndActivatesOnDownloadOverALossyHan() {
        Frames frames = new Frames();
        try (Simulation sim = Simulation.builder().seed(17).hub(Fixtures.hub()).external(cDevice())
                .link(LinkFaults.PERFECT.withLoss(5)).traceSink(frames).build()) {
            ExternalDevice x = sim.externalDevices().get(0);
            sim.hub().distribute(Fixtures.gbImage(Fixtures.NEW, 16 * 1024), PPMID);
            RunOutcome o = sim.runUntil(() -> sim.hub().readBack(PPMID).isPresent(), SimTime.seconds(12 * 3600));
            assertEquals(RunOutcome.CONDITION_MET, o, "no read-back; device failure: " + x.failure()
                    + ", logs: " + x.logs());
            assertTrue(x.failure().isEmpty(), () -> "device failed: " + x.failure());
            assertEquals(Ccs08Code.SUCCESS, sim.hub().transferOutcome(PPMID).orElseThrow().code());
            assertEquals(ReadBackStatus.VERSION_MATCHES, sim.hub().readBack(PPMID).orElseThrow().status());
            assertEquals(String.format("%08X", Fixtures.NEW), x.status().get("firmware.version"));
            assertEquals(List.of(0x00), frames.upgradeEndStatuses(), "one Upgrade End Request SUCCESS");
            // The requests never ask for more than the CH's block size, and never go backwards to 0 (§9 #6).
            assertTrue(frames.blockRequestOffsets(0).size() >= 16 * 1024 / 64);
        }
    }

    @Test
    void r7_8_cPpmidResumesFromItsFlashAfterAPowerCut() {
        Frames frames = new Frames();
        try (Simulation sim = Simulation.builder().seed(8).hub(Fixtures.hub()).external(cDevice()).traceSink(frames)
                .build()) {
            ExternalDevice x = sim.externalDevices().get(0);
            int body = 24 * 1024;
            sim.hub().distribute(Fixtures.gbImage(Fixtures.NEW, body), PPMID);
            // Until a third of the image is in the device's flash, as it wrote it through the port.
            RunOutcome o = sim.runUntil(() -> x.region("ota.image").map(b -> b.length).orElse(0) > body / 3,
                    SimTime.seconds(3600));
            assertEquals(RunOutcome.CONDITION_MET, o, "download did not start: " + x.logs());
            long kept = u32le(x.region("ota.progress").orElseThrow(), 12);
            x.powerOff(); // a cut
            sim.advance(SimTime.seconds(90));
            long on = sim.now();
            x.powerOn();
            o = sim.runUntil(() -> sim.hub().readBack(PPMID).isPresent(), SimTime.seconds(12 * 3600));
            assertEquals(RunOutcome.CONDITION_MET, o, "no read-back after the cut: " + x.failure() + " " + x.logs());
            List<Long> after = frames.blockRequestOffsets(on);
            assertTrue(!after.isEmpty() && after.get(0) == kept,
                    "the first block request after power-on asks for offset " + kept + ", the first were "
                            + after.subList(0, Math.min(5, after.size())));
            assertEquals(ReadBackStatus.VERSION_MATCHES, sim.hub().readBack(PPMID).orElseThrow().status());
            assertEquals(String.format("%08X", Fixtures.NEW), x.status().get("firmware.version"));
        }
    }

    @Test
    void r7_14_cPpmidRefusesAnImageWhoseFirmwareIsNotTheHeadersAndKeepsRunningTheOldOne() {
        // The header says NEW, the firmware inside says another version: an edited header.
        // Signed by the trusted key, so only the version check can catch it.
        Bytes mi = SimulatedFirmware.manufacturerImage(Fixtures.NEW + 7, 4 * 1024, 1);
        byte[] image = new OtaImageBuilder().manufacturerCode(Fixtures.MANUFACTURER).imageType(Fixtures.IMAGE_TYPE)
                .fileVersion(Fixtures.NEW).hardwareVersions(0x0100, 0x01FF).headerString("edited header")
                .gbBody(GbBody.signed(mi, io.hansim.zigbee.ota.image.DeterministicEcdsa.sign(mi,
                        Fixtures.KEY.getPrivate()))).buildBytes().toArray();
        refused(image, "the firmware in the image is");
    }

    @Test
    void r7_14_cPpmidRefusesAnImageWhoseGbSignatureDoesNotVerify() {
        byte[] image = Fixtures.gbImage(Fixtures.NEW, 4 * 1024);
        image[60 + 1000] ^= 0x5A; // one octet of the Manufacturer Image, after signing
        refused(image, "the GB signature does not verify");
    }

    @Test
    void r7_14_cPpmidRequiresTheSignedGbFormWhenItTrustsAKey() {
        Bytes mi = SimulatedFirmware.manufacturerImage(Fixtures.NEW, 4 * 1024, 1);
        byte[] image = new OtaImageBuilder().manufacturerCode(Fixtures.MANUFACTURER).imageType(Fixtures.IMAGE_TYPE)
                .fileVersion(Fixtures.NEW).hardwareVersions(0x0100, 0x01FF).headerString("unsigned")
                .gbBody(GbBody.unsigned(mi)).buildBytes().toArray();
        refused(image, "no GB signature");
    }

    /** The device downloads {@code image}, refuses it with INVALID_IMAGE saying {@code why}, and runs the old one. */
    private void refused(byte[] image, String why) {
        Frames frames = new Frames();
        try (Simulation sim = Simulation.builder().seed(3).hub(Fixtures.hub()).external(cDevice()).traceSink(frames)
                .build()) {
            ExternalDevice x = sim.externalDevices().get(0);
            sim.hub().distribute(image, PPMID);
            RunOutcome o = sim.runUntil(() -> sim.hub().transferOutcome(PPMID).isPresent(), SimTime.seconds(6 * 3600));
            assertEquals(RunOutcome.CONDITION_MET, o, "no transfer outcome: " + x.logs());
            assertEquals(List.of(0x96), frames.upgradeEndStatuses(), "Upgrade End Request INVALID_IMAGE");
            assertTrue(sim.hub().transferOutcome(PPMID).orElseThrow().code() != Ccs08Code.SUCCESS);
            sim.advance(SimTime.seconds(3600));
            assertEquals(String.format("%08X", Fixtures.OLD), x.status().get("firmware.version"));
            assertTrue(x.region("ota.image").isEmpty(), "the refused image is erased from the flash");
            assertTrue(x.logs().stream().anyMatch(l -> l.line().contains(why)), () -> "no log says '" + why + "': "
                    + x.logs());
        }
    }

    @Test
    void r7_7_cPpmidHonoursTheChBlockSizeWaitForDataAndMinimumBlockPeriod() {
        // A CH that serves 40-octet blocks and, while the image is still arriving from the WAN, answers
        // WAIT_FOR_DATA: come back in 10 s, MinimumBlockPeriod 500 (milliseconds for ClusterRevision 3).
        io.hansim.device.hub.CommsHub.Spec hub = Fixtures.hub().withOta(Fixtures.hub().ota().withBlockSizeCap(40)
                .withWaitForData(io.hansim.zigbee.ota.server.OtaServerConfig.WaitForDataForm.WITH_MINIMUM_BLOCK_PERIOD, 500,
                        java.time.Duration.ofSeconds(10), io.hansim.zigbee.ota.server.OtaServerConfig.TimeForm.RELATIVE));
        Frames frames = new Frames();
        try (Simulation sim = Simulation.builder().seed(7).hub(hub).external(cDevice()).traceSink(frames).build()) {
            ExternalDevice x = sim.externalDevices().get(0);
            byte[] image = Fixtures.gbImage(Fixtures.NEW, 6 * 1024);
            var key = sim.hub().distribute(image, PPMID, 2048);
            sim.runUntil(() -> frames.firstWaitForData() >= 0, SimTime.seconds(3600));
            sim.advance(SimTime.seconds(60));
            sim.hub().imageDataArrived(key, image.length);
            RunOutcome o = sim.runUntil(() -> sim.hub().readBack(PPMID).isPresent(), SimTime.seconds(12 * 3600));
            assertEquals(RunOutcome.CONDITION_MET, o, "no read-back: " + x.failure() + " " + x.logs());
            assertEquals(ReadBackStatus.VERSION_MATCHES, sim.hub().readBack(PPMID).orElseThrow().status());

            long waitAt = frames.firstWaitForData();
            List<long[]> requests = frames.blockRequests();
            assertTrue(waitAt >= 0 && !requests.isEmpty());
            long previous = -1;
            boolean paced = false;
            for (long[] r : requests) {
                assertTrue(r[2] <= 40, "MaximumDataSize " + r[2] + " above the CH's block size 40");
                if (r[0] > waitAt) {
                    if (!paced) {
                        assertTrue(r[0] - waitAt >= 10_500_000L, "asked again " + (r[0] - waitAt)
                                + " µs after WAIT_FOR_DATA: RequestTime 10 s plus MinimumBlockPeriod 500 ms");
                        paced = true;
                    } else {
                        assertTrue(r[0] - previous >= 500_000L, "block requests " + (r[0] - previous)
                                + " µs apart, MinimumBlockPeriod is 500 ms");
                    }
                    assertEquals(500, r[3], "the request carries the MinimumBlockPeriod it adopted");
                }
                previous = r[0];
            }
            assertTrue(paced, "no block request after the WAIT_FOR_DATA");
        }
    }

    @Test
    @org.junit.jupiter.api.Timeout(value = 120, threadMode = org.junit.jupiter.api.Timeout.ThreadMode.SEPARATE_THREAD)
    void cPpmidListeningOnLoopbackTcpIsUpgradedTheSameWay() throws Exception {
        listening("tcp:127.0.0.1:0");
    }

    @Test
    @org.junit.jupiter.api.Timeout(value = 120, threadMode = org.junit.jupiter.api.Timeout.ThreadMode.SEPARATE_THREAD)
    void cPpmidListeningOnAUnixSocketIsUpgradedTheSameWay() throws Exception {
        Path socket = Files.createTempDirectory("hansim-c-port").resolve("ppmid.sock");
        try {
            listening("unix:" + socket);
            assertTrue(Files.notExists(socket), "the shim removes its socket once connected");
        } finally {
            Files.deleteIfExists(socket);
            Files.deleteIfExists(socket.getParent());
        }
    }

    /**
     * Real time: hansim paces virtual time to the wall clock and the C shim keeps the device's timers
     * from CLOCK_MONOTONIC; the device still downloads, verifies and runs the image (not deterministic,
     * and the run says so).
     */
    @Test
    @org.junit.jupiter.api.Timeout(value = 120, threadMode = org.junit.jupiter.api.Timeout.ThreadMode.SEPARATE_THREAD)
    void cPpmidRunsInRealTime() {
        // The signed GB form: the device's check reads the last block back at once after writing it,
        // which real time must answer with what was written just before (a READ is answered on the
        // reader thread, so the WRITEs before it take effect there too, in stream order).
        ExternalSpec spec = cDevice().withClock(ExternalSpec.Clock.REALTIME);
        byte[] image = Fixtures.gbImage(Fixtures.NEW, 1024);
        Frames frames = new Frames();
        try (Simulation sim = Simulation.builder().seed(5).hub(Fixtures.hub()).external(spec).traceSink(frames)
                .build()) {
            ExternalDevice x = sim.externalDevices().get(0);
            assertTrue(!sim.isDeterministic(), "a real-time run is marked non-deterministic");
            sim.hub().distribute(image, PPMID);
            // 3 s minimum reboot delay and 1 s restart after the Upgrade End Response: some 5 wall seconds.
            RunOutcome o = sim.runUntil(() -> String.format("%08X", Fixtures.NEW).equals(x.status().get(
                    "firmware.version")), SimTime.seconds(60));
            assertEquals(RunOutcome.CONDITION_MET, o, "no activation in real time: " + x.failure() + " " + x.logs());
            assertTrue(x.failure().isEmpty(), () -> "device failed: " + x.failure());
            assertEquals(List.of(0x00), frames.upgradeEndStatuses());
        }
    }

    private void listening(String listen) throws Exception {
        {
            List<String> argv = new ArrayList<>(cDevice().launch() instanceof ExternalSpec.Command c ? c.argv()
                    : List.of());
            argv.addAll(List.of("--listen", listen));
            Process p = new ProcessBuilder(argv).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            try {
                // The shim says where it listens on stderr (the port the system chose for port 0).
                java.io.BufferedReader err = new java.io.BufferedReader(
                        new java.io.InputStreamReader(p.getErrorStream(), StandardCharsets.UTF_8));
                String line = err.readLine();
                assertTrue(line != null && line.startsWith("hansim_port: listening on "), "stderr: " + line);
                String address = line.substring("hansim_port: listening on ".length());
                ExternalSpec spec = ExternalSpec.connect("c-ppmid", "ppmid", 0x1004, address).withEui64(PPMID);
                try (Simulation sim = Simulation.builder().seed(11).hub(Fixtures.hub()).external(spec).build()) {
                    ExternalDevice x = sim.externalDevices().get(0);
                    sim.hub().distribute(Fixtures.gbImage(Fixtures.NEW, 2048), PPMID);
                    RunOutcome o = sim.runUntil(() -> sim.hub().readBack(PPMID).isPresent(), SimTime.seconds(6 * 3600));
                    assertEquals(RunOutcome.CONDITION_MET, o, address + ": " + x.failure() + " " + x.logs());
                    assertEquals(String.format("%08X", Fixtures.NEW), x.status().get("firmware.version"));
                }
                assertTrue(p.waitFor(10, TimeUnit.SECONDS), "the device exits after BYE");
                assertEquals(0, p.exitValue(), address);
            } finally {
                p.destroyForcibly();
            }
        }
    }

    /** Lockstep: the same scenario and seed with the same C device give the same trace, frame for frame. */
    @Test
    void cPpmidInLockstepGivesByteIdenticalTraces() {
        List<List<String>> runs = new ArrayList<>();
        for (int run = 0; run < 2; run++) {
            Frames frames = new Frames();
            try (Simulation sim = Simulation.builder().seed(2026).hub(Fixtures.hub()).external(cDevice())
                    .link(LinkFaults.PERFECT.withLoss(10).withDelay(5_000, 40_000)).traceSink(frames).build()) {
                sim.hub().distribute(Fixtures.gbImage(Fixtures.NEW, 4 * 1024), PPMID);
                sim.runUntil(() -> sim.hub().readBack(PPMID).isPresent(), SimTime.seconds(12 * 3600));
                assertTrue(sim.isDeterministic());
            }
            List<String> l = new ArrayList<>();
            for (TraceRecord r : frames.sent) {
                l.add(r.time() + " " + r.frame() + " " + java.util.HexFormat.of().formatHex(r.frame().payload().toArray()));
            }
            runs.add(l);
        }
        assertTrue(runs.get(0).size() > 100, "a download happened: " + runs.get(0).size() + " frames");
        assertEquals(runs.get(0), runs.get(1));
    }

    @Test
    void g9_cPpmidIdentityIsReadOverTheHan() {
        try (Simulation sim = Simulation.builder().seed(9).hub(Fixtures.hub()).external(cDevice()).build()) {
            sim.hub().readIdentity(PPMID);
            sim.runUntil(() -> sim.hub().identityRead(PPMID).isPresent(), SimTime.seconds(60));
            var r = sim.hub().identityRead(PPMID).orElseThrow();
            assertTrue(r.identity().isPresent(), r.problem());
            assertEquals(String.format("%04X", Fixtures.MANUFACTURER), r.identity().get().manufacturer().hex());
            assertEquals(String.format("%04X%04X", Fixtures.IMAGE_TYPE, Fixtures.HARDWARE),
                    r.identity().get().model().hex());
        }
    }
}
