package io.hansim.cli.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.hansim.cli.conformance.ConformanceCase.Part;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The battery through the device port: hansim's own models hosted by {@code ModelHost} in a child JVM
 * (the Java shim on stdin/stdout), judged exactly as in-process (issue 17).
 */
class BatteryOutOfProcessTest {

    static List<String> child(String... args) {
        List<String> argv = new ArrayList<>();
        argv.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        argv.add("-Xshare:auto");
        argv.add("-XX:TieredStopAtLevel=1");
        argv.add("-cp");
        argv.add(System.getProperty("java.class.path"));
        argv.add(ConformanceModelMain.class.getName());
        argv.addAll(List.of(args));
        return argv;
    }

    @ParameterizedTest
    @EnumSource(DeviceKindUnderTest.class)
    void hansimsModelsThroughModelHostPassTheWholeBatteryWithTheSameVerdictsAsInProcess(DeviceKindUnderTest kind) {
        Battery battery = new Battery(BatteryConfig.DEFAULT);
        BatteryReport out = battery.run(ExternalUnderTest.command(kind, child(kind.id())), EnumSet.allOf(Part.class));
        assertEquals(List.of(), out.failedIds(), BatteryModelsTest.dump(out));
        BatteryReport in = battery.run(ModelUnderTest.of(kind), EnumSet.allOf(Part.class));
        assertEquals(verdicts(in), verdicts(out));
    }

    @Test
    void aMutantThroughModelHostFailsItsCaseToo() {
        BatteryReport r = new Battery(BatteryConfig.DEFAULT).run(ExternalUnderTest.command(DeviceKindUnderTest.PPMID,
                child("ppmid", "FORGETS_PROGRESS_ON_POWER_CUT")), EnumSet.of(Part.OTA));
        assertEquals(List.of("ota.resume-after-power-cut"), r.failedIds(), BatteryModelsTest.dump(r));
    }

    /** R56.5 checked in the regions the device wrote through the port, not in a Java object. */
    @Test
    void r56_5_theCotMutantThroughModelHostFailsOnItsHanAnswersAndItsPortRegions() {
        BatteryReport r = new Battery(BatteryConfig.DEFAULT).run(ExternalUnderTest.command(DeviceKindUnderTest.IHD,
                child("ihd", "--keeps-consumption")), EnumSet.of(Part.COT));
        assertEquals(List.of("cot.clear-han", "cot.storage"), r.failedIds(), BatteryModelsTest.dump(r));
        CaseResult storage = r.results().get(2);
        org.junit.jupiter.api.Assertions.assertTrue(storage.seen().contains("in region 'occupier'"), storage.seen());
    }

    static List<String> verdicts(BatteryReport r) {
        return r.results().stream().map(c -> c.id() + " " + c.verdict()).toList();
    }
}
