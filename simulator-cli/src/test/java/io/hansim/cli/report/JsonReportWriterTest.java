package io.hansim.cli.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class JsonReportWriterTest {

    @Test
    void keysComeInTheDocumentedOrder() throws Exception {
        JsonNode root = new ObjectMapper().readTree(JsonReportWriter.toJson(Fixtures.smallReport()));
        List<String> keys = new ArrayList<>();
        root.fieldNames().forEachRemaining(keys::add);
        assertEquals(List.of("scenarioName", "scenarioFile", "seed", "hansimVersion", "virtualEndMicros", "summary",
                "devices", "expectations", "messages", "timeline", "notes"), keys);
        List<String> messageKeys = new ArrayList<>();
        root.get("messages").get(0).fieldNames().forEachRemaining(messageKeys::add);
        assertEquals(List.of("atMicros", "fromId", "toId", "protocol", "label", "bytes", "fate"), messageKeys);
    }

    @Test
    void valuesRoundTripIncludingAwkwardCharacters() throws Exception {
        RunReport r = Fixtures.smallReport();
        JsonNode root = new ObjectMapper().readTree(JsonReportWriter.toJson(r));
        assertEquals(r.scenarioName(), root.get("scenarioName").asText());
        assertEquals(42, root.get("seed").asLong());
        assertFalse(root.get("summary").get("passed").asBoolean());
        assertEquals(1, root.get("summary").get("failures").asInt());
        assertEquals("no alert \u0001", root.get("expectations").get(1).get("observed").asText());
        assertEquals("scenarios/r56_3.yaml:20:7", root.get("expectations").get(1).get("location").asText());
        assertEquals("dropped(loss)", root.get("messages").get(3).get("fate").asText());
        assertEquals(6, root.get("messages").size());
    }

    @Test
    void sameReportSameBytesAndUnixLineEnds() {
        String a = JsonReportWriter.toJson(Fixtures.smallReport());
        String b = JsonReportWriter.toJson(Fixtures.smallReport());
        assertEquals(a, b);
        assertFalse(a.contains("\r"));
        assertTrue(a.endsWith("}\n"));
        assertTrue(a.startsWith("{\n  \"scenarioName\""), a.substring(0, 30));
    }

    @Test
    void severalReportsAreOneDocumentAndOneReportIsTheSingleForm() throws Exception {
        RunReport r = Fixtures.smallReport();
        assertEquals(JsonReportWriter.toJson(r), JsonReportWriter.toJson(java.util.List.of(r)));
        String both = JsonReportWriter.toJson(java.util.List.of(r, r));
        com.fasterxml.jackson.databind.JsonNode doc = new com.fasterxml.jackson.databind.ObjectMapper().readTree(both);
        assertEquals(2, doc.path("summary").path("scenarios").asInt());
        assertEquals(4, doc.path("summary").path("expectations").asInt());
        assertEquals(2, doc.path("summary").path("failures").asInt());
        assertEquals(2, doc.path("summary").path("failedScenarios").asInt());
        assertEquals(2, doc.path("scenarios").size());
        assertEquals(r.scenarioName(), doc.path("scenarios").get(1).path("scenarioName").asText());
        assertEquals(both, JsonReportWriter.toJson(java.util.List.of(r, r)), "deterministic");
    }
}
