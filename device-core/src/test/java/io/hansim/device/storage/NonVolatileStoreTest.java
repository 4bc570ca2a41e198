package io.hansim.device.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hansim.zigbee.ota.client.ImageIdentity;
import io.hansim.zigbee.ota.client.PersistedDownload;
import io.hansim.zigbee.zcl.Bytes;
import io.hansim.zigbee.zcl.ZclValue;
import java.util.List;
import org.junit.jupiter.api.Test;

class NonVolatileStoreTest {
    static final ImageIdentity ID = new ImageIdentity(0x1234, 0x0084, 2);

    static PersistedDownload at(long offset) {
        return new PersistedDownload(ID, 300, offset, List.of(), Bytes.EMPTY);
    }

    static Bytes block(int from, int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (from + i);
        }
        return Bytes.of(b);
    }

    @Test
    void aPowerCutKeepsWhatWasPersistedAndDistrustsBytesBeyondIt() {
        NonVolatileStore s = new NonVolatileStore(1);
        s.writeCandidate(0, block(0, 100));
        s.persistDownload(at(100));
        s.writeCandidate(100, block(100, 100)); // written, but the power goes before PersistProgress
        // Power cut: the device object's RAM is gone; the store is all that is left.
        PersistedDownload restored = s.restore().orElseThrow();
        assertEquals(100, restored.fileOffset());
        assertEquals(block(0, 100), restored.received(), "exactly the bytes up to the persisted offset");
        assertEquals(1, s.runningVersion());
    }

    @Test
    void activationSwapsSlotsAndKeepsTheOldImageInTheOther() {
        NonVolatileStore s = new NonVolatileStore(1);
        Bytes image = block(0, 200);
        s.writeCandidate(0, image);
        s.persistDownload(at(200));
        assertEquals(NonVolatileStore.ActivationResult.ACTIVATED, s.activate(2, image, true));
        assertEquals(2, s.runningVersion());
        assertEquals(image, s.running().image());
        assertEquals(1, s.previous().orElseThrow().version());
        assertTrue(s.restore().isEmpty(), "the download record is cleared");
    }

    @Test
    void r7_14_aCorruptCandidateOrABootFailureKeepsTheOldImage() {
        NonVolatileStore s = new NonVolatileStore(1);
        Bytes image = block(0, 200);
        s.writeCandidate(0, block(1, 200)); // not what the client verified
        assertEquals(NonVolatileStore.ActivationResult.CANDIDATE_CORRUPT, s.activate(2, image, true));
        assertEquals(1, s.runningVersion());
        s.writeCandidate(0, image);
        assertEquals(NonVolatileStore.ActivationResult.BOOT_FAILED, s.activate(2, image, false));
        assertEquals(1, s.runningVersion());
    }

    @Test
    void discardErasesTheCandidateAndAttributesPersist() {
        NonVolatileStore s = new NonVolatileStore(1);
        s.writeCandidate(0, block(0, 10));
        s.persistDownload(at(10));
        s.discardCandidate();
        assertTrue(s.restore().isEmpty());
        assertEquals(0, s.candidateLength());
        s.putAttribute(0x0002, ZclValue.uint32(7));
        assertEquals(ZclValue.uint32(7), s.attribute(0x0002).orElseThrow());
    }
}
