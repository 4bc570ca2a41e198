package io.hansim.device.role;

import io.hansim.zigbee.zcl.Bytes;
import java.util.Objects;

/**
 * A firmware alert a meter raises about its own firmware (requirements G.7, gbcs.md §8.2, §8.3): the
 * Firmware Distribution Receipt Alert — 0x00CE in the DLMS form an ESME sends, 0x00CF in the GBZ form
 * a GSME sends — with its alert code and the hash the device calculated over the Manufacturer Image.
 *
 * @param device      the EUI-64 (= GBCS entity id) of the device that raised it
 * @param messageCode 0x00CE (ESME) or 0x00CF (GSME): which form the CH puts it in
 * @param alertCode   0x8F72, 0x8F1C, 0x8F1B or 0x8F43
 * @param utcTime     ZCL UTCTime (seconds since 2000-01-01) of the device's own clock when it was raised
 * @param hash        the 32-byte SHA-256 the device calculated (G.6)
 */
public record FirmwareAlert(long device, int messageCode, int alertCode, long utcTime, Bytes hash) {
    /** Firmware Distribution Receipt Alert, DLMS form: ESME (and CH) (gbcs.md §8.2). */
    public static final int ESME_RECEIPT = 0x00CE;
    /** Firmware Distribution Receipt Alert, GBZ form: GSME (gbcs.md §8.2). */
    public static final int GSME_RECEIPT = 0x00CF;

    /** Firmware verification successful (gbcs.md §8.3). */
    public static final int VERIFICATION_SUCCESSFUL = 0x8F72;
    /** Firmware verification failed. */
    public static final int VERIFICATION_FAILED = 0x8F1C;
    /** Firmware verification failed at power-on: the image held no longer verifies. */
    public static final int VERIFICATION_FAILED_AT_POWER_ON = 0x8F1B;
    /** Change in the executing firmware version. */
    public static final int EXECUTING_VERSION_CHANGED = 0x8F43;

    public FirmwareAlert {
        if (messageCode != ESME_RECEIPT && messageCode != GSME_RECEIPT) {
            throw new IllegalArgumentException(String.format("message code 0x%04X is neither 0x00CE nor 0x00CF",
                    messageCode));
        }
        Objects.requireNonNull(hash, "hash");
        if (hash.length() != 32) {
            throw new IllegalArgumentException("the calculated hash is 32 bytes, not " + hash.length());
        }
    }
}
