package io.hansim.cli.scenario;

import io.hansim.zigbee.ota.client.ClientQuirk;
import java.util.List;

/**
 * A device's OTA client behaviour beyond its identity: maps onto {@code ClientProfile}.
 *
 * @param blockSize the maximum data size the client asks for per block
 * @param quirks    deviations from the ZCL OTA cluster seen in real devices
 * @param extras    extra data stores beyond SMETS and what a CoT does to them (R56.4)
 * @param refuseDowngrades   the client refuses an image older than the one it runs (INVALID_IMAGE, R7.14)
 * @param legacyLocalUpgrade the {@code legacy-local-upgrade} profile: a local upgrade tool is obeyed,
 *                           an R7.3 policy breach the report flags (PPMID only)
 * @param position  where {@code profile:} starts, or the device's position when absent
 */
public record OtaProfileSpec(int blockSize, List<ClientQuirk> quirks, List<ExtraStore> extras,
        boolean refuseDowngrades, boolean legacyLocalUpgrade, Position position) {

    public OtaProfileSpec {
        quirks = List.copyOf(quirks);
        extras = List.copyOf(extras);
    }
}
