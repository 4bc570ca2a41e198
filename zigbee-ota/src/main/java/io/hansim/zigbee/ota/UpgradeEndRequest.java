package io.hansim.zigbee.ota;

import io.hansim.zigbee.zcl.ZclStatus;

/**
 * Upgrade End Request, command 0x06, client→server (zigbee-ota.md §2 row 0x06): the client reports
 * the end of a download, successful (it asks when to apply the image) or not.
 *
 * <p>Layout: Status u8, ManufacturerCode u16, ImageType u16, FileVersion u32; 9 bytes. After a
 * status other than SUCCESS the server answers with a Default Response, never an Upgrade End
 * Response (zigbee-ota.md §5.2, §9 #19, #21).
 *
 * @param status           SUCCESS, INVALID_IMAGE, REQUIRE_MORE_IMAGE or ABORT (zigbee-ota.md §3)
 * @param manufacturerCode of the downloaded image
 * @param imageType        of the downloaded image
 * @param fileVersion      of the downloaded image
 */
public record UpgradeEndRequest(ZclStatus status, int manufacturerCode, int imageType, long fileVersion)
        implements OtaCommand {

    public UpgradeEndRequest {
        Check.status("Status", status);
        if (!isAllowed(status)) {
            throw new IllegalArgumentException("Status " + status + " is not allowed in an Upgrade End Request");
        }
        Check.u16("ManufacturerCode", manufacturerCode);
        Check.u16("ImageType", imageType);
        Check.u32("FileVersion", fileVersion);
    }

    /** SUCCESS, INVALID_IMAGE, REQUIRE_MORE_IMAGE and ABORT (zigbee-ota.md §2 row 0x06, §3). */
    public static boolean isAllowed(ZclStatus status) {
        return status == ZclStatus.SUCCESS || status == ZclStatus.INVALID_IMAGE
                || status == ZclStatus.REQUIRE_MORE_IMAGE || status == ZclStatus.ABORT;
    }

    @Override
    public OtaCommandType type() {
        return OtaCommandType.UPGRADE_END_REQUEST;
    }

    @Override
    public int payloadLength() {
        return 9;
    }
}
