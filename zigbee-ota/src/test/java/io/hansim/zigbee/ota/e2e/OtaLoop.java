package io.hansim.zigbee.ota.e2e;

import io.hansim.zigbee.ota.client.ClientAction;
import io.hansim.zigbee.ota.client.ClientEvent;
import io.hansim.zigbee.ota.client.ClientProfile;
import io.hansim.zigbee.ota.client.OtaClient;
import io.hansim.zigbee.ota.client.PersistedDownload;
import io.hansim.zigbee.ota.server.OtaServer;
import io.hansim.zigbee.ota.server.OtaServerConfig;
import io.hansim.zigbee.ota.server.ServerAction;
import io.hansim.zigbee.ota.server.ServerEvent;
import io.hansim.zigbee.zcl.Bytes;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.SplittableRandom;
import java.util.function.BooleanSupplier;

/**
 * The smallest host that runs an {@link OtaServer} and an {@link OtaClient} against each other:
 * a virtual clock, an event queue ordered by (time, sequence), timers with generations so a
 * cancelled or re-armed timer never fires, a seeded lossy link, a flash model for the client fed by
 * StoreBlock / PersistProgress, and power cuts. No bus, no threads (issue #3: "a small test loop").
 *
 * <p>Every delivered frame goes into a SHA-256 fingerprint of (time, direction, bytes), so tests can
 * assert that the same seed gives the same conversation.
 */
final class OtaLoop {
    static final long SERVER = 0x00D0_1234_5678_0001L;
    static final long CLIENT = 0x00D0_1234_5678_0002L;

    /** How the link treats each frame; decided per frame by {@link #fate}. */
    enum Fate { DELIVER, DROP, DUPLICATE }

    interface FateSource {
        Fate fate(boolean toServer, Bytes frame);

        /** Extra delay in microseconds for this copy of the frame. */
        long delay(boolean toServer);
    }

    private record Pending(long at, long seq, boolean toServer, Object event, Object timerKey, long generation) {}

    final OtaServer server;
    final ClientProfile baseProfile;
    final long clientSeed;
    OtaClient client;
    long now;
    long seq;
    long runningVersion;
    boolean clientPowered = true;
    private final PriorityQueue<Pending> queue = new PriorityQueue<>(
            (a, b) -> a.at != b.at ? Long.compare(a.at, b.at) : Long.compare(a.seq, b.seq));
    private final Map<Object, Long> generations = new HashMap<>();
    FateSource link;

    final List<ServerAction> serverLog = new ArrayList<>();
    final List<ClientAction> clientLog = new ArrayList<>();
    byte[] flash = new byte[0];
    PersistedDownload persisted;
    final List<ClientAction.Activate> activations = new ArrayList<>();
    int framesDelivered;
    int framesDropped;
    private final MessageDigest fingerprint;

    OtaLoop(OtaServerConfig serverConfig, ClientProfile profile, long seed) {
        this.server = new OtaServer(serverConfig);
        this.baseProfile = profile;
        this.clientSeed = seed;
        this.client = new OtaClient(profile, seed);
        this.runningVersion = profile.identity().currentFileVersion();
        this.link = perfectLink();
        try {
            this.fingerprint = MessageDigest.getInstance("SHA-256");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static FateSource perfectLink() {
        return new FateSource() {
            @Override
            public Fate fate(boolean toServer, Bytes frame) {
                return Fate.DELIVER;
            }

            @Override
            public long delay(boolean toServer) {
                return 10_000; // 10 ms per hop
            }
        };
    }

    /** A seeded link that loses, duplicates and delays (and so reorders) frames. */
    static FateSource lossyLink(long seed, double loss, double duplicate, long minDelay, long maxDelay) {
        SplittableRandom rnd = new SplittableRandom(seed);
        return new FateSource() {
            @Override
            public Fate fate(boolean toServer, Bytes frame) {
                double r = rnd.nextDouble();
                return r < loss ? Fate.DROP : r < loss + duplicate ? Fate.DUPLICATE : Fate.DELIVER;
            }

            @Override
            public long delay(boolean toServer) {
                return minDelay + (maxDelay > minDelay ? rnd.nextLong(maxDelay - minDelay) : 0);
            }
        };
    }

    // ---- driving

    List<ServerAction> toServer(ServerEvent e) {
        List<ServerAction> actions = server.handle(e);
        serverLog.addAll(actions);
        for (ServerAction a : actions) {
            if (a instanceof ServerAction.SendFrame f) {
                send(true, f.zclFrame(), f.broadcast());
            } else if (a instanceof ServerAction.SetTimer t) {
                arm(true, t.timer(), t.at(), new ServerEvent.TimerFired(t.at(), t.timer()));
            } else if (a instanceof ServerAction.CancelTimer c) {
                generations.merge(c.timer(), 1L, Long::sum);
            }
        }
        return actions;
    }

    List<ClientAction> toClient(ClientEvent e) {
        if (!clientPowered) {
            return List.of();
        }
        List<ClientAction> actions = client.handle(e);
        clientLog.addAll(actions);
        for (ClientAction a : actions) {
            if (a instanceof ClientAction.SendFrame f) {
                send(false, f.zclFrame(), false);
            } else if (a instanceof ClientAction.SetTimer t) {
                arm(false, t.timer(), t.at(), new ClientEvent.TimerFired(t.at(), t.timer()));
            } else if (a instanceof ClientAction.CancelTimer c) {
                generations.merge(c.timer(), 1L, Long::sum);
            } else if (a instanceof ClientAction.StoreBlock b) {
                int end = Math.toIntExact(b.fileOffset() + b.data().length());
                if (flash.length < end) {
                    flash = Arrays.copyOf(flash, Math.max(end, flash.length * 2));
                }
                b.data().copyTo(flash, (int) b.fileOffset());
            } else if (a instanceof ClientAction.PersistProgress p) {
                persisted = p.download();
            } else if (a instanceof ClientAction.DiscardImage) {
                persisted = null;
            } else if (a instanceof ClientAction.Activate act) {
                activations.add(act);
                persisted = null;
                runningVersion = act.identity().fileVersion();
                // The device reboots on the new image (host's job, OtaClient javadoc): one second later.
                enqueue(now + 1_000_000, false, new ClientEvent.PowerOn(now + 1_000_000, null), null, 0);
            }
        }
        return actions;
    }

    /** "From" is the sender: {@code fromServer} true for frames the server sends to the client. */
    private void send(boolean fromServer, Bytes frame, boolean broadcast) {
        boolean toServer = !fromServer;
        Fate fate = link.fate(toServer, frame);
        if (fate == Fate.DROP) {
            framesDropped++;
            return;
        }
        int copies = fate == Fate.DUPLICATE ? 2 : 1;
        for (int i = 0; i < copies; i++) {
            long at = now + Math.max(1, link.delay(toServer));
            Object ev = toServer
                    ? new ServerEvent.FrameReceived(at, CLIENT, false, frame)
                    : new ClientEvent.FrameReceived(at, SERVER, broadcast, frame);
            enqueue(at, toServer, ev, null, 0);
        }
    }

    private void arm(boolean forServer, Object key, long at, Object event) {
        long gen = generations.merge(key, 1L, Long::sum);
        enqueue(Math.max(at, now), forServer, event, key, gen);
    }

    private void enqueue(long at, boolean toServer, Object event, Object timerKey, long generation) {
        queue.add(new Pending(at, seq++, toServer, event, timerKey, generation));
    }

    /** Runs events until {@code stop} holds, the queue empties, or virtual time passes {@code until}. */
    boolean runUntil(BooleanSupplier stop, long until) {
        while (!stop.getAsBoolean()) {
            Pending p = queue.peek();
            if (p == null || p.at > until) {
                now = Math.max(now, Math.min(until, p == null ? until : p.at));
                return stop.getAsBoolean();
            }
            queue.poll();
            if (p.timerKey != null && generations.getOrDefault(p.timerKey, 0L) != p.generation) {
                continue; // cancelled or re-armed
            }
            now = p.at;
            if (p.event instanceof ServerEvent.FrameReceived f) {
                record(true, f.zclFrame());
            } else if (p.event instanceof ClientEvent.FrameReceived f) {
                if (!clientPowered) {
                    continue;
                }
                record(false, f.zclFrame());
            }
            if (p.toServer) {
                toServer((ServerEvent) p.event);
            } else {
                toClient((ClientEvent) p.event);
            }
        }
        return true;
    }

    private void record(boolean toServer, Bytes frame) {
        framesDelivered++;
        fingerprint.update(longBytes(now));
        fingerprint.update((byte) (toServer ? 1 : 0));
        fingerprint.update(frame.toArray());
    }

    /** Cuts the client's power now: RAM and pending timers are lost, the link drops its frames. */
    void powerCut() {
        clientPowered = false;
        for (var t : io.hansim.zigbee.ota.client.ClientTimer.values()) {
            generations.merge(t, 1L, Long::sum);
        }
    }

    /** Restores power: a fresh client object (RAM lost) resumes from what the flash holds. */
    void powerOn() {
        clientPowered = true;
        client = new OtaClient(baseProfile.toBuilder().currentFileVersion(runningVersion).build(), clientSeed + 1);
        PersistedDownload restored = persisted == null ? null
                : persisted.withReceived(Bytes.of(Arrays.copyOf(flash, (int) persisted.fileOffset())));
        toClient(new ClientEvent.PowerOn(now, restored));
    }

    String fingerprintHex() {
        try {
            return java.util.HexFormat.of().formatHex(((MessageDigest) fingerprint.clone()).digest());
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException(e);
        }
    }

    <T> List<T> serverActions(Class<T> type) {
        return serverLog.stream().filter(type::isInstance).map(type::cast).toList();
    }

    <T> List<T> clientActions(Class<T> type) {
        return clientLog.stream().filter(type::isInstance).map(type::cast).toList();
    }

    private static byte[] longBytes(long v) {
        byte[] b = new byte[8];
        for (int i = 0; i < 8; i++) {
            b[i] = (byte) (v >>> (56 - 8 * i));
        }
        return b;
    }
}
