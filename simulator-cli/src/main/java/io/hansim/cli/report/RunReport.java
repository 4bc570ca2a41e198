package io.hansim.cli.report;

import java.util.List;
import java.util.Objects;

/**
 * Everything a finished scenario run has to say, in the order the renderers show it (DESIGN.md §5:
 * console, JSON, JUnit XML, HTML). The scenario runner fills it; {@link JsonReportWriter},
 * {@link JunitReportWriter}, {@link HtmlReportWriter} and {@link ConsoleReporter#summary} render it.
 * Holds no wall-clock time, so the same run gives byte-identical reports.
 *
 * @param scenarioName     the scenario's name
 * @param scenarioFile     the file it came from, as the user gave it ("" when built in code)
 * @param seed             the scenario seed (DESIGN.md §2: all randomness derives from it)
 * @param hansimVersion    the version of hansim that ran it
 * @param virtualEndMicros virtual time when the run stopped, microseconds
 * @param devices          the devices, in scenario order (this is the lane order of the sequence diagram)
 * @param expectations     every expectation checked, in scenario order
 * @param messages         the frames on the HAN, in time order (see {@link MessageEvents#fromTrace})
 * @param timeline         notable device events (status changes, activations, ...), in time order
 * @param notes            free text for the reader (warnings, truncation, ...)
 */
public record RunReport(String scenarioName, String scenarioFile, long seed, String hansimVersion,
        long virtualEndMicros, List<DeviceInfo> devices, List<ExpectationResult> expectations,
        List<MessageEvent> messages, List<TimelineEvent> timeline, List<String> notes) {

    public RunReport {
        Objects.requireNonNull(scenarioName, "scenarioName");
        scenarioFile = scenarioFile == null ? "" : scenarioFile;
        hansimVersion = hansimVersion == null ? "unknown" : hansimVersion;
        devices = List.copyOf(devices);
        expectations = List.copyOf(expectations);
        messages = List.copyOf(messages);
        timeline = List.copyOf(timeline);
        notes = List.copyOf(notes);
    }

    /** Expectations that held. */
    public long passedCount() {
        return expectations.stream().filter(ExpectationResult::passed).count();
    }

    /** Expectations that did not hold. */
    public long failedCount() {
        return expectations.size() - passedCount();
    }

    /** True when every expectation held (exit code 0, DESIGN.md §5). */
    public boolean passed() {
        return failedCount() == 0;
    }
}
