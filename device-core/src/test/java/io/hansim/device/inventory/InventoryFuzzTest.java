package io.hansim.device.inventory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Stateful property (DESIGN.md §6, §8): the fuzz input is a sequence of CPL additions,
 * pre-notifications, joins, OTA updates and manual fixes over a small space of identities, with the
 * MP202 invariants checked after every step:
 * <ul>
 *   <li>no key has more than two rows (one in interim-cpl mode), and two rows differ in SMETS
 *       version and belong to a PPMID (R202.2, R202.6);</li>
 *   <li>after a join the resulting version is the CH's (R202.3);</li>
 *   <li>a device no SR may target never passes {@code canTargetOta}, and one that passes is in a
 *       SMETS2+ system with a capability that supports it (R202.4, R202.6);</li>
 *   <li>every refusal is an {@link InventoryException}, never another exception.</li>
 * </ul>
 */
class InventoryFuzzTest {

    private static final DeviceType[] TYPES = {DeviceType.PPMID, DeviceType.PPMID, DeviceType.IHD, DeviceType.ESME};

    @FuzzTest(maxDuration = "30s")
    void actionSequencesKeepTheMp202Invariants(FuzzedDataProvider in) {
        CplMode mode = in.consumeBoolean() ? CplMode.INTERIM : CplMode.ENDURING;
        ProductsList cpl = new ProductsList(mode);
        Inventory smi = new Inventory(cpl);
        Map<Long, SmetsVersion> chOf = new HashMap<>();
        int steps = 0;
        while (in.remainingBytes() > 0 && steps++ < 200) {
            int action = in.consumeInt(0, 6);
            try {
                switch (action) {
                    case 0 -> cpl.add(new CplRow(identity(in).cplKey(type(in)), smets(in)));
                    case 1 -> cpl.addDualModeModel(identity(in), type(in), new FirmwareVersion(in.consumeInt(0, 3)));
                    case 2 -> smi.preNotify(eui(in), type(in), identity(in),
                            in.pickValue(PpmidSmetsCapability.values()), smets(in));
                    case 3 -> {
                        long eui = eui(in);
                        SmetsVersion ch = smets(in);
                        SmiEntry joined = smi.join(eui, ch);
                        assertEquals(ch, joined.resulting(), "R202.3: the resulting version is the CH's");
                        chOf.put(eui, ch);
                    }
                    case 4 -> {
                        long eui = eui(in);
                        FirmwareVersion v = new FirmwareVersion(in.consumeInt(0, 3));
                        if (smi.canTargetOta(eui)) {
                            FirmwareChange c = smi.recordFirmwareChange(eui, v);
                            assertEquals(v, smi.entry(eui).firmware(), "R202.7: the SMI takes the File Version");
                            assertEquals(cpl.contains(smi.entry(eui).cplKey(), c.smets()), c.onCpl());
                        }
                    }
                    case 5 -> {
                        long eui = eui(in);
                        SmiEntry fixed = smi.manualFix(eui, new FirmwareVersion(in.consumeInt(0, 3)));
                        assertTrue(fixed.targetable(), "R202.6: a fixed device is targetable");
                    }
                    default -> {
                        List<ImageIdentity> images = in.consumeBoolean()
                                ? List.of(image(in)) : List.of(image(in), image(in));
                        Distribution d = Distribution.of(images, List.of(eui(in)));
                        assertEquals(1, images.size(), "R202.5: only one image gets through");
                        assertEquals(images.get(0), d.image());
                    }
                }
            } catch (InventoryException refused) {
                assertFalse(refused.getMessage().isEmpty());
            }
            checkInvariants(cpl, smi, chOf);
        }
    }

    private static void checkInvariants(ProductsList cpl, Inventory smi, Map<Long, SmetsVersion> chOf) {
        Map<CplKey, Integer> perKey = new HashMap<>();
        for (CplRow row : cpl.rows()) {
            perKey.merge(row.key(), 1, Integer::sum);
        }
        perKey.forEach((key, n) -> {
            assertTrue(n <= (cpl.mode() == CplMode.INTERIM ? 1 : 2), "R202.2/R202.6: rows for " + key);
            if (n == 2) {
                assertEquals(DeviceType.PPMID, key.type(), "R202.2: only PPMID keys have two rows");
                assertEquals(2, cpl.smetsVersions(key).size(), "R202.2: the two rows differ in SMETS version");
            }
        });
        for (SmiEntry e : smi.entries()) {
            SmetsVersion ch = chOf.get(e.eui64());
            if (ch != null) {
                assertEquals(ch, e.resulting(), "R202.3");
            }
            Optional<Refusal> sr = smi.srRefusal(e.eui64());
            assertEquals(e.targetable(), sr.isEmpty());
            if (!e.targetable()) {
                assertFalse(smi.canTargetOta(e.eui64()), "R202.6: untargetable never gets OTA");
            }
            if (smi.canTargetOta(e.eui64())) {
                assertEquals(SmetsVersion.SMETS2_PLUS, e.resulting(), "R202.4");
                assertNotEquals(PpmidSmetsCapability.S1, e.capability(), "R202.4");
            }
            if (e.capability() == PpmidSmetsCapability.DUAL) {
                assertEquals(DeviceType.PPMID, e.type(), "R202.1");
            }
        }
    }

    private static OtaIdentity identity(FuzzedDataProvider in) {
        return OtaIdentity.of(0x1000 + in.consumeInt(0, 1), 0x0A00, in.consumeInt(0, 1), in.consumeInt(0, 3));
    }

    private static ImageIdentity image(FuzzedDataProvider in) {
        return new ImageIdentity(new ManufacturerId(0x1000), 0x0A00, new FirmwareVersion(in.consumeInt(0, 3)),
                null, null);
    }

    private static DeviceType type(FuzzedDataProvider in) {
        return in.pickValue(TYPES);
    }

    private static SmetsVersion smets(FuzzedDataProvider in) {
        return in.consumeBoolean() ? SmetsVersion.SMETS1 : SmetsVersion.SMETS2_PLUS;
    }

    private static long eui(FuzzedDataProvider in) {
        return in.consumeInt(0, 3);
    }
}
