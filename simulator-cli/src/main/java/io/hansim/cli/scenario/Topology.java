package io.hansim.cli.scenario;

import java.util.List;
import java.util.Optional;

/**
 * The Communications Hub and the devices on its HAN.
 *
 * @param hub      the CH (OTA server of the HAN, R7.1)
 * @param devices  the HAN devices, ids unique and not {@code hub}
 * @param position where {@code topology:} starts
 */
public record Topology(HubSpec hub, List<DeviceSpec> devices, Position position) {

    public Topology {
        devices = List.copyOf(devices);
    }

    /** The device with this id. */
    public Optional<DeviceSpec> device(String id) {
        return devices.stream().filter(d -> d.id().equals(id)).findFirst();
    }
}
