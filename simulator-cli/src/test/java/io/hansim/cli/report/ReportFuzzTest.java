package io.hansim.cli.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;

/**
 * Properties of the report code (DESIGN.md §6). {@code mvn verify} replays the seeds in
 * {@code src/test/resources/io/hansim/cli/report/ReportFuzzTestInputs/<method>/}; {@code JAZZER_FUZZ=1}
 * fuzzes one target.
 */
class ReportFuzzTest {

    /** Any bytes on any cluster get a label and a command name; labelling never throws. */
    @FuzzTest(maxDuration = "30s")
    void anyFrameGetsALabel(FuzzedDataProvider in) {
        int cluster = in.consumeBoolean() ? MessageEvents.CLUSTER_OTA : in.consumeInt(0, 0xFFFF);
        byte[] zcl = in.consumeRemainingAsBytes();
        String label = MessageEvents.label(cluster, zcl);
        assertNotNull(label);
        assertFalse(label.isEmpty());
        assertNotNull(MessageEvents.commandName(cluster, zcl));
    }

    /**
     * Any text in a report gives JUnit XML that the JDK parser reads back to the same text, except
     * characters XML 1.0 cannot carry, which become U+FFFD; the HTML page draws it escaped.
     */
    @FuzzTest(maxDuration = "30s")
    void anyTextGivesWellFormedReports(FuzzedDataProvider in) throws Exception {
        String description = in.consumeString(200);
        String label = in.consumeRemainingAsString();
        ExpectationResult x = new ExpectationResult(description, "f.yaml:1:1", false, "a", "b", 0);
        RunReport r = new RunReport("s", "f.yaml", 1, "v", 10, List.of(new DeviceInfo("a", "CH", "")),
                List.of(x), List.of(new MessageEvent(1, "a", "a", "ZCL", label, 3, "delivered")), List.of(), List.of());
        String xml = JunitReportWriter.toXml(r);
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        Element testcase = (Element) f.newDocumentBuilder()
                .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)))
                .getElementsByTagName("testcase").item(0);
        assertEquals(xmlSafe(description), testcase.getAttribute("name"));
        String html = HtmlReportWriter.toHtml(r);
        // the arrow's text element holds exactly the escaped label (a raw '<' would open markup)
        assertTrue(html.contains("\">" + Xml.escape(label) + "</text></g>"), "label drawn escaped");
    }

    /** What {@link Xml#escape} keeps of {@code s}, as a parser reads it back. */
    private static String xmlSafe(String s) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                sb.append(c).append(s.charAt(++i));
            } else if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || Character.isSurrogate(c)
                    || c == 0xFFFE || c == 0xFFFF) {
                sb.append('\uFFFD');
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }
}
