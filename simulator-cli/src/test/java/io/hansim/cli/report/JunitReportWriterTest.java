package io.hansim.cli.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class JunitReportWriterTest {

    private static Document parse(String xml) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return f.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void parsesWithTheJdkParserAndCountsAreRight() throws Exception {
        Document d = parse(JunitReportWriter.toXml(Fixtures.smallReport()));
        Element suites = d.getDocumentElement();
        assertEquals("testsuites", suites.getTagName());
        assertEquals("2", suites.getAttribute("tests"));
        assertEquals("1", suites.getAttribute("failures"));
        NodeList suite = d.getElementsByTagName("testsuite");
        assertEquals(1, suite.getLength());
        Element s = (Element) suite.item(0);
        assertEquals("R56.3 " + Fixtures.NASTY, s.getAttribute("name"), "escaped and read back intact");
        assertEquals("2", s.getAttribute("tests"));
        assertEquals("1", s.getAttribute("failures"));
        assertEquals("9.000500", s.getAttribute("time"));
        assertEquals(2, d.getElementsByTagName("testcase").getLength());
        assertEquals(1, d.getElementsByTagName("failure").getLength());
    }

    @Test
    void failureNamesExpectedObservedAndLocation() throws Exception {
        Document d = parse(JunitReportWriter.toXml(Fixtures.smallReport()));
        Element failure = (Element) d.getElementsByTagName("failure").item(0);
        Element testcase = (Element) failure.getParentNode();
        assertEquals("hub logs <alert> & \"0x8F1C\"", testcase.getAttribute("name"));
        assertEquals("expected alert 0x8F1C, observed no alert \uFFFD at scenarios/r56_3.yaml:20:7",
                failure.getAttribute("message"), "the control character XML cannot carry is replaced");
        assertTrue(failure.getTextContent().contains("at virtual time 9.000000 s"));
    }

    @Test
    void severalScenariosGiveSeveralSuites() throws Exception {
        RunReport r = Fixtures.smallReport();
        Document d = parse(JunitReportWriter.toXml(List.of(r, r)));
        assertEquals(2, d.getElementsByTagName("testsuite").getLength());
        assertEquals("4", d.getDocumentElement().getAttribute("tests"));
    }

    @Test
    void escapingCoversMarkupQuotesControlsAndSurrogates() {
        assertEquals("&lt;b&gt;&amp;&quot;&#39;&lt;/b&gt;", Xml.escape(Fixtures.NASTY));
        assertEquals("a&#10;b\uFFFDc\uFFFD\uD83D\uDE00", Xml.escape("a\nb\u0000c\uD800\uD83D\uDE00"));
    }

    @Test
    void deterministic() {
        assertEquals(JunitReportWriter.toXml(Fixtures.smallReport()), JunitReportWriter.toXml(Fixtures.smallReport()));
    }
}
