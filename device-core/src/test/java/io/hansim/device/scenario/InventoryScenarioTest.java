package io.hansim.device.scenario;

import static io.hansim.device.Fixtures.HARDWARE;
import static io.hansim.device.Fixtures.HOUR;
import static io.hansim.device.Fixtures.IMAGE_TYPE;
import static io.hansim.device.Fixtures.MANUFACTURER;
import static io.hansim.device.Fixtures.NEW;
import static io.hansim.device.Fixtures.OLD;
import static io.hansim.device.Fixtures.PPMID;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hansim.device.Fixtures;
import io.hansim.device.Simulation;
import io.hansim.device.inventory.CplMode;
import io.hansim.device.inventory.DeviceType;
import io.hansim.device.inventory.FirmwareChange;
import io.hansim.device.inventory.FirmwareVersion;
import io.hansim.device.inventory.Inventory;
import io.hansim.device.inventory.OtaIdentity;
import io.hansim.device.inventory.PpmidSmetsCapability;
import io.hansim.device.inventory.ProductsList;
import io.hansim.device.inventory.SmetsVersion;
import io.hansim.device.ppmid.Ppmid;
import io.hansim.device.sim.RunOutcome;
import org.junit.jupiter.api.Test;

/**
 * The MP202 inventory next to a running HAN: the inventory takes the PPMID's SMETS version from
 * the CH it joined (R202.3) and its firmware version from the device after an OTA, and reports a
 * version the products list does not know (R202.7).
 */
class InventoryScenarioTest {

    @Test
    void r202_7_inventoryFirmwareFollowsTheDeviceAfterAnOtaAndAnUnlistedVersionIsReported() {
        ProductsList cpl = new ProductsList(CplMode.ENDURING);
        OtaIdentity old = OtaIdentity.of(MANUFACTURER, IMAGE_TYPE, HARDWARE, OLD);
        cpl.addDualModeModel(old, DeviceType.PPMID, null);
        Inventory smi = new Inventory(cpl);
        smi.preNotify(PPMID, DeviceType.PPMID, old, PpmidSmetsCapability.DUAL, SmetsVersion.SMETS1);

        Simulation sim = Simulation.builder().seed(9).hub(Fixtures.hub())
                .ppmid(Ppmid.Spec.of("ppmid", PPMID, 0x0002, Fixtures.ppmidProfile().build())
                        .withSmets(PpmidSmetsCapability.DUAL, SmetsVersion.SMETS1))
                .build();
        Ppmid ppmid = sim.ppmid(PPMID);
        // R202.3: pre-notified SMETS1, CH SMETS2+ → SMETS2+, in the device and in the inventory alike.
        assertEquals(SmetsVersion.SMETS2_PLUS, ppmid.resultingSmetsVersion());
        assertEquals(SmetsVersion.SMETS2_PLUS, smi.join(PPMID, sim.hub().smetsVersion()).resultingSmets().orElseThrow());
        assertTrue(smi.canTargetOta(PPMID), "R202.4: a dual-mode PPMID in a SMETS2+ system may be upgraded");

        sim.hub().distribute(Fixtures.gbImage(NEW, 8 * 1024), PPMID);
        assertEquals(RunOutcome.CONDITION_MET, sim.runUntil(() -> sim.hub().readBack(PPMID).isPresent(), 24 * HOUR));
        long readBack = sim.hub().readBack(PPMID).orElseThrow().versionRead().getAsLong();
        assertEquals(NEW, readBack);

        FirmwareChange change = smi.recordFirmwareChange(PPMID, new FirmwareVersion(readBack));
        assertEquals(new FirmwareVersion(NEW), smi.entry(PPMID).firmware(), "the inventory follows the device");
        assertFalse(change.onCpl(), "the new version has no CPL row yet");
        assertTrue(change.notOnCpl().isPresent(), "and that is reported");
    }
}
