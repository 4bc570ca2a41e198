package io.hansim.cli.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The run report as JSON (DESIGN.md §5), for scripts and dashboards. Keys come in a fixed order (the
 * record components' order, with a {@code summary} object after the header fields), the indentation
 * is two spaces and lines end with {@code \n} whatever the platform, so the same report always gives
 * the same bytes and two runs diff cleanly.
 */
public final class JsonReportWriter {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final ObjectWriter WRITER = MAPPER.writer(new DefaultPrettyPrinter()
            .withObjectIndenter(new DefaultIndenter("  ", "\n"))
            .withArrayIndenter(new DefaultIndenter("  ", "\n")));

    private JsonReportWriter() {
    }

    /** The report as a JSON text ending in a line break. */
    public static String toJson(RunReport report) {
        try {
            return WRITER.writeValueAsString(toTree(report)) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree of plain nodes always serialises", e);
        }
    }

    /**
     * Several scenarios' reports as ONE JSON document ({@code hansim run --report json F} with several
     * files): a {@code summary} over all of them and a {@code scenarios} array holding each report as
     * {@link #toTree} gives it. One report gives exactly {@link #toJson(RunReport)}.
     */
    public static String toJson(List<RunReport> reports) {
        if (reports.size() == 1) {
            return toJson(reports.get(0));
        }
        ObjectNode root = MAPPER.createObjectNode();
        root.put("hansimVersion", reports.isEmpty() ? "unknown" : reports.get(0).hansimVersion());
        ObjectNode summary = root.putObject("summary");
        summary.put("scenarios", reports.size());
        summary.put("passed", reports.stream().allMatch(RunReport::passed));
        summary.put("failedScenarios", reports.stream().filter(r -> !r.passed()).count());
        summary.put("expectations", reports.stream().mapToLong(r -> r.expectations().size()).sum());
        summary.put("failures", reports.stream().mapToLong(RunReport::failedCount).sum());
        ArrayNode all = root.putArray("scenarios");
        reports.forEach(r -> all.add(toTree(r)));
        try {
            return WRITER.writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree of plain nodes always serialises", e);
        }
    }

    /** Writes {@link #toJson(List)} as UTF-8 to {@code path}. */
    public static void write(List<RunReport> reports, Path path) {
        try {
            Files.writeString(path, toJson(reports), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write JSON report " + path + ": " + e.getMessage(), e);
        }
    }

    /** Writes {@link #toJson} to {@code out} (not closed). */
    public static void write(RunReport report, Writer out) throws IOException {
        out.write(toJson(report));
    }

    /** Writes {@link #toJson} as UTF-8 to {@code path}. */
    public static void write(RunReport report, Path path) {
        try {
            Files.writeString(path, toJson(report), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write JSON report " + path + ": " + e.getMessage(), e);
        }
    }

    /** The report as a Jackson tree with the documented key order. */
    public static ObjectNode toTree(RunReport r) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("scenarioName", r.scenarioName());
        root.put("scenarioFile", r.scenarioFile());
        root.put("seed", r.seed());
        root.put("hansimVersion", r.hansimVersion());
        root.put("virtualEndMicros", r.virtualEndMicros());
        ObjectNode summary = root.putObject("summary");
        summary.put("passed", r.passed());
        summary.put("expectations", r.expectations().size());
        summary.put("failures", r.failedCount());
        summary.put("messages", r.messages().size());
        ArrayNode devices = root.putArray("devices");
        for (DeviceInfo d : r.devices()) {
            ObjectNode n = devices.addObject();
            n.put("id", d.id());
            n.put("type", d.type());
            n.put("eui64", d.eui64());
            if (!d.status().isEmpty()) { // a device on the device port (issue 17)
                ObjectNode st = n.putObject("status");
                d.status().forEach(st::put);
            }
            if (!d.failure().isEmpty()) {
                n.put("failure", d.failure());
            }
        }
        ArrayNode expectations = root.putArray("expectations");
        for (ExpectationResult e : r.expectations()) {
            ObjectNode n = expectations.addObject();
            n.put("description", e.description());
            n.put("location", e.location());
            n.put("passed", e.passed());
            n.put("expected", e.expected());
            n.put("observed", e.observed());
            n.put("atMicros", e.atMicros());
        }
        ArrayNode messages = root.putArray("messages");
        for (MessageEvent m : r.messages()) {
            ObjectNode n = messages.addObject();
            n.put("atMicros", m.atMicros());
            n.put("fromId", m.fromId());
            n.put("toId", m.toId());
            n.put("protocol", m.protocol());
            n.put("label", m.label());
            n.put("bytes", m.bytes());
            n.put("fate", m.fate());
        }
        ArrayNode timeline = root.putArray("timeline");
        for (TimelineEvent t : r.timeline()) {
            ObjectNode n = timeline.addObject();
            n.put("atMicros", t.atMicros());
            n.put("deviceId", t.deviceId());
            n.put("kind", t.kind());
            n.put("text", t.text());
        }
        ArrayNode notes = root.putArray("notes");
        r.notes().forEach(notes::add);
        return root;
    }
}
