package io.hansim.zigbee.ota;

import io.hansim.zigbee.zcl.ZclStatus;

/**
 * Query Device Specific File Response, command 0x09, server→client (zigbee-ota.md §2 row 0x09): the
 * server's answer to a {@link QueryDeviceSpecificFileRequest}, either the file on offer or why
 * there is none.
 *
 * <p>Layout: Status u8; if SUCCESS then ManufacturerCode u16, ImageType u16, FileVersion u32,
 * ImageSize u32; 1 or 13 bytes. With any other status the fields are not on the air and are held
 * here as 0 ({@link #hasImage()}).
 *
 * @param status           SUCCESS, NO_IMAGE_AVAILABLE or NOT_AUTHORIZED (zigbee-ota.md §3)
 * @param manufacturerCode of the offered file; 0 unless SUCCESS
 * @param imageType        of the offered file (0xFFC0..0xFFFE by the rules); 0 unless SUCCESS
 * @param fileVersion      of the offered file; 0 unless SUCCESS
 * @param imageSize        total size of the offered file in bytes; 0 unless SUCCESS
 */
public record QueryDeviceSpecificFileResponse(ZclStatus status, int manufacturerCode, int imageType,
        long fileVersion, long imageSize) implements OtaCommand {

    /** The answer when the server has no such file for this client. */
    public static final QueryDeviceSpecificFileResponse NO_IMAGE_AVAILABLE =
            new QueryDeviceSpecificFileResponse(ZclStatus.NO_IMAGE_AVAILABLE, 0, 0, 0, 0);

    public QueryDeviceSpecificFileResponse {
        Check.status("Status", status);
        if (!isAllowed(status)) {
            throw new IllegalArgumentException(
                    "Status " + status + " is not allowed in a Query Device Specific File Response");
        }
        Check.u16("ManufacturerCode", manufacturerCode);
        Check.u16("ImageType", imageType);
        Check.u32("FileVersion", fileVersion);
        Check.u32("ImageSize", imageSize);
        if (status != ZclStatus.SUCCESS) {
            Check.absent("Query Device Specific File Response", status,
                    manufacturerCode | imageType | fileVersion | imageSize);
        }
    }

    /** A SUCCESS response offering a file. */
    public static QueryDeviceSpecificFileResponse success(int manufacturerCode, int imageType, long fileVersion,
            long imageSize) {
        return new QueryDeviceSpecificFileResponse(ZclStatus.SUCCESS, manufacturerCode, imageType, fileVersion,
                imageSize);
    }

    /** A status-only response: NO_IMAGE_AVAILABLE or NOT_AUTHORIZED. */
    public static QueryDeviceSpecificFileResponse failure(ZclStatus status) {
        return new QueryDeviceSpecificFileResponse(status, 0, 0, 0, 0);
    }

    /** The statuses this command may carry (zigbee-ota.md §3). */
    public static boolean isAllowed(ZclStatus status) {
        return status == ZclStatus.SUCCESS || status == ZclStatus.NO_IMAGE_AVAILABLE
                || status == ZclStatus.NOT_AUTHORIZED;
    }

    /** Whether the file fields are present, i.e. the status is SUCCESS. */
    public boolean hasImage() {
        return status == ZclStatus.SUCCESS;
    }

    @Override
    public OtaCommandType type() {
        return OtaCommandType.QUERY_DEVICE_SPECIFIC_FILE_RESPONSE;
    }

    @Override
    public int payloadLength() {
        return hasImage() ? 13 : 1;
    }
}
