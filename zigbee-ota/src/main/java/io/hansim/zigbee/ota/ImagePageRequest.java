package io.hansim.zigbee.ota;

import java.util.OptionalLong;

/**
 * Image Page Request, command 0x04, client→server (zigbee-ota.md §2 row 0x04): the client asks for
 * PageSize bytes from FileOffset, which the server sends as unsolicited Image Block Responses of at
 * most MaximumDataSize bytes each, ResponseSpacing ms apart (zigbee-ota.md §5.7).
 *
 * <p>Layout: FieldControl u8 (bit 0: RequestNodeAddress present, bits 1–7 reserved),
 * ManufacturerCode u16, ImageType u16, FileVersion u32, FileOffset u32, MaximumDataSize u8,
 * PageSize u16, ResponseSpacing u16, RequestNodeAddress EUI-64 if bit 0; 18 or 26 bytes.
 *
 * @param manufacturerCode   of the image being downloaded
 * @param imageType          of the image being downloaded
 * @param fileVersion        of the image being downloaded
 * @param fileOffset         where in the OTA file the page starts
 * @param maximumDataSize    the most image bytes in each Image Block Response (u8)
 * @param pageSize           how many bytes the whole page covers
 * @param responseSpacing    milliseconds between two Image Block Responses of the page
 * @param requestNodeAddress the client's IEEE address as a 64-bit number, if sent
 */
public record ImagePageRequest(int manufacturerCode, int imageType, long fileVersion, long fileOffset,
        int maximumDataSize, int pageSize, int responseSpacing, OptionalLong requestNodeAddress)
        implements OtaCommand {

    /** FieldControl bit 0: RequestNodeAddress present. */
    public static final int FIELD_CONTROL_REQUEST_NODE_ADDRESS = 0x01;

    public ImagePageRequest {
        Check.u16("ManufacturerCode", manufacturerCode);
        Check.u16("ImageType", imageType);
        Check.u32("FileVersion", fileVersion);
        Check.u32("FileOffset", fileOffset);
        Check.u8("MaximumDataSize", maximumDataSize);
        Check.u16("PageSize", pageSize);
        Check.u16("ResponseSpacing", responseSpacing);
        Check.present("RequestNodeAddress", requestNodeAddress);
    }

    /** A request without RequestNodeAddress (FieldControl 0). */
    public static ImagePageRequest of(int manufacturerCode, int imageType, long fileVersion, long fileOffset,
            int maximumDataSize, int pageSize, int responseSpacing) {
        return new ImagePageRequest(manufacturerCode, imageType, fileVersion, fileOffset, maximumDataSize,
                pageSize, responseSpacing, OptionalLong.empty());
    }

    /** The same request with RequestNodeAddress. */
    public ImagePageRequest withRequestNodeAddress(long ieeeAddress) {
        return new ImagePageRequest(manufacturerCode, imageType, fileVersion, fileOffset, maximumDataSize,
                pageSize, responseSpacing, OptionalLong.of(ieeeAddress));
    }

    /** The FieldControl byte on the air. */
    public int fieldControl() {
        return requestNodeAddress.isPresent() ? FIELD_CONTROL_REQUEST_NODE_ADDRESS : 0;
    }

    @Override
    public OtaCommandType type() {
        return OtaCommandType.IMAGE_PAGE_REQUEST;
    }

    @Override
    public int payloadLength() {
        return requestNodeAddress.isPresent() ? 26 : 18;
    }
}
