package io.hansim.zigbee.ota;

/**
 * Upgrade End Response, command 0x07, server→client (zigbee-ota.md §2 row 0x07): the server tells
 * the client when to apply the downloaded image. It may be sent unsolicited or broadcast, then
 * often with the wildcards ({@link OtaCluster#MANUFACTURER_CODE_WILDCARD} etc.).
 *
 * <p>Layout: ManufacturerCode u16, ImageType u16, FileVersion u32, CurrentTime u32, UpgradeTime
 * u32; 16 bytes. Timing (zigbee-ota.md §5.2): CurrentTime 0 makes UpgradeTime relative (seconds
 * from now); otherwise both are UTCTime. UpgradeTime 0xFFFFFFFF means "wait for a further command".
 *
 * @param manufacturerCode of the image to apply, or the wildcard
 * @param imageType        of the image to apply, or the wildcard
 * @param fileVersion      of the image to apply, or the wildcard
 * @param currentTime      the server's UTCTime, or 0
 * @param upgradeTime      when to apply the image, see above
 */
public record UpgradeEndResponse(int manufacturerCode, int imageType, long fileVersion, long currentTime,
        long upgradeTime) implements OtaCommand {

    public UpgradeEndResponse {
        Check.u16("ManufacturerCode", manufacturerCode);
        Check.u16("ImageType", imageType);
        Check.u32("FileVersion", fileVersion);
        Check.u32("CurrentTime", currentTime);
        Check.u32("UpgradeTime", upgradeTime);
    }

    /** Whether UpgradeTime is 0xFFFFFFFF: wait for a further command (zigbee-ota.md §5.2). */
    public boolean waitsForUpgradeCommand() {
        return upgradeTime == OtaCluster.UPGRADE_TIME_WAIT_FOR_UPGRADE_COMMAND;
    }

    @Override
    public OtaCommandType type() {
        return OtaCommandType.UPGRADE_END_RESPONSE;
    }

    @Override
    public int payloadLength() {
        return 16;
    }
}
