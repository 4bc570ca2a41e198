package io.hansim.device.trace;

import io.hansim.device.han.TraceRecord;
import io.hansim.device.han.ApsFrame;
import io.hansim.zigbee.ota.ImageBlockRequest;
import io.hansim.zigbee.ota.ImageBlockResponse;
import io.hansim.zigbee.ota.ImageNotify;
import io.hansim.zigbee.ota.OtaCodec;
import io.hansim.zigbee.ota.OtaCommand;
import io.hansim.zigbee.ota.OtaFrame;
import io.hansim.zigbee.ota.QueryNextImageRequest;
import io.hansim.zigbee.ota.QueryNextImageResponse;
import io.hansim.zigbee.ota.UpgradeEndRequest;
import io.hansim.zigbee.ota.UpgradeEndResponse;
import io.hansim.zigbee.zcl.Bytes;
import io.hansim.zigbee.zcl.GeneralCommandCodec;
import io.hansim.zigbee.zcl.GeneralFrame;
import io.hansim.zigbee.zcl.ReadAttributesResponse;
import io.hansim.zigbee.zcl.ReadAttributesResponse.StatusRecord;
import io.hansim.zigbee.zcl.ZclHeader.Direction;
import io.hansim.zigbee.zcl.ZclStatus;
import io.hansim.zigbee.zcl.ZclValue;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.OptionalLong;

/** A small OTA exchange between a hub (OTA server) and a PPMID (client), as trace records. */
final class TraceFixtures {
    static final long HUB = 0x00000000000000A1L;
    static final long PPMID = 0x0011223344556677L;
    static final int HUB_SHORT = 0x0000;
    static final int PPMID_SHORT = 0x1234;
    static final int MFR = 0x1234;
    static final int IMAGE_TYPE = 0x5678;
    static final long NEW_VERSION = 0x01020304L;
    static final long CURRENT_VERSION = 0x01020300L;

    private TraceFixtures() {
    }

    static ApsFrame toClient(int apsCounter, Bytes zcl) {
        return new ApsFrame(HUB, HUB_SHORT, 1, PPMID, PPMID_SHORT, 1, ApsFrame.PROFILE_SMART_ENERGY, 0x0019,
                apsCounter, zcl);
    }

    static ApsFrame toServer(int apsCounter, Bytes zcl) {
        return new ApsFrame(PPMID, PPMID_SHORT, 1, HUB, HUB_SHORT, 1, ApsFrame.PROFILE_SMART_ENERGY, 0x0019,
                apsCounter, zcl);
    }

    static Bytes ota(int tsn, OtaCommand command) {
        return Bytes.of(OtaCodec.encode(OtaFrame.of(tsn, command)));
    }

    /** Every frame as delivered, in order; the first is a broadcast Image Notify. */
    static List<ApsFrame> otaExchange() {
        List<ApsFrame> frames = new ArrayList<>();
        frames.add(new ApsFrame(HUB, HUB_SHORT, 1, ApsFrame.BROADCAST_EUI64, ApsFrame.BROADCAST_RX_ON_WHEN_IDLE,
                0xFF, ApsFrame.PROFILE_SMART_ENERGY, 0x0019, 1,
                ota(1, ImageNotify.of(100, MFR, IMAGE_TYPE, NEW_VERSION))));
        frames.add(new ApsFrame(HUB, HUB_SHORT, 1, ApsFrame.BROADCAST_EUI64, 0xFFFF, 0xFF,
                ApsFrame.PROFILE_SMART_ENERGY, 0x0019, 2, ota(2, ImageNotify.of(50))));
        frames.add(toServer(3, ota(3, QueryNextImageRequest.of(MFR, IMAGE_TYPE, CURRENT_VERSION))));
        frames.add(toClient(4, ota(3, QueryNextImageResponse.success(MFR, IMAGE_TYPE, NEW_VERSION, 123_456))));
        frames.add(toServer(5, ota(4, ImageBlockRequest.of(MFR, IMAGE_TYPE, NEW_VERSION, 0, 64))));
        frames.add(toServer(6, ota(5, new ImageBlockRequest(MFR, IMAGE_TYPE, NEW_VERSION, 0x40, 64,
                OptionalLong.of(PPMID), OptionalInt.of(100)))));
        byte[] block = new byte[64];
        for (int i = 0; i < block.length; i++) {
            block[i] = (byte) (i * 7);
        }
        frames.add(toClient(7, ota(4, new ImageBlockResponse.Success(MFR, IMAGE_TYPE, NEW_VERSION, 0,
                Bytes.of(block)))));
        frames.add(toClient(8, ota(5, ImageBlockResponse.WaitForData.of(0x2BC8A5C0L, 0x2BC8A5FCL, 1000))));
        frames.add(toServer(9, ota(6, new UpgradeEndRequest(ZclStatus.SUCCESS, MFR, IMAGE_TYPE, NEW_VERSION))));
        frames.add(toClient(10, ota(6, new UpgradeEndResponse(MFR, IMAGE_TYPE, NEW_VERSION, 0, 0))));
        GeneralFrame read = GeneralFrame.of(Direction.CLIENT_TO_SERVER, true, 7, ReadAttributesResponse.of(
                StatusRecord.success(0x0002, ZclValue.uint32(CURRENT_VERSION)),
                StatusRecord.success(0x0006, ZclValue.enum8(1)),
                StatusRecord.failure(0x0009, ZclStatus.UNSUPPORTED_ATTRIBUTE)));
        // Read Attributes Response from the client's attributes, sent client -> server
        frames.add(toServer(11, Bytes.of(GeneralCommandCodec.encode(read))));
        return frames;
    }

    /** Sends, deliveries, a drop and a duplicate of {@link #otaExchange()}, 1 ms apart. */
    static List<TraceRecord> records() {
        List<TraceRecord> records = new ArrayList<>();
        long t = 0;
        for (ApsFrame f : otaExchange()) {
            long receiver = f.isBroadcast() ? PPMID : f.destinationEui64();
            records.add(new TraceRecord(t, TraceRecord.Kind.SEND, TraceRecord.Fate.SENT, f.destinationEui64(), f, ""));
            records.add(new TraceRecord(t + 250, TraceRecord.Kind.DELIVERY, TraceRecord.Fate.DELIVERED, receiver, f,
                    ""));
            t += 1_000;
        }
        ApsFrame last = otaExchange().get(4);
        records.add(new TraceRecord(t, TraceRecord.Kind.DELIVERY, TraceRecord.Fate.DROPPED, HUB, last, "loss"));
        records.add(new TraceRecord(t + 5, TraceRecord.Kind.DELIVERY, TraceRecord.Fate.DUPLICATED, HUB, last, ""));
        return records;
    }
}
