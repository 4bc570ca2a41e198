package io.hansim.zigbee.ota;

import io.hansim.zigbee.zcl.ZclHeader.Direction;

/**
 * The ten commands of the OTA Upgrade cluster with their command identifier and the direction
 * they travel in (zigbee-ota.md §2, columns "ID" and "Dir").
 */
public enum OtaCommandType {
    IMAGE_NOTIFY(0x00, "Image Notify", Direction.SERVER_TO_CLIENT),
    QUERY_NEXT_IMAGE_REQUEST(0x01, "Query Next Image Request", Direction.CLIENT_TO_SERVER),
    QUERY_NEXT_IMAGE_RESPONSE(0x02, "Query Next Image Response", Direction.SERVER_TO_CLIENT),
    IMAGE_BLOCK_REQUEST(0x03, "Image Block Request", Direction.CLIENT_TO_SERVER),
    IMAGE_PAGE_REQUEST(0x04, "Image Page Request", Direction.CLIENT_TO_SERVER),
    IMAGE_BLOCK_RESPONSE(0x05, "Image Block Response", Direction.SERVER_TO_CLIENT),
    UPGRADE_END_REQUEST(0x06, "Upgrade End Request", Direction.CLIENT_TO_SERVER),
    UPGRADE_END_RESPONSE(0x07, "Upgrade End Response", Direction.SERVER_TO_CLIENT),
    QUERY_DEVICE_SPECIFIC_FILE_REQUEST(0x08, "Query Device Specific File Request", Direction.CLIENT_TO_SERVER),
    QUERY_DEVICE_SPECIFIC_FILE_RESPONSE(0x09, "Query Device Specific File Response", Direction.SERVER_TO_CLIENT);

    // Command ids are 0x00..0x09 in order, so the ordinal is the id.
    private static final OtaCommandType[] BY_ID = values();

    private final int id;
    private final String specName;
    private final Direction direction;

    OtaCommandType(int id, String specName, Direction direction) {
        this.id = id;
        this.specName = specName;
        this.direction = direction;
    }

    /** The CommandIdentifier on the air. */
    public int id() {
        return id;
    }

    /** The command's name as the specification writes it, e.g. {@code "Image Block Request"}. */
    public String specName() {
        return specName;
    }

    /** The only direction this command may travel in (frame-control bit 3). */
    public Direction direction() {
        return direction;
    }

    /** The command with this identifier, or {@code null} for 0x0A..0xFF (not defined). */
    public static OtaCommandType fromId(int id) {
        return id >= 0 && id < BY_ID.length ? BY_ID[id] : null;
    }
}
