package io.hansim.zigbee.ota;

import java.util.OptionalInt;

/**
 * Query Next Image Request, command 0x01, client→server (zigbee-ota.md §2 row 0x01): the client
 * says what it runs and asks whether a newer image is there for it.
 *
 * <p>Layout: FieldControl u8 (bit 0: HardwareVersion present; bits 1–7 reserved), ManufacturerCode
 * u16, ImageType u16, CurrentFileVersion u32, HardwareVersion u16 if bit 0; 9 or 11 bytes. The
 * FieldControl is not stored: {@link #fieldControl()} derives it from {@link #hardwareVersion()}.
 *
 * @param manufacturerCode   the client's manufacturer
 * @param imageType          the image type the client runs
 * @param currentFileVersion the file version the client runs
 * @param hardwareVersion    the client's hardware version, (version &lt;&lt; 8) | revision, if sent
 */
public record QueryNextImageRequest(int manufacturerCode, int imageType, long currentFileVersion,
        OptionalInt hardwareVersion) implements OtaCommand {

    /** FieldControl bit 0: HardwareVersion present. */
    public static final int FIELD_CONTROL_HARDWARE_VERSION = 0x01;

    public QueryNextImageRequest {
        Check.u16("ManufacturerCode", manufacturerCode);
        Check.u16("ImageType", imageType);
        Check.u32("CurrentFileVersion", currentFileVersion);
        Check.u16("HardwareVersion", hardwareVersion);
    }

    /** Without a hardware version. */
    public static QueryNextImageRequest of(int manufacturerCode, int imageType, long currentFileVersion) {
        return new QueryNextImageRequest(manufacturerCode, imageType, currentFileVersion, OptionalInt.empty());
    }

    /** The same request with a hardware version. */
    public QueryNextImageRequest withHardwareVersion(int version) {
        return new QueryNextImageRequest(manufacturerCode, imageType, currentFileVersion, OptionalInt.of(version));
    }

    /** The FieldControl byte on the air. */
    public int fieldControl() {
        return hardwareVersion.isPresent() ? FIELD_CONTROL_HARDWARE_VERSION : 0;
    }

    @Override
    public OtaCommandType type() {
        return OtaCommandType.QUERY_NEXT_IMAGE_REQUEST;
    }

    @Override
    public int payloadLength() {
        return hardwareVersion.isPresent() ? 11 : 9;
    }
}
