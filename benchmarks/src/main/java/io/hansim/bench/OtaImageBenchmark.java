package io.hansim.bench;

import com.zsmartsystems.zigbee.app.otaserver.ZigBeeOtaFile;
import io.hansim.zigbee.ota.image.DeterministicEcdsa;
import io.hansim.zigbee.ota.image.FileContent;
import io.hansim.zigbee.ota.image.GbBody;
import io.hansim.zigbee.ota.image.GbImages;
import io.hansim.zigbee.ota.image.OtaImageBuilder;
import io.hansim.zigbee.ota.image.OtaImageParser;
import io.hansim.zigbee.ota.image.OtaImageReport;
import io.hansim.zigbee.ota.image.ParseOptions;
import io.hansim.zigbee.zcl.Bytes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * OTA upgrade files (issue 8): hansim's strict parse with findings versus zsmartsystems'
 * {@link ZigBeeOtaFile} header parse, over every file of {@code shared/corpus/ota/} in turn (one
 * operation = one file, so ops/s = files/s); and the SHA-256 and ECDSA P-256 verification of a
 * signed 256 KiB GB image (no peer: zsmartsystems has no GB body).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class OtaImageBenchmark {
    /** The corpus files, read once; parsing starts from bytes in memory on both sides. */
    byte[][] corpus;
    int next;
    GbBody gbBody;
    KeyPair key;

    @Setup
    public void setUp() throws IOException {
        corpus = corpusFiles().stream().map(OtaImageBenchmark::read).toArray(byte[][]::new);
        key = DeterministicEcdsa.keyPairFromSeed("hansim benchmarks", 1);
        Bytes mi = OtaImageBuilder.generatedPayload(0x0100_0002L, 256 * 1024);
        gbBody = GbBody.signed(mi, DeterministicEcdsa.sign(mi, key.getPrivate()));
    }

    /** Every regular file of {@code shared/corpus/ota/}, sorted by name. */
    public static List<Path> corpusFiles() throws IOException {
        try (Stream<Path> s = Files.list(SharedPaths.dir("corpus/ota"))) {
            return s.filter(Files::isRegularFile).sorted().toList();
        }
    }

    static byte[] read(Path p) {
        try {
            return Files.readAllBytes(p);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private byte[] nextFile() {
        byte[] f = corpus[next];
        next = next + 1 == corpus.length ? 0 : next + 1;
        return f;
    }

    /**
     * Ours: the whole file walked, every finding raised, integrity codes (AES-MMO) checked; never
     * throws. The bytes are handed over ({@link FileContent#wrap}), as the CLI does with a file it read.
     */
    @Benchmark
    public OtaImageReport parseHansim() {
        return OtaImageParser.parse(FileContent.wrap(nextFile()), ParseOptions.defaults());
    }

    /** The same through the copying entry point {@link OtaImageParser#parse(byte[])}, to show the copy's price. */
    @Benchmark
    public OtaImageReport parseHansimCopying() {
        return OtaImageParser.parse(nextFile());
    }

    /** The peer: the fixed header fields only; it throws on files it cannot read, which counts as done. */
    @Benchmark
    public Object parseZsmart() {
        try {
            return new ZigBeeOtaFile(nextFile());
        } catch (RuntimeException e) {
            return e;
        }
    }

    /** Manufacturer Image Hash of a 256 KiB GB image (R7.5). */
    @Benchmark
    public Bytes gbImageSha256() {
        return GbImages.manufacturerImageHash(gbBody.manufacturerImage());
    }

    /** ECDSA P-256 / SHA-256 verification of the same image's signature. */
    @Benchmark
    public boolean gbImageVerify() {
        return GbImages.verify(gbBody, key.getPublic());
    }
}
