package io.hansim.device.inventory;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The Smart Metering Inventory (SMI) as MP202 needs it: devices pre-notified against the CPL, joined
 * to a Communications Hub, targeted by SRs and OTA, and fixed by hand.
 *
 * <p>Lifecycle of a PPMID (MP202 §2, §3):
 * <ol>
 *   <li>{@link #preNotify}: the Supplier names the device and a SMETS version; a CPL row must exist
 *       for that identity and version. In interim-cpl mode a SMETS1 pre-notification therefore names
 *       the fictitious firmware version of the SMETS1 row (R202.6).</li>
 *   <li>{@link #join}: the resulting SMETS version becomes the CH's, whatever was pre-notified
 *       (R202.3). The device is targetable when its capability supports that version (R202.1) and
 *       the CPL has a row for its SMI firmware version in that version. Under the enduring CPL a
 *       dual-mode PPMID always is; under the interim CPL a PPMID joined to a system of the other
 *       SMETS version is not, and every SR is refused (R202.6).</li>
 *   <li>{@link #otaRefusal} / {@link #canTargetOta}: OTA only to targetable devices in SMETS2+
 *       systems (R202.4, MP202 Requirement 7).</li>
 *   <li>{@link #recordFirmwareChange}: after an OTA the SMI takes the new File Version and reports a
 *       version the CPL does not list (R202.7); {@link #recordVersionRead} does the same for every
 *       version read back from the device.</li>
 *   <li>{@link #manualFix}: the DCC's manual SMI change after a mismatched interim installation
 *       (MP202 §2): the SMI's firmware version is set to the one of the CPL row for the resulting
 *       version, and the device becomes targetable (R202.6).</li>
 * </ol>
 *
 * <p>Targetability is decided when the device joins and when it is fixed; later CPL additions do not
 * change it by themselves, as in the DCC, where the fix is a manual SMI change. No I/O and no time:
 * a small mutable aggregate whose entries are immutable {@link SmiEntry} values.
 */
public final class Inventory {

    private final ProductsList cpl;
    private final Map<Long, SmiEntry> entries = new LinkedHashMap<>();

    public Inventory(ProductsList cpl) {
        this.cpl = Objects.requireNonNull(cpl, "cpl");
    }

    /** The CPL this SMI checks against. */
    public ProductsList cpl() {
        return cpl;
    }

    /**
     * Pre-notifies a device (MP202 §2).
     *
     * @param identity the SMI identity: OTA identity (G.9), or for an interim SMETS1 PPMID the
     *                 fictitious firmware version of its SMETS1 row (R202.6)
     * @throws InventoryException {@code SMI_DUPLICATE_DEVICE}, {@code SMI_DUAL_MODE_NOT_PPMID} or
     *                            {@code SMI_NOT_ON_CPL}
     */
    public SmiEntry preNotify(long eui64, DeviceType type, OtaIdentity identity, PpmidSmetsCapability capability,
                              SmetsVersion preNotified) {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(identity, "identity");
        Objects.requireNonNull(capability, "capability");
        Objects.requireNonNull(preNotified, "preNotified");
        String subject = SmiEntry.euiHex(eui64);
        if (entries.containsKey(eui64)) {
            throw new InventoryException(RefusalReason.SMI_DUPLICATE_DEVICE, subject);
        }
        if (capability == PpmidSmetsCapability.DUAL && type != DeviceType.PPMID) {
            throw new InventoryException(RefusalReason.SMI_DUAL_MODE_NOT_PPMID, subject + " " + type);
        }
        CplKey key = identity.cplKey(type);
        if (!cpl.contains(key, preNotified)) {
            throw new InventoryException(RefusalReason.SMI_NOT_ON_CPL, subject + " " + key + " " + preNotified);
        }
        SmiEntry entry = new SmiEntry(eui64, type, identity.manufacturer(), identity.model(), identity.firmware(),
                capability, preNotified, null, SmiStatus.PRE_NOTIFIED, null);
        entries.put(eui64, entry);
        return entry;
    }

    /**
     * The device joins a system whose CH is {@code chSmets}: the resulting SMETS version is the CH's
     * in all four rows of MP202's table (R202.3), and targetability is decided (R202.6).
     *
     * @throws InventoryException {@code SMI_UNKNOWN_DEVICE} or {@code SMI_ALREADY_JOINED}
     */
    public SmiEntry join(long eui64, SmetsVersion chSmets) {
        Objects.requireNonNull(chSmets, "chSmets");
        SmiEntry entry = entry(eui64);
        if (entry.status() == SmiStatus.JOINED) {
            throw new InventoryException(RefusalReason.SMI_ALREADY_JOINED, entry.euiHex());
        }
        SmiEntry joined = entry.with(entry.firmware(), chSmets, SmiStatus.JOINED,
                untargetableReason(entry, entry.firmware(), chSmets).orElse(null));
        entries.put(eui64, joined);
        return joined;
    }

    /** Why no SR may target the device (not joined, or untargetable: R202.6), or empty when SRs may. */
    public Optional<Refusal> srRefusal(long eui64) {
        SmiEntry entry = entry(eui64);
        if (entry.status() != SmiStatus.JOINED) {
            return Optional.of(new Refusal(RefusalReason.SMI_NOT_JOINED, entry.euiHex()));
        }
        if (entry.untargetableBecause() != null) {
            return Optional.of(new Refusal(entry.untargetableBecause(), entry.euiHex()));
        }
        return Optional.empty();
    }

    /**
     * Why an OTA distribution (SR 11.x) may not go to the device, or empty when it may. A device no
     * SR may target is refused first (R202.6); then one whose resulting version is SMETS1 (R202.4,
     * MP202 Requirement 7: firmware for PPMIDs in SMETS1 systems is handled outside MP202). A
     * targetable device is one whose capability supports its SMETS2+ system, so only dual-mode and
     * SMETS2+-only PPMIDs (or other SMETS2+ devices) pass.
     */
    public Optional<Refusal> otaRefusal(long eui64) {
        Optional<Refusal> sr = srRefusal(eui64);
        if (sr.isPresent()) {
            return sr;
        }
        SmiEntry entry = entry(eui64);
        if (entry.resulting() != SmetsVersion.SMETS2_PLUS) {
            return Optional.of(new Refusal(RefusalReason.OTA_SMETS1_SYSTEM, entry.euiHex()));
        }
        return Optional.empty();
    }

    /** Whether an OTA distribution may target the device (R202.4); see {@link #otaRefusal}. */
    public boolean canTargetOta(long eui64) {
        return otaRefusal(eui64).isEmpty();
    }

    /**
     * Records that the device now runs {@code newVersion} (the File Version of the image it
     * activated) and reports whether the CPL lists it for the device's SMETS version (R202.7).
     *
     * @throws InventoryException {@code SMI_UNKNOWN_DEVICE} or {@code SMI_NOT_JOINED}
     */
    public FirmwareChange recordFirmwareChange(long eui64, FirmwareVersion newVersion) {
        Objects.requireNonNull(newVersion, "newVersion");
        SmiEntry entry = entry(eui64);
        if (entry.status() != SmiStatus.JOINED) {
            throw new InventoryException(RefusalReason.SMI_NOT_JOINED, entry.euiHex());
        }
        SmiEntry updated = entry.with(newVersion, entry.resulting(), entry.status(), entry.untargetableBecause());
        entries.put(eui64, updated);
        return new FirmwareChange(eui64, entry.firmware(), newVersion, entry.resulting(),
                cpl.contains(updated.cplKey(), entry.resulting()));
    }

    /**
     * A firmware version read from the device — the CH's read-back after an OTA (R7.10) or an SR 11.2
     * Read Firmware Version (CS08, R7.11) — so that the SMI follows every read, not only successful
     * OTAs (R202.7: suppliers read versions because inventory records lag). When the read version
     * differs from the SMI's it is recorded as {@link #recordFirmwareChange} does, with its CPL check;
     * the same version changes nothing. Targetability is not decided again (see the class comment).
     *
     * @return the change, or empty when the SMI already held {@code read}
     * @throws InventoryException {@code SMI_UNKNOWN_DEVICE} or {@code SMI_NOT_JOINED}
     */
    public Optional<FirmwareChange> recordVersionRead(long eui64, FirmwareVersion read) {
        Objects.requireNonNull(read, "read");
        SmiEntry entry = entry(eui64);
        if (entry.status() != SmiStatus.JOINED) {
            throw new InventoryException(RefusalReason.SMI_NOT_JOINED, entry.euiHex());
        }
        return entry.firmware().equals(read) ? Optional.empty() : Optional.of(recordFirmwareChange(eui64, read));
    }

    /**
     * The DCC's manual SMI change after a mismatched installation (MP202 §2, R202.6): the SMI's
     * firmware version becomes {@code correctedFirmware}, which must have a CPL row for the device's
     * resulting SMETS version, and the device becomes targetable.
     *
     * @throws InventoryException {@code SMI_UNKNOWN_DEVICE}, {@code SMI_NOT_JOINED},
     *                            {@code SMI_FIX_NOT_NEEDED}, {@code TARGET_CAPABILITY_MISMATCH} (no
     *                            SMI change makes a device work in a system it cannot) or
     *                            {@code SMI_FIX_NOT_ON_CPL}
     */
    public SmiEntry manualFix(long eui64, FirmwareVersion correctedFirmware) {
        Objects.requireNonNull(correctedFirmware, "correctedFirmware");
        SmiEntry entry = entry(eui64);
        if (entry.status() != SmiStatus.JOINED) {
            throw new InventoryException(RefusalReason.SMI_NOT_JOINED, entry.euiHex());
        }
        if (entry.untargetableBecause() == null) {
            throw new InventoryException(RefusalReason.SMI_FIX_NOT_NEEDED, entry.euiHex());
        }
        if (!entry.capability().supports(entry.resulting())) {
            throw new InventoryException(RefusalReason.TARGET_CAPABILITY_MISMATCH,
                    entry.euiHex() + " " + entry.capability() + " in " + entry.resulting());
        }
        CplKey key = entry.cplKey().withFirmware(correctedFirmware);
        if (!cpl.contains(key, entry.resulting())) {
            throw new InventoryException(RefusalReason.SMI_FIX_NOT_ON_CPL,
                    entry.euiHex() + " " + key + " " + entry.resulting());
        }
        SmiEntry fixed = entry.with(correctedFirmware, entry.resulting(), SmiStatus.JOINED, null);
        entries.put(eui64, fixed);
        return fixed;
    }

    /**
     * The entry for {@code eui64}.
     *
     * @throws InventoryException {@code SMI_UNKNOWN_DEVICE}
     */
    public SmiEntry entry(long eui64) {
        SmiEntry entry = entries.get(eui64);
        if (entry == null) {
            throw new InventoryException(RefusalReason.SMI_UNKNOWN_DEVICE, SmiEntry.euiHex(eui64));
        }
        return entry;
    }

    /** The entry for {@code eui64}, if any. */
    public Optional<SmiEntry> find(long eui64) {
        return Optional.ofNullable(entries.get(eui64));
    }

    /** Every entry, in pre-notification order. */
    public List<SmiEntry> entries() {
        return List.copyOf(entries.values());
    }

    private Optional<RefusalReason> untargetableReason(SmiEntry entry, FirmwareVersion firmware, SmetsVersion system) {
        if (!entry.capability().supports(system)) {
            return Optional.of(RefusalReason.TARGET_CAPABILITY_MISMATCH);
        }
        if (!cpl.contains(entry.cplKey().withFirmware(firmware), system)) {
            return Optional.of(cpl.mode() == CplMode.INTERIM && entry.preNotified() != system
                    ? RefusalReason.TARGET_INTERIM_SMETS_MISMATCH
                    : RefusalReason.TARGET_NO_CPL_ROW);
        }
        return Optional.empty();
    }
}
