package io.hansim.cli.run;

import io.hansim.cli.report.ExpectationResult;
import io.hansim.cli.report.MessageEvents;
import io.hansim.cli.report.TimelineEvent;
import io.hansim.cli.scenario.DeviceSpec;
import io.hansim.cli.scenario.OtaProfileSpec;
import io.hansim.cli.scenario.Position;
import io.hansim.cli.scenario.Scenario;
import io.hansim.cli.scenario.Values;
import io.hansim.device.node.HanDevice;
import io.hansim.device.Simulation;
import io.hansim.device.hcalcs.Hcalcs;
import io.hansim.device.ppmid.Ppmid;
import io.hansim.zigbee.ota.client.ImageUpgradeStatus;
import io.hansim.zigbee.ota.client.OtaClient;
import io.hansim.zigbee.ota.server.ImageKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What one run knows, shared by the runner's parts (topology mapping, observation, steps,
 * expectations, report): the scenario's ids, the report being written, and the state steps leave
 * for later steps and checks. One per run; touched on the runner's thread only.
 */
final class RunState {
    final Scenario scenario;
    final ScenarioRunner.Options options;
    final Map<String, Long> euiById = new LinkedHashMap<>();
    final Map<Long, String> idByEui = new LinkedHashMap<>();
    final Map<Long, DeviceSpec> specByEui = new HashMap<>();
    final Map<String, HanDevice> deviceById = new HashMap<>();
    final Map<String, DeviceSpec> specById = new LinkedHashMap<>();
    final List<ExpectationResult> results = new ArrayList<>();
    final List<TimelineEvent> timeline = new ArrayList<>();
    final List<String> notes = new ArrayList<>();
    /** The image last distributed to each device, for notify, progress and activation. */
    final Map<String, ImageKey> distributedKey = new LinkedHashMap<>();
    final Map<String, Long> distributedSize = new LinkedHashMap<>();
    /** The last refused distribution per device, shown when an expectation asks for its CCS08. */
    final Map<String, String> refusedDistribution = new LinkedHashMap<>();
    /** The last CS08 response per device: {version, result} (R7.11). */
    final Map<String, long[]> lastCs08 = new LinkedHashMap<>();
    /** Every Change of Tenancy the scenario sent, with the step that sent it first (R56.5). */
    final Map<Instant, Position> cots = new java.util.TreeMap<>();
    Map<String, byte[]> images;
    ScenarioInventory inventory;
    /** The images as built, with the PPMIDTS versions they bring (R56.8). */
    ScenarioImages.Built built;
    Simulation sim;
    Instant lastCot;
    long issuerEventId = 1;

    RunState(Scenario scenario, ScenarioRunner.Options options) {
        this.scenario = scenario;
        this.options = options;
    }

    /** A timeline event now, told to the listener as it happens. */
    void event(String deviceId, String kind, String text) {
        TimelineEvent e = new TimelineEvent(sim.now(), deviceId, kind, text);
        timeline.add(e);
        options.listener().event(e);
    }

    HanDevice device(String id) {
        HanDevice d = deviceById.get(id);
        return d != null ? d : sim.device(euiById.get(id)); // the hub is not among the topology's devices
    }

    Optional<OtaClient> otaClient(String id) {
        HanDevice d = device(id);
        if (d instanceof Ppmid p) {
            return p.otaClient();
        }
        if (d instanceof Hcalcs h) {
            return h.otaClient();
        }
        if (d instanceof io.hansim.device.meter.ElectricityMeter e) { // SR 11.1 over the HAN (G.7)
            return e.firmware().flatMap(f -> f.ota().client());
        }
        if (d instanceof io.hansim.device.gsme.Gsme g) { // SR 11.1 through its wake-ups (G.7)
            return g.firmware().flatMap(f -> f.ota().client());
        }
        return Optional.empty();
    }

    Optional<ImageUpgradeStatus> status(String id) {
        return otaClient(id).map(OtaClient::imageUpgradeStatus);
    }

    String statusText(String id) {
        HanDevice d = device(id);
        Optional<io.hansim.device.external.ExternalDevice> x = ExternalView.of(d);
        if (x.isPresent()) { // issue 17: what the device says of its download (status ota.state)
            Optional<ExternalView.Failure> f = ExternalView.failure(x.get());
            if (f.isPresent()) {
                return "failed (" + f.get().kind() + ")";
            }
            return d.isPowered() ? ExternalView.status(x.get()).getOrDefault("ota.state", "no ota.state status")
                    : "powered off";
        }
        if (!d.isPowered()) {
            return "powered off";
        }
        return status(id).map(Enum::name).orElse("no OTA client");
    }

    int blockSize(String id) {
        DeviceSpec d = specById.get(id);
        int client = d == null ? 64 : d.otaProfile().map(OtaProfileSpec::blockSize).orElse(64);
        return Math.min(client, scenario.topology().hub().blockSize());
    }

    String idOrHex(long eui) {
        return MessageEvents.idOf(eui, idByEui);
    }

    /** A version read from a device: the inventory takes it (R202.7) and reports one with no CPL row. */
    void versionRead(long eui, long version, String how) {
        Optional<io.hansim.device.inventory.FirmwareChange> c = inventory.versionRead(eui, version);
        if (c.isEmpty()) {
            return;
        }
        String id = idOrHex(eui);
        io.hansim.device.inventory.FirmwareChange ch = c.get();
        event(id, "inventory", "firmware 0x" + ch.previous() + " → 0x" + ch.current() + " after a " + how
                + (ch.onCpl() ? "" : "; no CPL row for 0x" + ch.current() + " in " + ScenarioInventory.text(ch.smets())
                        + " (R202.7)"));
        if (!ch.onCpl()) {
            notes.add(id + ": runs firmware 0x" + ch.current() + ", which has no CPL row for its "
                    + ScenarioInventory.text(ch.smets()) + " system (R202.7; found by a " + how + ")");
        }
    }

    static String hex32(long v) {
        return Values.hex32(v);
    }
}
