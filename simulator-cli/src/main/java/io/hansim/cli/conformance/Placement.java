package io.hansim.cli.conformance;

import java.security.PublicKey;
import java.util.Objects;

/**
 * Where the battery puts the device under test on its HAN, and what a device that follows the
 * battery's set-up needs to know: the peers' addresses and the key the battery signs its images with.
 *
 * @param name         the device's name in the simulation
 * @param eui64        its EUI-64 (a device across the port may report its own in HELLO)
 * @param shortAddress its short address
 * @param hubEui64     the CH: trust centre, OTA server (UpgradeServerID, R7.3)
 * @param esmeEui64    the ESME, one CoT source (R56.2)
 * @param gpfEui64     the GPF, the other CoT source (R56.2)
 * @param imageKey     the public key the battery's images are signed with (zigbee-ota.md §8, G.6)
 * @param blockSize    the CH's block size, octets (zigbee-ota.md §6)
 */
public record Placement(String name, long eui64, int shortAddress, long hubEui64, long esmeEui64, long gpfEui64,
        PublicKey imageKey, int blockSize) {
    public Placement {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(imageKey, "imageKey");
    }
}
