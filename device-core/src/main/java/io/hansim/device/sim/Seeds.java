package io.hansim.device.sim;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.SplittableRandom;

/**
 * Independent random streams derived from one scenario seed (DESIGN.md §2). Each stream's seed is
 * SHA-256 over (scenario seed, label, ids), so a device's or a link's stream depends only on its own
 * identity: adding a device never changes another device's faults.
 */
public final class Seeds {
    private final long scenarioSeed;

    public Seeds(long scenarioSeed) {
        this.scenarioSeed = scenarioSeed;
    }

    public long scenarioSeed() {
        return scenarioSeed;
    }

    /** The seed of stream {@code label} for {@code ids}. */
    public long derive(String label, long... ids) {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JDK", e);
        }
        update(sha, scenarioSeed);
        byte[] l = label.getBytes(StandardCharsets.UTF_8);
        update(sha, l.length); // length prefix: ("ab", 1) and ("a", ...) never collide by concatenation
        sha.update(l);
        for (long id : ids) {
            update(sha, id);
        }
        byte[] d = sha.digest();
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v = (v << 8) | (d[i] & 0xFF);
        }
        return v;
    }

    public SplittableRandom stream(String label, long... ids) {
        return new SplittableRandom(derive(label, ids));
    }

    /** The stream of a device (its state machine's draws: jitter, start delays). */
    public SplittableRandom device(long eui64) {
        return stream("device", eui64);
    }

    /** The fault stream of the directed link {@code from → to}. */
    public SplittableRandom link(long fromEui64, long toEui64) {
        return stream("link", fromEui64, toEui64);
    }

    private static void update(MessageDigest sha, long v) {
        for (int i = 7; i >= 0; i--) {
            sha.update((byte) (v >>> (8 * i)));
        }
    }
}
