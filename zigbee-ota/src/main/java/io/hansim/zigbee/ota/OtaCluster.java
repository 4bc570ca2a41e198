package io.hansim.zigbee.ota;

/**
 * Constants of the OTA Upgrade cluster that more than one command uses: the cluster id, the
 * wildcards and the reserved image-type ranges (domain/zigbee-ota.md §2).
 */
public final class OtaCluster {

    /** The OTA Upgrade cluster identifier. */
    public static final int CLUSTER_ID = 0x0019;

    /** ManufacturerCode wildcard: matches every manufacturer (zigbee-ota.md §2, "Wildcards"). */
    public static final int MANUFACTURER_CODE_WILDCARD = 0xFFFF;

    /** ImageType wildcard: matches every image type (zigbee-ota.md §2, "Wildcards"). */
    public static final int IMAGE_TYPE_WILDCARD = 0xFFFF;

    /** FileVersion wildcard: matches every file version (zigbee-ota.md §2, "Wildcards"). */
    public static final long FILE_VERSION_WILDCARD = 0xFFFFFFFFL;

    /**
     * UpgradeTime value that tells the client to wait for a further command from the server
     * instead of upgrading at a time (zigbee-ota.md §5.2). It must not be used as a RequestTime.
     */
    public static final long UPGRADE_TIME_WAIT_FOR_UPGRADE_COMMAND = 0xFFFFFFFFL;

    /** Highest manufacturer-specific image type; 0x0000..0xFFBF (zigbee-ota.md §2, "Image types"). */
    public static final int IMAGE_TYPE_MANUFACTURER_SPECIFIC_MAX = 0xFFBF;

    /** Image type of a security credential file, the first device-specific type. */
    public static final int IMAGE_TYPE_SECURITY_CREDENTIAL = 0xFFC0;

    /** Image type of a configuration file. */
    public static final int IMAGE_TYPE_CONFIGURATION = 0xFFC1;

    /** Image type of a log file. */
    public static final int IMAGE_TYPE_LOG = 0xFFC2;

    /** Image type of a picture (ZCL 8 era, unconfirmed when added; zigbee-ota.md §2). */
    public static final int IMAGE_TYPE_PICTURE = 0xFFC3;

    /**
     * Lowest image type a Query Device Specific File Request may ask for (zigbee-ota.md §2 row
     * 0x08: 0xFFC0..0xFFFE).
     */
    public static final int DEVICE_SPECIFIC_IMAGE_TYPE_MIN = 0xFFC0;

    /** Highest image type a Query Device Specific File Request may ask for. */
    public static final int DEVICE_SPECIFIC_IMAGE_TYPE_MAX = 0xFFFE;

    /** Lowest legal QueryJitter in an Image Notify (zigbee-ota.md §5.5). */
    public static final int QUERY_JITTER_MIN = 1;

    /** Highest legal QueryJitter: every client that hears it must query (zigbee-ota.md §5.5). */
    public static final int QUERY_JITTER_MAX = 100;

    /** Most image bytes one Image Block Response carries: DataSize is a u8 (zigbee-ota.md §6). */
    public static final int MAX_DATA_SIZE = 255;

    private OtaCluster() {
    }
}
