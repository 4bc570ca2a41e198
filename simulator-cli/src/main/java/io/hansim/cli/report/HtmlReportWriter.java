package io.hansim.cli.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The run report as ONE self-contained HTML page (DESIGN.md §5): summary, expectations table, an SVG
 * message-sequence diagram (a lane per device, an arrow per message, dropped frames dashed and red,
 * long block transfers collapsed into "×N" arrows by {@link SequenceRows}) and an SVG timeline per
 * device. Everything is inline: no external URL, font, script or style sheet, so the file can be
 * mailed or archived as a CI artifact. It reads fully without JavaScript (details are in SVG
 * {@code <title>} tool-tips and tables; the "failed only" filter is pure CSS); a few lines of script
 * only add a click-to-show detail line. Deterministic: the same report gives the same bytes.
 */
public final class HtmlReportWriter {
    /** At most this many rows are drawn in the sequence diagram after collapsing; the rest are counted. */
    public static final int MAX_ROWS = 1500;
    /** At most this many timeline events are listed in the table under the timeline. */
    public static final int MAX_TIMELINE_ROWS = 2000;

    static final int LANE_WIDTH = 320;
    static final int LEFT = 150;
    static final int TOP = 56;
    static final int ROW = 26;
    private static final String[] PALETTE = {"#1f77b4", "#ff7f0e", "#2ca02c", "#9467bd", "#8c564b", "#e377c2",
        "#17becf", "#bcbd22", "#7f7f7f"};

    private HtmlReportWriter() {
    }

    /** Writes the page as UTF-8 to {@code path}. */
    public static void write(RunReport report, Path path) {
        try {
            Files.writeString(path, toHtml(report), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write HTML report " + path + ": " + e.getMessage(), e);
        }
    }

    /** Writes the page to {@code out} (not closed). */
    public static void write(RunReport report, Writer out) throws IOException {
        out.write(toHtml(report));
    }

    /** Writes the page of several scenarios ({@link #toHtml(List)}) as UTF-8 to {@code path}. */
    public static void write(List<RunReport> reports, Path path) {
        try {
            Files.writeString(path, toHtml(reports), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write HTML report " + path + ": " + e.getMessage(), e);
        }
    }

    /** The whole page. */
    public static String toHtml(RunReport r) {
        StringBuilder sb = new StringBuilder(16_384);
        head(r.scenarioName(), sb);
        scenario(r, "", sb);
        sb.append("<script>\n").append(SCRIPT).append("</script>\n</body>\n</html>\n");
        return sb.toString();
    }

    /**
     * One page for several scenarios ({@code hansim run --report html F} with several files): an
     * index of the scenarios with their verdicts, then each scenario's report as in
     * {@link #toHtml(RunReport)}, its element ids numbered ({@code summary-2}, ...). One report gives
     * exactly {@link #toHtml(RunReport)}.
     */
    public static String toHtml(List<RunReport> reports) {
        if (reports.size() == 1) {
            return toHtml(reports.get(0));
        }
        StringBuilder sb = new StringBuilder(16_384 * Math.max(1, reports.size()));
        long failed = reports.stream().filter(r -> !r.passed()).count();
        head(reports.size() + " scenarios", sb);
        sb.append("<h1>hansim: ").append(reports.size()).append(" scenarios <span class=\"verdict ")
                .append(failed == 0 ? "pass" : "fail").append("\">").append(failed == 0 ? "PASS" : "FAIL")
                .append("</span></h1>\n<section id=\"scenarios\">\n<table>\n<tr><th>#</th><th>scenario</th>")
                .append("<th>file</th><th>result</th><th>expectations</th></tr>\n");
        for (int i = 0; i < reports.size(); i++) {
            RunReport r = reports.get(i);
            String cls = r.passed() ? "pass" : "fail";
            sb.append("<tr class=\"").append(cls).append("\"><td>").append(i + 1).append("</td><td><a href=\"#scenario-")
                    .append(i + 1).append("\">").append(e(r.scenarioName())).append("</a></td><td><code>")
                    .append(e(r.scenarioFile())).append("</code></td><td class=\"").append(cls).append("\">")
                    .append(r.passed() ? "PASS" : "FAIL").append("</td><td>").append(r.passedCount()).append(" passed, ")
                    .append(r.failedCount()).append(" failed</td></tr>\n");
        }
        sb.append("</table>\n</section>\n");
        for (int i = 0; i < reports.size(); i++) {
            sb.append("<article class=\"scenario\" id=\"scenario-").append(i + 1).append("\">\n");
            scenario(reports.get(i), "-" + (i + 1), sb);
            sb.append("</article>\n");
        }
        sb.append("<script>\n").append(SCRIPT).append("</script>\n</body>\n</html>\n");
        return sb.toString();
    }

    private static void head(String title, StringBuilder sb) {
        sb.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>hansim: ").append(e(title)).append("</title>\n<style>\n")
                .append(CSS).append("</style>\n</head>\n<body>\n");
    }

    /** One scenario's sections; {@code sfx} keeps element ids unique on a page of several. */
    private static void scenario(RunReport r, String sfx, StringBuilder sb) {
        summary(r, sfx, sb);
        expectations(r, sfx, sb);
        sequence(r, sfx, sb);
        timeline(r, sfx, sb);
    }

    // ---- sections ---------------------------------------------------------------------------------

    private static void summary(RunReport r, String sfx, StringBuilder sb) {
        String verdict = r.passed() ? "PASS" : "FAIL";
        sb.append("<h1>").append(e(r.scenarioName())).append(" <span class=\"verdict ")
                .append(r.passed() ? "pass" : "fail").append("\">").append(verdict).append("</span></h1>\n");
        sb.append("<section id=\"summary").append(sfx).append("\">\n<table class=\"kv\">\n");
        kv(sb, "Scenario file", r.scenarioFile());
        kv(sb, "Seed", Long.toString(r.seed()));
        kv(sb, "hansim", r.hansimVersion());
        kv(sb, "Virtual end", time(r.virtualEndMicros()));
        kv(sb, "Expectations", r.passedCount() + " passed, " + r.failedCount() + " failed");
        kv(sb, "Messages", Integer.toString(r.messages().size()));
        sb.append("</table>\n<h2>Devices</h2>\n<table>\n<tr><th>id</th><th>type</th><th>EUI-64</th></tr>\n");
        for (DeviceInfo d : r.devices()) {
            sb.append("<tr><td>").append(e(d.id())).append("</td><td>").append(e(d.type())).append("</td><td><code>")
                    .append(e(d.eui64())).append("</code></td></tr>\n");
            if (!d.status().isEmpty() || !d.failure().isEmpty()) { // a device on the device port (issue 17)
                java.util.StringJoiner cell = new java.util.StringJoiner(", ");
                if (!d.failure().isEmpty()) {
                    cell.add("<strong>port failure: " + e(d.failure()) + "</strong>");
                }
                d.status().forEach((k, v) -> cell.add("<code>" + e(k) + "</code> = " + e(v)));
                sb.append("<tr><td></td><td colspan=\"2\">").append(cell).append("</td></tr>\n");
            }
        }
        sb.append("</table>\n");
        if (!r.notes().isEmpty()) {
            sb.append("<h2>Notes</h2>\n<ul class=\"notes\">\n");
            for (String n : r.notes()) {
                sb.append("<li>").append(e(n)).append("</li>\n");
            }
            sb.append("</ul>\n");
        }
        sb.append("</section>\n");
    }

    private static void kv(StringBuilder sb, String k, String v) {
        sb.append("<tr><th>").append(e(k)).append("</th><td>").append(e(v)).append("</td></tr>\n");
    }

    private static void expectations(RunReport r, String sfx, StringBuilder sb) {
        sb.append("<section id=\"expectations").append(sfx).append("\">\n<h2>Expectations</h2>\n")
                .append("<input type=\"checkbox\" class=\"failonly\" id=\"failonly").append(sfx)
                .append("\"><label for=\"failonly").append(sfx).append("\">failed only</label>\n")
                .append("<table class=\"exp\">\n<tr><th>result</th><th>expectation</th><th>location</th>")
                .append("<th>expected</th><th>observed</th><th>at</th></tr>\n");
        for (ExpectationResult x : r.expectations()) {
            String cls = x.passed() ? "pass" : "fail";
            sb.append("<tr class=\"").append(cls).append("\"><td class=\"").append(cls).append("\">")
                    .append(x.passed() ? "PASS" : "FAIL").append("</td><td>").append(e(x.description()))
                    .append("</td><td><code>").append(e(x.location())).append("</code></td><td>")
                    .append(e(x.expected())).append("</td><td>").append(e(x.observed())).append("</td><td>")
                    .append(time(x.atMicros())).append("</td></tr>\n");
        }
        sb.append("</table>\n</section>\n");
    }

    /** Lanes: the report's devices in order, then any other id the messages name, by first appearance. */
    static List<String> lanes(RunReport r) {
        Set<String> ids = new LinkedHashSet<>();
        r.devices().forEach(d -> ids.add(d.id()));
        for (MessageEvent m : r.messages()) {
            ids.add(m.fromId());
            ids.add(m.toId());
        }
        return new ArrayList<>(ids);
    }

    private static void sequence(RunReport r, String sfx, StringBuilder sb) {
        List<String> lanes = lanes(r);
        Map<String, Integer> laneIndex = new LinkedHashMap<>();
        for (int i = 0; i < lanes.size(); i++) {
            laneIndex.put(lanes.get(i), i);
        }
        Map<String, String> types = new LinkedHashMap<>();
        r.devices().forEach(d -> types.put(d.id(), d.type()));
        List<SequenceRows.Row> rows = SequenceRows.collapse(r.messages());
        int hidden = Math.max(0, rows.size() - MAX_ROWS);
        List<SequenceRows.Row> drawn = rows.subList(0, Math.min(rows.size(), MAX_ROWS));
        int width = LEFT + Math.max(1, lanes.size()) * LANE_WIDTH;
        int height = TOP + drawn.size() * ROW + 20;
        sb.append("<section id=\"sequence").append(sfx).append("\">\n<h2>Message sequence</h2>\n<p class=\"legend\">")
                .append(r.messages().size()).append(" messages in ").append(rows.size())
                .append(" rows (runs of repeated messages collapsed into \u00d7N arrows); ")
                .append("<span class=\"dropped-key\">dashed red</span> = dropped. Hover an arrow for details.</p>\n");
        if (hidden > 0) {
            sb.append("<p class=\"note\">").append(hidden).append(" more rows not drawn; see the JSON report.</p>\n");
        }
        sb.append("<div class=\"scroll\"><p id=\"seq-detail").append(sfx).append("\" class=\"detail\"></p>\n");
        sb.append("<svg id=\"sequence-diagram").append(sfx).append("\" class=\"seq\" width=\"").append(width).append("\" height=\"")
                .append(height).append("\" viewBox=\"0 0 ").append(width).append(' ').append(height)
                .append("\" role=\"img\" aria-label=\"message sequence diagram\">\n")
                .append("<defs><marker id=\"ah").append(sfx).append("\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"9\" markerUnits=\"userSpaceOnUse\" ")
                .append("markerHeight=\"9\" orient=\"auto-start-reverse\"><path d=\"M0,0 L10,5 L0,10 z\" fill=\"#333\"/>")
                .append("</marker><marker id=\"ahd").append(sfx).append("\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"9\" markerUnits=\"userSpaceOnUse\" ")
                .append("markerHeight=\"9\" orient=\"auto-start-reverse\"><path d=\"M0,0 L10,5 L0,10 z\" fill=\"#c00\"/>")
                .append("</marker></defs>\n");
        for (int i = 0; i < lanes.size(); i++) {
            int x = laneX(i);
            String id = lanes.get(i);
            sb.append("<g class=\"lane\"><text class=\"lane-name\" x=\"").append(x).append("\" y=\"20\">")
                    .append(e(id)).append("</text><text class=\"lane-type\" x=\"").append(x).append("\" y=\"36\">")
                    .append(e(types.getOrDefault(id, ""))).append("</text><line x1=\"").append(x).append("\" y1=\"44\" x2=\"")
                    .append(x).append("\" y2=\"").append(height - 8).append("\"/></g>\n");
        }
        for (int i = 0; i < drawn.size(); i++) {
            SequenceRows.Row row = drawn.get(i);
            MessageEvent m = row.first();
            int y = TOP + i * ROW + 16;
            int x1 = laneX(laneIndex.get(m.fromId()));
            int x2 = laneX(laneIndex.get(m.toId()));
            boolean dropped = m.isDropped();
            String span = row.count() == 1 ? time(m.atMicros()) : time(m.atMicros()) + " \u2013 " + time(row.last().atMicros());
            String label = row.label();
            String detail = span + " | " + m.fromId() + " \u2192 " + m.toId() + " | " + m.protocol() + " | " + label
                    + " | " + m.bytes() + (row.count() > 1 ? " bytes each | " : " bytes | ") + m.fate();
            sb.append("<g class=\"msg").append(dropped ? " dropped" : "").append(row.count() > 1 ? " collapsed" : "")
                    .append("\" data-detail=\"").append(e(detail)).append("\"><title>").append(e(detail)).append("</title>");
            sb.append("<text class=\"t\" x=\"").append(LEFT - 14).append("\" y=\"").append(y + 4).append("\">")
                    .append(e(row.count() == 1 ? time(m.atMicros()) : time(m.atMicros()) + "\u2026")).append("</text>");
            String marker = dropped ? "url(#ahd" + sfx + ")" : "url(#ah" + sfx + ")";
            if (x1 == x2) {
                sb.append("<path d=\"M").append(x1).append(',').append(y - 6).append(" h40 v12 h-40\" fill=\"none\" marker-end=\"")
                        .append(marker).append("\"/>");
                sb.append("<text class=\"l\" x=\"").append(x1 + 46).append("\" y=\"").append(y + 4)
                        .append("\" text-anchor=\"start\">");
            } else {
                sb.append("<line x1=\"").append(x1).append("\" y1=\"").append(y).append("\" x2=\"").append(x2)
                        .append("\" y2=\"").append(y).append("\" marker-end=\"").append(marker).append("\"/>");
                sb.append("<text class=\"l\" x=\"").append((x1 + x2) / 2).append("\" y=\"").append(y - 4).append("\">");
            }
            sb.append(dropped ? "\u2715 " : "").append(e(label)).append("</text></g>\n");
        }
        sb.append("</svg></div>\n</section>\n");
    }

    private static int laneX(int lane) {
        return LEFT + lane * LANE_WIDTH + LANE_WIDTH / 2;
    }

    private static void timeline(RunReport r, String sfx, StringBuilder sb) {
        List<String> lanes = new ArrayList<>(new LinkedHashSet<>(lanes(r)));
        r.timeline().forEach(t -> {
            if (!lanes.contains(t.deviceId())) {
                lanes.add(t.deviceId());
            }
        });
        long end = r.virtualEndMicros();
        for (TimelineEvent t : r.timeline()) {
            end = Math.max(end, t.atMicros());
        }
        end = Math.max(end, 1);
        Map<String, String> colours = new LinkedHashMap<>();
        for (TimelineEvent t : r.timeline()) {
            colours.computeIfAbsent(t.kind(), k -> PALETTE[colours.size() % PALETTE.length]);
        }
        int plot = 1000;
        int width = LEFT + plot + 40;
        int rowH = 34;
        int height = 30 + lanes.size() * rowH + 30;
        sb.append("<section id=\"timeline").append(sfx).append("\">\n<h2>Device timeline</h2>\n<p class=\"legend\">");
        colours.forEach((k, c) -> sb.append("<span class=\"swatch\" style=\"background:").append(c).append("\"></span>")
                .append(e(k)).append(' '));
        sb.append("</p>\n<div class=\"scroll\"><svg id=\"timeline-diagram").append(sfx).append("\" class=\"tl\" width=\"")
                .append(width)
                .append("\" height=\"").append(height).append("\" viewBox=\"0 0 ").append(width).append(' ').append(height)
                .append("\" role=\"img\" aria-label=\"device timeline\">\n");
        int axisY = 30 + lanes.size() * rowH;
        for (int tick = 0; tick <= 10; tick++) {
            int x = LEFT + tick * plot / 10;
            sb.append("<line class=\"grid\" x1=\"").append(x).append("\" y1=\"20\" x2=\"").append(x).append("\" y2=\"")
                    .append(axisY).append("\"/><text class=\"axis\" x=\"").append(x).append("\" y=\"").append(axisY + 16)
                    .append("\">").append(time(end / 10 * tick)).append("</text>\n");
        }
        Map<String, Integer> laneIndex = new LinkedHashMap<>();
        for (int i = 0; i < lanes.size(); i++) {
            laneIndex.put(lanes.get(i), i);
            int y = 30 + i * rowH + rowH / 2;
            sb.append("<text class=\"dev\" x=\"").append(LEFT - 10).append("\" y=\"").append(y + 4).append("\">")
                    .append(e(lanes.get(i))).append("</text><line class=\"track\" x1=\"").append(LEFT).append("\" y1=\"")
                    .append(y).append("\" x2=\"").append(LEFT + plot).append("\" y2=\"").append(y).append("\"/>\n");
        }
        for (TimelineEvent t : r.timeline()) {
            int y = 30 + laneIndex.get(t.deviceId()) * rowH + rowH / 2;
            long x = LEFT + Math.round((double) Math.max(0, t.atMicros()) * plot / end);
            String detail = time(t.atMicros()) + " | " + t.deviceId() + " | " + t.kind() + " | " + t.text();
            sb.append("<circle cx=\"").append(x).append("\" cy=\"").append(y).append("\" r=\"5\" fill=\"")
                    .append(colours.get(t.kind())).append("\" data-detail=\"").append(e(detail)).append("\"><title>")
                    .append(e(detail)).append("</title></circle>\n");
        }
        sb.append("</svg></div>\n<details><summary>").append(r.timeline().size()).append(" events</summary>\n")
                .append("<table>\n<tr><th>at</th><th>device</th><th>kind</th><th>what</th></tr>\n");
        int listed = 0;
        for (TimelineEvent t : r.timeline()) {
            if (listed++ == MAX_TIMELINE_ROWS) {
                sb.append("<tr><td colspan=\"4\">").append(r.timeline().size() - MAX_TIMELINE_ROWS)
                        .append(" more events; see the JSON report.</td></tr>\n");
                break;
            }
            sb.append("<tr><td>").append(time(t.atMicros())).append("</td><td>").append(e(t.deviceId())).append("</td><td>")
                    .append(e(t.kind())).append("</td><td>").append(e(t.text())).append("</td></tr>\n");
        }
        sb.append("</table>\n</details>\n</section>\n");
    }

    /** Virtual time as seconds, e.g. {@code 12.000500 s}. */
    static String time(long micros) {
        return JunitReportWriter.seconds(micros) + " s";
    }

    private static String e(String s) {
        return Xml.escape(s);
    }

    private static final String CSS = String.join("\n",
            "body{font-family:system-ui,-apple-system,'Segoe UI',sans-serif;margin:1.5em;color:#222}",
            "h1{font-size:1.5em}h2{font-size:1.2em;margin-top:1.5em}",
            "table{border-collapse:collapse;margin:.5em 0}th,td{border:1px solid #ccc;padding:3px 8px;text-align:left;vertical-align:top}",
            "table.kv th{background:#f4f4f4}.verdict{padding:2px 8px;border-radius:4px;color:#fff}",
            ".verdict.pass,td.pass{background:#2a7d2a;color:#fff}.verdict.fail,td.fail{background:#c00;color:#fff}",
            ".failonly:checked~table tr.pass{display:none}",
            ".scroll{overflow:auto;max-width:100%;border:1px solid #ddd}",
            "svg text{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:11px}",
            ".seq .lane line{stroke:#999;stroke-dasharray:2 3}.lane-name{font-weight:bold;text-anchor:middle;font-size:13px}",
            ".lane-type{text-anchor:middle;fill:#666}.seq .msg line,.seq .msg path{stroke:#333;stroke-width:1.3}",
            ".seq .msg .l{text-anchor:middle;paint-order:stroke;stroke:#fff;stroke-width:3px}.seq .msg .t{text-anchor:end;fill:#666}",
            ".seq .msg.collapsed line{stroke-width:3}.seq .msg.dropped line,.seq .msg.dropped path{stroke:#c00;stroke-dasharray:6 4}",
            ".seq .msg.dropped text.l{fill:#c00}.seq .msg:hover text.l{font-weight:bold}.dropped-key{color:#c00}",
            ".tl .grid{stroke:#eee}.tl .track{stroke:#bbb}.tl .axis{text-anchor:middle;fill:#666}.tl .dev{text-anchor:end}",
            ".swatch{display:inline-block;width:10px;height:10px;border-radius:5px;margin:0 4px 0 10px}",
            ".detail{font-family:ui-monospace,monospace;min-height:1.2em;margin:4px}.note{color:#a60}",
            "");

    // Optional: a click on an arrow or event shows its details above the diagram. Everything it shows
    // is also in the SVG <title>, so the page loses nothing without JavaScript.
    private static final String SCRIPT = String.join("\n",
            "(function () {",
            "  document.addEventListener('click', function (ev) {",
            "    var el = ev.target;",
            "    while (el && el.getAttribute && !el.getAttribute('data-detail')) { el = el.parentNode; }",
            "    if (!el || !el.getAttribute) { return; }",
            "    var scope = el.closest ? (el.closest('.scenario') || document) : document;",
            "    var out = scope.querySelector('.detail');",
            "    if (out) { out.textContent = el.getAttribute('data-detail'); }",
            "  });",
            "})();",
            "");
}
