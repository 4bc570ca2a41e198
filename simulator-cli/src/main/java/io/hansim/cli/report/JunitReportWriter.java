package io.hansim.cli.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The run report as JUnit XML (DESIGN.md §5: "so CI servers show scenario results"): a
 * {@code testsuites} root with one {@code testsuite} per scenario and one {@code testcase} per
 * expectation; a failed expectation carries a {@code failure} whose message is "expected …, observed
 * … at file:line:column". This is the dialect Jenkins, GitLab and GitHub's test reporters read
 * (the Ant/Surefire schema). Times are virtual seconds, so the file is the same on every machine;
 * no timestamp or host name is written. Text is escaped with {@link Xml#escape}.
 */
public final class JunitReportWriter {
    private JunitReportWriter() {
    }

    /** One scenario's report as a JUnit XML document. */
    public static String toXml(RunReport report) {
        return toXml(List.of(report));
    }

    /** Several scenarios' reports, one {@code testsuite} each, in one document. */
    public static String toXml(List<RunReport> reports) {
        StringBuilder sb = new StringBuilder(1024);
        long tests = 0;
        long failures = 0;
        for (RunReport r : reports) {
            tests += r.expectations().size();
            failures += r.failedCount();
        }
        sb.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        sb.append("<testsuites name=\"hansim\" tests=\"").append(tests).append("\" failures=\"").append(failures)
                .append("\" errors=\"0\">\n");
        for (RunReport r : reports) {
            suite(r, sb);
        }
        sb.append("</testsuites>\n");
        return sb.toString();
    }

    private static void suite(RunReport r, StringBuilder sb) {
        String classname = r.scenarioFile().isEmpty() ? r.scenarioName() : r.scenarioFile();
        sb.append("  <testsuite name=\"").append(Xml.escape(r.scenarioName()))
                .append("\" tests=\"").append(r.expectations().size())
                .append("\" failures=\"").append(r.failedCount())
                .append("\" errors=\"0\" skipped=\"0\" time=\"").append(seconds(r.virtualEndMicros())).append("\">\n");
        sb.append("    <properties>\n");
        property(sb, "scenarioFile", r.scenarioFile());
        property(sb, "seed", Long.toString(r.seed()));
        property(sb, "hansimVersion", r.hansimVersion());
        property(sb, "virtualEndMicros", Long.toString(r.virtualEndMicros()));
        sb.append("    </properties>\n");
        for (ExpectationResult e : r.expectations()) {
            sb.append("    <testcase name=\"").append(Xml.escape(e.description()))
                    .append("\" classname=\"").append(Xml.escape(classname))
                    .append("\" time=\"0\"");
            if (e.passed()) {
                sb.append("/>\n");
                continue;
            }
            String message = failureMessage(e);
            sb.append(">\n      <failure message=\"").append(Xml.escape(message))
                    .append("\" type=\"ExpectationFailed\">")
                    .append(Xml.escape(message + "\nat virtual time " + seconds(e.atMicros()) + " s"))
                    .append("</failure>\n    </testcase>\n");
        }
        if (!r.notes().isEmpty()) {
            sb.append("    <system-out>").append(Xml.escape(String.join("\n", r.notes()))).append("</system-out>\n");
        }
        sb.append("  </testsuite>\n");
    }

    /** "expected X, observed Y at file:line:column". */
    static String failureMessage(ExpectationResult e) {
        String m = "expected " + e.expected() + ", observed " + e.observed();
        return e.location().isEmpty() ? m : m + " at " + e.location();
    }

    private static void property(StringBuilder sb, String name, String value) {
        sb.append("      <property name=\"").append(name).append("\" value=\"").append(Xml.escape(value))
                .append("\"/>\n");
    }

    /** Microseconds as seconds with six decimals, independent of the default locale. */
    static String seconds(long micros) {
        String sign = micros < 0 ? "-" : "";
        long abs = Math.abs(micros);
        return String.format(Locale.ROOT, "%s%d.%06d", sign, abs / 1_000_000, abs % 1_000_000);
    }

    /** Writes {@link #toXml(RunReport)} to {@code out} (not closed). */
    public static void write(RunReport report, Writer out) throws IOException {
        out.write(toXml(report));
    }

    /** Writes {@link #toXml(RunReport)} as UTF-8 to {@code path}. */
    public static void write(RunReport report, Path path) {
        try {
            Files.writeString(path, toXml(report), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write JUnit report " + path + ": " + e.getMessage(), e);
        }
    }
}
