package io.hansim.cli.report;

import io.hansim.cli.scenario.TerminalText;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * The human console report (DESIGN.md §5). On a terminal it keeps one live progress bar per device
 * download (percentage, blocks, virtual time, and the time left both in virtual time and in wall
 * time); elsewhere (a pipe, a CI log, or {@code --quiet}) it prints plain one-line events and a
 * progress line only each time a download crosses another 10 %. {@link #summary} prints the table
 * of expectations either way.
 *
 * <p>This is the only place that reads a wall clock (DESIGN.md §2), and only to estimate the wall
 * time left; the clock is injected so tests can drive it. Called from the runner's thread only.
 */
public final class ConsoleReporter {
    static final int BAR_WIDTH = 24;
    /** Terminal redraws at most this often, so a fast run is not slowed by its own progress bars. */
    static final long REDRAW_NANOS = 100_000_000L;

    private final PrintWriter out;
    private final boolean live;
    private final LongSupplier wallNanos;
    private final Map<String, Download> downloads = new LinkedHashMap<>();
    private int barsOnScreen;
    private long lastDraw = Long.MIN_VALUE;

    /** One device's download as last reported. */
    private static final class Download {
        final long firstVirtual;
        final long firstWall;
        final long firstBytes;
        long done;
        long total;
        long blocks;
        long virtual;
        long wall;
        int lastDecile = -1;

        Download(long bytes, long virtual, long wall) {
            this.firstBytes = bytes;
            this.firstVirtual = virtual;
            this.firstWall = wall;
        }
    }

    /**
     * @param out       where to print
     * @param live      progress bars redrawn in place (a terminal); false for plain lines
     * @param wallNanos a monotonic wall clock in nanoseconds, e.g. {@code System::nanoTime}
     */
    public ConsoleReporter(PrintWriter out, boolean live, LongSupplier wallNanos) {
        this.out = Objects.requireNonNull(out, "out");
        this.live = live;
        this.wallNanos = Objects.requireNonNull(wallNanos, "wallNanos");
    }

    /** Live bars when standard output is a terminal and not {@code quiet}, plain lines otherwise. */
    public static ConsoleReporter forStdout(PrintWriter out, boolean quiet) {
        return new ConsoleReporter(out, !quiet && System.console() != null, System::nanoTime);
    }

    /** Whether this reporter draws live bars. */
    public boolean isLive() {
        return live;
    }

    /**
     * A device's download advanced.
     *
     * @param deviceId      the device
     * @param bytesDone     bytes of the image received so far
     * @param bytesTotal    the image size (0 when not known yet)
     * @param blocks        Image Block Responses received so far
     * @param virtualMicros the virtual time now
     */
    public void progress(String deviceId, long bytesDone, long bytesTotal, long blocks, long virtualMicros) {
        long now = wallNanos.getAsLong();
        Download d = downloads.computeIfAbsent(deviceId, k -> new Download(bytesDone, virtualMicros, now));
        d.done = bytesDone;
        d.total = bytesTotal;
        d.blocks = blocks;
        d.virtual = virtualMicros;
        d.wall = now;
        boolean finished = bytesTotal > 0 && bytesDone >= bytesTotal;
        if (live) {
            if (finished || lastDraw == Long.MIN_VALUE || now - lastDraw >= REDRAW_NANOS) {
                redraw(now);
            }
            return;
        }
        int decile = bytesTotal > 0 ? (int) Math.min(10, bytesDone * 10 / bytesTotal) : 0;
        if (decile != d.lastDecile) {
            d.lastDecile = decile;
            out.println("[" + HtmlReportWriter.time(virtualMicros) + "] " + oneLine(deviceId) + ": " + line(d, now));
            out.flush();
        }
    }

    /** Something happened: one line, above the bars when they are live. */
    public void event(long virtualMicros, String deviceId, String text) {
        String line = "[" + HtmlReportWriter.time(virtualMicros) + "] " + oneLine(deviceId) + ": " + oneLine(text);
        if (live) {
            clearBars();
            out.println(line);
            drawBars(wallNanos.getAsLong());
        } else {
            out.println(line);
        }
        out.flush();
    }

    /** {@link #event(long, String, String)} for a timeline event. */
    public void event(TimelineEvent e) {
        event(e.atMicros(), e.deviceId(), e.kind().isEmpty() ? e.text() : e.kind() + ": " + e.text());
    }

    /** Removes the live bars and prints the table of expectations, the report's notes and the verdict. */
    public void summary(RunReport r) {
        if (live) {
            redraw(wallNanos.getAsLong()); // the final state of every bar stays on screen
            barsOnScreen = 0;
        }
        out.println();
        out.println("Scenario " + oneLine(r.scenarioName()) + (r.scenarioFile().isEmpty() ? ""
                : " (" + oneLine(r.scenarioFile()) + ")")
                + ", seed " + r.seed() + ", virtual time " + HtmlReportWriter.time(r.virtualEndMicros()));
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"RESULT", "LOCATION", "EXPECTATION", "EXPECTED", "OBSERVED"});
        for (ExpectationResult e : r.expectations()) {
            rows.add(new String[] {e.passed() ? "PASS" : "FAIL", e.location(), e.description(), e.expected(),
                e.observed()});
        }
        int[] widths = new int[5];
        for (String[] row : rows) {
            for (int c = 0; c < 5; c++) {
                row[c] = oneLine(row[c]);
                widths[c] = Math.min(60, Math.max(widths[c], row[c].length()));
            }
        }
        for (String[] row : rows) {
            StringBuilder sb = new StringBuilder();
            for (int c = 0; c < 5; c++) {
                String cell = row[c].length() > widths[c] ? row[c].substring(0, widths[c] - 1) + "\u2026" : row[c];
                sb.append(c == 0 ? "" : "  ").append(c == 4 ? cell : pad(cell, widths[c]));
            }
            out.println(sb.toString().stripTrailing());
        }
        if (!r.notes().isEmpty()) {
            // What the run has to say beyond the checks: policy breaches (R7.3), CoT outcomes (R56.4,
            // R56.6), the privacy verdict in full (R56.5), inventory findings (R202.6, R202.7).
            out.println("Notes:");
            for (String n : r.notes()) {
                out.println("  - " + oneLine(n));
            }
        }
        out.println(r.passedCount() + " passed, " + r.failedCount() + " failed: " + (r.passed() ? "PASS" : "FAIL"));
        out.flush();
    }

    // ---- drawing ----------------------------------------------------------------------------------

    private void redraw(long now) {
        clearBars();
        drawBars(now);
        lastDraw = now;
        out.flush();
    }

    /** Moves the cursor back over the bars and erases them (ANSI CSI n A, CSI 2 K). */
    private void clearBars() {
        for (int i = 0; i < barsOnScreen; i++) {
            out.print("\u001b[1A\u001b[2K\r");
        }
        barsOnScreen = 0;
    }

    private void drawBars(long now) {
        int nameWidth = 0;
        for (String id : downloads.keySet()) {
            nameWidth = Math.max(nameWidth, oneLine(id).length());
        }
        for (Map.Entry<String, Download> e : downloads.entrySet()) {
            out.println(pad(oneLine(e.getKey()), nameWidth) + " " + bar(e.getValue()) + " " + line(e.getValue(), now));
            barsOnScreen++;
        }
    }

    static String bar(long done, long total) {
        int filled = total > 0 ? (int) Math.min(BAR_WIDTH, done * BAR_WIDTH / total) : 0;
        return "[" + "#".repeat(filled) + "-".repeat(BAR_WIDTH - filled) + "]";
    }

    private static String bar(Download d) {
        return bar(d.done, d.total);
    }

    /** "42% 21/50 blocks 1024/2400 bytes, t=12.000000 s, ETA 3.0 s virtual / 0.2 s wall". */
    private static String line(Download d, long now) {
        String pct = d.total > 0 ? String.format(Locale.ROOT, "%3d%%", Math.min(100, d.done * 100 / d.total)) : "  ?%";
        StringBuilder sb = new StringBuilder(pct).append(' ').append(d.blocks).append(" blocks ")
                .append(d.done).append('/').append(d.total > 0 ? Long.toString(d.total) : "?").append(" bytes, t=")
                .append(HtmlReportWriter.time(d.virtual));
        if (d.total > 0 && d.done >= d.total) {
            return sb.append(", done").toString();
        }
        long gained = d.done - d.firstBytes;
        if (d.total > 0 && gained > 0) {
            double left = (double) (d.total - d.done) / gained;
            sb.append(", ETA ").append(duration(left * (d.virtual - d.firstVirtual) / 1e6)).append(" virtual / ")
                    .append(duration(left * (now - d.firstWall) / 1e9)).append(" wall");
        }
        return sb.toString();
    }

    /** Seconds as "12.3 s", "4m05s" or "2h03m". */
    static String duration(double seconds) {
        if (seconds < 60) {
            return String.format(Locale.ROOT, "%.1f s", seconds);
        }
        long s = Math.round(seconds);
        if (s < 3600) {
            return String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60);
        }
        return String.format(Locale.ROOT, "%dh%02dm", s / 3600, (s % 3600) / 60);
    }

    private static String pad(String s, int width) {
        return s.length() >= width ? s : s + " ".repeat(width - s.length());
    }

    /**
     * User text (names, ids, notes that quote a file) on one line, with anything a terminal would obey
     * - ANSI escapes, other controls, bidi overrides such as U+202E - shown escaped (issue 14 item 7).
     */
    private static String oneLine(String s) {
        return TerminalText.escape(s == null ? "" : s.replace('\n', ' ').replace('\r', ' ').replace('\t', ' '));
    }
}
