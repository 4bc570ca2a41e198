package io.hansim.cli.run;

import io.hansim.cli.report.DeviceInfo;
import io.hansim.cli.report.MessageEvent;
import io.hansim.cli.report.MessageEvents;
import io.hansim.cli.report.RunReport;
import io.hansim.cli.report.TimelineEvent;
import io.hansim.cli.scenario.DeviceSpec;
import io.hansim.device.gbcs.WanMessage;
import io.hansim.device.han.TraceRecord;
import io.hansim.device.han.TraceSink;
import io.hansim.gbcs.CraFlag;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;

/**
 * Assembles a run's {@link RunReport} (issue 15: report assembly apart from the runner): the HAN
 * deliveries, collected as the frames go, merged by time with the WAN's GBCS messages and capped at
 * {@link ScenarioRunner#MAX_REPORTED_MESSAGES}; the devices; the results, the timeline in time order
 * and the notes.
 */
final class ReportAssembler implements TraceSink {
    private final RunState s;
    private final List<MessageEvent> kept = new ArrayList<>();
    private long delivered;

    ReportAssembler(RunState s) {
        this.s = s;
    }

    /**
     * The HAN deliveries of the run as report events, made as the frames go (the frames are not
     * kept): the first {@link ScenarioRunner#MAX_REPORTED_MESSAGES}, and a count of all.
     */
    @Override
    public void record(TraceRecord r) {
        if (r.kind() != TraceRecord.Kind.DELIVERY) {
            return;
        }
        delivered++;
        if (kept.size() < ScenarioRunner.MAX_REPORTED_MESSAGES) {
            kept.add(MessageEvents.fromDelivery(r, s.idByEui));
        }
    }

    /** The report of the run so far. */
    RunReport report(long seed) {
        List<MessageEvent> messages = merge(kept, wanEvents());
        long total = delivered + messages.size() - kept.size();
        if (messages.size() > ScenarioRunner.MAX_REPORTED_MESSAGES) {
            messages = messages.subList(0, ScenarioRunner.MAX_REPORTED_MESSAGES);
        }
        if (total > messages.size()) {
            s.notes.add("the report lists the first " + messages.size() + " of " + total + " messages (to "
                    + messages.get(messages.size() - 1).atMicros() / 1_000_000L + " s of virtual time): a report's"
                    + " size does not grow with virtual time; write --trace or --pcap for every frame");
        }
        List<TimelineEvent> ordered = new ArrayList<>(s.timeline);
        ordered.sort(java.util.Comparator.comparingLong(TimelineEvent::atMicros)); // stable: insertion order at ties
        return new RunReport(s.scenario.name(), s.scenario.position().file(), seed, ScenarioRunner.hansimVersion(),
                s.sim.now(), devices(), s.results, messages, ordered, s.notes);
    }

    private List<DeviceInfo> devices() {
        List<DeviceInfo> out = new ArrayList<>();
        out.add(new DeviceInfo("hub", "CH", hex(s.scenario.topology().hub().eui64())));
        for (DeviceSpec d : s.scenario.topology().devices()) {
            if (d instanceof DeviceSpec.External x && s.device(d.id()) instanceof io.hansim.device.external.ExternalDevice e) {
                // issue 17: the kind it stands for, what it exported, how it ended
                out.add(new DeviceInfo(d.id(), "EXTERNAL " + x.stands().toUpperCase(Locale.ROOT), hex(d.eui64()),
                        new java.util.TreeMap<>(ExternalView.status(e)), ExternalView.failure(e)
                                .map(f -> f.kind() + ": " + f.detail()).orElse("")));
                continue;
            }
            out.add(new DeviceInfo(d.id(), d.type().toUpperCase(Locale.ROOT), hex(d.eui64())));
        }
        return out;
    }

    private static String hex(long eui) {
        return String.format("%016X", eui);
    }

    /** GBCS WAN messages as report events, between "dcc" and the hub. */
    private List<MessageEvent> wanEvents() {
        List<MessageEvent> out = new ArrayList<>();
        for (WanMessage w : s.sim.gbcs().wanMessages()) {
            boolean in = w.direction() == WanMessage.Direction.TO_HUB;
            String label = String.format("%s 0x%04X", w.cra(), w.messageCode());
            if (w.cra() == CraFlag.ALERT) {
                OptionalInt code = GbcsAlerts.alertCode(w);
                if (code.isPresent()) {
                    label += String.format(" alert 0x%04X", code.getAsInt());
                }
            }
            out.add(new MessageEvent(w.time(), in ? "dcc" : "hub", in ? "hub" : "dcc", MessageEvent.GBCS, label,
                    w.bytes().length(), MessageEvent.DELIVERED));
        }
        return out;
    }

    /** Two time-ordered lists merged; HAN frames first at equal times. */
    private static List<MessageEvent> merge(List<MessageEvent> han, List<MessageEvent> wan) {
        List<MessageEvent> out = new ArrayList<>(han.size() + wan.size());
        int i = 0;
        int j = 0;
        while (i < han.size() || j < wan.size()) {
            if (j >= wan.size() || i < han.size() && han.get(i).atMicros() <= wan.get(j).atMicros()) {
                out.add(han.get(i++));
            } else {
                out.add(wan.get(j++));
            }
        }
        return out;
    }
}
