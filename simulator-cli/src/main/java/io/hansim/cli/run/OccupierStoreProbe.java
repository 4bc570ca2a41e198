package io.hansim.cli.run;

import io.hansim.device.node.HanDevice;
import io.hansim.device.Simulation;
import io.hansim.device.cot.OccupierDataKind;
import io.hansim.device.cot.OccupierDataStore;
import io.hansim.device.sim.SimTime;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.Function;

/**
 * A {@link StoredDataProbe} over the devices' {@link OccupierDataStore}s (R56.3–R56.5): the scenario's
 * store names map onto {@link OccupierDataKind}s ({@code consumptionHistory} is the day, week and
 * month history together). Which store a device has is given by a function, so wiring the IHD and
 * PPMID models in is one line once they expose their stores.
 */
public final class OccupierStoreProbe implements StoredDataProbe {
    private final Function<HanDevice, Optional<OccupierDataStore>> storeOf;

    private OccupierStoreProbe(Function<HanDevice, Optional<OccupierDataStore>> storeOf) {
        this.storeOf = storeOf;
    }

    /** A probe that reads the store {@code storeOf} returns for a device (empty: the device has none). */
    public static OccupierStoreProbe of(Function<HanDevice, Optional<OccupierDataStore>> storeOf) {
        return new OccupierStoreProbe(java.util.Objects.requireNonNull(storeOf, "storeOf"));
    }

    /** The kinds a scenario store name stands for, empty for an unknown name. */
    static Set<OccupierDataKind> kinds(String name) {
        return switch (name) {
            case "consumptionHistory" -> EnumSet.of(OccupierDataKind.CONSUMPTION_DAY, OccupierDataKind.CONSUMPTION_WEEK,
                    OccupierDataKind.CONSUMPTION_MONTH);
            case "supplierMessages" -> EnumSet.of(OccupierDataKind.SUPPLIER_MESSAGES);
            case "topUpHistory" -> EnumSet.of(OccupierDataKind.TOP_UP_HISTORY);
            case "debtRecovery" -> EnumSet.of(OccupierDataKind.DEBT_RECOVERY);
            default -> EnumSet.noneOf(OccupierDataKind.class);
        };
    }

    @Override
    public OptionalInt count(Simulation sim, HanDevice device, String kind, Optional<Instant> before) {
        Optional<OccupierDataStore> store = storeOf.apply(device);
        Set<OccupierDataKind> k = kinds(kind);
        if (store.isEmpty() || k.isEmpty()) {
            return OptionalInt.empty();
        }
        if (before.isEmpty()) {
            return OptionalInt.of((int) store.get().records().stream().filter(r -> k.contains(r.kind())).count());
        }
        long utc = before.get().getEpochSecond() - SimTime.ZCL_EPOCH.getEpochSecond();
        return OptionalInt.of(store.get().scanBefore(utc, k).size());
    }
}
