package io.hansim.cli.conformance;

import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.Locale;

/**
 * A battery run as JSON, JUnit XML and HTML, in the styles of the run reports ({@code io.hansim.cli.report}):
 * no wall-clock time or host name, so the same device command and seed give the same file. In JUnit XML each case
 * is a {@code testcase} (a failure carries "expected …, seen …" and the frames; not applicable is
 * {@code skipped} with its reason).
 */
public final class ConformanceReports {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private ConformanceReports() {
    }

    public static String json(BatteryReport r) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("device", r.device());
        root.put("kind", r.deviceKind().id());
        root.put("parts", r.parts());
        root.put("seed", r.seed());
        root.put("passed", r.passed());
        ObjectNode counts = root.putObject("counts");
        for (Verdict v : Verdict.values()) {
            counts.put(v.name().toLowerCase(Locale.ROOT), r.count(v));
        }
        ArrayNode notes = root.putArray("notes");
        r.notes().forEach(notes::add);
        ArrayNode cases = root.putArray("cases");
        for (CaseResult c : r.results()) {
            ObjectNode n = cases.addObject();
            n.put("id", c.id());
            n.put("requirement", c.requirement());
            n.put("title", c.title());
            n.put("verdict", c.verdict().name().toLowerCase(Locale.ROOT).replace('_', '-'));
            n.put("expected", c.expected());
            n.put("seen", c.seen());
            ArrayNode f = n.putArray("frames");
            c.frames().forEach(f::add);
        }
        DefaultPrettyPrinter pp = new DefaultPrettyPrinter().withObjectIndenter(new DefaultIndenter("  ", "\n"));
        try {
            return MAPPER.writer(pp).writeValueAsString(root) + "\n";
        } catch (IOException e) {
            throw new IllegalStateException("JSON of a report: " + e.getMessage(), e);
        }
    }

    public static String junit(BatteryReport r) {
        StringBuilder sb = new StringBuilder(4096);
        long failures = r.count(Verdict.FAIL);
        long skipped = r.count(Verdict.NOT_APPLICABLE);
        String suite = "conformance " + r.deviceKind().id();
        sb.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        sb.append("<testsuites name=\"hansim conformance\" tests=\"").append(r.results().size())
                .append("\" failures=\"").append(failures).append("\" errors=\"0\" skipped=\"").append(skipped)
                .append("\">\n");
        sb.append("  <testsuite name=\"").append(esc(suite)).append("\" tests=\"").append(r.results().size())
                .append("\" failures=\"").append(failures).append("\" errors=\"0\" skipped=\"").append(skipped)
                .append("\">\n");
        sb.append("    <properties>\n");
        prop(sb, "device", r.device());
        prop(sb, "parts", r.parts());
        prop(sb, "seed", Long.toString(r.seed()));
        for (int i = 0; i < r.notes().size(); i++) {
            prop(sb, "note." + (i + 1), r.notes().get(i));
        }
        sb.append("    </properties>\n");
        for (CaseResult c : r.results()) {
            sb.append("    <testcase classname=\"").append(esc(suite)).append("\" name=\"")
                    .append(esc(c.id() + " (" + c.requirement() + ")")).append("\"");
            if (c.verdict() == Verdict.PASS) {
                sb.append(">\n      <system-out>").append(esc(c.seen())).append("</system-out>\n    </testcase>\n");
            } else if (c.verdict() == Verdict.NOT_APPLICABLE) {
                sb.append(">\n      <skipped message=\"").append(esc("not applicable: " + c.seen()))
                        .append("\"/>\n    </testcase>\n");
            } else {
                sb.append(">\n      <failure message=\"").append(esc("expected " + c.expected() + ", seen " + c.seen()))
                        .append("\" type=\"conformance\">").append(esc(String.join("\n", c.frames())))
                        .append("</failure>\n    </testcase>\n");
            }
        }
        sb.append("  </testsuite>\n</testsuites>\n");
        return sb.toString();
    }

    private static void prop(StringBuilder sb, String name, String value) {
        sb.append("      <property name=\"").append(esc(name)).append("\" value=\"").append(esc(value)).append("\"/>\n");
    }

    public static String html(BatteryReport r) {
        StringBuilder sb = new StringBuilder(8192);
        sb.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>hansim conformance: ")
                .append(esc(r.device())).append("</title>\n<style>\n")
                .append("body{font-family:system-ui,sans-serif;margin:1.5em;color:#222}\n")
                .append("table{border-collapse:collapse;width:100%}th,td{border:1px solid #ccc;padding:4px 6px;"
                        + "vertical-align:top;text-align:left}\n")
                .append("th{background:#f3f3f3}.pass{background:#e6f4ea}.fail{background:#fdecea}"
                        + ".na{background:#f5f5f5;color:#666}\n")
                .append("pre{margin:0;font-size:85%;white-space:pre-wrap}\n</style>\n</head>\n<body>\n");
        sb.append("<h1>Conformance: ").append(esc(r.device())).append("</h1>\n<p>kind ").append(esc(r.deviceKind().id()))
                .append(", parts ").append(esc(r.parts())).append(", seed ").append(r.seed()).append(": <strong>")
                .append(r.passed() ? "passed" : "failed").append("</strong> (").append(r.count(Verdict.PASS))
                .append(" pass, ").append(r.count(Verdict.FAIL)).append(" fail, ").append(r.count(Verdict.NOT_APPLICABLE))
                .append(" not applicable)</p>\n");
        for (String n : r.notes()) {
            sb.append("<p class=\"fail\">").append(esc(n)).append("</p>\n");
        }
        sb.append("<table>\n<tr><th>case</th><th>requirement</th><th>verdict</th><th>expected</th><th>seen</th>"
                + "<th>frames</th></tr>\n");
        for (CaseResult c : r.results()) {
            String cls = c.verdict() == Verdict.PASS ? "pass" : c.verdict() == Verdict.FAIL ? "fail" : "na";
            sb.append("<tr class=\"").append(cls).append("\"><td>").append(esc(c.id())).append("<br><small>")
                    .append(esc(c.title())).append("</small></td><td>").append(esc(c.requirement())).append("</td><td>")
                    .append(c.verdict().name().replace('_', ' ')).append("</td><td>").append(esc(c.expected()))
                    .append("</td><td>").append(esc(c.seen())).append("</td><td><pre>")
                    .append(esc(String.join("\n", c.frames()))).append("</pre></td></tr>\n");
        }
        sb.append("</table>\n</body>\n</html>\n");
        return sb.toString();
    }

    /** XML/HTML text: the five specials as entities, characters XML 1.0 cannot carry as U+FFFD. */
    static String esc(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '&') {
                sb.append("&amp;");
            } else if (c == '<') {
                sb.append("&lt;");
            } else if (c == '>') {
                sb.append("&gt;");
            } else if (c == '"') {
                sb.append("&quot;");
            } else if (c == '\'') {
                sb.append("&#39;");
            } else if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                sb.append(c).append(s.charAt(++i));
            } else if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || Character.isSurrogate(c) || c == 0xFFFE
                    || c == 0xFFFF) {
                sb.append('\uFFFD');
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }
}
