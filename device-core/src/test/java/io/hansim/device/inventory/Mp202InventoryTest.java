package io.hansim.device.inventory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hansim.zigbee.ota.image.OtaHeader;
import io.hansim.zigbee.zcl.Bytes;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

/** One test (or more) per MP202 requirement, R202.1–R202.7 (requirements.md). */
class Mp202InventoryTest {

    static final int MFR = 0x1234;
    static final int IMAGE_TYPE = 0x0A0B;
    static final int HW = 0x0002;
    static final OtaIdentity PPMID_V1 = OtaIdentity.of(MFR, IMAGE_TYPE, HW, 0x0000_0105L);
    static final FirmwareVersion FICTITIOUS = new FirmwareVersion(0xF000_0105L);
    static final long EUI = 0x0011_2233_4455_6677L;

    static Inventory enduringWithDualPpmid() {
        ProductsList cpl = new ProductsList(CplMode.ENDURING);
        cpl.addDualModeModel(PPMID_V1, DeviceType.PPMID, null);
        return new Inventory(cpl);
    }

    static Inventory interimWithDualPpmid() {
        ProductsList cpl = new ProductsList(CplMode.INTERIM);
        cpl.addDualModeModel(PPMID_V1, DeviceType.PPMID, FICTITIOUS);
        return new Inventory(cpl);
    }

    static OtaIdentity interimIdentity(SmetsVersion preNotified) {
        return preNotified == SmetsVersion.SMETS1
                ? new OtaIdentity(PPMID_V1.manufacturer(), PPMID_V1.model(), FICTITIOUS) : PPMID_V1;
    }

    // --- R202.1 ---

    @Test
    void r202_1_aPpmidModelMayBeDualModeAndOnlyAPpmid() {
        assertTrue(PpmidSmetsCapability.DUAL.supports(SmetsVersion.SMETS1));
        assertTrue(PpmidSmetsCapability.DUAL.supports(SmetsVersion.SMETS2_PLUS));
        assertFalse(PpmidSmetsCapability.S1.supports(SmetsVersion.SMETS2_PLUS));
        assertFalse(PpmidSmetsCapability.S2PLUS.supports(SmetsVersion.SMETS1));

        Inventory smi = enduringWithDualPpmid();
        SmiEntry e = smi.preNotify(EUI, DeviceType.PPMID, PPMID_V1, PpmidSmetsCapability.DUAL, SmetsVersion.SMETS1);
        assertEquals(PpmidSmetsCapability.DUAL, e.capability());

        ProductsList cpl = smi.cpl();
        OtaIdentity esme = OtaIdentity.of(MFR, 0x0101, 1, 1);
        cpl.add(esme, DeviceType.ESME, SmetsVersion.SMETS2_PLUS);
        InventoryException notPpmid = assertThrows(InventoryException.class, () ->
                smi.preNotify(2, DeviceType.ESME, esme, PpmidSmetsCapability.DUAL, SmetsVersion.SMETS2_PLUS));
        assertEquals(RefusalReason.SMI_DUAL_MODE_NOT_PPMID, notPpmid.reason());
        assertEquals(RefusalReason.CPL_DUAL_MODE_NOT_PPMID, assertThrows(InventoryException.class,
                () -> cpl.addDualModeModel(esme, DeviceType.ESME, null)).reason());
    }

    // --- R202.2 ---

    @Test
    void r202_2_twoRowsPerFirmwareVersionForDualModeAndAThirdIsRejected() {
        ProductsList cpl = new ProductsList(CplMode.ENDURING);
        CplKey key = PPMID_V1.cplKey(DeviceType.PPMID);
        cpl.add(new CplRow(key, SmetsVersion.SMETS1));
        cpl.add(new CplRow(key, SmetsVersion.SMETS2_PLUS));
        assertEquals(Set.of(SmetsVersion.SMETS1, SmetsVersion.SMETS2_PLUS), cpl.smetsVersions(key));
        assertEquals(2, cpl.size());

        InventoryException third = assertThrows(InventoryException.class,
                () -> cpl.add(new CplRow(key, SmetsVersion.SMETS1)));
        assertEquals(RefusalReason.CPL_THIRD_ROW, third.reason());
        assertTrue(third.getMessage().contains("0A0B0002"), third.getMessage());
        assertTrue(third.getMessage().contains("00000105"), third.getMessage());
        assertEquals(2, cpl.size());
    }

    @Test
    void r202_2_anExactDuplicateIsRejected() {
        ProductsList cpl = new ProductsList(CplMode.ENDURING);
        CplRow row = new CplRow(PPMID_V1.cplKey(DeviceType.PPMID), SmetsVersion.SMETS2_PLUS);
        cpl.add(row);
        assertEquals(Optional.of(new Refusal(RefusalReason.CPL_DUPLICATE_ROW, row.toString())), cpl.check(row));
        assertEquals(RefusalReason.CPL_DUPLICATE_ROW, assertThrows(InventoryException.class, () -> cpl.add(row)).reason());
    }

    @Test
    void r202_2_aSecondRowIsForPpmidKeysOnly() {
        ProductsList cpl = new ProductsList(CplMode.ENDURING);
        CplKey ihd = OtaIdentity.of(MFR, 0x0C0C, 1, 7).cplKey(DeviceType.IHD);
        cpl.add(new CplRow(ihd, SmetsVersion.SMETS2_PLUS));
        assertEquals(RefusalReason.CPL_SECOND_ROW_NOT_PPMID, assertThrows(InventoryException.class,
                () -> cpl.add(new CplRow(ihd, SmetsVersion.SMETS1))).reason());
    }

    @Test
    void r202_2_keysDifferingInAnyPartAreDistinct() {
        ProductsList cpl = new ProductsList(CplMode.ENDURING);
        cpl.addDualModeModel(PPMID_V1, DeviceType.PPMID, null);
        cpl.addDualModeModel(OtaIdentity.of(MFR, IMAGE_TYPE, HW, 0x106), DeviceType.PPMID, null);
        cpl.addDualModeModel(OtaIdentity.of(MFR, IMAGE_TYPE, HW + 1, 0x105), DeviceType.PPMID, null);
        cpl.addDualModeModel(OtaIdentity.of(MFR + 1, IMAGE_TYPE, HW, 0x105), DeviceType.PPMID, null);
        assertEquals(8, cpl.size());
        assertEquals(RefusalReason.CPL_THIRD_ROW, assertThrows(InventoryException.class,
                () -> cpl.addDualModeModel(PPMID_V1, DeviceType.PPMID, null)).reason());
        assertEquals(8, cpl.size());
    }

    // --- R202.3 ---

    @ParameterizedTest(name = "pre-notified {0}, CH {1} -> {2}")
    @CsvSource({
        "SMETS1,      SMETS1,      SMETS1",
        "SMETS1,      SMETS2_PLUS, SMETS2_PLUS",
        "SMETS2_PLUS, SMETS1,      SMETS1",
        "SMETS2_PLUS, SMETS2_PLUS, SMETS2_PLUS",
    })
    void r202_3_resultingVersionFollowsTheCh(SmetsVersion preNotified, SmetsVersion ch, SmetsVersion expected) {
        Inventory smi = enduringWithDualPpmid();
        SmiEntry before = smi.preNotify(EUI, DeviceType.PPMID, PPMID_V1, PpmidSmetsCapability.DUAL, preNotified);
        assertEquals(SmiStatus.PRE_NOTIFIED, before.status());
        assertEquals(Optional.empty(), before.resultingSmets());

        SmiEntry after = smi.join(EUI, ch);
        assertEquals(expected, after.resulting());
        assertEquals(preNotified, after.preNotified());
        assertEquals(SmiStatus.JOINED, after.status());
        assertTrue(after.targetable(), "a dual-mode PPMID on the enduring CPL is targetable in either system");
        assertEquals(Optional.empty(), smi.srRefusal(EUI));
    }

    @Test
    void r202_3_aDeviceJoinsOnceAndMustBePreNotified() {
        Inventory smi = enduringWithDualPpmid();
        assertEquals(RefusalReason.SMI_UNKNOWN_DEVICE,
                assertThrows(InventoryException.class, () -> smi.join(EUI, SmetsVersion.SMETS1)).reason());
        smi.preNotify(EUI, DeviceType.PPMID, PPMID_V1, PpmidSmetsCapability.DUAL, SmetsVersion.SMETS1);
        smi.join(EUI, SmetsVersion.SMETS1);
        assertEquals(RefusalReason.SMI_ALREADY_JOINED,
                assertThrows(InventoryException.class, () -> smi.join(EUI, SmetsVersion.SMETS2_PLUS)).reason());
    }

    // --- R202.4 ---

    @Test
    void r202_4_otaOnlyToDualModePpmidsInSmets2PlusSystems() {
        Inventory smi = enduringWithDualPpmid();
        smi.preNotify(1, DeviceType.PPMID, PPMID_V1, PpmidSmetsCapability.DUAL, SmetsVersion.SMETS1);
        smi.preNotify(2, DeviceType.PPMID, PPMID_V1, PpmidSmetsCapability.DUAL, SmetsVersion.SMETS1);
        smi.join(1, SmetsVersion.SMETS2_PLUS);
        smi.join(2, SmetsVersion.SMETS1);

        assertTrue(smi.canTargetOta(1));
        assertFalse(smi.canTargetOta(2));
        assertEquals(RefusalReason.OTA_SMETS1_SYSTEM, smi.otaRefusal(2).orElseThrow().reason());
        assertEquals(Optional.empty(), smi.srRefusal(2), "other SRs still reach a PPMID in a SMETS1 system");
    }

    @Test
    void r202_4_aSmets2PlusOnlyPpmidInSmets2PlusIsTargetableAndAnS1OnlyOneIsNot() {
        ProductsList cpl = new ProductsList(CplMode.ENDURING);
        OtaIdentity s2 = OtaIdentity.of(MFR, 0x0B00, 1, 0x10);
        OtaIdentity s1 = OtaIdentity.of(MFR, 0x0B01, 1, 0x10);
        cpl.add(s2, DeviceType.PPMID, SmetsVersion.SMETS2_PLUS);
        cpl.add(s1, DeviceType.PPMID, SmetsVersion.SMETS1);
        Inventory smi = new Inventory(cpl);
        smi.preNotify(1, DeviceType.PPMID, s2, PpmidSmetsCapability.S2PLUS, SmetsVersion.SMETS2_PLUS);
        smi.preNotify(2, DeviceType.PPMID, s1, PpmidSmetsCapability.S1, SmetsVersion.SMETS1);
        smi.preNotify(3, DeviceType.PPMID, s1, PpmidSmetsCapability.S1, SmetsVersion.SMETS1);
        smi.join(1, SmetsVersion.SMETS2_PLUS);
        smi.join(2, SmetsVersion.SMETS1);
        smi.join(3, SmetsVersion.SMETS2_PLUS);

        assertTrue(smi.canTargetOta(1));
        assertEquals(RefusalReason.OTA_SMETS1_SYSTEM, smi.otaRefusal(2).orElseThrow().reason());
        assertEquals(RefusalReason.TARGET_CAPABILITY_MISMATCH, smi.otaRefusal(3).orElseThrow().reason());
        assertEquals(RefusalReason.SMI_NOT_JOINED, refusalBeforeJoin());
    }

    private static RefusalReason refusalBeforeJoin() {
        Inventory smi = enduringWithDualPpmid();
        smi.preNotify(EUI, DeviceType.PPMID, PPMID_V1, PpmidSmetsCapability.DUAL, SmetsVersion.SMETS2_PLUS);
        return smi.otaRefusal(EUI).orElseThrow().reason();
    }

    // --- R202.5 ---

    @Test
    void r202_5_aDistributionCarriesExactlyOneImage() {
        OtaHeader header = header(0x0000_0106L, true);
        ImageIdentity image = ImageIdentity.of(header);
        assertEquals(new ManufacturerId(MFR), image.manufacturer());
        assertEquals(IMAGE_TYPE, image.imageType());
        assertEquals(new FirmwareVersion(0x106), image.fileVersion());
        assertEquals(1, image.minimumHardwareVersion());
        assertEquals(3, image.maximumHardwareVersion());

        Distribution d = Distribution.of(List.of(image), List.of(1L, 2L));
        assertEquals(image, d.image());
        assertEquals(List.of(1L, 2L), d.targets());

        ImageIdentity other = ImageIdentity.of(header(0x0000_0107L, false));
        assertFalse(other.hasHardwareRange());
        assertEquals(RefusalReason.DISTRIBUTION_NOT_ONE_IMAGE, assertThrows(InventoryException.class,
                () -> Distribution.of(List.of(image, other), List.of(1L))).reason());
        assertEquals(RefusalReason.DISTRIBUTION_NOT_ONE_IMAGE, assertThrows(InventoryException.class,
                () -> Distribution.of(List.of(), List.of(1L))).reason());
    }

    // --- R202.6 ---

    @Test
    void r202_6_interimCplGivesTheSmets1RowAFictitiousFirmwareVersion() {
        ProductsList cpl = new ProductsList(CplMode.INTERIM);
        List<CplRow> rows = cpl.addDualModeModel(PPMID_V1, DeviceType.PPMID, FICTITIOUS);
        CplKey real = PPMID_V1.cplKey(DeviceType.PPMID);
        assertEquals(List.of(new CplRow(real, SmetsVersion.SMETS2_PLUS),
                new CplRow(real.withFirmware(FICTITIOUS), SmetsVersion.SMETS1)), rows);
        assertEquals(Set.of(SmetsVersion.SMETS2_PLUS), cpl.smetsVersions(real));

        assertEquals(RefusalReason.CPL_INTERIM_ONE_ROW_PER_KEY, assertThrows(InventoryException.class,
                () -> cpl.add(new CplRow(real, SmetsVersion.SMETS1))).reason());
        ProductsList other = new ProductsList(CplMode.INTERIM);
        assertEquals(RefusalReason.CPL_FICTITIOUS_VERSION_EQUALS_REAL, assertThrows(InventoryException.class,
                () -> other.addDualModeModel(PPMID_V1, DeviceType.PPMID, PPMID_V1.firmware())).reason());
        assertEquals(0, other.size());
    }

    @ParameterizedTest(name = "pre-notified {0}")
    @EnumSource(SmetsVersion.class)
    void r202_6_interimMismatchedJoinIsUntargetableUntilAManualFix(SmetsVersion preNotified) {
        Inventory smi = interimWithDualPpmid();
        SmetsVersion otherCh = preNotified == SmetsVersion.SMETS1 ? SmetsVersion.SMETS2_PLUS : SmetsVersion.SMETS1;
        smi.preNotify(EUI, DeviceType.PPMID, interimIdentity(preNotified), PpmidSmetsCapability.DUAL, preNotified);
        SmiEntry joined = smi.join(EUI, otherCh);

        assertEquals(otherCh, joined.resulting());
        assertFalse(joined.targetable());
        assertEquals(RefusalReason.TARGET_INTERIM_SMETS_MISMATCH, smi.srRefusal(EUI).orElseThrow().reason());
        assertEquals(RefusalReason.TARGET_INTERIM_SMETS_MISMATCH, smi.otaRefusal(EUI).orElseThrow().reason());
        assertFalse(smi.canTargetOta(EUI));

        // The fix must name the firmware version of the CPL row for the system the PPMID is in.
        FirmwareVersion wrong = interimIdentity(preNotified).firmware();
        assertEquals(RefusalReason.SMI_FIX_NOT_ON_CPL,
                assertThrows(InventoryException.class, () -> smi.manualFix(EUI, wrong)).reason());
        SmiEntry fixed = smi.manualFix(EUI, interimIdentity(otherCh).firmware());
        assertTrue(fixed.targetable());
        assertEquals(Optional.empty(), smi.srRefusal(EUI));
        assertEquals(otherCh == SmetsVersion.SMETS2_PLUS, smi.canTargetOta(EUI));
        assertEquals(RefusalReason.SMI_FIX_NOT_NEEDED, assertThrows(InventoryException.class,
                () -> smi.manualFix(EUI, interimIdentity(otherCh).firmware())).reason());
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(SmetsVersion.class)
    void r202_6_interimMatchedJoinIsTargetable(SmetsVersion version) {
        Inventory smi = interimWithDualPpmid();
        smi.preNotify(EUI, DeviceType.PPMID, interimIdentity(version), PpmidSmetsCapability.DUAL, version);
        assertTrue(smi.join(EUI, version).targetable());
    }

    @Test
    void r202_6_interimPreNotificationMustNameTheRowOfItsVersion() {
        Inventory smi = interimWithDualPpmid();
        InventoryException e = assertThrows(InventoryException.class, () ->
                smi.preNotify(EUI, DeviceType.PPMID, PPMID_V1, PpmidSmetsCapability.DUAL, SmetsVersion.SMETS1));
        assertEquals(RefusalReason.SMI_NOT_ON_CPL, e.reason());
        assertTrue(e.getMessage().startsWith("0011223344556677"), e.getMessage());
    }

    // --- R202.7 ---

    @Test
    void r202_7_afterAnOtaTheSmiTakesTheNewFileVersionAndReportsOneNotOnTheCpl() {
        Inventory smi = enduringWithDualPpmid();
        smi.cpl().addDualModeModel(OtaIdentity.of(MFR, IMAGE_TYPE, HW, 0x106), DeviceType.PPMID, null);
        smi.preNotify(EUI, DeviceType.PPMID, PPMID_V1, PpmidSmetsCapability.DUAL, SmetsVersion.SMETS2_PLUS);
        smi.join(EUI, SmetsVersion.SMETS2_PLUS);
        assertTrue(smi.canTargetOta(EUI));

        OtaIdentity after = OtaIdentity.afterUpgrade(header(0x106, true), HW);
        FirmwareChange listed = smi.recordFirmwareChange(EUI, after.firmware());
        assertEquals(new FirmwareVersion(0x105), listed.previous());
        assertEquals(new FirmwareVersion(0x106), listed.current());
        assertTrue(listed.onCpl());
        assertEquals(Optional.empty(), listed.notOnCpl());
        assertEquals(new FirmwareVersion(0x106), smi.entry(EUI).firmware());
        assertEquals(after.cplKey(DeviceType.PPMID), smi.entry(EUI).cplKey());

        FirmwareChange unlisted = smi.recordFirmwareChange(EUI, new FirmwareVersion(0x107));
        assertFalse(unlisted.onCpl());
        Refusal report = unlisted.notOnCpl().orElseThrow();
        assertEquals(RefusalReason.TARGET_NO_CPL_ROW, report.reason());
        assertTrue(report.message().contains("00000107"), report.message());
        assertEquals(new FirmwareVersion(0x107), smi.entry(EUI).firmware());
    }

    @Test
    void r202_7_aFirmwareChangeNeedsAJoinedDevice() {
        Inventory smi = enduringWithDualPpmid();
        smi.preNotify(EUI, DeviceType.PPMID, PPMID_V1, PpmidSmetsCapability.DUAL, SmetsVersion.SMETS2_PLUS);
        assertEquals(RefusalReason.SMI_NOT_JOINED, assertThrows(InventoryException.class,
                () -> smi.recordFirmwareChange(EUI, new FirmwareVersion(0x106))).reason());
    }

    static OtaHeader header(long fileVersion, boolean hardwareRange) {
        int fc = hardwareRange ? OtaHeader.FC_HARDWARE_VERSIONS : 0;
        return new OtaHeader(OtaHeader.HEADER_VERSION, OtaHeader.knownFieldsLength(fc), fc, MFR, IMAGE_TYPE,
                fileVersion, 2, Bytes.of(new byte[OtaHeader.HEADER_STRING_LENGTH]), 100, null, null,
                hardwareRange ? 1 : null, hardwareRange ? 3 : null, Bytes.EMPTY);
    }
}
