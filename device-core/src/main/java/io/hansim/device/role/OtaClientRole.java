package io.hansim.device.role;

import io.hansim.device.node.ClusterRole;
import io.hansim.device.node.Inbound;
import io.hansim.device.node.MachineDriver;
import io.hansim.device.node.Port;
import io.hansim.device.sim.Scheduler;
import io.hansim.device.storage.NonVolatileStore;
import io.hansim.zigbee.ota.OtaCluster;
import io.hansim.zigbee.ota.client.ClientAction;
import io.hansim.zigbee.ota.client.ClientEvent;
import io.hansim.zigbee.ota.client.ClientProfile;
import io.hansim.zigbee.ota.client.ClientTimer;
import io.hansim.zigbee.ota.client.OtaClient;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * The OTA Upgrade client role (cluster 0x0019, client side): hosts an {@link OtaClient} (sans-I/O, in
 * zigbee-ota) on a device's endpoint through its {@link Port}: the production version of the zigbee-ota
 * test loop. It feeds the client its events with the virtual time and carries out
 * its actions: SendFrame on the bus (cluster 0x0019), SetTimer/CancelTimer on the scheduler (one
 * handle per timer, re-armed timers replace the old one), StoreBlock/PersistProgress/DiscardImage in
 * the flash, and Activate handed to the device, which swaps slots and reboots (R7.4, R7.5, R7.14).
 *
 * <p>At every boot a fresh client is built (RAM is lost on a power cut) with the running slot's
 * version as CurrentFileVersion, and given what the flash persisted so a download resumes at its
 * FileOffset (R7.8).
 */
public final class OtaClientRole implements ClusterRole {
    private final Port port;
    private final NonVolatileStore store;
    private final SplittableRandom random;
    private final Consumer<ClientAction.Activate> onActivate;
    private final MachineDriver<ClientEvent, ClientAction, ClientTimer> driver;
    private final List<ClientAction> log = new ArrayList<>();
    private ClientProfile profile;
    private OtaClient client;
    private boolean retainLog = true;
    private boolean retainRoutine;
    private long routineActions;
    /** The shared empty list until a listener is added: an idle fleet device has none (issue 8's memory budget). */
    private List<Listener> listeners = List.of();
    private boolean atPowerOn;

    /**
     * Told of each of the client's own actions (not its sends and timers) just before it is carried
     * out — the blocks before it are in the flash, a candidate it discards is still there — and whether
     * it came while the client handled its power-on — the
     * re-verification of a held image after a power cut (G.7 0x8F1B). A device's firmware logic (e.g.
     * {@link FirmwareRole}) listens here instead of wrapping the role.
     */
    @FunctionalInterface
    public interface Listener {
        void action(ClientAction a, boolean atPowerOn);

        /** At every boot, before the client is told of the power-on: the running slot is the one that boots. */
        default void booted() {
        }
    }

    /** Adds a listener of the client's actions (see {@link Listener}). */
    public void addListener(Listener l) {
        Objects.requireNonNull(l, "listener");
        if (listeners.isEmpty()) {
            listeners = new ArrayList<>(2);
        }
        listeners.add(l);
    }

    /**
     * @param random     the device's own stream (Seeds.device); each boot draws the client's seed from it
     * @param onActivate what the device does when the client activates an image
     */
    public OtaClientRole(Port port, ClientProfile profile, SplittableRandom random,
            Consumer<ClientAction.Activate> onActivate) {
        this.port = Objects.requireNonNull(port, "port");
        this.store = port.store();
        this.profile = Objects.requireNonNull(profile, "profile");
        this.random = Objects.requireNonNull(random, "random");
        this.onActivate = Objects.requireNonNull(onActivate, "onActivate");
        this.driver = new MachineDriver<>(MachineDriver.over(port), this::log, this::carryOut);
    }

    public ClientProfile profile() {
        return profile;
    }

    /** Changes the profile for the next boot (e.g. the upgrade server learnt at joining, R7.3). */
    public void setProfile(ClientProfile p) {
        profile = Objects.requireNonNull(p, "profile");
    }

    /** The running client; empty while the device is off. */
    public java.util.Optional<OtaClient> client() {
        return java.util.Optional.ofNullable(client);
    }

    /**
     * Whether {@link #actions()} keeps what the client asks for (default true). A fleet turns it off:
     * the log of a 256 KiB download holds every StoreBlock's bytes (issue 8, memory per device).
     */
    public void retainActionLog(boolean on) {
        retainLog = on;
        if (!on) {
            log.clear();
        }
    }

    /**
     * Whether {@link #actions()} also keeps the routine actions — SendFrame, SetTimer, CancelTimer,
     * StoreBlock, PersistProgress — (default false: they are only counted, {@link #routineActions()}).
     * An idle PPMID queries every hour, so a log that kept them would grow with virtual time alone: a
     * 100-year wait held gigabytes (issue 14). The outcomes (status and attribute changes, discards,
     * refusals, activations) are kept; they grow only with what happens.
     */
    public void retainRoutineActions(boolean on) {
        retainRoutine = on;
    }

    /** How many routine actions the client asked for (whether or not the log kept them). */
    public long routineActions() {
        return routineActions;
    }

    /** Whether {@code a} is one of the actions every idle query repeats, or a block's bytes. */
    static boolean routine(ClientAction a) {
        return a instanceof ClientAction.SendFrame || a instanceof ClientAction.SetTimer
                || a instanceof ClientAction.CancelTimer || a instanceof ClientAction.StoreBlock
                || a instanceof ClientAction.PersistProgress;
    }

    /**
     * The actions the client asked for, in order (across reboots): the outcomes, and the routine ones
     * only with {@link #retainRoutineActions}; empty if the log is not retained.
     */
    public List<ClientAction> actions() {
        return Collections.unmodifiableList(log);
    }

    public <T> List<T> actions(Class<T> type) {
        return log.stream().filter(type::isInstance).map(type::cast).toList();
    }

    @Override
    public int clusterId() {
        return OtaCluster.CLUSTER_ID;
    }

    @Override
    public Side side() {
        return Side.CLIENT;
    }

    /** The client decodes its own frames and reports the ones it cannot read. */
    @Override
    public Mode mode() {
        return Mode.RAW;
    }

    /** At every boot. */
    @Override
    public void boot() {
        long running = store.runningVersion();
        // The profile as given while it already names the running version (an idle fleet device: no
        // second profile per device, issue 8's memory budget); rebuilt once the flash runs another one.
        ClientProfile booting = profile.identity().currentFileVersion() == running ? profile
                : profile.toBuilder().currentFileVersion(running).build();
        client = new OtaClient(booting, random.nextLong());
        driver.start(client);
        for (int i = 0, n = listeners.size(); i < n; i++) {
            listeners.get(i).booted();
        }
        atPowerOn = true;
        try {
            handle(new ClientEvent.PowerOn(port.now(), store.restore().orElse(null)));
        } finally {
            atPowerOn = false;
        }
    }

    /** When power is cut. */
    @Override
    public void powerLost() {
        client = null;
        driver.stop();
    }

    /** Hands a 0x0019 frame to the client. */
    @Override
    public void frame(Inbound f) {
        handle(new ClientEvent.FrameReceived(port.now(), f.source(), f.broadcast(), f.payload()));
    }

    /** Delivers an application event (StartQuery, ActivateOutOfBand, LocalUpgradeAttempt). */
    public List<ClientAction> handle(ClientEvent e) {
        if (client == null) {
            return List.of();
        }
        return driver.handle(e);
    }

    private void log(List<ClientAction> actions) {
        for (ClientAction a : actions) {
            boolean routine = routine(a);
            if (routine) {
                routineActions++;
            }
            if (retainLog && (retainRoutine || !routine)) {
                log.add(a);
            }
        }
    }

    /** The client's own actions; transmit and timers are the driver's. */
    private void carryOut(ClientAction a) {
        for (int i = 0, n = listeners.size(); i < n; i++) {
            listeners.get(i).action(a, atPowerOn);
        }
        if (a instanceof ClientAction.StoreBlock b) {
            store.writeCandidate(b.fileOffset(), b.data());
        } else if (a instanceof ClientAction.PersistProgress p) {
            store.persistDownload(p.download());
        } else if (a instanceof ClientAction.DiscardImage) {
            store.discardCandidate();
        } else if (a instanceof ClientAction.Activate act) {
            // The device reboots: its power loss stops the driver, which ends this batch (nothing after
            // Activate applies to the old client).
            onActivate.accept(act);
        }
    }
}
