package io.hansim.cli.run;

import io.hansim.cli.report.ExpectationResult;
import io.hansim.cli.scenario.Expectation;
import io.hansim.cli.scenario.InventoryFixKind;
import io.hansim.cli.scenario.ReadFirmwareVersionKind;
import io.hansim.device.gbcs.WanMessage;
import io.hansim.gbcs.CraFlag;
import io.hansim.gbcs.GbcsCodec;
import io.hansim.gbcs.usecase.UseCaseCodec;
import io.hansim.gbcs.usecase.UseCaseRecord;
import io.hansim.zigbee.ota.attr.OtaClientAttribute;
import io.hansim.zigbee.ota.client.ImageUpgradeStatus;
import io.hansim.zigbee.ota.server.ServerAction;
import io.hansim.zigbee.zcl.ZclValue;
import io.hansim.zigbee.zcl.ZclValues;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Evaluates an {@code expect} step's {@link Expectation} against the run now (issue 15: expectation
 * evaluation apart from the runner). {@code attribute} reads the device's attribute model (the OTA
 * client's attributes for cluster 0x0019, the Basic cluster for 0x0000), not a ZCL Read Attributes
 * over the HAN, so checking never adds frames to the trace. {@code hub.ccs08} uses the CH's transfer
 * outcome for the device (the code its CCS08 alert carries, R7.4). {@code alert} looks at the alert
 * codes in the GBCS alerts the CH sent on the WAN. {@code storedData} goes through the run's
 * {@link StoredDataProbe}.
 */
final class ExpectationEvaluator {
    private final RunState run;

    ExpectationEvaluator(RunState run) {
        this.run = run;
    }

    /** Issue 17: an external device's exported status holds these values (an empty one: the key is unset). */
    private ExpectationResult status(Expectation.Status st, String loc, long now) {
        io.hansim.device.external.ExternalDevice ext = (io.hansim.device.external.ExternalDevice) run.device(st.device());
        java.util.Map<String, String> has = ExternalView.status(ext);
        StringBuilder expected = new StringBuilder();
        StringBuilder seen = new StringBuilder();
        boolean ok = true;
        for (java.util.Map.Entry<String, String> e : st.values().entrySet()) {
            String v = has.get(e.getKey());
            ok &= e.getValue().isEmpty() ? v == null : e.getValue().equals(v);
            expected.append(expected.length() == 0 ? "" : ", ").append(e.getKey()).append(" = ")
                    .append(e.getValue().isEmpty() ? "(unset)" : e.getValue());
            seen.append(seen.length() == 0 ? "" : ", ").append(e.getKey()).append(" = ")
                    .append(v == null ? "(unset)" : v);
        }
        return new ExpectationResult(st.device() + " status", loc, ok, expected.toString(),
                seen + portFailureText(ext), now);
    }

    /** "; the device failed: ..." when it has, so a check on a dead device says why. */
    private static String portFailureText(io.hansim.device.external.ExternalDevice ext) {
        return ExternalView.failure(ext).map(f -> " (the device failed: " + f.kind() + ": " + f.detail() + ")")
                .orElse("");
    }

    ExpectationResult evaluate(Expectation x, io.hansim.cli.scenario.Position at) {
        String loc = at.toString();
        long now = run.sim.now();
        if (x instanceof Expectation.FirmwareVersion f
                && run.device(f.device()) instanceof io.hansim.device.external.ExternalDevice ext) {
            // issue 17: the device names its running firmware in its status (docs/device-port.md)
            java.util.OptionalLong v = ExternalView.firmwareVersion(ext);
            String said = ExternalView.status(ext).get(ExternalView.FIRMWARE_VERSION);
            return new ExpectationResult(f.device() + " firmwareVersion", loc, v.isPresent()
                    && v.getAsLong() == f.version(), "0x" + RunState.hex32(f.version()), v.isPresent()
                    ? "0x" + RunState.hex32(v.getAsLong()) : said == null ? "no status " + ExternalView.FIRMWARE_VERSION
                    + portFailureText(ext) : "status " + ExternalView.FIRMWARE_VERSION + " '" + said
                    + "' is not 8 hex digits", now);
        }
        if (x instanceof Expectation.Status st) {
            return status(st, loc, now);
        }
        if (x instanceof Expectation.PortFailure pf) {
            io.hansim.device.external.ExternalDevice ext = (io.hansim.device.external.ExternalDevice) run.device(pf.device());
            Optional<ExternalView.Failure> fl = ExternalView.failure(ext);
            String seen = fl.map(v -> v.kind() + ": " + v.detail()).orElse("none");
            return new ExpectationResult(pf.device() + " port failure", loc,
                    fl.map(ExternalView.Failure::kind).orElse("none").equals(pf.kind()), pf.kind(), seen, now);
        }
        if (x instanceof Expectation.FirmwareVersion f) {
            long v = run.device(f.device()).runningFirmwareVersion();
            return new ExpectationResult(f.device() + " firmwareVersion", loc, v == f.version(),
                    "0x" + RunState.hex32(f.version()), "0x" + RunState.hex32(v), now);
        }
        if (x instanceof Expectation.ClockError c) { // G.4
            io.hansim.device.node.Node n = run.device(c.device()).node();
            long error = n.clock().errorAt(now);
            return new ExpectationResult(c.device() + " clock error", loc,
                    Math.abs(error) <= c.maxErrorSeconds() * 1_000_000L, "within " + c.maxErrorSeconds() + " s",
                    String.format(Locale.ROOT, "%+.3f s after %d sync(s)", error / 1e6, n.clock().corrections()), now);
        }
        if (x instanceof Expectation.Discovered d) { // G.5
            io.hansim.device.node.Node n = run.device(d.device()).node();
            long peer = d.peer().equals("hub") ? run.sim.hub().eui64() : run.euiById.get(d.peer());
            Optional<Integer> ep = n.knownEndpoint(peer, d.cluster());
            String expected = d.endpoint() == 0 ? "none" : String.format("0x%02X", d.endpoint());
            return new ExpectationResult(String.format("%s endpoint of %s cluster 0x%04X", d.device(), d.peer(),
                    d.cluster()), loc, ep.orElse(0) == d.endpoint(), expected,
                    ep.map(e -> String.format("0x%02X", e)).orElse("none") + " (" + n.endpointPolicy() + ", "
                            + n.discoveryFailures() + " frame(s) given up)", now);
        }
        if (x instanceof Expectation.Identity i) { // G.9
            Optional<io.hansim.device.role.IdentityReaderRole.Result> r =
                    run.sim.hub().identityRead(run.euiById.get(i.device()));
            String expected = i.manufacturer() + " / " + i.model()
                    + i.firmwareVersion().stream().mapToObj(v -> " / 0x" + RunState.hex32(v)).findFirst().orElse("");
            boolean ok = r.isPresent() && r.get().identity().isPresent()
                    && r.get().identity().get().manufacturer().hex().equals(i.manufacturer())
                    && r.get().identity().get().model().hex().equals(i.model())
                    && (i.firmwareVersion().isEmpty()
                            || r.get().identity().get().firmware().fileVersion() == i.firmwareVersion().getAsLong());
            String actual = r.isEmpty() ? "not read (hub readIdentityAtJoin: true reads it)"
                    : r.get().identity().map(id -> id.manufacturer().hex() + " / " + id.model().hex() + " / 0x"
                            + RunState.hex32(id.firmware().fileVersion())).orElse(r.get().problem());
            return new ExpectationResult(i.device() + " identity read by the CH", loc, ok, expected, actual, now);
        }
        if (x instanceof Expectation.UpgradeStatus u) {
            Optional<ImageUpgradeStatus> s = run.status(u.device());
            return new ExpectationResult(u.device() + " imageUpgradeStatus", loc,
                    s.isPresent() && s.get() == u.status(), u.status().name(), run.statusText(u.device()), now);
        }
        if (x instanceof Expectation.Attribute a) {
            Optional<String> v = attribute(a.device(), a.cluster(), a.attribute());
            String name = String.format("%s attribute 0x%04X/0x%04X", a.device(), a.cluster(), a.attribute());
            return new ExpectationResult(name, loc, v.isPresent() && v.get().equalsIgnoreCase(a.equalsHex()),
                    a.equalsHex().toUpperCase(Locale.ROOT), v.orElse("unsupported attribute"), now);
        }
        if (x instanceof Expectation.StoredData s) {
            return storedData(s, loc, now);
        }
        if (x instanceof Expectation.Refused f) {
            String last = run.refusedDistribution.get(f.device());
            boolean ok = last != null && (f.reason().equals("any") || last.equals(f.reason())
                    || last.startsWith(f.reason() + ":"));
            return new ExpectationResult(f.device() + " distribution refused", loc, ok, f.reason(),
                    last == null ? "not refused" : last, now);
        }
        if (x instanceof Expectation.HubCcs08 c) {
            Optional<io.hansim.device.hub.Ccs08Outcome> o = run.sim.hub().transferOutcome(run.euiById.get(c.device()));
            return new ExpectationResult("hub ccs08 for " + c.device(), loc,
                    o.isPresent() && o.get().code().code() == c.code(), Integer.toString(c.code()),
                    o.map(t -> t.code().code() + " (" + t.code() + ")").orElse("no CCS08 sent"
                            + (run.refusedDistribution.containsKey(c.device())
                                    ? " (distribution refused: " + run.refusedDistribution.get(c.device()) + ")" : "")),
                    now);
        }
        if (x instanceof Expectation.Cs08 c) {
            long[] last = run.lastCs08.get(c.device());
            String expected = (c.firmwareVersion().isPresent() ? "firmware 0x" + RunState.hex32(c.firmwareVersion().getAsLong())
                    : "") + (c.firmwareVersion().isPresent() && c.result().isPresent() ? ", " : "")
                    + (c.result().isPresent() ? "result " + c.result().getAsInt() : "");
            boolean ok = last != null && (c.firmwareVersion().isEmpty() || c.firmwareVersion().getAsLong() == last[0])
                    && (c.result().isEmpty() || c.result().getAsInt() == last[1]);
            return new ExpectationResult(c.device() + " cs08", loc, ok, expected, last == null
                    ? "no CS08 response for " + c.device() : ReadFirmwareVersionKind.cs08Text(last[0], (int) last[1]), now);
        }
        if (x instanceof Expectation.Cs11 c) {
            long eui = run.euiById.get(c.device());
            Optional<Integer> last = Optional.empty();
            for (WanMessage w : run.sim.gbcs().sent(0x0015)) {
                if (w.originator() == eui) {
                    try {
                        Optional<UseCaseRecord> r = UseCaseCodec.decode(GbcsCodec.decode(w.bytes().toByteArray()));
                        if (r.isPresent() && r.get() instanceof UseCaseRecord.Cs11Response cr) {
                            last = Optional.of(cr.clearedEventsLogs());
                        }
                    } catch (RuntimeException e) { // the GSME's own response: it decodes, but say so if it ever does not
                        last = Optional.empty();
                    }
                }
            }
            return new ExpectationResult(c.device() + " cs11", loc, last.isPresent() && last.get() == c.clearedEventsLogs(),
                    String.format("ClearedEventsLogs 0x%02X", c.clearedEventsLogs()), last.map(v -> String.format(
                            "ClearedEventsLogs 0x%02X", v)).orElse("no CS11 response from " + c.device()), now);
        }
        if (x instanceof Expectation.Wakes w) {
            io.hansim.device.node.HanDevice d = run.sim.device(run.euiById.get(w.device()));
            long n = d instanceof io.hansim.device.gsme.Gsme g ? g.wakes() : -1;
            return new ExpectationResult(w.device() + " wakes", loc, n >= w.atLeast(), "at least " + w.atLeast()
                    + " wakes", n < 0 ? "not a sleepy device" : n + " wakes", now);
        }
        if (x instanceof Expectation.EventLog e) {
            io.hansim.device.node.HanDevice d = run.sim.device(run.euiById.get(e.device()));
            int n = d instanceof io.hansim.device.gsme.Gsme g
                    ? g.events().entries(io.hansim.zigbee.events.EventsCluster.LOG_GENERAL).size() : -1;
            return new ExpectationResult(e.device() + " event log", loc, n == e.entries(), e.entries() + " entries",
                    n < 0 ? "no event log" : n + " entries", now);
        }
        if (x instanceof Expectation.Inventory i) {
            Optional<io.hansim.device.inventory.SmiEntry> e = run.inventory.entry(i.device());
            String expected = (i.firmwareVersion().isPresent() ? "firmware 0x" + RunState.hex32(i.firmwareVersion().getAsLong())
                    : "") + (i.firmwareVersion().isPresent() && i.targetable().isPresent() ? ", " : "")
                    + (i.targetable().isPresent() ? (i.targetable().get() ? "targetable" : "untargetable") : "");
            boolean ok = e.isPresent() && (i.firmwareVersion().isEmpty()
                    || i.firmwareVersion().getAsLong() == e.get().firmware().fileVersion())
                    && (i.targetable().isEmpty() || i.targetable().get() == e.get().targetable());
            return new ExpectationResult(i.device() + " inventory", loc, ok, expected, e.map(InventoryFixKind::smiText)
                    .orElse("not in the inventory (its pre-notification was refused)"), now);
        }
        if (x instanceof Expectation.Alert a) {
            List<String> seen = new ArrayList<>();
            boolean found = false;
            for (WanMessage w : run.sim.gbcs().wanMessages()) {
                if (w.direction() != WanMessage.Direction.FROM_HUB || w.cra() != CraFlag.ALERT) {
                    continue;
                }
                OptionalInt code = GbcsAlerts.alertCode(w);
                long subject = GbcsAlerts.alertSubject(w);
                String by = run.idOrHex(subject);
                seen.add((code.isPresent() ? "0x" + Integer.toHexString(code.getAsInt()).toUpperCase(Locale.ROOT)
                        : "?") + " by " + by);
                boolean deviceMatches = a.device().isEmpty() || a.device().get().equals(by)
                        || a.device().get().equals(run.idOrHex(w.originator()));
                found |= code.isPresent() && code.getAsInt() == a.code() && deviceMatches;
            }
            String expected = "0x" + Integer.toHexString(a.code()).toUpperCase(Locale.ROOT)
                    + a.device().map(d -> " by " + d).orElse("");
            return new ExpectationResult("alert " + expected, loc, found, expected,
                    seen.isEmpty() ? "no alerts" : String.join(", ", seen), now);
        }
        throw new IllegalStateException("unknown expectation " + x);
    }

    private ExpectationResult storedData(Expectation.StoredData s, String loc, long now) {
        Optional<Instant> before = s.before() instanceof Expectation.Cutoff.At t ? Optional.of(t.instant())
                : s.before() instanceof Expectation.Cutoff.LastChangeOfTenancy ? Optional.ofNullable(run.lastCot)
                : Optional.empty();
        String name = s.device() + " storedData " + s.kind();
        if (s.before() instanceof Expectation.Cutoff.LastChangeOfTenancy && run.lastCot == null) {
            return new ExpectationResult(name, loc, false, Integer.toString(s.count()),
                    "no change of tenancy has happened yet", now);
        }
        OptionalInt n = run.options.storedData().count(run.sim, run.device(s.device()), s.kind(), before);
        return new ExpectationResult(name, loc, n.isPresent() && n.getAsInt() == s.count(),
                Integer.toString(s.count()),
                n.isPresent() ? Integer.toString(n.getAsInt()) : "stored data not available for " + s.device(), now);
    }

    /** The attribute's value as sent on the air (little-endian), in hex, from the device's attribute model. */
    private Optional<String> attribute(String id, int cluster, int attribute) {
        Optional<ZclValue> v = Optional.empty();
        if (cluster == OtaClientAttribute.CLUSTER_ID) {
            v = OtaClientAttribute.fromId(attribute).flatMap(a -> run.otaClient(id).flatMap(c -> c.attribute(a)));
        } else if (cluster == 0x0000) {
            v = run.device(id).node().role(io.hansim.device.role.BasicServer.class).map(b -> b.attributes().get(attribute));
        }
        return v.map(z -> HexFormat.of().withUpperCase().formatHex(ZclValues.encode(z)));
    }
}
