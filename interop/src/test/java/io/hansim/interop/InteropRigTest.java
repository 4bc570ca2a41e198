package io.hansim.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hansim.device.sim.SimTime;
import io.hansim.zigbee.zcl.Bytes;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The rig itself, without a foreign server (runs in a plain {@code mvn verify}): it relays the PPMID's
 * frames to the server side with their APS counters, and a server that never answers ends the run with
 * a failure that says where it stood, never a hang.
 */
class InteropRigTest {
    /** A server that takes every frame and says nothing. */
    static final class SilentServer implements ForeignServer {
        final List<Bytes> received = new ArrayList<>();
        final List<Integer> apsCounters = new ArrayList<>();

        @Override
        public List<Bytes> start() {
            return List.of();
        }

        @Override
        public List<Bytes> deliver(Bytes zcl, int apsCounter) {
            received.add(zcl);
            apsCounters.add(apsCounter);
            return List.of();
        }

        @Override
        public List<Bytes> poll(long wallMillis) {
            return List.of();
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
        public void deviceRestarted() {
        }

        @Override
        public Optional<String> verdict() {
            return Optional.empty();
        }

        @Override
        public boolean succeeded() {
            return false;
        }

        @Override
        public List<String> notes() {
            return List.of();
        }

        @Override
        public void close() {
        }
    }

    @Test
    void aSilentServerFailsTheRunAtTheVirtualLimitWithTheQueriesItWasSent() {
        InteropRig rig = new InteropRig(InteropImages.hansimProfile().build(), 0, 7);
        SilentServer server = new SilentServer();
        AssertionError e = assertThrows(AssertionError.class,
                () -> rig.run(server, SimTime.seconds(3 * 3600), 60_000));
        assertTrue(e.getMessage().contains("did not finish"), e.getMessage());
        // The PPMID queries at power-on and retries (R7 client, queryRetries), then again each hour.
        assertTrue(rig.observed().queries >= 2, rig.observed().toString());
        assertEquals(rig.observed().queries, server.received.size(), "every query reached the server");
        assertFalse(server.received.isEmpty());
        assertTrue(InteropRig.callsForAnswer(server.received.get(0)), "a Query Next Image Request calls for an answer");
        assertEquals(server.received.size(), server.apsCounters.stream().distinct().count(),
                "each frame keeps its own APS counter (a stack's duplicate rejection relies on it)");
    }

    @Test
    void onlyTheFourRequestsCallForAnAnswer() {
        // ZCL header: frame control 0x01 (cluster-specific, client to server), TSN, command id.
        for (int cmd = 0; cmd < 0x0A; cmd++) {
            boolean expected = cmd == 0x01 || cmd == 0x03 || cmd == 0x04 || cmd == 0x06;
            assertEquals(expected, InteropRig.callsForAnswer(Bytes.of((byte) 0x01, (byte) 0x07, (byte) cmd)),
                    "command 0x0" + Integer.toHexString(cmd));
        }
        // A Default Response (global 0x0B) never does.
        assertFalse(InteropRig.callsForAnswer(Bytes.of((byte) 0x18, (byte) 0x07, (byte) 0x0B, (byte) 0x05, (byte) 0x00)));
    }
}
