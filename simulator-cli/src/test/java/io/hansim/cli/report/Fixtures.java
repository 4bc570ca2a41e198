package io.hansim.cli.report;

import io.hansim.device.han.ApsFrame;
import io.hansim.device.han.TraceRecord;
import io.hansim.zigbee.ota.ImageBlockRequest;
import io.hansim.zigbee.ota.ImageBlockResponse;
import io.hansim.zigbee.ota.OtaCodec;
import io.hansim.zigbee.zcl.Bytes;
import io.hansim.zigbee.zcl.DefaultResponse;
import io.hansim.zigbee.zcl.GeneralCommandCodec;
import io.hansim.zigbee.zcl.GeneralFrame;
import io.hansim.zigbee.zcl.ReadAttributes;
import io.hansim.zigbee.zcl.ZclHeader.Direction;
import io.hansim.zigbee.zcl.ZclStatus;
import java.util.ArrayList;
import java.util.List;

/** Frames, traces and reports the report tests share. */
final class Fixtures {
    static final long HUB = 0x0011223344556677L;
    static final long PPMID = 0x00000000000000A1L;
    static final String NASTY = "<b>&\"'</b>";

    private Fixtures() {
    }

    static byte[] blockRequest(long offset, int size) {
        return OtaCodec.encode(1, ImageBlockRequest.of(0x1234, 0x0001, 2, offset, size));
    }

    static byte[] blockResponse(long offset, int size) {
        return OtaCodec.encode(1, new ImageBlockResponse.Success(0x1234, 0x0001, 2, offset, new byte[size]));
    }

    static byte[] defaultResponse(ZclStatus status) {
        return GeneralCommandCodec.encode(GeneralFrame.of(Direction.SERVER_TO_CLIENT, true, 7,
                new DefaultResponse(0x03, status)));
    }

    static byte[] readAttributes(int... ids) {
        return GeneralCommandCodec.encode(GeneralFrame.of(Direction.CLIENT_TO_SERVER, false, 9,
                ReadAttributes.of(ids)));
    }

    static ApsFrame frame(long from, long to, int cluster, byte[] zcl) {
        return new ApsFrame(from, from == HUB ? 0 : 0x1234, 1, to, to == HUB ? 0 : 0x1234, 1,
                ApsFrame.PROFILE_SMART_ENERGY, cluster, 1, Bytes.of(zcl));
    }

    static TraceRecord delivery(long t, long from, long to, int cluster, byte[] zcl, TraceRecord.Fate fate,
            String detail) {
        return new TraceRecord(t, TraceRecord.Kind.DELIVERY, fate, to, frame(from, to, cluster, zcl), detail);
    }

    static TraceRecord send(long t, long from, long to, int cluster, byte[] zcl) {
        return new TraceRecord(t, TraceRecord.Kind.SEND, TraceRecord.Fate.SENT, to, frame(from, to, cluster, zcl), "");
    }

    /** A download of {@code blocks} 64-byte blocks, request and response each, with one dropped response. */
    static List<TraceRecord> download(int blocks, int dropAt) {
        List<TraceRecord> records = new ArrayList<>();
        long t = 1_000_000;
        for (int i = 0; i < blocks; i++) {
            records.add(send(t, PPMID, HUB, 0x0019, blockRequest(i * 64L, 64)));
            records.add(delivery(t + 10, PPMID, HUB, 0x0019, blockRequest(i * 64L, 64), TraceRecord.Fate.DELIVERED, ""));
            records.add(send(t + 20, HUB, PPMID, 0x0019, blockResponse(i * 64L, 64)));
            records.add(delivery(t + 30, HUB, PPMID, 0x0019, blockResponse(i * 64L, 64),
                    i == dropAt ? TraceRecord.Fate.DROPPED : TraceRecord.Fate.DELIVERED, i == dropAt ? "loss" : ""));
            t += 100_000;
        }
        return records;
    }

    static RunReport report(List<MessageEvent> messages) {
        return new RunReport("R56.3 " + NASTY, "scenarios/r56_3.yaml", 42, "0.1.0-SNAPSHOT", 9_000_500,
                List.of(new DeviceInfo("hub", "CH", "0011223344556677"), new DeviceInfo("ppmid", "PPMID", "00000000000000a1")),
                List.of(new ExpectationResult("ppmid reaches ImageUpgradeStatus " + NASTY, "scenarios/r56_3.yaml:12:5",
                                true, "DOWNLOAD_COMPLETE", "DOWNLOAD_COMPLETE", 8_000_000),
                        new ExpectationResult("hub logs <alert> & \"0x8F1C\"", "scenarios/r56_3.yaml:20:7", false,
                                "alert 0x8F1C", "no alert \u0001", 9_000_000)),
                messages,
                List.of(new TimelineEvent(500_000, "ppmid", "status", "DOWNLOAD_IN_PROGRESS"),
                        new TimelineEvent(8_000_000, "ppmid", "status", "DOWNLOAD_COMPLETE " + NASTY),
                        new TimelineEvent(8_500_000, "hub", "fault", "link down")),
                List.of("note " + NASTY));
    }

    static RunReport smallReport() {
        return report(MessageEvents.fromTrace(download(3, 1), java.util.Map.of(HUB, "hub", PPMID, "ppmid")));
    }
}
