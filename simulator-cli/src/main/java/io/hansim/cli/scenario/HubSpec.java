package io.hansim.cli.scenario;

import io.hansim.device.inventory.SmetsVersion;

/**
 * The Communications Hub: maps onto {@code CommsHub.Spec} and its {@code OtaServerConfig}.
 *
 * @param eui64            the CH's EUI-64
 * @param smets            the SMETS generation of the system (R202.3)
 * @param chts             the CHTS version (R56.6)
 * @param firmwareVersion  the CH's own firmware version
 * @param imageBuffer      how many images the CH holds at once ({@code OtaServerConfig.Capacity.maxImages})
 * @param blockSize        the largest OTA block the CH serves in octets ({@code blockSizeCap})
 * @param endpoint         the OTA server's endpoint
 * @param otaForHanDevices whether the CH offers OTA to HAN devices at all (R7.1)
 * @param position         where {@code hub:} starts
 */
public record HubSpec(long eui64, SmetsVersion smets, SpecVersion chts, long firmwareVersion, int imageBuffer,
        int blockSize, int endpoint, boolean otaForHanDevices, Position position) {
}
