package io.hansim.bench;

import io.hansim.device.Simulation;
import io.hansim.device.han.LinkFaults;
import io.hansim.device.hub.CommsHub;
import io.hansim.device.ppmid.Ppmid;
import io.hansim.device.sim.RunOutcome;
import io.hansim.zigbee.ota.client.ClientProfile;
import io.hansim.zigbee.ota.image.DeterministicEcdsa;
import io.hansim.zigbee.ota.image.GbBody;
import io.hansim.zigbee.ota.image.ImageFormat;
import io.hansim.zigbee.ota.image.OtaImageBuilder;
import io.hansim.zigbee.zcl.Bytes;
import java.security.KeyPair;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * One full OTA of a signed 256 KiB GB image with 64-byte blocks, Communications Hub → PPMID, through
 * the HAN bus, both codecs and both state machines, until the hub has read back the new version
 * (R7.4, R7.10): on a perfect link and with 5 % loss. Wall time per transfer; building the simulation
 * is set-up and not measured (its cost is the key pair and the devices, not the transfer).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class OtaEndToEndBenchmark {
    static final long HUB = 0x00D0_0000_0000_0001L;
    static final long PPMID = 0x00D0_0000_0000_0002L;
    static final int MANUFACTURER = 0x1234;
    static final int IMAGE_TYPE = 0x0084;
    static final long OLD = 0x0100_0001L;
    static final long NEW = 0x0100_0002L;
    static final long HOUR = 3_600_000_000L;

    /** Per cent of frames lost on the CH–PPMID link. */
    @Param({"0", "5"})
    public double lossPercent;

    KeyPair key;
    byte[] image;
    Simulation sim;
    long seed;

    @Setup(Level.Trial)
    public void image() {
        key = DeterministicEcdsa.keyPairFromSeed("hansim benchmarks", 1);
        image = gbImage(key, NEW, 256 * 1024);
    }

    /** A signed GB image of {@code bodyLength} bytes of Manufacturer Image, for hardware 0x0100..0x01FF. */
    static byte[] gbImage(KeyPair key, long version, int bodyLength) {
        Bytes mi = OtaImageBuilder.generatedPayload(version, bodyLength);
        return new OtaImageBuilder().manufacturerCode(MANUFACTURER).imageType(IMAGE_TYPE).fileVersion(version)
                .hardwareVersions(0x0100, 0x01FF).headerString("hansim benchmark image")
                .gbBody(GbBody.signed(mi, DeterministicEcdsa.sign(mi, key.getPrivate()))).buildBytes().toArray();
    }

    @Setup(Level.Invocation)
    public void simulation() {
        // A fresh seed each time, so the lossy run does not replay one lucky pattern.
        sim = build(key, lossPercent, ++seed);
    }

    static Simulation build(KeyPair key, double lossPercent, long seed) {
        ClientProfile profile = ClientProfile.builder().name("bench-ppmid").upgradeServer(HUB)
                .manufacturerCode(MANUFACTURER).imageType(IMAGE_TYPE).currentFileVersion(OLD)
                .hardwareVersion(0x0110).maximumDataSize(64).trustedKey(key.getPublic())
                .imageFormat(ImageFormat.GB).startDelayMax(0).build();
        LinkFaults link = lossPercent == 0 ? LinkFaults.PERFECT : LinkFaults.PERFECT.withLoss(lossPercent);
        return Simulation.builder().seed(seed).hub(CommsHub.Spec.of(HUB))
                .ppmid(Ppmid.Spec.of("ppmid", PPMID, 0x0002, profile)).link(link).build();
    }

    /** Distributes the image and runs until the hub's read-back; fails loudly if it does not finish. */
    static Simulation fullOta(Simulation sim, byte[] image) {
        sim.hub().distribute(image, PPMID);
        RunOutcome o = sim.runUntil(() -> sim.hub().readBack(PPMID).isPresent(), 96 * HOUR);
        if (o != RunOutcome.CONDITION_MET) {
            throw new IllegalStateException("OTA did not finish: " + o);
        }
        return sim;
    }

    @Benchmark
    public Simulation fullOta256KiB() {
        return fullOta(sim, image);
    }
}
