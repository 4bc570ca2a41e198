package io.hansim.cli.run;

import io.hansim.cli.scenario.DeviceSpec;
import io.hansim.cli.scenario.InventorySpec;
import io.hansim.cli.scenario.Scenario;
import io.hansim.device.inventory.CplMode;
import io.hansim.device.inventory.DeviceType;
import io.hansim.device.inventory.FirmwareChange;
import io.hansim.device.inventory.FirmwareVersion;
import io.hansim.device.inventory.Inventory;
import io.hansim.device.inventory.InventoryException;
import io.hansim.device.inventory.OtaIdentity;
import io.hansim.device.inventory.PpmidSmetsCapability;
import io.hansim.device.inventory.ProductsList;
import io.hansim.device.inventory.Refusal;
import io.hansim.device.inventory.SmetsVersion;
import io.hansim.device.inventory.SmiEntry;
import io.hansim.zigbee.ota.image.OtaHeader;
import io.hansim.zigbee.ota.image.OtaImageParser;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The DCC side of a scenario's MP202 rules (R202.2–R202.7): the Central Products List and the Smart
 * Metering Inventory of the scenario's PPMIDs and HCALCS, built from the topology and the images, and
 * consulted before every SR the runner sends. The library's {@link Inventory} and {@link ProductsList}
 * carry the rules; this class only decides which rows and entries a scenario implies.
 *
 * <p>CPL rows: for each OTA device, its model at its starting firmware, in the SMETS versions its
 * capability supports (a dual-mode PPMID gets {@link ProductsList#addDualModeModel}: under
 * {@code interim-cpl} its SMETS1 row carries the fictitious version, R202.6); and the same rows for
 * every image whose Manufacturer Code and Image Type are the device's, unless the scenario lists the
 * image in {@code inventory.offCpl} (R202.7 then reports the device once it runs it). A row already on
 * the list (two devices of one model) is not added twice.
 *
 * <p>SMI: every PPMID is pre-notified with its {@code preNotified} SMETS version (under
 * {@code interim-cpl} a dual-mode PPMID pre-notified as SMETS1 names the fictitious version, as the
 * DCC's SMI did) and joined to the CH's SMETS version (R202.3); an HCALCS is pre-notified and joined
 * in the CH's version. A pre-notification the CPL does not allow is refused by the library, and the
 * device stays out of the SMI: every SR to it is refused.
 */
final class ScenarioInventory {
    /** Hardware Version of a device that reports none, for its Device Model (G.9), (derived). */
    static final int NO_HARDWARE_VERSION = 0;

    private final Inventory inventory;
    private final Map<String, Long> euiById = new LinkedHashMap<>();
    private final Map<Long, DeviceSpec> specByEui = new LinkedHashMap<>();
    private final List<String> setUpNotes = new ArrayList<>();

    private ScenarioInventory(Inventory inventory) {
        this.inventory = inventory;
    }

    /**
     * The CPL and SMI a scenario implies, with its devices joined to a CH of {@code chSmets}.
     *
     * @param images the scenario's images by id, as built for the run
     */
    static ScenarioInventory of(Scenario s, Map<String, byte[]> images, SmetsVersion chSmets) {
        InventorySpec spec = s.inventory();
        ProductsList cpl = new ProductsList(spec.cpl());
        ScenarioInventory out = new ScenarioInventory(new Inventory(cpl));
        List<OtaHeader> onCpl = new ArrayList<>();
        for (Map.Entry<String, byte[]> e : images.entrySet()) {
            if (!spec.offCpl().contains(e.getKey())) {
                OtaHeader h = header(e.getValue());
                if (h != null) {
                    onCpl.add(h);
                }
            }
        }
        for (DeviceSpec d : s.topology().devices()) {
            if (d instanceof DeviceSpec.Ppmid p) {
                out.add(p, DeviceType.PPMID, p.manufacturerCode(), p.imageType(), p.hardwareVersion().orElse(
                        NO_HARDWARE_VERSION), p.smets(), p.preNotified(), p.cplSmets1Firmware(), onCpl, chSmets);
            } else if (d instanceof DeviceSpec.Hcalcs h) {
                PpmidSmetsCapability cap = chSmets == SmetsVersion.SMETS1 ? PpmidSmetsCapability.S1
                        : PpmidSmetsCapability.S2PLUS;
                out.add(h, DeviceType.HCALCS, h.manufacturerCode(), h.imageType(), h.hardwareVersion().orElse(
                        NO_HARDWARE_VERSION), cap, chSmets, java.util.OptionalLong.empty(), onCpl, chSmets);
            }
        }
        return out;
    }

    private static OtaHeader header(byte[] image) {
        try {
            return OtaImageParser.parse(image).header();
        } catch (RuntimeException e) { // a file the parser cannot read has no header to list
            return null;
        }
    }

    private void add(DeviceSpec d, DeviceType type, int mfr, int imageType, int hw, PpmidSmetsCapability cap,
            SmetsVersion preNotified, java.util.OptionalLong s1Firmware, List<OtaHeader> images, SmetsVersion ch) {
        euiById.put(d.id(), d.eui64());
        specByEui.put(d.eui64(), d);
        boolean interim = inventory.cpl().mode() == CplMode.INTERIM;
        long fictitious = s1Firmware.orElse(InventorySpec.fictitiousSmets1Firmware(d.firmwareVersion()));
        rows(OtaIdentity.of(mfr, imageType, hw, d.firmwareVersion()), type, cap, fictitious);
        for (OtaHeader h : images) {
            if (h.manufacturerCode() == mfr && h.imageType() == imageType) {
                rows(OtaIdentity.of(mfr, imageType, hw, h.fileVersion()), type, cap,
                        InventorySpec.fictitiousSmets1Firmware(h.fileVersion()));
            }
        }
        OtaIdentity real = OtaIdentity.of(mfr, imageType, hw, d.firmwareVersion());
        OtaIdentity named = interim && cap == PpmidSmetsCapability.DUAL && preNotified == SmetsVersion.SMETS1
                ? OtaIdentity.of(mfr, imageType, hw, fictitious) : real;
        try {
            inventory.preNotify(d.eui64(), type, named, cap, preNotified);
            SmiEntry e = inventory.join(d.eui64(), ch);
            if (e.untargetableBecause() != null) {
                setUpNotes.add(d.id() + ": joined a " + text(ch) + " CH, pre-notified as " + text(preNotified)
                        + "; the inventory makes it untargetable: " + e.untargetableBecause() + " — "
                        + e.untargetableBecause().description() + " (" + switch (e.untargetableBecause()) {
                            case TARGET_INTERIM_SMETS_MISMATCH -> "R202.6";
                            case TARGET_CAPABILITY_MISMATCH -> "R202.1, R202.4";
                            default -> "R202.2";
                        } + ")");
            }
        } catch (InventoryException x) {
            setUpNotes.add(d.id() + ": pre-notification refused by the inventory: " + x.getMessage()
                    + "; every SR to it is refused");
        }
    }

    /** The CPL rows of one model at one firmware version, unless they are there already (R202.2). */
    private void rows(OtaIdentity id, DeviceType type, PpmidSmetsCapability cap, long fictitiousS1) {
        ProductsList cpl = inventory.cpl();
        if (cpl.containsKey(id.cplKey(type))) {
            return;
        }
        try {
            if (cap == PpmidSmetsCapability.DUAL) {
                cpl.addDualModeModel(id, type, cpl.mode() == CplMode.INTERIM ? new FirmwareVersion(fictitiousS1)
                        : null);
            } else {
                cpl.add(id, type, cap == PpmidSmetsCapability.S1 ? SmetsVersion.SMETS1 : SmetsVersion.SMETS2_PLUS);
            }
        } catch (InventoryException e) {
            // e.g. a fictitious SMETS1 version that is another row's real one under interim-cpl (R202.2, R202.6)
            setUpNotes.add("CPL: no rows added for " + id.cplKey(type) + ": " + e.getMessage());
        }
    }

    /** What set-up found worth saying (untargetable joins, refused pre-notifications). */
    List<String> setUpNotes() {
        return List.copyOf(setUpNotes);
    }

    /** The library's inventory, for expectations. */
    Inventory inventory() {
        return inventory;
    }

    /** The device's SMI entry, if it is in the SMI. */
    Optional<SmiEntry> entry(String id) {
        Long eui = euiById.get(id);
        return eui == null ? Optional.empty() : inventory.find(eui);
    }

    /**
     * Why an SR may not target the device (R202.6), or for an OTA SR to a PPMID also why OTA may not
     * (R202.4); empty when it may, and for devices the SMI does not hold (meters, IHDs).
     */
    Optional<String> srRefusal(String id, boolean ota) {
        Long eui = euiById.get(id);
        if (eui == null) {
            return Optional.empty();
        }
        try {
            Optional<Refusal> r = ota && specByEui.get(eui) instanceof DeviceSpec.Ppmid ? inventory.otaRefusal(eui)
                    : inventory.srRefusal(eui);
            return r.map(x -> x.reason() + ": " + x.reason().description());
        } catch (InventoryException x) {
            return Optional.of(x.reason() + ": " + x.reason().description() + " (the device was not pre-notified)");
        }
    }

    /**
     * A version read from the device (R7.10 read-back, R7.11 CS08): the SMI follows it (R202.7).
     *
     * @return the change, empty when nothing changed or the SMI does not hold the device
     */
    Optional<FirmwareChange> versionRead(long eui64, long version) {
        if (inventory.find(eui64).filter(e -> e.resultingSmets().isPresent()).isEmpty()) {
            return Optional.empty();
        }
        return inventory.recordVersionRead(eui64, new FirmwareVersion(version));
    }

    /**
     * The DCC's manual SMI fix (R202.6). Without a version given, the one of the CPL row for the
     * device's resulting SMETS version: its running firmware, or that version's fictitious SMETS1 one.
     *
     * @throws InventoryException when the library refuses the fix, with its typed reason
     */
    SmiEntry manualFix(String id, java.util.OptionalLong firmware, long running) {
        long eui = euiById.get(id);
        SmiEntry e = inventory.entry(eui);
        long v = firmware.orElseGet(() -> {
            long fictitious = specByEui.get(eui) instanceof DeviceSpec.Ppmid p && p.firmwareVersion() == running
                    ? p.cplSmets1Firmware().orElse(InventorySpec.fictitiousSmets1Firmware(running))
                    : InventorySpec.fictitiousSmets1Firmware(running);
            SmetsVersion resulting = e.resultingSmets().orElse(SmetsVersion.SMETS2_PLUS);
            return inventory.cpl().contains(e.cplKey().withFirmware(new FirmwareVersion(running)), resulting)
                    ? running : fictitious;
        });
        return inventory.manualFix(eui, new FirmwareVersion(v));
    }

    static String text(SmetsVersion v) {
        return v == SmetsVersion.SMETS1 ? "SMETS1" : "SMETS2+";
    }
}
