package io.hansim.cli.conformance;

import io.hansim.device.node.HanDevice;
import java.util.Map;
import java.util.Optional;

/**
 * The device a conformance battery judges, whatever it is: one of hansim's own models built in the
 * battery's JVM ({@link ModelUnderTest}), or a device across the device port (an external process
 * started by command or reached by a loopback socket). The battery only ever needs to put the device
 * on a fresh HAN in the place it stands in for, and afterwards to look at what it kept in flash and
 * what it exported as status; everything else it judges from the HAN trace (decision 0029).
 */
public interface DeviceUnderTest {

    /** The kind of device it stands in for. */
    DeviceKindUnderTest kind();

    /** One line for reports: what was tested. */
    String description();

    /**
     * The spec record of a registered device kind that puts this device on a new simulation at
     * {@code p} ({@code Simulation.Builder.device(spec)}). Called once per case run.
     */
    Object spec(Placement p);

    /**
     * What the device keeps in non-volatile storage, as named regions of octets (the device port's
     * regions; for a model, its occupier-data store rendered as text). The battery scans them for the
     * previous occupier's canaries after a Change of Tenancy (R56.5).
     */
    Map<String, byte[]> regions(HanDevice device);

    /** A status value the device exports (device port STATUS keys: {@code firmware.version}, {@code smets}). */
    Optional<String> status(HanDevice device, String key);

    /** Why the device stopped (a device port failure: crashed, timeout, protocol …), if it did. */
    default Optional<String> failure(HanDevice device) {
        return Optional.empty();
    }
}
