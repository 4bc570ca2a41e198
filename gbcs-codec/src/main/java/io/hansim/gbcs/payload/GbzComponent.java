package io.hansim.gbcs.payload;

import io.hansim.gbcs.ByteString;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * One GBZ component (gbcs.md §5): Extended Header Control, cluster id (2, big-endian), the Extended
 * Header GBZ Command Length (2, big-endian), optional From Date Time (4, big-endian, control bit 0x10),
 * then the ZCL frame. The length counts every byte after it in the component, so the From Date Time
 * when present <em>and</em> the ZCL frame: RTDS GCS05 and GCS15d (corpora.md §5.1) carry
 * {@code 10 0705 000B 00000000 0102…} (4 + 7 bytes), as Wireshark's {@code packet-gbcs.c} and
 * gbcs-parser's {@code zigbee.ts} read it (docs/decisions/0012).
 * An encrypted component (bit 0x02, gbcs.md §4.3) keeps its frame raw but must be framed as Additional
 * Header Control (1), Additional Frame Counter (1), ZCL header (3), ciphered length (2, big-endian),
 * ciphered block.
 *
 * @param control the Extended Header Control byte
 * @param cluster the Zigbee cluster id
 * @param fromDateTime present exactly when control bit 0x10 is set
 * @param zcl the ZCL frame bytes (frame control, TSN, command, payload little-endian)
 */
public record GbzComponent(int control, int cluster, OptionalLong fromDateTime, ByteString zcl) {

    public static final int LAST = 0x01;
    public static final int ENCRYPTED = 0x02;
    public static final int FROM_DATE_TIME = 0x10;
    /** Bytes before the ciphered block of an encrypted component (gbcs.md §4.3). */
    public static final int ENCRYPTED_HEADER = 7;
    /** Size of the From Date Time (UTCTime, big-endian). */
    public static final int FROM_DATE_TIME_SIZE = 4;

    public GbzComponent {
        Objects.requireNonNull(fromDateTime, "fromDateTime");
        Objects.requireNonNull(zcl, "zcl");
        if (control < 0 || control > 0xFF || cluster < 0 || cluster > 0xFFFF
                || zcl.length() + (fromDateTime.isPresent() ? FROM_DATE_TIME_SIZE : 0) > 0xFFFF) {
            throw new IllegalArgumentException("GBZ component field out of range");
        }
        if (((control & FROM_DATE_TIME) != 0) != fromDateTime.isPresent()) {
            throw new IllegalArgumentException("From Date Time present exactly when control bit 0x10 is set");
        }
        if (fromDateTime.isPresent() && (fromDateTime.getAsLong() < 0 || fromDateTime.getAsLong() > 0xFFFFFFFFL)) {
            throw new IllegalArgumentException("From Date Time is 4 bytes");
        }
        if ((control & ENCRYPTED) != 0 && encryptedFramingError(zcl) != null) {
            throw new IllegalArgumentException(encryptedFramingError(zcl));
        }
    }

    static String encryptedFramingError(ByteString zcl) {
        if (zcl.length() < ENCRYPTED_HEADER) {
            return "encrypted component shorter than its 7-byte header";
        }
        int ciphered = ((zcl.get(5) & 0xFF) << 8) | (zcl.get(6) & 0xFF);
        if (ciphered != zcl.length() - ENCRYPTED_HEADER) {
            return "ciphered length " + ciphered + " but " + (zcl.length() - ENCRYPTED_HEADER) + " bytes follow";
        }
        return null;
    }

    public boolean isLast() {
        return (control & LAST) != 0;
    }

    public boolean isEncrypted() {
        return (control & ENCRYPTED) != 0;
    }

    /** ZCL frame control byte (of the clear ZCL header when encrypted). */
    public int frameControl() {
        return zcl.get(isEncrypted() ? 2 : 0) & 0xFF;
    }

    /** ZCL command id (of the clear ZCL header when encrypted). */
    public int commandId() {
        return zcl.get(isEncrypted() ? 4 : 2) & 0xFF;
    }

    /** The ZCL payload after frame control, TSN and command (not for encrypted components). */
    public ByteString zclPayload() {
        if (isEncrypted()) {
            throw new IllegalStateException("encrypted component");
        }
        return ByteString.copyOf(zcl.toByteArray(), 3, zcl.length() - 3);
    }

    /** The ciphered block {@code 31 ‖ IC ‖ ciphertext ‖ tag} of an encrypted component (gbcs.md §4.3). */
    public ByteString cipheredBlock() {
        if (!isEncrypted()) {
            throw new IllegalStateException("not encrypted");
        }
        return ByteString.copyOf(zcl.toByteArray(), ENCRYPTED_HEADER, zcl.length() - ENCRYPTED_HEADER);
    }

    /** The Extended Header GBZ Command Length: From Date Time (when present) plus the ZCL frame. */
    public int lengthField() {
        return (fromDateTime.isPresent() ? FROM_DATE_TIME_SIZE : 0) + zcl.length();
    }

    void encodeTo(Out out) {
        out.u8(control).u16(cluster).u16(lengthField());
        if (fromDateTime.isPresent()) {
            out.u32(fromDateTime.getAsLong());
        }
        out.bytes(zcl);
    }

    static GbzComponent read(In in, int index) {
        String f = "GBZ component " + index;
        int control = in.u8(f + " extended header control");
        int cluster = in.u16(f + " cluster id");
        int lengthAt = in.pos;
        int length = in.u16(f + " length");
        int follow = in.end - in.pos;
        if (follow < length) {
            in.pos = lengthAt;
            throw in.error(f + " length", "length " + length + " but " + follow + " bytes follow");
        }
        OptionalLong from = OptionalLong.empty();
        if ((control & FROM_DATE_TIME) != 0) {
            // The length covers the From Date Time too (see the class comment).
            if (length < FROM_DATE_TIME_SIZE) {
                in.pos = lengthAt;
                throw in.error(f + " length", "length " + length + " does not cover the 4-byte From Date Time"
                        + " that control bit 0x10 announces");
            }
            from = OptionalLong.of(in.u32(f + " from date time"));
            length -= FROM_DATE_TIME_SIZE;
        }
        int zclAt = in.pos;
        ByteString zcl = in.bytes(length, f + " ZCL frame");
        if ((control & ENCRYPTED) != 0) {
            String err = encryptedFramingError(zcl);
            if (err != null) {
                in.pos = zclAt;
                throw in.error(f + " encrypted frame", err);
            }
        } else if (length < 3) {
            in.pos = zclAt;
            throw in.error(f + " ZCL frame", "a ZCL frame has at least frame control, TSN and command");
        }
        return new GbzComponent(control, cluster, from, zcl);
    }
}
