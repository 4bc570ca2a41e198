package io.hansim.zigbee.ota;

import io.hansim.zigbee.zcl.ZclHeader.Direction;

/**
 * One command of the OTA Upgrade cluster 0x0019: its payload as an immutable value. The ZCL header
 * around it is in {@link OtaFrame}; bytes go through {@link OtaCodec}.
 *
 * <p>Every record validates its fields when built: integers must fit their wire width (u8, u16,
 * u32), image data is at most 255 bytes, and a status must be one the command may carry. Values that
 * fit the wire but break a rule the state machines must answer (QueryJitter 0, an image type outside
 * the device-specific range) are kept, with a method that says so (zigbee-ota.md §5.5).
 *
 * <p>Optional fields are {@code OptionalInt} / {@code OptionalLong}; the field-control bits and the
 * payload type on the air follow from which of them are present.
 */
public sealed interface OtaCommand
        permits ImageNotify, QueryNextImageRequest, QueryNextImageResponse, ImageBlockRequest,
        ImagePageRequest, ImageBlockResponse, UpgradeEndRequest, UpgradeEndResponse,
        QueryDeviceSpecificFileRequest, QueryDeviceSpecificFileResponse {

    /** Which of the ten commands this is. */
    OtaCommandType type();

    /** The CommandIdentifier on the air (zigbee-ota.md §2, column "ID"). */
    default int commandId() {
        return type().id();
    }

    /** Client→server or server→client (zigbee-ota.md §2, column "Dir"; frame-control bit 3). */
    default Direction direction() {
        return type().direction();
    }

    /** Number of payload bytes on the air (after the ZCL header). */
    int payloadLength();
}
