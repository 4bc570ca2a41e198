package io.hansim.cli.run;

import io.hansim.cli.report.TimelineEvent;
import io.hansim.cli.scenario.DeviceSpec;
import io.hansim.cli.scenario.Step;
import io.hansim.device.node.HanDevice;
import io.hansim.device.gbcs.GbcsRejection;
import io.hansim.device.gbcs.WanMessage;
import io.hansim.device.ppmid.Ppmid;
import io.hansim.gbcs.CraFlag;
import io.hansim.zigbee.ota.client.OtaClient;
import io.hansim.zigbee.ota.server.ServerAction;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;

/**
 * Turns what devices do into timeline events and progress, as it happens (issue 15: observation
 * apart from the runner). It is driven by events, not by polling every device at every frame: a
 * device's activity ({@code Simulation.Builder.activityListener}: it handled a frame, a timer or a
 * power change), the CH's server actions (transfer outcomes, read-backs), the WAN (alerts) and the
 * devices a step names ({@link Step#devices()}). It only reads, so a run is the same with or without it.
 */
final class DeviceObserver {
    private final RunState s;
    /** What the observer last saw of each device, to turn changes into timeline events. */
    private final Map<String, String> lastStatus = new LinkedHashMap<>();
    private final Map<String, Long> lastFirmware = new LinkedHashMap<>();
    private final Map<String, Long> lastOffset = new LinkedHashMap<>();
    /** The local upgrades each PPMID accepted so far, to flag each once (R7.3). */
    private final Map<String, Integer> localUpgradesSeen = new LinkedHashMap<>();
    private int rejectionsSeen;
    /** Issue 17: what the observer last saw of each external device's status, logs and failure. */
    private final Map<String, Map<String, String>> lastPortStatus = new LinkedHashMap<>();
    private final Map<String, Integer> logsSeen = new LinkedHashMap<>();
    private final java.util.Set<String> failureSeen = new java.util.HashSet<>();
    /** The most log lines of one device the timeline takes; the rest are counted in a note. */
    static final int MAX_LOG_EVENTS = 1_000;

    DeviceObserver(RunState s) {
        this.s = s;
    }

    /** A new download starts its progress bar again. */
    void restartProgress(String id) {
        lastOffset.remove(id);
    }

    /**
     * Reports download progress. It does not look for timeline events: those are observed at frames
     * and step boundaries only, which do not depend on the slice length, so the report does not either.
     */
    void progress() {
        for (Map.Entry<String, Long> e : s.distributedSize.entrySet()) {
            String id = e.getKey();
            long offset = s.otaClient(id).map(OtaClient::fileOffset).orElse(0L);
            Long last = lastOffset.get(id);
            if (last != null && last == offset) {
                continue; // nothing moved: no write per device per slice (10 000 devices × 6 h, issue 14)
            }
            lastOffset.put(id, offset);
            // Only forward motion is progress: the offset drops to 0 when a download ends or restarts.
            if (offset > 0 && (last == null || offset > last)) {
                int block = s.blockSize(id);
                s.options.listener().progress(id, offset, e.getValue(), block == 0 ? 0 : offset / block, s.sim.now());
            }
        }
    }

    /**
     * After a step: the devices it named ({@link Step#devices()}), whose state it may have changed by a
     * direct call (a local upgrade, a power cut). What devices do on their own is observed as it
     * happens (activity listeners), so a step need not make the runner look at every device: with one
     * distribute step per device that was quadratic in devices (issue 14). A Change of Tenancy names
     * none: it changes no firmware or OTA status.
     */
    void after(Step step) {
        for (String id : step.devices()) {
            DeviceSpec d = s.specById.get(id);
            if (d != null) {
                observe(d, s.deviceById.get(id));
            }
        }
    }

    /** Turns changes of status and running firmware into timeline events. */
    void observeAll() {
        for (DeviceSpec d : s.scenario.topology().devices()) {
            observe(d, s.sim.device(d.eui64()));
        }
    }

    void observe(DeviceSpec d, HanDevice dev) {
        {
            String id = d.id();
            // an external device names its running firmware in its status (docs/device-port.md)
            java.util.OptionalLong running = dev instanceof io.hansim.device.external.ExternalDevice x
                    ? ExternalView.firmwareVersion(x) : java.util.OptionalLong.of(dev.runningFirmwareVersion());
            long fw = running.orElse(-1);
            Long before = running.isPresent() ? lastFirmware.put(id, fw) : null;
            if (before != null && before != fw) {
                s.event(id, "activate", "firmware 0x" + RunState.hex32(before) + " → 0x" + RunState.hex32(fw));
            }
            if (dev instanceof Ppmid p) {
                localUpgrades(id, p);
            }
            if (dev instanceof io.hansim.device.external.ExternalDevice x) {
                port(id, x);
                return;
            }
            if (d.hasOtaClient()) {
                String st = s.statusText(id);
                String old = lastStatus.put(id, st);
                if (old != null && !old.equals(st)) {
                    s.event(id, "status", old + " → " + st);
                }
            }
        }
    }

    /**
     * Issue 17: an external device's status changes, its new log lines (at the virtual time each was
     * taken) and its failure, as timeline events; so the console, the reports and the text of a run
     * show what the device said.
     */
    private void port(String id, io.hansim.device.external.ExternalDevice x) {
        Map<String, String> now = new java.util.TreeMap<>(ExternalView.status(x));
        Map<String, String> before = lastPortStatus.put(id, now);
        if (before == null) {
            before = Map.of();
        }
        for (Map.Entry<String, String> e : now.entrySet()) {
            String old = before.get(e.getKey());
            if (!e.getValue().equals(old)) {
                s.event(id, "port-status", e.getKey() + ": " + (old == null ? "" : old + " → ") + e.getValue());
            }
        }
        for (String k : before.keySet()) {
            if (!now.containsKey(k)) {
                s.event(id, "port-status", k + ": " + before.get(k) + " → (unset)");
            }
        }
        List<ExternalView.Log> logs = ExternalView.logs(x);
        int seen = logsSeen.getOrDefault(id, 0);
        for (int i = seen; i < logs.size(); i++) {
            if (i == MAX_LOG_EVENTS) {
                s.notes.add(id + ": the timeline shows its first " + MAX_LOG_EVENTS + " log lines only");
            }
            if (i < MAX_LOG_EVENTS) {
                ExternalView.Log l = logs.get(i);
                TimelineEvent e = new TimelineEvent(l.atMicros(), id, "log", l.level() + ": " + l.line());
                s.timeline.add(e);
                s.options.listener().event(e);
            }
        }
        logsSeen.put(id, logs.size());
        java.util.Optional<ExternalView.Failure> f = ExternalView.failure(x);
        if (f.isPresent() && failureSeen.add(id)) {
            TimelineEvent e = new TimelineEvent(f.get().atMicros(), id, "port-failure", f.get().kind() + ": "
                    + f.get().detail());
            s.timeline.add(e);
            s.options.listener().event(e);
        }
    }

    void drainRejections() {
        List<GbcsRejection> all = s.sim.gbcs().rejections();
        for (; rejectionsSeen < all.size(); rejectionsSeen++) {
            GbcsRejection r = all.get(rejectionsSeen);
            String who = r.originator() == 0 ? "hub" : s.idOrHex(r.originator());
            s.timeline.add(new TimelineEvent(r.time(), "hub", "gbcs-rejected",
                    r.reason() + " message 0x" + Integer.toHexString(r.messageCode()) + " from " + who + ": "
                            + r.detail()));
            s.options.listener().event(s.timeline.get(s.timeline.size() - 1));
        }
    }

    void onServerAction(ServerAction a) {
        if (a instanceof ServerAction.TransferOutcome o) {
            io.hansim.device.hub.Ccs08Outcome t = io.hansim.device.hub.Ccs08Outcome.of(o); // the CH's CCS08
            String id = s.idOrHex(t.client());
            Long size = s.distributedSize.get(id);
            if (t.code().code() == 0 && size != null) {
                // The client's FileOffset resets when the image is complete: the bar ends at 100 %.
                lastOffset.put(id, size);
                int block = s.blockSize(id);
                s.options.listener().progress(id, size, size, block == 0 ? 0 : (size + block - 1) / block, s.sim.now());
            }
            s.event(s.idOrHex(t.client()), "ccs08", "transfer outcome " + t.code() + " (CCS08 code " + t.code().code()
                    + ")" + (t.reason() == null || t.reason().isEmpty() ? "" : ": " + t.reason()));
        } else if (a instanceof ServerAction.ReadBackResult r) {
            s.event(s.idOrHex(r.client()), "read-back", r.status() + (r.versionRead().isPresent()
                    ? " version 0x" + RunState.hex32(r.versionRead().getAsLong()) : ""));
            if (r.versionRead().isPresent()) {
                s.versionRead(r.client(), r.versionRead().getAsLong(), "read-back"); // R202.7
            }
        }
    }

    void onWan(WanMessage w) {
        if (w.cra() == CraFlag.ALERT) {
            OptionalInt code = GbcsAlerts.alertCode(w);
            s.event(s.idOrHex(w.originator()), "alert", "GBCS alert 0x" + Integer.toHexString(w.messageCode())
                    + (code.isPresent() ? " code 0x" + Integer.toHexString(code.getAsInt()).toUpperCase(Locale.ROOT)
                            : ""));
        }
    }


    /** Marks each local upgrade the PPMID accepted since the last look: an R7.3 policy breach. */
    void localUpgrades(String id, Ppmid p) {
        List<Long> accepted = p.localUpgradeVersions();
        for (int i = localUpgradesSeen.getOrDefault(id, 0); i < accepted.size(); i++) {
            // The legacy-local-upgrade profile obeyed the tool (R7.3).
            s.event(id, "policy-breach", "R7.3 policy breach: a local upgrade tool installed 0x"
                    + RunState.hex32(accepted.get(i)) + "; only the CH may upgrade a PPMID");
        }
        localUpgradesSeen.put(id, accepted.size());
    }
}
