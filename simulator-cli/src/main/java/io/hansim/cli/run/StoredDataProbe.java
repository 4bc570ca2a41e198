package io.hansim.cli.run;

import io.hansim.device.node.HanDevice;
import io.hansim.device.Simulation;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Counts the records a device holds in one of its data stores, for {@code storedData} expectations
 * (R56.3, R56.5). The one seam between the runner and the Change of Tenancy stores of the IHD and
 * PPMID models: until those stores are wired in, {@link #UNAVAILABLE} answers empty and the
 * expectation fails with "stored data not available for DEVICE" rather than passing.
 */
@FunctionalInterface
public interface StoredDataProbe {

    /** The probe used until device-core exposes its occupier data stores: nothing is available. */
    StoredDataProbe UNAVAILABLE = (sim, device, kind, before) -> OptionalInt.empty();

    /**
     * @param sim    the running simulation
     * @param device the device asked about
     * @param kind   {@code consumptionHistory}, {@code supplierMessages} or an extra store's name (R56.4)
     * @param before only records dated strictly before this instant, or all when empty
     * @return the count, or empty when the device has no such store or it cannot be read
     */
    OptionalInt count(Simulation sim, HanDevice device, String kind, Optional<Instant> before);
}
