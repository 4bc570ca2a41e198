package io.hansim.bench;

import io.hansim.gbcs.GbcsCodec;
import io.hansim.gbcs.GbcsMessage;
import io.hansim.gbcs.GroupingHeader;
import io.hansim.gbcs.crypto.GbcsKdf;
import io.hansim.gbcs.crypto.GbcsMac;
import io.hansim.gbcs.crypto.KeyUsage;
import io.hansim.gbcs.crypto.KeystoreFolderResolver;
import io.hansim.gbcs.crypto.MessageVerifier;
import io.hansim.gbcs.crypto.Verdict;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.LongPredicate;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * GBCS decode + MAC verify (gbcs.md §4.1) over every MAC'd message of {@code vectors/gbcs/rtds-4.5.0/}
 * whose key the keystore holds, one message per operation (ops/s = messages/s). As a head-end would,
 * the ECDH shared secret Z is computed once per pair of parties in set-up; each message still pays
 * its own decode, KDF (SHA-256 over Z ‖ OtherInfo, which carries the message's counter) and
 * AES-128-GCM tag. No peer: zsmartsystems has no GBCS.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class GbcsMacBenchmark {
    byte[][] wires;
    Map<GbcsMac.Parties, byte[]> sharedSecrets;
    LongPredicate isDevice;
    int next;

    @Setup
    public void setUp() throws IOException {
        KeystoreFolderResolver keys = new KeystoreFolderResolver(SharedPaths.dir("vectors/gbcs/keystore"));
        isDevice = MessageVerifier.rtds().isDevice();
        sharedSecrets = new HashMap<>();
        List<byte[]> verifiable = new ArrayList<>();
        for (byte[] wire : rtdsVectors()) {
            GbcsMessage m = GbcsCodec.decode(wire);
            if (m.mac().isEmpty()) {
                continue;
            }
            GbcsMac.Parties p = GbcsMac.parties(m.groupingHeader(), GbcsMac.RTDS_ACB, isDevice);
            Optional<byte[]> z = sharedSecret(p, keys);
            if (z.isEmpty()) {
                continue; // NA_PCS01: a device-to-device key the DCC does not publish (corpora.md §5.3)
            }
            sharedSecrets.put(p, z.get());
            verifiable.add(wire);
        }
        wires = verifiable.toArray(byte[][]::new);
        // The benchmark must measure successful verifications, not a fast failure path.
        for (byte[] w : wires) {
            if (verify(w) != Verdict.VALID) {
                throw new IllegalStateException("an RTDS MAC does not verify: " + HexFormat.of().formatHex(w));
            }
        }
    }

    /** The {@code *_GBCS.HEX} vectors, sorted by path. */
    public static List<byte[]> rtdsVectors() throws IOException {
        Path dir = SharedPaths.dir("vectors/gbcs/rtds-4.5.0");
        try (Stream<Path> s = Files.walk(dir)) {
            List<byte[]> out = new ArrayList<>();
            for (Path p : s.filter(Files::isRegularFile).filter(f -> f.toString().endsWith("_GBCS.HEX"))
                    .sorted().toList()) {
                out.add(HexFormat.of().parseHex(Files.readString(p, StandardCharsets.US_ASCII).strip()));
            }
            return out;
        }
    }

    /** Z for a pair of parties, whichever of them the keystore holds the private KA key of (as {@link GbcsMac#key}). */
    static Optional<byte[]> sharedSecret(GbcsMac.Parties p, KeystoreFolderResolver keys) {
        Optional<byte[]> z = sharedSecret(p.first(), p.second(), keys);
        return z.isPresent() ? z : sharedSecret(p.second(), p.first(), keys);
    }

    private static Optional<byte[]> sharedSecret(long privateSide, long publicSide, KeystoreFolderResolver keys) {
        Optional<ECPrivateKey> mine = keys.privateKey(privateSide, KeyUsage.KA);
        Optional<ECPublicKey> theirs = keys.publicKey(publicSide, KeyUsage.KA);
        return mine.isPresent() && theirs.isPresent()
                ? Optional.of(GbcsKdf.sharedSecret(mine.get(), theirs.get())) : Optional.empty();
    }

    /** Number of messages in the rotation. */
    public int messages() {
        return wires.length;
    }

    /** Decode, key from the cached Z, MAC check. */
    Verdict verify(byte[] wire) {
        GbcsMessage m = GbcsCodec.decode(wire);
        GroupingHeader g = m.groupingHeader();
        byte[] z = sharedSecrets.get(GbcsMac.parties(g, GbcsMac.RTDS_ACB, isDevice));
        byte[] k = GbcsKdf.deriveKey(z, GbcsKdf.otherInfo(g.originator(), g.craFlag().code(),
                g.originatorCounter(), g.recipient()));
        return GbcsMac.verify(wire, m, k);
    }

    @Benchmark
    public Verdict decodeAndVerifyMac() {
        byte[] w = wires[next];
        next = next + 1 == wires.length ? 0 : next + 1;
        return verify(w);
    }
}
