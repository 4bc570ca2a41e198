package io.hansim.device.scenario;

import io.hansim.device.Fixtures.RecordingSink;
import io.hansim.device.Simulation;
import io.hansim.device.gbcs.WanMessage;
import io.hansim.device.han.TraceRecord;
import io.hansim.gbcs.CraFlag;
import io.hansim.gbcs.GbcsCodec;
import io.hansim.gbcs.usecase.UseCaseCodec;
import io.hansim.gbcs.usecase.UseCaseRecord;
import io.hansim.zigbee.ota.ImageBlockResponse;
import io.hansim.zigbee.ota.OtaCodec;
import io.hansim.zigbee.ota.OtaCommand;
import io.hansim.zigbee.ota.QueryNextImageResponse;
import io.hansim.zigbee.zcl.ZclFrame;
import io.hansim.zigbee.zcl.ZclHeader;
import java.util.ArrayList;
import java.util.List;

/** What the DCC and the HAN saw of an OTA distribution: the CH's alerts, and the image bytes served. */
final class OtaAlerts {
    private OtaAlerts() {
    }

    /**
     * The CH's firmware alerts about {@code device}, in order, as short strings: {@code "CCS08 n"} for a
     * Firmware Transfer Alert (0x0128) with response code n, {@code "012B a vvvvvvvv"} for the
     * firmware alert 0x012B with Activate Image a and firmware version v (R7.10).
     */
    static List<String> firmwareAlerts(Simulation sim, long device) {
        List<String> out = new ArrayList<>();
        for (WanMessage w : sim.gbcs().wanMessages()) {
            if (w.direction() != WanMessage.Direction.FROM_HUB || w.cra() != CraFlag.ALERT) {
                continue;
            }
            UseCaseRecord r = UseCaseCodec.decode(GbcsCodec.decode(w.bytes().toByteArray())).orElseThrow();
            if (r instanceof UseCaseRecord.Ccs08Alert a && a.targetEntityId() == device) {
                out.add("CCS08 " + a.responseCode());
            } else if (r instanceof UseCaseRecord.PpmidFirmwareAlert p && w.originator() == device) {
                out.add("012B " + p.activateImage() + " " + p.firmwareVersion().toHex().toUpperCase());
            }
        }
        return out;
    }

    /** Image bytes the CH sent to {@code device} in Image Block Responses SUCCESS (repeats counted). */
    static long blockBytesSent(RecordingSink sink, long hub, long device) {
        long n = 0;
        for (OtaCommand c : otaSent(sink, hub, device)) {
            if (c instanceof ImageBlockResponse.Success s) {
                n += s.dataSize();
            }
        }
        return n;
    }

    /** Query Next Image Responses SUCCESS (offers) the CH sent to {@code device}. */
    static long offers(RecordingSink sink, long hub, long device) {
        return otaSent(sink, hub, device).stream()
                .filter(c -> c instanceof QueryNextImageResponse r && r.hasImage()).count();
    }

    /** Query Next Image Responses NO_IMAGE_AVAILABLE the CH sent to {@code device}. */
    static long refusedQueries(RecordingSink sink, long hub, long device) {
        return otaSent(sink, hub, device).stream()
                .filter(c -> c instanceof QueryNextImageResponse r && !r.hasImage()).count();
    }

    private static List<OtaCommand> otaSent(RecordingSink sink, long hub, long device) {
        List<OtaCommand> out = new ArrayList<>();
        for (TraceRecord r : sink.records) {
            if (r.kind() != TraceRecord.Kind.SEND || r.frame().sourceEui64() != hub
                    || r.frame().destinationEui64() != device
                    || r.frame().clusterId() != io.hansim.zigbee.ota.OtaCluster.CLUSTER_ID) {
                continue;
            }
            byte[] zcl = r.frame().payload().toArray();
            if (ZclFrame.decode(zcl).header().frameType() == ZclHeader.FrameType.CLUSTER_SPECIFIC) {
                out.add(OtaCodec.decode(zcl).command());
            }
        }
        return out;
    }
}
