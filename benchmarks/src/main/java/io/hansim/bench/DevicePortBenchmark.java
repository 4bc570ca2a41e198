package io.hansim.bench;

import io.hansim.device.Simulation;
import io.hansim.device.external.ExternalSpec;
import io.hansim.device.external.ModelHost;
import io.hansim.device.hub.CommsHub;
import io.hansim.device.ppmid.Ppmid;
import io.hansim.zigbee.ota.client.ClientProfile;
import io.hansim.zigbee.ota.image.DeterministicEcdsa;
import io.hansim.zigbee.ota.image.ImageFormat;
import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Issue 17: throughput through the device port in lockstep. One full OTA of a signed 64 KiB GB image
 * (64-byte blocks, perfect link), CH → PPMID, until the CH's read-back, with hansim's PPMID model
 * in-process, or out-of-process: a child JVM running {@link ModelHost} that listens on loopback TCP and
 * serves one session per download (started once per trial; each simulation's connect, HELLO, WELCOME
 * and first boot are set-up, not measured). Time per download; the HAN frames of one download are
 * printed at tear-down, so frames per second = frames / time.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class DevicePortBenchmark {
    static final KeyPair KEY = DeterministicEcdsa.keyPairFromSeed("hansim benchmarks", 1);

    @Param({"in-process", "out-of-process"})
    public String where;

    byte[] image;
    Process child;
    String address;
    Simulation sim;
    long seed;
    long frames;

    /** The PPMID of this benchmark, for the child JVM. */
    public static final class BenchPpmid implements Supplier<Object> {
        @Override
        public Object get() {
            return spec();
        }
    }

    static Ppmid.Spec spec() {
        ClientProfile profile = ClientProfile.builder().name("bench-ppmid").upgradeServer(OtaEndToEndBenchmark.HUB)
                .manufacturerCode(OtaEndToEndBenchmark.MANUFACTURER).imageType(OtaEndToEndBenchmark.IMAGE_TYPE)
                .currentFileVersion(OtaEndToEndBenchmark.OLD).hardwareVersion(0x0110).maximumDataSize(64)
                .trustedKey(KEY.getPublic()).imageFormat(ImageFormat.GB).startDelayMax(0).build();
        return Ppmid.Spec.of("ppmid", OtaEndToEndBenchmark.PPMID, 0x0002, profile);
    }

    @Setup(Level.Trial)
    public void trial() throws Exception {
        image = OtaEndToEndBenchmark.gbImage(KEY, OtaEndToEndBenchmark.NEW, 64 * 1024);
        if (where.equals("out-of-process")) {
            String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
            child = new ProcessBuilder(List.of(java, "-cp", System.getProperty("java.class.path"),
                    ModelHost.class.getName(), BenchPpmid.class.getName(), "--listen", "tcp:127.0.0.1:0",
                    "--sessions", "0")).redirectError(ProcessBuilder.Redirect.INHERIT).start();
            BufferedReader r = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
            String line = r.readLine();
            if (line == null || !line.startsWith("listening ")) {
                throw new IllegalStateException("the model host did not start: " + line);
            }
            address = line.substring("listening ".length());
        }
    }

    @Setup(Level.Invocation)
    public void simulation() {
        Object device = where.equals("in-process") ? spec()
                : ExternalSpec.connect("ppmid", "ppmid", 0x0002, address).withEui64(OtaEndToEndBenchmark.PPMID);
        sim = Simulation.builder().seed(++seed).hub(CommsHub.Spec.of(OtaEndToEndBenchmark.HUB)).device(device)
                .build();
    }

    @TearDown(Level.Invocation)
    public void close() {
        frames = sim.bus().stats().sent();
        if (!sim.externalDevices().isEmpty() && sim.externalDevices().get(0).failure().isPresent()) {
            throw new IllegalStateException("port failure: " + sim.externalDevices().get(0).failure().get());
        }
        sim.close();
    }

    @TearDown(Level.Trial)
    public void trialEnd() {
        System.out.println("\n[" + where + "] HAN frames in one download: " + frames);
        if (child != null) {
            child.destroyForcibly();
        }
    }

    @Benchmark
    public Simulation fullOta64KiB() {
        return OtaEndToEndBenchmark.fullOta(sim, image);
    }
}
