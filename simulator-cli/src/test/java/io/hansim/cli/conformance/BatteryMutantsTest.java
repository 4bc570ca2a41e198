package io.hansim.cli.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hansim.cli.conformance.ConformanceCase.Part;
import io.hansim.zigbee.ota.client.ClientQuirk;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The battery can fail: each deliberately wrong device (a mutant quirk of hansim's own model) fails
 * exactly the case of the rule it breaks, with a reason that says what it did (issue 17).
 */
class BatteryMutantsTest {
    final Battery battery = new Battery(BatteryConfig.DEFAULT);

    BatteryReport run(ModelUnderTest m, Part part) {
        return battery.run(m, EnumSet.of(part));
    }

    static ModelUnderTest ppmid(ClientQuirk q) {
        return new ModelUnderTest(DeviceKindUnderTest.PPMID, Set.of(q), false);
    }

    static CaseResult only(BatteryReport r) {
        List<CaseResult> failed = r.results().stream().filter(c -> c.verdict() == Verdict.FAIL).toList();
        assertEquals(1, failed.size(), BatteryModelsTest.dump(r));
        return failed.get(0);
    }

    @Test
    void zigbeeOta5_3_ignoringMinimumBlockPeriodFailsOnlyTheMinBlockPeriodCase() {
        BatteryReport r = run(ppmid(ClientQuirk.IGNORES_MINIMUM_BLOCK_PERIOD), Part.OTA);
        assertEquals(List.of("ota.min-block-period"), r.failedIds(), BatteryModelsTest.dump(r));
        CaseResult c = only(r);
        assertTrue(c.seen().startsWith("two Image Block Requests "), c.seen());
        assertTrue(c.frames().stream().filter(f -> !f.startsWith("…")).allMatch(f -> f.contains("ImageBlockRequest")),
                c.frames().toString());
        assertTrue(c.seen().contains("gaps too short"), c.seen());
    }

    @Test
    void zigbeeOta6_blocksLargerThanOfferedFailOnlyTheBlockSizeCase() {
        BatteryReport r = run(ppmid(ClientQuirk.OVERSIZED_BLOCK_REQUESTS), Part.OTA);
        assertEquals(List.of("ota.block-size"), r.failedIds(), BatteryModelsTest.dump(r));
        assertTrue(only(r).seen().contains("MaximumDataSize 255 > 64"), only(r).seen());
    }

    @Test
    void r7_14_activatingBeforeVerifyingFailsOnlyTheVerifyCase() {
        BatteryReport r = run(ppmid(ClientQuirk.ACTIVATES_UNVERIFIED), Part.OTA);
        assertEquals(List.of("ota.verify-before-activate"), r.failedIds(), BatteryModelsTest.dump(r));
        String seen = only(r).seen();
        assertTrue(seen.contains("SUCCESS for an image whose signature does not verify"), seen);
        assertTrue(seen.contains("the bad image runs"), seen);
    }

    @Test
    void r7_8_forgettingProgressOnAPowerCutFailsOnlyTheResumeCase() {
        BatteryReport r = run(ppmid(ClientQuirk.FORGETS_PROGRESS_ON_POWER_CUT), Part.OTA);
        assertEquals(List.of("ota.resume-after-power-cut"), r.failedIds(), BatteryModelsTest.dump(r));
        assertTrue(only(r).seen().startsWith("restarted from FileOffset 0 after "), only(r).seen());
    }

    @Test
    void zigbeeOta4_aStaleImageUpgradeStatusFailsOnlyTheAttributesCase() {
        BatteryReport r = run(ppmid(ClientQuirk.STALE_UPGRADE_STATUS), Part.OTA);
        assertEquals(List.of("ota.attributes"), r.failedIds(), BatteryModelsTest.dump(r));
        assertTrue(only(r).seen().contains("during the download ImageUpgradeStatus 0 (1 Download in progress)"),
                only(r).seen());
    }

    @Test
    void r56_3_r56_5_keepingConsumptionAfterACotFailsTheHanAndStorageCasesOfPpmidAndIhd() {
        for (DeviceKindUnderTest k : List.of(DeviceKindUnderTest.PPMID, DeviceKindUnderTest.IHD)) {
            BatteryReport r = run(new ModelUnderTest(k, Set.of(), true), Part.COT);
            assertEquals(List.of("cot.clear-han", "cot.storage"), r.failedIds(), BatteryModelsTest.dump(r));
            CaseResult han = r.results().stream().filter(c -> c.id().equals("cot.clear-han")).findFirst().orElseThrow();
            assertTrue(han.seen().contains("Metering 0x0702"), han.seen());
            CaseResult flash = r.results().stream().filter(c -> c.id().equals("cot.storage")).findFirst().orElseThrow();
            assertTrue(flash.seen().contains("consumption ") && flash.seen().contains("region 'occupier-data'"),
                    flash.seen());
        }
    }

    @Test
    void mutantsOfOnePartLeaveTheOtherPartGreen() {
        assertEquals(List.of(), run(ppmid(ClientQuirk.ACTIVATES_UNVERIFIED), Part.COT).failedIds());
        assertEquals(List.of(), run(new ModelUnderTest(DeviceKindUnderTest.PPMID, Set.of(), true), Part.OTA)
                .failedIds());
    }
}
