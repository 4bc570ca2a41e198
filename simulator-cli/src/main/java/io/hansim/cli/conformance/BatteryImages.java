package io.hansim.cli.conformance;

import io.hansim.zigbee.ota.image.DeterministicEcdsa;
import io.hansim.zigbee.ota.image.GbBody;
import io.hansim.zigbee.ota.image.OtaImageBuilder;
import io.hansim.zigbee.ota.image.SimulatedFirmware;
import io.hansim.zigbee.zcl.Bytes;

/**
 * The GB OTA images the battery distributes (zigbee-ota.md §8, G.6): a 60-octet header with a hardware
 * range, then the Manufacturer Image signed with the battery's key (ECDSA P-256, r‖s after `00 40`).
 */
final class BatteryImages {
    private BatteryImages() {
    }

    /**
     * An image for {@code manufacturer}/{@code imageType} at {@code version} for hardware
     * {@code hwMin..hwMax}; {@code corrupt} flips one octet of the Manufacturer Image after signing, so
     * the header is right and the signature does not verify (R7.14, zigbee-ota.md §7.3).
     */
    static byte[] image(BatteryConfig c, int manufacturer, int imageType, long version, int hwMin, int hwMax,
            boolean corrupt) {
        Bytes mi = SimulatedFirmware.manufacturerImage(version, c.imageBody(), version ^ c.seed());
        Bytes signature = DeterministicEcdsa.sign(mi, c.imageKeys().getPrivate());
        if (corrupt) {
            byte[] b = mi.toArray();
            b[b.length / 2] ^= 0x5A;
            mi = Bytes.of(b);
        }
        return new OtaImageBuilder().manufacturerCode(manufacturer).imageType(imageType).fileVersion(version)
                .hardwareVersions(hwMin, hwMax).headerString("hansim conformance battery")
                .gbBody(GbBody.signed(mi, signature)).buildBytes().toArray();
    }
}
