package io.hansim.device.kind;

import io.hansim.device.han.HanBus;
import io.hansim.device.hub.CommsHub;
import io.hansim.device.node.HanDevice;
import io.hansim.device.sim.Seeds;
import io.hansim.device.gb.DeviceClass;
import java.util.Objects;
import java.util.function.BiConsumer;
import java.util.function.Predicate;

/**
 * A kind of device on the HAN, as data (issue 15): its name, the spec record that describes one unit,
 * how a unit is assembled from a node and cluster roles, what the CH is told when it joins, and
 * whether it keeps occupier data a meter publishes Change of Tenancy to. {@link DeviceKinds} lists the
 * kinds; the simulation, the fleet runner and the CLI go through that list, so a new device type is one
 * entry here plus its roles.
 *
 * @param name        the kind's name in reports and scenario files ("ppmid", "hcalcs", …)
 * @param specType    the spec record of one unit
 * @param otaClass    what the CH's OTA server is told the device is (R7.1, R7.2)
 * @param assemble    builds a unit from its spec on a bus (its node, its roles)
 * @param join        what joining the CH does on both sides (R7.3, R202.3, R202.4): the device learns
 *                    the CH, the CH registers the device
 * @param cotClient   whether a unit takes Change of Tenancy from the meters (R56.1 binding)
 * @param <S>         the spec type
 * @param <D>         the device type
 */
public record DeviceKind<S, D extends HanDevice>(String name, Class<S> specType, Class<D> deviceType,
        DeviceClass otaClass, Assembler<S, D> assemble, BiConsumer<D, CommsHub> join, Predicate<D> cotClient) {
    public DeviceKind {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(specType, "specType");
        Objects.requireNonNull(deviceType, "deviceType");
        Objects.requireNonNull(otaClass, "otaClass");
        Objects.requireNonNull(assemble, "assemble");
        Objects.requireNonNull(join, "join");
        Objects.requireNonNull(cotClient, "cotClient");
    }

    /** What a unit is built with: its spec, the bus, the simulation's seeds, the CH's spec. */
    @FunctionalInterface
    public interface Assembler<S, D> {
        D assemble(S spec, HanBus bus, Seeds seeds, CommsHub.Spec hub);
    }

    /** Builds a unit of this kind from {@code spec} (which must be of {@link #specType()}). */
    public D build(Object spec, HanBus bus, Seeds seeds, CommsHub.Spec hub) {
        return assemble.assemble(specType.cast(spec), bus, seeds, hub);
    }

    /** Joins {@code device} (a unit of this kind) to {@code hub}. */
    public void joinTo(HanDevice device, CommsHub hub) {
        join.accept(deviceType.cast(device), hub);
    }

    /** Whether {@code device} (a unit of this kind) takes Change of Tenancy from the meters. */
    public boolean takesChangeOfTenancy(HanDevice device) {
        return deviceType.isInstance(device) && cotClient.test(deviceType.cast(device));
    }
}
