package io.hansim.device.inventory;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The Central Products List (CPL; other SEC texts say "Certified Products List"): the rows the DCC
 * accepts devices against. Rows are keyed by (Firmware Version, Device Model, Device Type,
 * Manufacturer ID) — MP202 §3 — whose parts are the OTA identity (R202.7).
 *
 * <p>In {@link CplMode#ENDURING} mode (after MP202) a PPMID key may hold two rows, one SMETS1 and
 * one SMETS2+ (R202.2); a third row, an exact duplicate, or a second row for a non-PPMID key is
 * refused with a typed {@link InventoryException}. In {@link CplMode#INTERIM} mode (R202.6) every
 * key holds one row, as before MP202, and a dual-mode model's SMETS1 row carries a fictitious
 * firmware version (SEC Appendix Z 3.13(b)).
 *
 * <p>A small mutable aggregate: rows are only added, never changed. Iteration order is insertion
 * order, so runs are deterministic.
 */
public final class ProductsList {

    private final CplMode mode;
    private final Map<CplKey, Set<SmetsVersion>> rows = new LinkedHashMap<>();

    public ProductsList(CplMode mode) {
        this.mode = Objects.requireNonNull(mode, "mode");
    }

    /** The rules in force. */
    public CplMode mode() {
        return mode;
    }

    /** What {@link #add} would refuse, or empty when the row would be accepted. */
    public Optional<Refusal> check(CplRow row) {
        Objects.requireNonNull(row, "row");
        Set<SmetsVersion> present = rows.get(row.key());
        if (present == null || present.isEmpty()) {
            return Optional.empty();
        }
        if (present.size() >= 2) {
            return refuse(RefusalReason.CPL_THIRD_ROW, row);
        }
        if (present.contains(row.smets())) {
            return refuse(RefusalReason.CPL_DUPLICATE_ROW, row);
        }
        if (mode == CplMode.INTERIM) {
            return refuse(RefusalReason.CPL_INTERIM_ONE_ROW_PER_KEY, row);
        }
        if (row.key().type() != DeviceType.PPMID) {
            return refuse(RefusalReason.CPL_SECOND_ROW_NOT_PPMID, row);
        }
        return Optional.empty(); // the second row, of the other SMETS version (R202.2)
    }

    /**
     * Adds one row (R202.2).
     *
     * @throws InventoryException {@code CPL_DUPLICATE_ROW}, {@code CPL_THIRD_ROW},
     *                            {@code CPL_SECOND_ROW_NOT_PPMID} or {@code CPL_INTERIM_ONE_ROW_PER_KEY}
     */
    public ProductsList add(CplRow row) {
        Optional<Refusal> refusal = check(row);
        if (refusal.isPresent()) {
            throw new InventoryException(refusal.get());
        }
        rows.computeIfAbsent(row.key(), k -> EnumSet.noneOf(SmetsVersion.class)).add(row.smets());
        return this;
    }

    /** Adds a row for {@code identity} as a device of {@code type} in a {@code smets} system. */
    public ProductsList add(OtaIdentity identity, DeviceType type, SmetsVersion smets) {
        return add(new CplRow(identity.cplKey(type), smets));
    }

    /**
     * Adds the rows of a dual-mode PPMID model (R202.1) as the mode in force wants them: in
     * {@link CplMode#ENDURING} two rows with the real firmware version (R202.2); in
     * {@link CplMode#INTERIM} a SMETS2+ row with the real version and a SMETS1 row with
     * {@code fictitiousS1Firmware} (R202.6, Appendix Z 3.13). Both rows are checked before either is
     * added, so a refusal leaves the list unchanged.
     *
     * @param fictitiousS1Firmware used in interim mode only; ignored (may be null) in enduring mode
     * @return the rows added, SMETS2+ first
     */
    public List<CplRow> addDualModeModel(OtaIdentity identity, DeviceType type, FirmwareVersion fictitiousS1Firmware) {
        CplKey real = identity.cplKey(type);
        if (type != DeviceType.PPMID) {
            throw new InventoryException(RefusalReason.CPL_DUAL_MODE_NOT_PPMID, real.toString());
        }
        CplRow s2 = new CplRow(real, SmetsVersion.SMETS2_PLUS);
        CplRow s1;
        if (mode == CplMode.INTERIM) {
            Objects.requireNonNull(fictitiousS1Firmware, "fictitiousS1Firmware (interim-cpl mode)");
            if (fictitiousS1Firmware.equals(identity.firmware())) {
                throw new InventoryException(RefusalReason.CPL_FICTITIOUS_VERSION_EQUALS_REAL, real.toString());
            }
            s1 = new CplRow(real.withFirmware(fictitiousS1Firmware), SmetsVersion.SMETS1);
        } else {
            s1 = new CplRow(real, SmetsVersion.SMETS1);
        }
        Optional<Refusal> first = check(s2);
        if (first.isPresent()) {
            throw new InventoryException(first.get());
        }
        Optional<Refusal> second = s1.key().equals(s2.key()) ? secondRowCheck(s1) : check(s1);
        if (second.isPresent()) {
            throw new InventoryException(second.get());
        }
        add(s2);
        add(s1);
        return List.of(s2, s1);
    }

    /** {@link #check} as if {@code row}'s key already held its other SMETS version's row. */
    private Optional<Refusal> secondRowCheck(CplRow row) {
        Set<SmetsVersion> present = rows.get(row.key());
        if (present != null && present.contains(row.smets())) {
            return refuse(RefusalReason.CPL_DUPLICATE_ROW, row);
        }
        return Optional.empty();
    }

    /** Whether the row (key, smets) is on the list. */
    public boolean contains(CplKey key, SmetsVersion smets) {
        Set<SmetsVersion> present = rows.get(key);
        return present != null && present.contains(smets);
    }

    /** Whether any row has {@code key}. */
    public boolean containsKey(CplKey key) {
        Set<SmetsVersion> present = rows.get(key);
        return present != null && !present.isEmpty();
    }

    /** The SMETS versions {@code key} has rows for (0, 1 or 2 of them), unmodifiable. */
    public Set<SmetsVersion> smetsVersions(CplKey key) {
        Set<SmetsVersion> present = rows.get(key);
        return present == null ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(present));
    }

    /** Every row, in insertion order of keys, SMETS1 before SMETS2+ within a key. */
    public List<CplRow> rows() {
        List<CplRow> out = new ArrayList<>();
        rows.forEach((key, versions) -> versions.forEach(v -> out.add(new CplRow(key, v))));
        return List.copyOf(out);
    }

    /** How many rows. */
    public int size() {
        return rows.values().stream().mapToInt(Set::size).sum();
    }

    private static Optional<Refusal> refuse(RefusalReason reason, CplRow row) {
        return Optional.of(new Refusal(reason, row.toString()));
    }
}
