package io.hansim.zigbee.ota;

import io.hansim.zigbee.zcl.Bytes;
import io.hansim.zigbee.zcl.ZclStatus;

import java.util.OptionalInt;

/**
 * Image Block Response, command 0x05, server→client (zigbee-ota.md §2 row 0x05 and the table of
 * its forms): the server's answer to an {@link ImageBlockRequest}, or one block of an
 * {@link ImagePageRequest}. The Status byte chooses one of three layouts, so the command is one of
 * three records:
 *
 * <ul>
 *   <li>{@link Success} (SUCCESS 0x00): a block of image data, 14 + DataSize bytes;
 *   <li>{@link WaitForData} (WAIT_FOR_DATA 0x97): come back later, 11 bytes, or 9 bytes from older
 *       servers that omit MinimumBlockPeriod;
 *   <li>{@link StatusOnly}: the status byte alone, 1 byte. ABORT 0x95 is the spec's; real servers
 *       also send NO_IMAGE_AVAILABLE (Silicon Labs' client treats it as an abort) and
 *       MALFORMED_COMMAND (zigpy, offset past the end) this way (zigbee-ota.md §3).
 * </ul>
 */
public sealed interface ImageBlockResponse extends OtaCommand
        permits ImageBlockResponse.Success, ImageBlockResponse.WaitForData, ImageBlockResponse.StatusOnly {

    /** The Status byte, first in every form. */
    ZclStatus status();

    @Override
    default OtaCommandType type() {
        return OtaCommandType.IMAGE_BLOCK_RESPONSE;
    }

    /**
     * SUCCESS form (zigbee-ota.md §2, Image Block Response forms, row SUCCESS): Status 0x00,
     * ManufacturerCode u16, ImageType u16, FileVersion u32, FileOffset u32, DataSize u8,
     * ImageData[DataSize]. DataSize is not stored: it is {@code imageData.length()}.
     *
     * @param manufacturerCode of the image
     * @param imageType        of the image
     * @param fileVersion      of the image
     * @param fileOffset       where in the OTA file {@code imageData} starts
     * @param imageData        the block, 0..255 bytes (it should not exceed the request's
     *                         MaximumDataSize; that is the server's rule, not the codec's)
     */
    record Success(int manufacturerCode, int imageType, long fileVersion, long fileOffset, Bytes imageData)
            implements ImageBlockResponse {

        public Success {
            Check.u16("ManufacturerCode", manufacturerCode);
            Check.u16("ImageType", imageType);
            Check.u32("FileVersion", fileVersion);
            Check.u32("FileOffset", fileOffset);
            Check.present("ImageData", imageData);
            if (imageData.length() > OtaCluster.MAX_DATA_SIZE) {
                throw new IllegalArgumentException(
                        "ImageData is at most 255 bytes (DataSize is a u8): " + imageData.length());
            }
        }

        /** Copies {@code imageData}. */
        public Success(int manufacturerCode, int imageType, long fileVersion, long fileOffset, byte[] imageData) {
            this(manufacturerCode, imageType, fileVersion, fileOffset, Bytes.of(imageData));
        }

        /** The DataSize byte on the air. */
        public int dataSize() {
            return imageData.length();
        }

        @Override
        public ZclStatus status() {
            return ZclStatus.SUCCESS;
        }

        @Override
        public int payloadLength() {
            return 14 + imageData.length();
        }
    }

    /**
     * WAIT_FOR_DATA form (zigbee-ota.md §2, Image Block Response forms, row WAIT_FOR_DATA; §5.3):
     * Status 0x97, CurrentTime u32, RequestTime u32, MinimumBlockPeriod u16. The client asks again
     * after RequestTime − CurrentTime seconds and adopts the MinimumBlockPeriod. Older servers
     * (09-5264, where the field is BlockRequestDelay) omit MinimumBlockPeriod: then it is empty
     * here and the payload is 9 bytes, so both forms re-encode byte for byte.
     *
     * @param currentTime        the server's UTCTime now, or 0 when RequestTime is relative
     * @param requestTime        when to ask again: UTCTime, or seconds from now if CurrentTime is 0
     * @param minimumBlockPeriod the pacing the client must adopt; empty in the 9-byte form
     */
    record WaitForData(long currentTime, long requestTime, OptionalInt minimumBlockPeriod)
            implements ImageBlockResponse {

        public WaitForData {
            Check.u32("CurrentTime", currentTime);
            Check.u32("RequestTime", requestTime);
            Check.u16("MinimumBlockPeriod", minimumBlockPeriod);
        }

        /** The 11-byte form. */
        public static WaitForData of(long currentTime, long requestTime, int minimumBlockPeriod) {
            return new WaitForData(currentTime, requestTime, OptionalInt.of(minimumBlockPeriod));
        }

        /** The older 9-byte form without MinimumBlockPeriod. */
        public static WaitForData withoutMinimumBlockPeriod(long currentTime, long requestTime) {
            return new WaitForData(currentTime, requestTime, OptionalInt.empty());
        }

        @Override
        public ZclStatus status() {
            return ZclStatus.WAIT_FOR_DATA;
        }

        @Override
        public int payloadLength() {
            return minimumBlockPeriod.isPresent() ? 11 : 9;
        }
    }

    /**
     * Status-only form (zigbee-ota.md §2 row ABORT, §3): the Status byte and nothing else. The
     * client stops the download.
     *
     * @param status ABORT, NO_IMAGE_AVAILABLE or MALFORMED_COMMAND
     */
    record StatusOnly(ZclStatus status) implements ImageBlockResponse {

        /** The spec's status-only response. */
        public static final StatusOnly ABORT = new StatusOnly(ZclStatus.ABORT);

        public StatusOnly {
            Check.status("Status", status);
            if (!isAllowed(status)) {
                throw new IllegalArgumentException(
                        "Status " + status + " is not allowed in a status-only Image Block Response");
            }
        }

        /** ABORT, NO_IMAGE_AVAILABLE and MALFORMED_COMMAND (zigbee-ota.md §3). */
        public static boolean isAllowed(ZclStatus status) {
            return status == ZclStatus.ABORT || status == ZclStatus.NO_IMAGE_AVAILABLE
                    || status == ZclStatus.MALFORMED_COMMAND;
        }

        @Override
        public int payloadLength() {
            return 1;
        }
    }
}
