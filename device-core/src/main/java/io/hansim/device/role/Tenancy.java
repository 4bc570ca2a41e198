package io.hansim.device.role;

import io.hansim.device.cot.CotProfile;
import io.hansim.device.cot.OccupierDataKind;
import io.hansim.device.cot.OccupierDataStore;
import io.hansim.device.cot.OccupierRecord;
import io.hansim.device.cot.SpecVersion;
import io.hansim.device.cot.TenancyAction;
import io.hansim.device.cot.TenancyConfig;
import io.hansim.device.cot.TenancyEvent;
import io.hansim.device.cot.TenancyMonitor;
import io.hansim.device.cot.TenancyTimer;
import io.hansim.device.node.ClusterRole;
import io.hansim.device.node.MachineDriver;
import io.hansim.device.node.Port;
import io.hansim.zigbee.devicemgmt.DeviceManagementCluster;
import io.hansim.zigbee.devicemgmt.DeviceManagementCodec;
import io.hansim.zigbee.devicemgmt.DeviceManagementCommand;
import io.hansim.zigbee.devicemgmt.DeviceManagementFrame;
import io.hansim.zigbee.zcl.Bytes;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.LongFunction;

/**
 * The occupier data of an IHD or PPMID and the Change of Tenancy machine that clears it (R56.2–R56.6):
 * the state the tenancy roles share. It runs the sans-I/O {@link TenancyMonitor} and carries out its
 * actions through the device's {@link Port}; the roles give it what they hear on the HAN:
 *
 * <ul>
 *   <li>{@link CotClientRole} (Device Management 0x0708, client): Get Change of Tenancy to the sources,
 *       Publish Change of Tenancy and CoT attribute reads back (R56.2);</li>
 *   <li>{@link MeteringHistoryRole} (Metering 0x0702): reads the consumption source and serves the
 *       history it logged (R56.5, R56.7);</li>
 *   <li>{@link MessagingRole} (Messaging 0x0703): stores supplier messages and serves the last one;</li>
 *   <li>{@link PrepaymentLogRole} (Prepayment 0x0705): serves top-up and debt-recovery logs when the
 *       profile keeps those extras (R56.4).</li>
 * </ul>
 *
 * <p>Clearing (R56.3, R56.4): BeginClear persists the journal at once; each ClearNext runs after
 * {@link TenancyConfig#clearStepDelayMicros()}, one kind per step, so a power cut can fall between steps;
 * at boot {@link OccupierDataStore#recover()} finishes the clear, and the outcome list gets a
 * {@link TenancyAction.CotHandled} for it. This object is the flash side: the store, the outcome list
 * and the specification version of the last boot survive a power cut; the monitor and its timers do not.
 */
public final class Tenancy {
    private final Port port;
    private final TenancyConfig config;
    private final OccupierDataStore store;
    private final LongFunction<SpecVersion> specOfFirmware;
    private final List<TenancyAction> outcomes = new ArrayList<>();
    private final MachineDriver<TenancyEvent, TenancyAction, TenancyTimer> driver;
    private SpecVersion bootedSpec;
    private TenancyMonitor monitor;

    /**
     * @param store          the device's occupier data, in its flash
     * @param specOfFirmware the specification version each firmware version implements (R56.8)
     */
    public Tenancy(Port port, TenancyConfig config, OccupierDataStore store, LongFunction<SpecVersion> specOfFirmware) {
        this.port = Objects.requireNonNull(port, "port");
        this.config = Objects.requireNonNull(config, "config");
        this.store = Objects.requireNonNull(store, "store");
        this.specOfFirmware = Objects.requireNonNull(specOfFirmware, "specOfFirmware");
        this.driver = new MachineDriver<>(MachineDriver.over(port), this::carryOut);
    }

    /**
     * The roles of a device with this occupier data, in boot order: CoT client, Metering history,
     * Messaging, and Prepayment log when the profile keeps top-ups or debt recovery.
     */
    public List<ClusterRole> roles() {
        List<ClusterRole> r = new ArrayList<>(List.of(new CotClientRole(this), new MeteringHistoryRole(this),
                new MessagingRole(this)));
        if (holdsPrepaymentLogs()) {
            r.add(new PrepaymentLogRole(this));
        }
        return r;
    }

    public TenancyConfig config() {
        return config;
    }

    /** The occupier data (flash). */
    public OccupierDataStore store() {
        return store;
    }

    Port port() {
        return port;
    }

    /** The monitor; empty while the device is off. */
    public Optional<TenancyMonitor> monitor() {
        return Optional.ofNullable(monitor);
    }

    /** The specification version the firmware implemented at the last boot (R56.6, R56.8). */
    public Optional<SpecVersion> specVersion() {
        return Optional.ofNullable(bootedSpec);
    }

    /** Every CotHandled and CotIgnored so far, in order, across reboots (for reports, R56.4, R56.8). */
    public List<TenancyAction> outcomes() {
        return Collections.unmodifiableList(outcomes);
    }

    /** Stores one item of occupier data now (top-ups, debt recovery; R56.4). */
    public void record(OccupierRecord r) {
        store.add(r);
    }

    boolean holdsPrepaymentLogs() {
        return config.cot().extras().containsKey(OccupierDataKind.TOP_UP_HISTORY)
                || config.cot().extras().containsKey(OccupierDataKind.DEBT_RECOVERY);
    }

    /**
     * At every boot: finish an interrupted clear, rebuild the monitor from the flash, start it; if the
     * firmware now implements another version than at the last boot (an OTA activation, R56.8), hand
     * the monitor {@link TenancyEvent.Upgraded}.
     */
    void boot() {
        SpecVersion running = Objects.requireNonNull(specOfFirmware.apply(port.store().runningVersion()), "spec");
        CotProfile base = config.cot();
        store.recover().ifPresent(j -> outcomes.add(
                new TenancyAction.CotHandled(j.cotUtc(), base.clearedOnCot(), base.keptOnCot())));
        SpecVersion before = bootedSpec == null ? running : bootedSpec;
        monitor = TenancyMonitor.restore(base.withSpecVersion(before), store);
        driver.start(monitor);
        deliver(new TenancyEvent.Started(port.utcNow()));
        if (!running.equals(before)) {
            deliver(new TenancyEvent.Upgraded(running, port.utcNow()));
        }
        bootedSpec = running;
    }

    /** Power cut: RAM is lost (the node cancelled the timer handles). */
    void powerLost() {
        monitor = null;
        driver.stop();
    }

    /** Hands the monitor an event; the driver carries out what it asks. */
    void deliver(TenancyEvent e) {
        if (monitor == null) {
            return;
        }
        driver.handle(e);
    }

    /** The monitor's own actions; timers are the driver's (on the monitor's UTC-seconds time base). */
    private void carryOut(TenancyAction a) {
        if (a instanceof TenancyAction.QueryChangeOfTenancy q) {
            DeviceManagementFrame get = DeviceManagementFrame.of(port.nextTsn(),
                    new DeviceManagementCommand.GetChangeOfTenancy());
            port.send(q.sourceEui(), false, DeviceManagementCluster.CLUSTER_ID,
                    Bytes.of(DeviceManagementCodec.encode(get)));
        } else if (a instanceof TenancyAction.BeginClear b) {
            store.beginClear(b.cotUtc(), b.kinds());
        } else if (a instanceof TenancyAction.ClearNext) {
            // One kind per step, after a delay: the window a power cut can fall into.
            port.at(port.now() + config.clearStepDelayMicros(), () -> {
                store.clearNext();
                deliver(new TenancyEvent.ClearStepDone(port.utcNow()));
            });
        } else {
            outcomes.add(a); // CotHandled, CotIgnored
        }
    }
}
