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
     * {@code hwMin..hwMax}; {@code corrupt} changes the firmware version stamped in the Manufacturer
     * Image after signing, so the header is right, the signature does not verify (R7.14, zigbee-ota.md
     * §7.3, §8) and the firmware inside contradicts the header.
     */
    static byte[] image(BatteryConfig c, int manufacturer, int imageType, long version, int hwMin, int hwMax,
            boolean corrupt) {
        Bytes mi = SimulatedFirmware.manufacturerImage(version, c.imageBody(), version ^ c.seed());
        Bytes signature = DeterministicEcdsa.sign(mi, c.imageKeys().getPrivate());
        if (corrupt) {
            // The firmware inside says another version than the header: a defect both a signature
            // check (the Manufacturer Image changed after signing) and a plain consistency check of
            // the image catch (the C example's verify_image does the latter; it has no P-256).
            mi = SimulatedFirmware.stamped(version ^ 0x0000_0100L, mi);
        }
        return new OtaImageBuilder().manufacturerCode(manufacturer).imageType(imageType).fileVersion(version)
                .hardwareVersions(hwMin, hwMax).headerString("hansim conformance battery")
                .gbBody(GbBody.signed(mi, signature)).buildBytes().toArray();
    }
}
