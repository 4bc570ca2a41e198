package io.hansim.device.meter;

import io.hansim.device.consumption.ConsumptionModel;
import io.hansim.device.cot.ChangeOfTenancy;
import io.hansim.device.node.HanDevice;
import io.hansim.device.role.CotServerRole;
import io.hansim.device.role.MeteringServerRole;
import io.hansim.zigbee.zcl.ZclValue;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What the ESME and the GPF share on the HAN: the Change of Tenancy they hold after SR 3.2 (R56.7),
 * served as Device Management 0x0708 server (R56.1), and consumption served as Metering 0x0702
 * server so IHDs and PPMIDs have something to log.
 *
 * <h2>Device Management (R56.1, gbcs.md §8.2)</h2>
 * Only when {@link #publishesChangeOfTenancy()} (the spec version is at its threshold, R56.6); below,
 * the cluster is absent and answered UNSUPPORTED_CLUSTER. Read Attributes of 0x0200 / 0x0201 give
 * the held CoT; before any CoT they give UTCTime 0xFFFFFFFF ("invalid": no CoT set) and bitmap 0.
 * Get Change of Tenancy is answered with Publish Change of Tenancy (the held CoT, ProviderID 0 and
 * TariffType 0 as GCS09 sets them) or, before any CoT, a Default Response NOT_FOUND. When a CoT is
 * set, an unsolicited Publish goes to every subscriber: each device that has asked before (Get or a
 * read of 0x0200/0x0201) and each device the simulation binds with {@link #subscribe(long)} (the
 * CoT-aware IHDs and PPMIDs on the HAN). Publishes disable the Default Response (one frame each way
 * is enough on a HAN; GCS09's FC 0x09 is a WAN matter).
 *
 * <h2>Metering (R56.7)</h2>
 * CurrentSummationDelivered, UnitOfMeasure kWh with Divisor 1000 (values are Wh), and the day, week
 * and month history from a {@link ConsumptionModel}. Once a held CoT's implementation time is
 * reached, the meter restricts householder access to pre-CoT logs (GBCS text, gbcs.md §8.2): a
 * history period that ended at or before the CoT is answered UNSUPPORTED_ATTRIBUTE, one that spans
 * it gives only the energy since the CoT. The summation is a register, not a log: unrestricted.
 */
public interface MeterDevice extends HanDevice {
    /** The meter's Change of Tenancy server role (its state exists even when the meter lacks the cluster). */
    CotServerRole cotServer();

    /** The meter's Metering server role. */
    MeteringServerRole meteringServer();

    /** Whether this meter's spec version serves CoT on the HAN (R56.6); thresholds come from its Spec. */
    default boolean publishesChangeOfTenancy() {
        return cotServer().publishes();
    }

    /** The consumption this meter registers. */
    default ConsumptionModel consumption() {
        return meteringServer().consumption();
    }

    /**
     * Sets the Change of Tenancy (SR 3.2, R56.7: ECS12 on the ESME, GCS09 on the GPF) and publishes it
     * to the subscribers (R56.1) when the meter serves CoT and is powered.
     */
    default void setChangeOfTenancy(ChangeOfTenancy cot) {
        cotServer().setChangeOfTenancy(cot);
    }

    /** The CoT held, if one was ever set. */
    default Optional<ChangeOfTenancy> changeOfTenancy() {
        return cotServer().changeOfTenancy();
    }

    /** Adds a device that gets an unsolicited Publish Change of Tenancy whenever a CoT is set. */
    default void subscribe(long eui64) {
        cotServer().subscribe(eui64);
    }

    /** The devices that get unsolicited publishes, in order of first interest. */
    default Set<Long> subscribers() {
        return cotServer().subscribers();
    }

    /** Every Publish Change of Tenancy sent (solicited or not), for reports. */
    default List<ChangeOfTenancy> publications() {
        return cotServer().publications();
    }

    /** The Metering values this meter gives now for {@code ids}; a restricted or unknown one is absent. */
    default Map<Integer, ZclValue> meteringValues(List<Integer> ids) {
        return meteringServer().values(ids);
    }
}
