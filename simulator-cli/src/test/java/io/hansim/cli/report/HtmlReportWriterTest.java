package io.hansim.cli.report;

import static io.hansim.cli.report.Fixtures.HUB;
import static io.hansim.cli.report.Fixtures.PPMID;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class HtmlReportWriterTest {
    private static final Map<Long, String> NAMES = Map.of(HUB, "hub", PPMID, "ppmid");

    private static int count(String haystack, String needle) {
        int n = 0;
        for (int at = haystack.indexOf(needle); at >= 0; at = haystack.indexOf(needle, at + 1)) {
            n++;
        }
        return n;
    }

    @Test
    void pageHasEverySectionAndBothDiagrams() {
        String html = HtmlReportWriter.toHtml(Fixtures.smallReport());
        assertTrue(html.startsWith("<!DOCTYPE html>\n"));
        assertTrue(html.endsWith("</html>\n"));
        for (String id : List.of("id=\"summary\"", "id=\"expectations\"", "id=\"sequence-diagram\"", "id=\"timeline-diagram\"")) {
            assertEquals(1, count(html, id), id);
        }
        assertEquals(2, count(html, "<svg"));
        assertEquals(count(html, "<svg"), count(html, "</svg>"));
        assertEquals(1, count(html, "<tr class=\"fail\">"));
        assertEquals(1, count(html, "<tr class=\"pass\">"));
        // two lanes, one per device, in report order
        assertTrue(html.indexOf(">hub</text>") < html.indexOf(">ppmid</text>"));
        assertEquals(3, count(html, "<circle "), "one mark per timeline event");
    }

    @Test
    void selfContainedNoExternalReferences() {
        String html = HtmlReportWriter.toHtml(Fixtures.smallReport());
        assertFalse(html.contains("http:"), "no URL of any kind");
        assertFalse(html.contains("https:"));
        assertFalse(html.contains("src="));
        assertFalse(html.contains("<link"));
        assertFalse(html.contains("@import"));
    }

    @Test
    void labelsAndTextAreEscaped() {
        RunReport r = Fixtures.report(List.of(new MessageEvent(1, "hub", "ppmid", "ZCL", "x " + Fixtures.NASTY, 3,
                MessageEvent.DELIVERED)));
        String html = HtmlReportWriter.toHtml(r);
        assertFalse(html.contains(Fixtures.NASTY), "raw markup never reaches the page");
        assertFalse(html.contains("<alert>"));
        assertTrue(html.contains("x &lt;b&gt;&amp;&quot;&#39;&lt;/b&gt;"));
        assertTrue(html.contains("hub logs &lt;alert&gt; &amp; &quot;0x8F1C&quot;"));
    }

    @Test
    void droppedMessagesAreDrawnDashedRed() {
        String html = HtmlReportWriter.toHtml(Fixtures.smallReport());
        assertEquals(1, count(html, "class=\"msg dropped\""));
        assertTrue(html.contains("url(#ahd)"));
        assertTrue(html.contains("\u2715 Image Block Response off=64 size=64"));
        assertTrue(html.contains(".seq .msg.dropped line,.seq .msg.dropped path{stroke:#c00;stroke-dasharray:6 4}"));
    }

    @Test
    void thousandsOfBlocksCollapseIntoAFewArrows() {
        List<MessageEvent> messages = MessageEvents.fromTrace(Fixtures.download(2000, 1000), NAMES);
        assertEquals(4000, messages.size());
        List<SequenceRows.Row> rows = SequenceRows.collapse(messages);
        // 1000 good pairs, the pair with the drop (2 rows), then 999 good pairs
        assertEquals(6, rows.size(), rows.toString());
        assertEquals(1000, rows.get(0).count());
        assertEquals("Image Block Request off=0\u202663936 size=64 \u00d71000", rows.get(0).label());
        assertEquals("Image Block Response off=0\u202663936 size=64 \u00d71000", rows.get(1).label());
        assertEquals(1, rows.get(3).count());
        assertTrue(rows.get(3).first().isDropped());
        assertEquals(999, rows.get(5).count());
        String html = HtmlReportWriter.toHtml(Fixtures.report(messages));
        assertEquals(6, count(html, "<g class=\"msg"));
        assertTrue(html.length() < 40_000, "page stays small: " + html.length());
    }

    @Test
    void shortRunsAndDifferentLabelsStayApart() {
        List<MessageEvent> messages = new ArrayList<>();
        messages.add(new MessageEvent(1, "a", "b", "ZCL", "Query Next Image Request v=0x00000001", 3, "delivered"));
        messages.add(new MessageEvent(2, "a", "b", "ZCL", "Query Next Image Request v=0x00000001", 3, "delivered"));
        messages.add(new MessageEvent(3, "a", "b", "ZCL", "Query Next Image Request v=0x00000002", 3, "delivered"));
        messages.add(new MessageEvent(4, "a", "b", "ZCL", "Query Next Image Request v=0x00000002", 3, "delivered"));
        messages.add(new MessageEvent(5, "a", "b", "ZCL", "Query Next Image Request v=0x00000002", 3, "delivered"));
        List<SequenceRows.Row> rows = SequenceRows.collapse(messages);
        assertEquals(3, rows.size(), "two repeats are below the threshold; three collapse");
        assertEquals("Query Next Image Request v=0x00000002 \u00d73", rows.get(2).label());
    }

    @Test
    void unknownDevicesGetTheirOwnLane() {
        RunReport r = Fixtures.report(List.of(new MessageEvent(1, "hub", "00000000000000ff", "ZCL", "x", 3, "delivered")));
        assertEquals(List.of("hub", "ppmid", "00000000000000ff"), HtmlReportWriter.lanes(r));
        String html = HtmlReportWriter.toHtml(r);
        Matcher m = Pattern.compile("<svg id=\"sequence-diagram\" class=\"seq\" width=\"(\\d+)\"").matcher(html);
        assertTrue(m.find());
        assertEquals(HtmlReportWriter.LEFT + 3 * HtmlReportWriter.LANE_WIDTH, Integer.parseInt(m.group(1)));
    }

    /**
     * Leaves two pages in target/html-report-samples for {@code .ci/html-check.sh}, which loads them in
     * a headless browser (JavaScript errors, the DOM has the diagram).
     */
    @Test
    void writesSamplePagesForTheBrowserCheck() throws Exception {
        java.nio.file.Path dir = java.nio.file.Files.createDirectories(java.nio.file.Path.of("target", "html-report-samples"));
        HtmlReportWriter.write(Fixtures.smallReport(), dir.resolve("small.html"));
        HtmlReportWriter.write(Fixtures.report(MessageEvents.fromTrace(Fixtures.download(2000, 1000), NAMES)),
                dir.resolve("download.html"));
        assertTrue(java.nio.file.Files.readString(dir.resolve("download.html")).contains("\u00d71000"));
    }

    @Test
    void deterministic() {
        assertEquals(HtmlReportWriter.toHtml(Fixtures.smallReport()), HtmlReportWriter.toHtml(Fixtures.smallReport()));
    }

    @Test
    void severalReportsAreOnePageWithUniqueIds() {
        RunReport r = Fixtures.smallReport();
        assertEquals(HtmlReportWriter.toHtml(r), HtmlReportWriter.toHtml(List.of(r)));
        String html = HtmlReportWriter.toHtml(List.of(r, r));
        assertTrue(html.startsWith("<!DOCTYPE html>\n") && html.endsWith("</html>\n"));
        assertEquals(1, count(html, "<html"));
        for (String id : List.of("summary", "expectations", "sequence-diagram", "timeline-diagram", "ah", "ahd",
                "failonly", "seq-detail")) {
            assertEquals(0, count(html, "id=\"" + id + "\""), id);
            assertEquals(1, count(html, "id=\"" + id + "-1\""), id);
            assertEquals(1, count(html, "id=\"" + id + "-2\""), id);
        }
        assertTrue(html.contains("url(#ahd-2)"));
        assertEquals(2, count(html, "<a href=\"#scenario-"));
        assertEquals(4, count(html, "<svg"));
    }
}
