package io.hansim.cli.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class ConsoleReporterTest {
    private final StringWriter text = new StringWriter();
    private long wall;

    private ConsoleReporter reporter(boolean live) {
        return new ConsoleReporter(new PrintWriter(text), live, () -> wall);
    }

    @Test
    void plainModePrintsOneLinePerTenPercentAndEvents() {
        ConsoleReporter c = reporter(false);
        for (int block = 1; block <= 100; block++) {
            c.progress("ppmid", block * 64L, 6400, block, block * 100_000L);
        }
        c.event(10_000_000, "ppmid", "status DOWNLOAD_COMPLETE");
        String out = text.toString();
        String[] lines = out.split("\n");
        assertEquals(12, lines.length, out); // the start, 10 %, 20 %, ... 100 %, then the event
        assertTrue(lines[0].startsWith("[0.100000 s] ppmid:   1% 1 blocks 64/6400 bytes"), lines[0]);
        assertTrue(lines[1].startsWith("[1.000000 s] ppmid:  10% 10 blocks 640/6400 bytes, t=1.000000 s, ETA 9.0 s virtual"),
                lines[1]);
        assertTrue(lines[10].contains("100% 100 blocks 6400/6400 bytes, t=10.000000 s, done"), lines[10]);
        assertEquals("[10.000000 s] ppmid: status DOWNLOAD_COMPLETE", lines[11]);
        assertFalse(out.contains("\u001b"), "no terminal control codes in a log");
    }

    @Test
    void liveModeDrawsBarsWithEtaInVirtualAndWallTime() {
        ConsoleReporter c = reporter(true);
        c.progress("ppmid", 0, 6400, 0, 0);
        wall += 200_000_000L; // 0.2 s of wall time
        c.progress("ppmid", 1600, 6400, 25, 2_500_000);
        String out = text.toString();
        assertTrue(out.contains("ppmid [######------------------]  25% 25 blocks 1600/6400 bytes, t=2.500000 s, "
                + "ETA 7.5 s virtual / 0.6 s wall"), out);
        assertTrue(out.contains("\u001b[1A\u001b[2K"), "the second draw replaces the first");
    }

    @Test
    void liveModeThrottlesRedraws() {
        ConsoleReporter c = reporter(true);
        c.progress("ppmid", 0, 6400, 0, 0);
        int after = text.toString().length();
        wall += 1_000_000L; // 1 ms later: no redraw
        c.progress("ppmid", 64, 6400, 1, 100_000);
        assertEquals(after, text.toString().length());
        c.progress("ppmid", 6400, 6400, 100, 10_000_000); // finishing always draws
        assertTrue(text.toString().contains("100% 100 blocks 6400/6400 bytes, t=10.000000 s, done"));
    }

    @Test
    void summaryTableShowsPassFailLocationExpectedObserved() {
        reporter(false).summary(Fixtures.smallReport());
        String out = text.toString();
        assertTrue(out.contains("RESULT  LOCATION"), out);
        assertTrue(out.contains("PASS    scenarios/r56_3.yaml:12:5"), out);
        assertTrue(out.contains("FAIL    scenarios/r56_3.yaml:20:7"), out);
        assertTrue(out.contains("alert 0x8F1C"), out);
        assertTrue(out.trim().endsWith("1 passed, 1 failed: FAIL"), out);
    }

    @Test
    void summaryPrintsTheReportNotes() {
        reporter(false).summary(Fixtures.smallReport());
        String out = text.toString();
        assertTrue(out.contains("Notes:\n  - note " + Fixtures.NASTY.replace('\n', ' ').replace('\r', ' ')
                .replace('\t', ' ') + "\n"), out);
        assertTrue(out.indexOf("Notes:") > out.indexOf("FAIL    scenarios/r56_3.yaml:20:7"), "after the table");
    }

    @Test
    void durations() {
        assertEquals("7.5 s", ConsoleReporter.duration(7.5));
        assertEquals("4m05s", ConsoleReporter.duration(245));
        assertEquals("2h03m", ConsoleReporter.duration(2 * 3600 + 3 * 60 + 10));
        assertEquals("[############------------]", ConsoleReporter.bar(50, 100));
    }
}
