package io.hansim.cli.conformance;

import java.util.List;
import java.util.Objects;

/**
 * A battery run: the device, the parts run, one result per case in the battery's order.
 *
 * @param deviceKind  the kind the device stood in for
 * @param device      what was tested
 * @param parts       the parts run, e.g. "ota, cot"
 * @param seed        the simulations' seed
 * @param results     the cases' results
 * @param notes       what a reader must know about the whole run (e.g. a device failure, real time)
 */
public record BatteryReport(DeviceKindUnderTest deviceKind, String device, String parts, long seed,
        List<CaseResult> results, List<String> notes) {
    public BatteryReport {
        Objects.requireNonNull(deviceKind, "deviceKind");
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(parts, "parts");
        results = List.copyOf(results);
        notes = List.copyOf(notes);
    }

    public long count(Verdict v) {
        return results.stream().filter(r -> r.verdict() == v).count();
    }

    /** Whether no case failed. */
    public boolean passed() {
        return count(Verdict.FAIL) == 0;
    }

    /** The ids of the failed cases, in order. */
    public List<String> failedIds() {
        return results.stream().filter(r -> r.verdict() == Verdict.FAIL).map(CaseResult::id).toList();
    }
}
