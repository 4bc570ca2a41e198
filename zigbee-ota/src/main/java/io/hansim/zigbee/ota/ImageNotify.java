package io.hansim.zigbee.ota;

import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * Image Notify, command 0x00, server→client (zigbee-ota.md §2 row 0x00): the server tells one
 * client, or every client of a broadcast, that an image is ready, and how eagerly to ask for it.
 *
 * <p>Layout: PayloadType u8 (0..3), QueryJitter u8, then ManufacturerCode u16 if PayloadType ≥ 1,
 * ImageType u16 if ≥ 2, NewFileVersion u32 if 3; 2, 4, 6 or 10 bytes. Here the PayloadType is not
 * stored but follows from which optional fields are present, and each needs the one before it.
 *
 * @param queryJitter      1..100 by the rules (zigbee-ota.md §5.5); any u8 is kept so that a client
 *                         can answer an illegal value, see {@link #isQueryJitterValid()}
 * @param manufacturerCode present when PayloadType ≥ 1
 * @param imageType        present when PayloadType ≥ 2
 * @param newFileVersion   present when PayloadType = 3
 */
public record ImageNotify(int queryJitter, OptionalInt manufacturerCode, OptionalInt imageType,
        OptionalLong newFileVersion) implements OtaCommand {

    /** PayloadType 0: QueryJitter only. */
    public static final int PAYLOAD_TYPE_JITTER = 0;
    /** PayloadType 1: QueryJitter and ManufacturerCode. */
    public static final int PAYLOAD_TYPE_JITTER_MANUFACTURER = 1;
    /** PayloadType 2: QueryJitter, ManufacturerCode and ImageType. */
    public static final int PAYLOAD_TYPE_JITTER_MANUFACTURER_IMAGE_TYPE = 2;
    /** PayloadType 3: QueryJitter, ManufacturerCode, ImageType and NewFileVersion. */
    public static final int PAYLOAD_TYPE_JITTER_MANUFACTURER_IMAGE_TYPE_VERSION = 3;

    public ImageNotify {
        Check.u8("QueryJitter", queryJitter);
        Check.u16("ManufacturerCode", manufacturerCode);
        Check.u16("ImageType", imageType);
        Check.u32("NewFileVersion", newFileVersion);
        // The payload types nest (zigbee-ota.md §2): a field can only be there if the ones before are.
        if (imageType.isPresent() && manufacturerCode.isEmpty()) {
            throw new IllegalArgumentException("ImageType needs ManufacturerCode (PayloadType ≥ 2 includes 1)");
        }
        if (newFileVersion.isPresent() && imageType.isEmpty()) {
            throw new IllegalArgumentException("NewFileVersion needs ImageType (PayloadType 3 includes 2)");
        }
    }

    /** PayloadType 0. */
    public static ImageNotify of(int queryJitter) {
        return new ImageNotify(queryJitter, OptionalInt.empty(), OptionalInt.empty(), OptionalLong.empty());
    }

    /** PayloadType 1. */
    public static ImageNotify of(int queryJitter, int manufacturerCode) {
        return new ImageNotify(queryJitter, OptionalInt.of(manufacturerCode), OptionalInt.empty(),
                OptionalLong.empty());
    }

    /** PayloadType 2. */
    public static ImageNotify of(int queryJitter, int manufacturerCode, int imageType) {
        return new ImageNotify(queryJitter, OptionalInt.of(manufacturerCode), OptionalInt.of(imageType),
                OptionalLong.empty());
    }

    /** PayloadType 3. */
    public static ImageNotify of(int queryJitter, int manufacturerCode, int imageType, long newFileVersion) {
        return new ImageNotify(queryJitter, OptionalInt.of(manufacturerCode), OptionalInt.of(imageType),
                OptionalLong.of(newFileVersion));
    }

    /** The PayloadType on the air, 0..3, from which optional fields are present. */
    public int payloadType() {
        if (newFileVersion.isPresent()) {
            return PAYLOAD_TYPE_JITTER_MANUFACTURER_IMAGE_TYPE_VERSION;
        }
        if (imageType.isPresent()) {
            return PAYLOAD_TYPE_JITTER_MANUFACTURER_IMAGE_TYPE;
        }
        return manufacturerCode.isPresent() ? PAYLOAD_TYPE_JITTER_MANUFACTURER : PAYLOAD_TYPE_JITTER;
    }

    /**
     * Whether QueryJitter is within 1..100 (zigbee-ota.md §5.5, §9 #18). A client must not act on
     * an illegal jitter as if it were legal; the decoder keeps it so the client can decide.
     */
    public boolean isQueryJitterValid() {
        return queryJitter >= OtaCluster.QUERY_JITTER_MIN && queryJitter <= OtaCluster.QUERY_JITTER_MAX;
    }

    @Override
    public OtaCommandType type() {
        return OtaCommandType.IMAGE_NOTIFY;
    }

    @Override
    public int payloadLength() {
        return switch (payloadType()) {
            case PAYLOAD_TYPE_JITTER -> 2;
            case PAYLOAD_TYPE_JITTER_MANUFACTURER -> 4;
            case PAYLOAD_TYPE_JITTER_MANUFACTURER_IMAGE_TYPE -> 6;
            default -> 10;
        };
    }
}
