package io.hansim.cli.conformance;

import io.hansim.zigbee.ota.image.DeterministicEcdsa;
import java.security.KeyPair;
import java.util.Objects;

/**
 * The battery's fixed set-up. Every value is a default a test lab may change; the published key is
 * what a device under test must trust to accept the battery's images (README "Conformance battery").
 *
 * @param seed               the simulations' seed
 * @param blockSize          the CH's block size, octets (zigbee-ota.md §6: GB has none confirmed)
 * @param minimumBlockPeriod the MinimumBlockPeriod the CH advertises in WAIT_FOR_DATA (§5.3); judged
 *                           in the smaller of the two units of §5.4 (milliseconds)
 * @param imageBody          the Manufacturer Image size of the battery's images, octets
 * @param imageKeys          the key pair the battery signs its GB images with (G.6)
 */
public record BatteryConfig(long seed, int blockSize, int minimumBlockPeriod, int imageBody, KeyPair imageKeys) {
    /** The battery's signing key: deterministic, so a device can be built to trust it. */
    public static final KeyPair CONFORMANCE_KEYS = DeterministicEcdsa.keyPairFromSeed("hansim conformance", 1);

    public static final BatteryConfig DEFAULT = new BatteryConfig(17, 64, 500, 4096, CONFORMANCE_KEYS);

    public BatteryConfig {
        Objects.requireNonNull(imageKeys, "imageKeys");
        if (blockSize < 1 || blockSize > 255) {
            throw new IllegalArgumentException("blockSize " + blockSize + " outside 1..255");
        }
        if (minimumBlockPeriod < 1 || minimumBlockPeriod > 0xFFFE) {
            throw new IllegalArgumentException("minimumBlockPeriod " + minimumBlockPeriod + " outside 1..65534");
        }
        if (imageBody < 256) {
            throw new IllegalArgumentException("imageBody " + imageBody + " below 256 octets");
        }
    }
}
