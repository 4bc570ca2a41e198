package io.hansim.cli.run;

import io.hansim.cli.report.ExpectationResult;
import io.hansim.cli.scenario.DeviceSpec;
import io.hansim.cli.scenario.ReadFirmwareVersionKind;
import io.hansim.device.node.HanDevice;
import io.hansim.device.gbcs.WanMessage;
import io.hansim.device.ihd.Ihd;
import io.hansim.device.ppmid.Ppmid;
import io.hansim.device.privacy.PrivacyCheck;
import io.hansim.gbcs.GbcsCodec;
import io.hansim.gbcs.usecase.UseCaseCodec;
import io.hansim.gbcs.usecase.UseCaseRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the report says once the steps have run: the R56.5 privacy check after each Change of
 * Tenancy, what each IHD and PPMID did with the CoTs it learnt of (R56.4, R56.6), and the R7.3
 * local-upgrade breaches.
 */
final class RunFindings {
    private final RunState s;

    RunFindings(RunState s) {
        this.s = s;
    }

    /**
     * Issue 17: each external device's end on the device port, as a result row that fails the run
     * when the device failed (crashed, timed out, sent garbage, ...) and no {@code portFailure} check
     * of the scenario names that device; and a note for a device paced in real time, whose run is not
     * deterministic (docs/device-port.md, Clocks).
     */
    void portVerdicts() {
        java.util.Set<String> checked = new java.util.HashSet<>();
        for (io.hansim.cli.scenario.Step step : s.scenario.steps()) {
            if (step instanceof io.hansim.cli.scenario.Step.Expect e
                    && e.expectation() instanceof io.hansim.cli.scenario.Expectation.PortFailure f) {
                checked.add(f.device());
            }
        }
        for (DeviceSpec d : s.scenario.topology().devices()) {
            if (!(s.device(d.id()) instanceof io.hansim.device.external.ExternalDevice x)) {
                continue;
            }
            if (ExternalView.realTime(x)) {
                s.notes.add(d.id() + ": paced in real time (clock: realtime): NOT DETERMINISTIC. Virtual time"
                        + " followed the wall clock and the device's actions were stamped when they arrived, so"
                        + " another run of this scenario can give another trace and report");
            }
            if (checked.contains(d.id())) {
                continue; // the scenario's own check says what was expected of it
            }
            Optional<ExternalView.Failure> f = ExternalView.failure(x);
            s.results.add(new ExpectationResult(d.id() + " on the device port", d.position().toString(), f.isEmpty(),
                    "no failure", f.map(v -> v.kind() + " at " + ScenarioRunner.seconds(v.atMicros()) + ": "
                            + v.detail()).orElse("no failure"), s.sim.now()));
        }
    }

    /**
     * The R56.5 privacy check after every Change of Tenancy the s.scenario sent, once its steps have run
     * (decision 0015): for each CoT whose time has come, a {@link PrivacyCheck} probe asks every IHD
     * and PPMID that takes part in CoT for everything it serves over the HAN and scans its flash. The
     * verdict is an expectation row in every report. It fails on data of the previous occupier that no
     * rule explains; data a rule explains is named in the row and does not fail it: extras the
     * profile keeps (clearOnCoT false, R56.4), a device whose specification version is below the CoT
     * threshold (R56.6, R56.8), meters that all are below theirs (R56.6), a CoT whose control bits ask
     * for no clearing (R56.3). The probe's
     * frames are in the trace, and each check lets {@link PrivacyCheck#ANSWER_WINDOW} of virtual time pass.
     */
    void privacyChecks() {
        if (s.cots.isEmpty()) {
            return;
        }
        List<DeviceSpec> checked = new ArrayList<>();
        for (DeviceSpec d : s.scenario.topology().devices()) {
            HanDevice dev = s.device(d.id());
            if (dev instanceof Ppmid p && p.tenancy().isPresent() || dev instanceof Ihd i && i.tenancy().isPresent()) {
                checked.add(d);
            }
        }
        for (DeviceSpec d : s.scenario.topology().devices()) {
            if (d instanceof DeviceSpec.External x && !x.stands().equals("hcalcs")) {
                // issue 17: its data lives across the port; the conformance battery scans its regions
                s.notes.add(d.id() + ": an external device; the R56.5 privacy check of a scenario run covers"
                        + " hansim's own IHD and PPMID models only (hansim conformance checks an external device's"
                        + " HAN answers and flash regions after a CoT)");
            }
        }
        PrivacyCheck probe = null;
        for (Map.Entry<Instant, io.hansim.cli.scenario.Position> cot : s.cots.entrySet()) {
            String name = "R56.5 privacy after the CoT of " + cot.getKey();
            if (checked.isEmpty()) {
                s.notes.add(name + ": not checked, no IHD or PPMID in this topology takes part in Change of Tenancy");
                continue;
            }
            if (s.sim.time().instantAt(s.sim.now()).isBefore(cot.getKey())) {
                s.notes.add(name + ": not checked, the run ends before that time");
                continue;
            }
            if (probe == null) {
                probe = attachProbe();
            }
            long cotUtc = cot.getKey().getEpochSecond() - io.hansim.device.sim.SimTime.ZCL_EPOCH.getEpochSecond();
            List<String> breaches = new ArrayList<>();
            // device and rule → what it still serves, in device order (reports must be byte-identical)
            Map<String, List<String>> explained = new LinkedHashMap<>();
            for (DeviceSpec d : checked) {
                HanDevice dev = s.device(d.id());
                List<io.hansim.device.cot.TenancyAction> outcomes = dev instanceof Ppmid p ? p.cotOutcomes()
                        : ((Ihd) dev).cotOutcomes();
                for (PrivacyCheck.Finding f : probe.check(d.eui64(), cotUtc)) {
                    String what = f.where() + ": " + f.detail() + " dated " + utcText(f.recordedAtUtc());
                    Optional<String> why = explanation(outcomes, cotUtc, f);
                    if (why.isPresent()) {
                        explained.computeIfAbsent(d.id() + " (" + why.get() + ")", k -> new ArrayList<>()).add(what);
                    } else {
                        breaches.add(d.id() + ": " + what);
                    }
                }
            }
            String devices = checked.stream().map(DeviceSpec::id).collect(java.util.stream.Collectors.joining(", "));
            StringBuilder kept = new StringBuilder();
            StringBuilder keptInFull = new StringBuilder();
            explained.forEach((who, what) -> {
                kept.append(kept.length() == 0 ? "" : "; ").append(who).append(": ").append(what.size())
                        .append(what.size() == 1 ? " record" : " records");
                keptInFull.append(keptInFull.length() == 0 ? "" : "; ").append(who).append(": ")
                        .append(String.join(", ", what));
            });
            String verdict = breaches.isEmpty() && explained.isEmpty()
                    ? "nothing dated before the CoT on " + devices
                    : breaches.isEmpty() ? "no unexplained data on " + devices
                    : breaches.size() + " unexplained: " + String.join("; ", breaches);
            ExpectationResult r = new ExpectationResult(name, cot.getValue().toString(), breaches.isEmpty(),
                    "nothing of the previous occupier retrievable", verdict
                            + (explained.isEmpty() ? "" : "; kept by rule: " + kept), s.sim.now());
            s.results.add(r);
            String line = name + ": " + (r.passed() ? "PASS" : "FAIL") + " — " + verdict
                    + (explained.isEmpty() ? "" : "; kept by rule: " + keptInFull);
            s.event("hub", "privacy", line);
            s.notes.add(line);
        }
    }

    /** Why a finding is no breach, if a rule says so; empty for an unexplained finding (R56.5). */
    private Optional<String> explanation(List<io.hansim.device.cot.TenancyAction> outcomes, long cotUtc,
            PrivacyCheck.Finding f) {
        boolean handled = false;
        for (io.hansim.device.cot.TenancyAction a : outcomes) {
            if (a instanceof io.hansim.device.cot.TenancyAction.CotHandled h && h.cotUtc() >= cotUtc) {
                handled = true;
                if (f.kind().isPresent() && h.kept().contains(f.kind().get())) {
                    return Optional.of("kept: the profile's clearOnCoT is false, R56.4");
                }
            }
        }
        if (handled) {
            return Optional.empty(); // the device cleared, yet this is still there
        }
        for (io.hansim.device.cot.TenancyAction a : outcomes) {
            if (a instanceof io.hansim.device.cot.TenancyAction.CotIgnored g && g.implementationUtc() == cotUtc) {
                if (g.reason() == io.hansim.device.cot.IgnoreReason.BELOW_SPEC_VERSION) {
                    return Optional.of("the device ignored the CoT: its specification version is below the CoT "
                            + "threshold, R56.6");
                }
                if (g.reason() == io.hansim.device.cot.IgnoreReason.NO_CLEAR_BITS) {
                    return Optional.of("the CoT's control asks for no clearing, R56.3");
                }
            }
        }
        if (!anyMeterPublishesChangeOfTenancy()) {
            return Optional.of("no meter of this HAN serves Change of Tenancy: the ESME and the GPF are below "
                    + "their CoT versions, R56.6");
        }
        return Optional.empty();
    }

    /** Whether an ESME or a GPF of the topology serves CoT on the HAN at its specification version (R56.6). */
    private boolean anyMeterPublishesChangeOfTenancy() {
        for (DeviceSpec d : s.scenario.topology().devices()) {
            if (s.device(d.id()) instanceof io.hansim.device.meter.MeterDevice m && m.publishesChangeOfTenancy()) {
                return true;
            }
        }
        return false;
    }

    /** The privacy probe, on an EUI-64 and a short address no device of the s.scenario uses. */
    private PrivacyCheck attachProbe() {
        long eui = PrivacyCheck.DEFAULT_PROBE_EUI64;
        while (s.idByEui.containsKey(eui)) {
            eui++;
        }
        int shortAddress = PrivacyCheck.DEFAULT_PROBE_SHORT;
        while (shortAddress <= s.scenario.topology().devices().size()) {
            shortAddress++;
        }
        s.idByEui.put(eui, "privacy-probe");
        return PrivacyCheck.attach(s.sim, eui, shortAddress);
    }

    /**
     * What each IHD and PPMID did with the CoTs it learnt of, as report notes: the stores it cleared
     * and every store that survived (R56.4 asks the report to name them), or why it ignored one — a
     * device below the CoT specification version keeps the previous occupier's data (R56.6, R56.8).
     */
    void cotOutcomes() {
        for (DeviceSpec d : s.scenario.topology().devices()) {
            List<io.hansim.device.cot.TenancyAction> outcomes = s.device(d.id()) instanceof Ppmid p ? p.cotOutcomes()
                    : s.device(d.id()) instanceof Ihd i ? i.cotOutcomes() : List.of();
            java.util.Set<String> said = new java.util.LinkedHashSet<>();
            for (io.hansim.device.cot.TenancyAction a : outcomes) {
                if (a instanceof io.hansim.device.cot.TenancyAction.CotHandled h) {
                    said.add(d.id() + ": Change of Tenancy of " + utcText(h.cotUtc()) + " handled; cleared "
                            + sorted(h.cleared()) + (h.kept().isEmpty() ? "" : "; kept (clearOnCoT false, R56.4) "
                            + sorted(h.kept())));
                } else if (a instanceof io.hansim.device.cot.TenancyAction.CotIgnored g
                        && g.reason() != io.hansim.device.cot.IgnoreReason.NO_CHANGE_OF_TENANCY
                        && g.reason() != io.hansim.device.cot.IgnoreReason.NOT_NEWER_THAN_HANDLED) {
                    said.add(d.id() + ": Change of Tenancy of " + utcText(g.implementationUtc()) + " ignored: "
                            + g.reason() + (g.reason() == io.hansim.device.cot.IgnoreReason.BELOW_SPEC_VERSION
                                    ? " — the previous occupier's data stays on this device (R56.6)" : ""));
                }
            }
            s.notes.addAll(said);
        }
    }

    /** In declaration order: a Set.copyOf iterates in a per-JVM order, and reports must be byte-identical. */
    private static java.util.Set<io.hansim.device.cot.OccupierDataKind> sorted(
            java.util.Set<io.hansim.device.cot.OccupierDataKind> kinds) {
        java.util.EnumSet<io.hansim.device.cot.OccupierDataKind> e = java.util.EnumSet.noneOf(
                io.hansim.device.cot.OccupierDataKind.class);
        e.addAll(kinds);
        return e;
    }

    private static String utcText(long zclUtc) {
        return io.hansim.device.sim.SimTime.ZCL_EPOCH.plusSeconds(zclUtc).toString();
    }

    /**
     * R7.3: each local upgrade a legacy-local-upgrade PPMID accepted is a policy breach, and its
     * version one the CH never reported unless a later read (CS08, a read-back) did.
     */
    void localUpgradeBreaches() {
        for (DeviceSpec d : s.scenario.topology().devices()) {
            if (!(s.device(d.id()) instanceof Ppmid p)) {
                continue;
            }
            for (long v : p.localUpgradeVersions()) {
                java.util.OptionalLong reported = reportedAt(d.eui64(), v);
                s.notes.add(d.id() + ": R7.3 policy breach: a local upgrade installed firmware 0x" + RunState.hex32(v)
                        + " bypassing the CH; " + (reported.isEmpty() ? "the CH never reported this version"
                                : "the CH did not distribute it, and first reported it at " + ScenarioRunner.seconds(reported.getAsLong())
                                        + " (a read of the running version)"));
            }
        }
    }

    /** When the CH first reported {@code version} for the device on the WAN (CCS08, 0x012B, CS08), if ever. */
    private java.util.OptionalLong reportedAt(long eui, long version) {
        for (WanMessage w : s.sim.gbcs().wanMessages()) {
            if (w.direction() != WanMessage.Direction.FROM_HUB) {
                continue;
            }
            Optional<UseCaseRecord> body;
            try {
                body = UseCaseCodec.decode(GbcsCodec.decode(w.bytes().toByteArray()));
            } catch (RuntimeException e) {
                continue;
            }
            if (body.isEmpty()) {
                continue;
            }
            UseCaseRecord r = body.get();
            boolean says = r instanceof UseCaseRecord.Ccs08Alert c && c.targetEntityId() == eui && c.responseCode() == 0
                    && ReadFirmwareVersionKind.version(c.firmwareVersion().toByteArray()) == version
                    || r instanceof UseCaseRecord.PpmidFirmwareAlert f && w.originator() == eui
                    && ReadFirmwareVersionKind.version(f.firmwareVersion().toByteArray()) == version
                    || r instanceof UseCaseRecord.Cs08Response c8 && w.originator() == eui && c8.result() == 0
                    && ReadFirmwareVersionKind.version(c8.firmwareVersion().toByteArray()) == version;
            if (says) {
                return java.util.OptionalLong.of(w.time());
            }
        }
        return java.util.OptionalLong.empty();
    }
}
