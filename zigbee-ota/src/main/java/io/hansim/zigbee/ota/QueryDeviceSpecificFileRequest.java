package io.hansim.zigbee.ota;

/**
 * Query Device Specific File Request, command 0x08, client→server (zigbee-ota.md §2 row 0x08): the
 * client asks for a file meant for it alone (security credential, configuration, log, picture).
 *
 * <p>Layout: RequestNodeAddress EUI-64, ManufacturerCode u16, ImageType u16, FileVersion u32,
 * ZigbeeStackVersion u16; 18 bytes. The ImageType must be 0xFFC0..0xFFFE; any u16 is kept so
 * that the server can answer a wrong one, see {@link #isImageTypeValid()}.
 *
 * @param requestNodeAddress the client's IEEE address as a 64-bit number (sent little-endian)
 * @param manufacturerCode   the client's manufacturer
 * @param imageType          the kind of file asked for
 * @param fileVersion        the version of that file the client has
 * @param zigbeeStackVersion the client's stack version (0 2006, 1 2007, 2 PRO, 3 IP)
 */
public record QueryDeviceSpecificFileRequest(long requestNodeAddress, int manufacturerCode, int imageType,
        long fileVersion, int zigbeeStackVersion) implements OtaCommand {

    public QueryDeviceSpecificFileRequest {
        Check.u16("ManufacturerCode", manufacturerCode);
        Check.u16("ImageType", imageType);
        Check.u32("FileVersion", fileVersion);
        Check.u16("ZigbeeStackVersion", zigbeeStackVersion);
    }

    /**
     * Whether ImageType is a device-specific type, 0xFFC0..0xFFFE (zigbee-ota.md §2 row 0x08). A
     * server must answer other values with an error rather than look them up.
     */
    public boolean isImageTypeValid() {
        return imageType >= OtaCluster.DEVICE_SPECIFIC_IMAGE_TYPE_MIN
                && imageType <= OtaCluster.DEVICE_SPECIFIC_IMAGE_TYPE_MAX;
    }

    @Override
    public OtaCommandType type() {
        return OtaCommandType.QUERY_DEVICE_SPECIFIC_FILE_REQUEST;
    }

    @Override
    public int payloadLength() {
        return 18;
    }
}
