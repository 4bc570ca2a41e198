package io.hansim.device.inventory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The SMI follows every firmware version read from a device, not only successful OTAs (R202.7, R7.10, R7.11). */
class InventoryReadBackTest {
    static final long EUI = Mp202InventoryTest.EUI;

    private static Inventory joined() {
        Inventory smi = Mp202InventoryTest.enduringWithDualPpmid();
        smi.preNotify(EUI, DeviceType.PPMID, Mp202InventoryTest.PPMID_V1, PpmidSmetsCapability.DUAL,
                SmetsVersion.SMETS2_PLUS);
        smi.join(EUI, SmetsVersion.SMETS2_PLUS);
        return smi;
    }

    @Test
    void r202_7_aReadOfTheSameVersionChangesNothing() {
        Inventory smi = joined();
        assertEquals(Optional.empty(), smi.recordVersionRead(EUI, Mp202InventoryTest.PPMID_V1.firmware()));
        assertEquals(Mp202InventoryTest.PPMID_V1.firmware(), smi.entry(EUI).firmware());
    }

    @Test
    void r202_7_aReadOfAnotherVersionIsRecordedAndCheckedAgainstTheCpl() {
        Inventory smi = joined();
        FirmwareVersion unknown = new FirmwareVersion(0x0000_0300L);
        FirmwareChange c = smi.recordVersionRead(EUI, unknown).orElseThrow();
        assertEquals(Mp202InventoryTest.PPMID_V1.firmware(), c.previous());
        assertEquals(unknown, c.current());
        assertFalse(c.onCpl());
        assertEquals(RefusalReason.TARGET_NO_CPL_ROW, c.notOnCpl().orElseThrow().reason());
        assertEquals(unknown, smi.entry(EUI).firmware());
        // the version on the CPL again: recorded, and on the list
        FirmwareChange back = smi.recordVersionRead(EUI, Mp202InventoryTest.PPMID_V1.firmware()).orElseThrow();
        assertTrue(back.onCpl());
    }

    @Test
    void r202_7_aReadNeedsAJoinedDevice() {
        Inventory smi = Mp202InventoryTest.enduringWithDualPpmid();
        smi.preNotify(EUI, DeviceType.PPMID, Mp202InventoryTest.PPMID_V1, PpmidSmetsCapability.DUAL,
                SmetsVersion.SMETS2_PLUS);
        assertEquals(RefusalReason.SMI_NOT_JOINED, assertThrows(InventoryException.class,
                () -> smi.recordVersionRead(EUI, new FirmwareVersion(2))).reason());
        assertEquals(RefusalReason.SMI_UNKNOWN_DEVICE, assertThrows(InventoryException.class,
                () -> smi.recordVersionRead(EUI + 1, new FirmwareVersion(2))).reason());
    }
}
