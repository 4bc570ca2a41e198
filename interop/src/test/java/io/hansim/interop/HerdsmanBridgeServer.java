package io.hansim.interop;

import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hansim.zigbee.zcl.Bytes;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * zigbee-herdsman 10.9.5's OTA server ({@code Device.updateOta}, what Zigbee2MQTT runs) in a Node
 * process, {@code interop/herdsman/bridge.js}, spoken to in JSON lines over stdin/stdout. The bridge
 * reports when herdsman has done all an input caused ({@code idle}), so each call here returns every
 * frame herdsman sent and the HAN can stay in virtual time; herdsman's own timers (request timeout,
 * the wait for a device announce) run in Node's wall time but never fire in a passing run.
 */
final class HerdsmanBridgeServer implements ForeignServer {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Wall time a single bridge exchange may take before the test gives up. */
    private static final long IDLE_TIMEOUT_MILLIS = 30_000;

    private final Path image;
    private final int baseSize;
    private final List<String> notes = new ArrayList<>();
    private Process process;
    private BufferedReader in;
    private BufferedWriter toBridge;
    private String result;
    private String resultDetail;
    private int unmatched;

    /**
     * @param image    the OTA file herdsman serves (its {@code getOtaFirmware} reads it from disk)
     * @param baseSize herdsman's block size before the client's MaximumDataSize caps it (Zigbee2MQTT's
     *                 {@code ota.default_maximum_data_size}, 50 by default)
     */
    HerdsmanBridgeServer(Path image, int baseSize) {
        this.image = image.toAbsolutePath();
        this.baseSize = baseSize;
    }

    /** The bridge folder; fails (never skips) with how to install it when its node_modules is missing. */
    static Path bridgeDir() {
        Path dir = SharedData.repoRoot().resolve("interop/herdsman");
        if (!Files.isDirectory(dir.resolve("node_modules/zigbee-herdsman"))) {
            fail("zigbee-herdsman is not installed in " + dir + "/node_modules: run `npm ci --ignore-scripts` in "
                    + "interop/herdsman (Node.js >= 20; .ci/run does this before the Maven build). The herdsman "
                    + "interop test fails rather than skips without it.");
        }
        return dir;
    }

    @Override
    public List<Bytes> start() throws Exception {
        Path dir = bridgeDir();
        Path log = SharedData.repoRoot().resolve("interop/target/herdsman-bridge.log");
        Files.createDirectories(log.getParent());
        ProcessBuilder pb = new ProcessBuilder("node", "bridge.js").directory(dir.toFile())
                .redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()));
        try {
            process = pb.start();
        } catch (IOException e) {
            return fail("cannot start `node` for the herdsman bridge (install Node.js >= 20): " + e.getMessage());
        }
        in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        toBridge = new BufferedWriter(new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8));
        ObjectNode cmd = JSON.createObjectNode();
        cmd.put("cmd", "start");
        cmd.put("image", image.toString());
        cmd.put("ieee", String.format("0x%016x", InteropRig.PPMID_EUI64));
        cmd.put("nwk", InteropRig.PPMID_SHORT);
        cmd.put("baseSize", baseSize);
        // Zigbee2MQTT paces blocks with ota.image_block_response_delay (250 ms); in the bridge that would
        // be wall time, so it is 0 here and the PPMID's own pacing (virtual time) applies.
        cmd.put("responseDelay", 0);
        cmd.put("requestTimeout", 150_000);
        return exchange(cmd);
    }

    @Override
    public List<Bytes> deliver(Bytes zcl, int apsCounter) throws Exception {
        ObjectNode cmd = JSON.createObjectNode();
        cmd.put("cmd", "frame");
        cmd.put("hex", zcl.hex());
        cmd.put("aps", apsCounter);
        return exchange(cmd);
    }

    @Override
    public List<Bytes> poll(long wallMillis) {
        return List.of(); // herdsman sends nothing on its own once idle (its timers only fail an upgrade)
    }

    @Override
    public boolean answersOnItsOwnThreads() {
        return false;
    }

    @Override
    public boolean busyOnItsOwnClock() {
        return false;
    }

    @Override
    public void deviceRestarted() throws Exception {
        ObjectNode cmd = JSON.createObjectNode();
        cmd.put("cmd", "announce");
        List<Bytes> frames = exchange(cmd);
        if (!frames.isEmpty()) {
            notes.add("frames after the announce: " + frames.size());
        }
    }

    @Override
    public Optional<String> verdict() {
        return Optional.ofNullable(result).map(r -> resultDetail == null ? r : r + " (" + resultDetail + ")");
    }

    @Override
    public boolean succeeded() {
        return "success".equals(result);
    }

    @Override
    public List<String> notes() {
        List<String> n = new ArrayList<>(notes);
        n.add(unmatched + " PPMID frames taken by no herdsman waiter");
        return n;
    }

    private List<Bytes> exchange(JsonNode cmd) throws IOException, InterruptedException {
        toBridge.write(JSON.writeValueAsString(cmd));
        toBridge.newLine();
        toBridge.flush();
        List<Bytes> frames = new ArrayList<>();
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(IDLE_TIMEOUT_MILLIS);
        while (true) {
            if (System.nanoTime() > deadline) {
                fail("herdsman bridge did not go idle within " + IDLE_TIMEOUT_MILLIS + " ms after " + cmd);
            }
            String line = in.readLine();
            if (line == null) {
                fail("herdsman bridge exited (code " + process.waitFor() + "); see interop/target/herdsman-bridge.log");
            }
            JsonNode msg = JSON.readTree(line);
            if (msg.has("frame")) {
                frames.add(Bytes.fromHex(msg.get("frame").asText()));
            } else if (msg.has("idle")) {
                return frames;
            } else if (msg.has("result")) {
                result = msg.get("result").asText();
                resultDetail = msg.has("error") ? msg.get("error").asText() : null;
            } else if (msg.has("unmatched")) {
                if (unmatched++ < 3) {
                    notes.add("no herdsman waiter took " + msg.get("unmatched").asText());
                }
            } else {
                notes.add("bridge said " + line);
            }
        }
    }

    @Override
    public void close() throws Exception {
        if (process != null) {
            toBridge.close();
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }
}
