package io.hansim.device.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hansim.zigbee.zcl.Bytes;
import java.security.MessageDigest;
import org.junit.jupiter.api.Test;

/** The DIGEST storage model of fleet devices (issue 8): no image bytes at rest, same verdicts. */
class ImageRetentionTest {
    static Bytes image(int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (i * 7 + 3);
        }
        return Bytes.of(b);
    }

    @Test
    void digestRetentionKeepsTheHashNotTheBytes() throws Exception {
        NonVolatileStore s = new NonVolatileStore(1);
        s.setImageRetention(NonVolatileStore.ImageRetention.DIGEST);
        Bytes img = image(1000);
        s.writeCandidate(0, Bytes.of(img.toArray(), 0, 600));
        s.writeCandidate(600, Bytes.of(img.toArray(), 600, 400));
        assertEquals(NonVolatileStore.ActivationResult.ACTIVATED, s.activate(2, img, true));
        assertEquals(2, s.runningVersion());
        assertEquals(0, s.running().image().length(), "no image bytes at rest");
        assertEquals(0, s.candidateLength(), "candidate freed at activation");
        assertEquals(Bytes.of(MessageDigest.getInstance("SHA-256").digest(img.toArray())), s.runningDigest().orElseThrow());
    }

    @Test
    void digestRetentionStillRefusesACorruptCandidate_r7_14() {
        NonVolatileStore s = new NonVolatileStore(1);
        s.setImageRetention(NonVolatileStore.ImageRetention.DIGEST);
        Bytes img = image(100);
        byte[] bad = img.toArray();
        bad[50] ^= 1;
        s.writeCandidate(0, Bytes.of(bad));
        assertEquals(NonVolatileStore.ActivationResult.CANDIDATE_CORRUPT, s.activate(2, img, true));
        assertEquals(1, s.runningVersion());
        assertTrue(s.runningDigest().isEmpty());
    }

    @Test
    void bytesRetentionIsTheDefaultAndKeepsTheImage() {
        NonVolatileStore s = new NonVolatileStore(1);
        assertEquals(NonVolatileStore.ImageRetention.BYTES, s.imageRetention());
        Bytes img = image(100);
        s.writeCandidate(0, img);
        assertEquals(NonVolatileStore.ActivationResult.ACTIVATED, s.activate(2, img, true));
        assertEquals(img, s.running().image());
        assertTrue(s.runningDigest().isEmpty());
    }
}
