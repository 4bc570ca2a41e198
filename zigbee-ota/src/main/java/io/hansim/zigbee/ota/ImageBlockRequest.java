package io.hansim.zigbee.ota;

import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * Image Block Request, command 0x03, client→server (zigbee-ota.md §2 row 0x03): the client asks
 * for the bytes of the image starting at FileOffset, at most MaximumDataSize of them.
 *
 * <p>Layout: FieldControl u8 (bit 0: RequestNodeAddress present, bit 1: MinimumBlockPeriod
 * present, bits 2–7 reserved), ManufacturerCode u16, ImageType u16, FileVersion u32, FileOffset
 * u32, MaximumDataSize u8, then RequestNodeAddress EUI-64 if bit 0, then MinimumBlockPeriod u16 if
 * bit 1; 14, 16, 22 or 24 bytes. {@link #fieldControl()} derives the bits from the optional fields.
 *
 * @param manufacturerCode   of the image being downloaded
 * @param imageType          of the image being downloaded
 * @param fileVersion        of the image being downloaded
 * @param fileOffset         where in the OTA file the requested block starts
 * @param maximumDataSize    the most image bytes the client accepts in the response (u8)
 * @param requestNodeAddress the client's IEEE address as a 64-bit number (0x0011223344556677 is sent
 *                           as 77 66 ... 00), if sent
 * @param minimumBlockPeriod the client's current MinimumBlockPeriod attribute, if sent (its unit
 *                           depends on the cluster revision, zigbee-ota.md §5.4)
 */
public record ImageBlockRequest(int manufacturerCode, int imageType, long fileVersion, long fileOffset,
        int maximumDataSize, OptionalLong requestNodeAddress, OptionalInt minimumBlockPeriod)
        implements OtaCommand {

    /** FieldControl bit 0: RequestNodeAddress present. */
    public static final int FIELD_CONTROL_REQUEST_NODE_ADDRESS = 0x01;
    /** FieldControl bit 1: MinimumBlockPeriod present. */
    public static final int FIELD_CONTROL_MINIMUM_BLOCK_PERIOD = 0x02;

    public ImageBlockRequest {
        Check.u16("ManufacturerCode", manufacturerCode);
        Check.u16("ImageType", imageType);
        Check.u32("FileVersion", fileVersion);
        Check.u32("FileOffset", fileOffset);
        Check.u8("MaximumDataSize", maximumDataSize);
        Check.present("RequestNodeAddress", requestNodeAddress);
        Check.u16("MinimumBlockPeriod", minimumBlockPeriod);
    }

    /** A request without the optional fields (FieldControl 0). */
    public static ImageBlockRequest of(int manufacturerCode, int imageType, long fileVersion, long fileOffset,
            int maximumDataSize) {
        return new ImageBlockRequest(manufacturerCode, imageType, fileVersion, fileOffset, maximumDataSize,
                OptionalLong.empty(), OptionalInt.empty());
    }

    /** The same request with RequestNodeAddress. */
    public ImageBlockRequest withRequestNodeAddress(long ieeeAddress) {
        return new ImageBlockRequest(manufacturerCode, imageType, fileVersion, fileOffset, maximumDataSize,
                OptionalLong.of(ieeeAddress), minimumBlockPeriod);
    }

    /** The same request with MinimumBlockPeriod. */
    public ImageBlockRequest withMinimumBlockPeriod(int period) {
        return new ImageBlockRequest(manufacturerCode, imageType, fileVersion, fileOffset, maximumDataSize,
                requestNodeAddress, OptionalInt.of(period));
    }

    /** The FieldControl byte on the air. */
    public int fieldControl() {
        return (requestNodeAddress.isPresent() ? FIELD_CONTROL_REQUEST_NODE_ADDRESS : 0)
                | (minimumBlockPeriod.isPresent() ? FIELD_CONTROL_MINIMUM_BLOCK_PERIOD : 0);
    }

    @Override
    public OtaCommandType type() {
        return OtaCommandType.IMAGE_BLOCK_REQUEST;
    }

    @Override
    public int payloadLength() {
        return 14 + (requestNodeAddress.isPresent() ? 8 : 0) + (minimumBlockPeriod.isPresent() ? 2 : 0);
    }
}
