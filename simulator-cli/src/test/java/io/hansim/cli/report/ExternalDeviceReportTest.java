package io.hansim.cli.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Issue 17 (lane D): the JSON and HTML reports show what an external device exported (its status)
 * and how it ended (its typed failure), escaped like every other value; a model's entry stays as it
 * was.
 */
class ExternalDeviceReportTest {

    private static RunReport report() {
        Map<String, String> status = new LinkedHashMap<>();
        status.put("firmware.version", "00000200");
        status.put("ota.state", "<b>done</b> & " + Fixtures.NASTY);
        RunReport base = Fixtures.smallReport();
        return new RunReport(base.scenarioName(), base.scenarioFile(), base.seed(), base.hansimVersion(),
                base.virtualEndMicros(), List.of(new DeviceInfo("hub", "CH", "0011223344556677"),
                        new DeviceInfo("dut", "EXTERNAL PPMID", "00000000000000A1", status,
                                "timeout: no DONE within the exchange timeout 5 s <x>"),
                        new DeviceInfo("ihd", "IHD", "00000000000000A2")),
                base.expectations(), base.messages(), base.timeline(), base.notes());
    }

    @Test
    void issue17_jsonListsTheStatusAndTheFailureOfAnExternalDeviceOnly() throws Exception {
        JsonNode devices = new ObjectMapper().readTree(JsonReportWriter.toJson(report())).get("devices");
        assertEquals("00000200", devices.get(1).get("status").get("firmware.version").asText());
        assertEquals("<b>done</b> & " + Fixtures.NASTY, devices.get(1).get("status").get("ota.state").asText());
        assertEquals("timeout: no DONE within the exchange timeout 5 s <x>", devices.get(1).get("failure").asText());
        assertFalse(devices.get(2).has("status") || devices.get(2).has("failure"), devices.get(2).toString());
    }

    @Test
    void issue17_htmlShowsThemEscaped() {
        String html = HtmlReportWriter.toHtml(List.of(report()));
        assertTrue(html.contains("port failure: timeout: no DONE within the exchange timeout 5 s &lt;x&gt;"), html);
        assertTrue(html.contains("<code>firmware.version</code> = 00000200"), html);
        assertTrue(html.contains("&lt;b&gt;done&lt;/b&gt; &amp; "), html);
        assertFalse(html.contains("<b>done</b>"));
    }
}
