package io.hansim.device.inventory;

import java.util.Objects;

/**
 * One row of the Central Products List: its key and the SMETS version it is for. MP202 §3 lets a
 * dual-mode PPMID have two rows with the same key, told apart by this SMETS version (R202.2).
 */
public record CplRow(CplKey key, SmetsVersion smets) {

    public CplRow {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(smets, "smets");
    }

    @Override
    public String toString() {
        return key + " " + smets;
    }
}
