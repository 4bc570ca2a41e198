package io.hansim.device.inventory;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** G.9 device identity fields derived from the OTA parameters, and the CPL key they form (R202.7). */
class IdentityTest {

    @Test
    void g9_manufacturerIdentifierIsTheZigbeeManufacturerCodeIn4HexCharacters() {
        ManufacturerId id = new ManufacturerId(0x10AB);
        assertEquals("10AB", id.hex());
        assertEquals(id, ManufacturerId.parse("10ab"));
        byte[] name = id.basicManufacturerName();
        assertEquals(4, name[0]);
        assertEquals("10AB", new String(name, 1, 4, StandardCharsets.US_ASCII));
    }

    @Test
    void g9_modelTypeIsHexImageTypeThenHexHardwareVersion() {
        DeviceModel model = new DeviceModel(0x0A0B, 0x0002);
        assertEquals("0A0B0002", model.hex());
        assertEquals(model, DeviceModel.parse("0a0b0002"));
        assertArrayEquals(("\u0008" + "0A0B0002").getBytes(StandardCharsets.US_ASCII), model.basicModelIdentifier());
    }

    @Test
    void g9_firmwareVersionIsTheOtaFileVersionIn8HexDigits() {
        FirmwareVersion v = new FirmwareVersion(0x8000_0001L);
        assertEquals("80000001", v.hex());
        assertEquals(v, FirmwareVersion.parse("80000001"));
        assertEquals(0x8000_0001L, v.fileVersion());
    }

    @Test
    void g9_identityFromAnOtaHeaderFormsTheCplKey() {
        OtaIdentity id = OtaIdentity.afterUpgrade(Mp202InventoryTest.header(0x0000_0106L, true), 0x0002);
        assertEquals(new ManufacturerId(Mp202InventoryTest.MFR), id.manufacturer());
        assertEquals("0A0B0002", id.model().hex());
        assertEquals("00000106", id.firmware().hex());
        CplKey key = id.cplKey(DeviceType.PPMID);
        assertEquals(new CplKey(id.firmware(), id.model(), DeviceType.PPMID, id.manufacturer()), key);
        assertEquals("CPL[PPMID mfr 1234 model 0A0B0002 fw 00000106]", key.toString());
    }

    @Test
    void g9_outOfRangeOrMalformedFieldsAreRefusedNamingTheField() {
        assertThrows(IllegalArgumentException.class, () -> new ManufacturerId(0x1_0000));
        assertThrows(IllegalArgumentException.class, () -> new DeviceModel(-1, 0));
        assertThrows(IllegalArgumentException.class, () -> new DeviceModel(0, 0x1_0000));
        assertThrows(IllegalArgumentException.class, () -> new FirmwareVersion(0x1_0000_0000L));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DeviceModel.parse("0A0B00G2"));
        assertTrue(e.getMessage().contains("DeviceModel") && e.getMessage().contains("'G' at 6"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ManufacturerId.parse("123"));
        assertTrue(e.getMessage().contains("4 hex characters"), e.getMessage());
    }
}
