package io.hansim.cli.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hansim.cli.conformance.ConformanceCase.Part;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** hansim's own models pass the whole battery in-process: the battery's calibration (issue 17). */
class BatteryModelsTest {

    static String dump(BatteryReport r) {
        StringBuilder b = new StringBuilder(r.device()).append('\n');
        for (CaseResult c : r.results()) {
            b.append(c.verdict()).append(' ').append(c.id()).append(": ").append(c.seen()).append('\n');
            if (c.verdict() == Verdict.FAIL) {
                b.append("    expected: ").append(c.expected()).append('\n');
                c.frames().forEach(f -> b.append("    ").append(f).append('\n'));
            }
        }
        r.notes().forEach(n -> b.append("note: ").append(n).append('\n'));
        return b.toString();
    }

    @ParameterizedTest
    @EnumSource(DeviceKindUnderTest.class)
    void hansimsModelsPassTheWholeBattery(DeviceKindUnderTest kind) {
        BatteryReport r = new Battery(BatteryConfig.DEFAULT).run(ModelUnderTest.of(kind), EnumSet.allOf(Part.class));
        System.out.println(dump(r));
        assertEquals(List.of(), r.failedIds(), dump(r));
        assertEquals(Battery.CASES.size(), r.results().size());
        assertTrue(r.count(Verdict.PASS) >= (kind == DeviceKindUnderTest.IHD ? 5 : 10), dump(r));
    }
}
