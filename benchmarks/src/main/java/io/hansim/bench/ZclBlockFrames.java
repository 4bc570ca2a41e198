package io.hansim.bench;

import com.zsmartsystems.zigbee.serialization.DefaultDeserializer;
import com.zsmartsystems.zigbee.serialization.DefaultSerializer;
import com.zsmartsystems.zigbee.zcl.ZclFieldDeserializer;
import com.zsmartsystems.zigbee.zcl.ZclFieldSerializer;
import com.zsmartsystems.zigbee.zcl.ZclFrameType;
import com.zsmartsystems.zigbee.zcl.ZclHeader;
import com.zsmartsystems.zigbee.zcl.ZclStatus;
import com.zsmartsystems.zigbee.zcl.clusters.otaupgrade.ImageBlockCommand;
import com.zsmartsystems.zigbee.zcl.clusters.otaupgrade.ImageBlockResponse;
import com.zsmartsystems.zigbee.zcl.clusters.otaupgrade.ZclOtaUpgradeCommand;
import com.zsmartsystems.zigbee.zcl.field.ByteArray;
import com.zsmartsystems.zigbee.zcl.protocol.ZclCommandDirection;
import io.hansim.zigbee.ota.ImageBlockRequest;
import io.hansim.zigbee.ota.OtaCodec;
import io.hansim.zigbee.ota.OtaFrame;

/**
 * The two frames of the block loop (zigbee-ota.md §2 rows 0x03 and 0x05), whole ZCL frames, in both
 * libraries' forms, and the two libraries' frame encode/decode paths. Shared by the benchmark and
 * its sanity test, so the test proves the benchmark measures equivalent work.
 */
public final class ZclBlockFrames {
    /** A 64-byte block, as a GB PPMID asks for (R7.x profile, MaximumDataSize 64). */
    public static final int DATA_SIZE = 64;
    static final int MANUFACTURER = 0x1234;
    static final int IMAGE_TYPE = 0x0084;
    static final long FILE_VERSION = 0x0100_0002L;
    static final long FILE_OFFSET = 0x0001_2340L;
    static final int SEQUENCE = 0x5A;

    private ZclBlockFrames() {
    }

    /** Our Image Block Request record (no optional fields). */
    public static ImageBlockRequest ourRequest() {
        return ImageBlockRequest.of(MANUFACTURER, IMAGE_TYPE, FILE_VERSION, FILE_OFFSET, DATA_SIZE);
    }

    /** Our Image Block Response SUCCESS record with {@link #DATA_SIZE} bytes of data. */
    public static io.hansim.zigbee.ota.ImageBlockResponse.Success ourResponse() {
        return new io.hansim.zigbee.ota.ImageBlockResponse.Success(MANUFACTURER, IMAGE_TYPE, FILE_VERSION,
                FILE_OFFSET, data());
    }

    static byte[] data() {
        byte[] d = new byte[DATA_SIZE];
        for (int i = 0; i < d.length; i++) {
            d[i] = (byte) (i * 7 + 3);
        }
        return d;
    }

    /** The request frame as it travels (our encoder; the test checks the peer's bytes are equal). */
    public static byte[] requestWire() {
        return OtaCodec.encode(OtaFrame.of(SEQUENCE, ourRequest()));
    }

    /** The response frame as it travels. */
    public static byte[] responseWire() {
        return OtaCodec.encode(OtaFrame.of(SEQUENCE, ourResponse()));
    }

    /** zsmartsystems works on {@code int[]} octets; converting is the caller's job, done once in set-up. */
    public static int[] toInts(byte[] b) {
        int[] out = new int[b.length];
        for (int i = 0; i < b.length; i++) {
            out[i] = b[i] & 0xFF;
        }
        return out;
    }

    public static byte[] toBytes(int[] b) {
        byte[] out = new byte[b.length];
        for (int i = 0; i < b.length; i++) {
            out[i] = (byte) b[i];
        }
        return out;
    }

    /** The peer's request command object. */
    public static ImageBlockCommand peerRequest() {
        ImageBlockCommand c = new ImageBlockCommand();
        c.setFieldControl(0);
        c.setManufacturerCode(MANUFACTURER);
        c.setImageType(IMAGE_TYPE);
        c.setFileVersion((int) FILE_VERSION);
        c.setFileOffset((int) FILE_OFFSET);
        c.setMaximumDataSize(DATA_SIZE);
        c.setTransactionId(SEQUENCE);
        return c;
    }

    /** The peer's response command object. */
    public static ImageBlockResponse peerResponse() {
        ImageBlockResponse r = new ImageBlockResponse(ZclStatus.SUCCESS, MANUFACTURER, IMAGE_TYPE,
                (int) FILE_VERSION, (int) FILE_OFFSET, new ByteArray(data()));
        r.setTransactionId(SEQUENCE);
        r.setDisableDefaultResponse(true);
        return r;
    }

    /**
     * The peer's whole-frame decode, as its network manager does it: a deserializer over the octets,
     * the ZCL header, then the command object chosen by the command id.
     */
    public static ZclOtaUpgradeCommand peerDecode(int[] frame) {
        ZclFieldDeserializer in = new ZclFieldDeserializer(new DefaultDeserializer(frame));
        ZclHeader header = new ZclHeader(in);
        ZclOtaUpgradeCommand command = header.getCommandId() == ImageBlockCommand.COMMAND_ID
                ? new ImageBlockCommand() : new ImageBlockResponse();
        command.deserialize(in);
        command.setTransactionId(header.getSequenceNumber());
        command.setCommandDirection(header.getDirection());
        command.setDisableDefaultResponse(header.isDisableDefaultResponse());
        return command;
    }

    /** The peer's whole-frame encode: the command's fields, then the header in front of them. */
    public static int[] peerEncode(ZclOtaUpgradeCommand command, ZclCommandDirection direction) {
        ZclFieldSerializer fields = new ZclFieldSerializer(new DefaultSerializer());
        command.serialize(fields);
        ZclHeader header = new ZclHeader();
        header.setFrameType(ZclFrameType.CLUSTER_SPECIFIC_COMMAND);
        header.setDirection(direction);
        header.setDisableDefaultResponse(command.isDisableDefaultResponse());
        header.setCommandId(command.getCommandId());
        header.setSequenceNumber(command.getTransactionId());
        return header.serialize(new ZclFieldSerializer(new DefaultSerializer()), fields.getPayload());
    }
}
