package io.hansim.zigbee.ota;

import io.hansim.zigbee.zcl.ZclStatus;

/**
 * Query Next Image Response, command 0x02, server→client (zigbee-ota.md §2 row 0x02): the server's
 * answer to a {@link QueryNextImageRequest}, either the image on offer or why there is none.
 *
 * <p>Layout: Status u8; if SUCCESS then ManufacturerCode u16, ImageType u16, FileVersion u32,
 * ImageSize u32; 1 or 13 bytes. The Status says whether the image fields are present: with any
 * other status they are not on the air and are held here as 0 ({@link #hasImage()}).
 *
 * @param status           SUCCESS, NO_IMAGE_AVAILABLE or NOT_AUTHORIZED (zigbee-ota.md §3)
 * @param manufacturerCode of the offered image; 0 unless SUCCESS
 * @param imageType        of the offered image; 0 unless SUCCESS
 * @param fileVersion      of the offered image; 0 unless SUCCESS
 * @param imageSize        total size of the offered OTA file in bytes; 0 unless SUCCESS
 */
public record QueryNextImageResponse(ZclStatus status, int manufacturerCode, int imageType, long fileVersion,
        long imageSize) implements OtaCommand {

    /** The answer when the server has nothing for this client. */
    public static final QueryNextImageResponse NO_IMAGE_AVAILABLE =
            new QueryNextImageResponse(ZclStatus.NO_IMAGE_AVAILABLE, 0, 0, 0, 0);

    public QueryNextImageResponse {
        Check.status("Status", status);
        if (!isAllowed(status)) {
            throw new IllegalArgumentException("Status " + status + " is not allowed in a Query Next Image Response");
        }
        Check.u16("ManufacturerCode", manufacturerCode);
        Check.u16("ImageType", imageType);
        Check.u32("FileVersion", fileVersion);
        Check.u32("ImageSize", imageSize);
        if (status != ZclStatus.SUCCESS) {
            Check.absent("Query Next Image Response", status, manufacturerCode | imageType | fileVersion | imageSize);
        }
    }

    /** A SUCCESS response offering an image. */
    public static QueryNextImageResponse success(int manufacturerCode, int imageType, long fileVersion,
            long imageSize) {
        return new QueryNextImageResponse(ZclStatus.SUCCESS, manufacturerCode, imageType, fileVersion, imageSize);
    }

    /** A status-only response: NO_IMAGE_AVAILABLE or NOT_AUTHORIZED. */
    public static QueryNextImageResponse failure(ZclStatus status) {
        return new QueryNextImageResponse(status, 0, 0, 0, 0);
    }

    /** The statuses this command may carry (zigbee-ota.md §3). */
    public static boolean isAllowed(ZclStatus status) {
        return status == ZclStatus.SUCCESS || status == ZclStatus.NO_IMAGE_AVAILABLE
                || status == ZclStatus.NOT_AUTHORIZED;
    }

    /** Whether the image fields are present, i.e. the status is SUCCESS. */
    public boolean hasImage() {
        return status == ZclStatus.SUCCESS;
    }

    @Override
    public OtaCommandType type() {
        return OtaCommandType.QUERY_NEXT_IMAGE_RESPONSE;
    }

    @Override
    public int payloadLength() {
        return hasImage() ? 13 : 1;
    }
}
