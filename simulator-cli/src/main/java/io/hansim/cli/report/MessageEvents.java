package io.hansim.cli.report;

import io.hansim.device.han.ApsFrame;
import io.hansim.zigbee.ClusterLabels;
import io.hansim.device.han.TraceRecord;
import io.hansim.zigbee.ota.ImageBlockRequest;
import io.hansim.zigbee.ota.ImageBlockResponse;
import io.hansim.zigbee.ota.ImageNotify;
import io.hansim.zigbee.ota.ImagePageRequest;
import io.hansim.zigbee.ota.OtaCodec;
import io.hansim.zigbee.ota.OtaCommand;
import io.hansim.zigbee.ota.QueryNextImageRequest;
import io.hansim.zigbee.ota.QueryNextImageResponse;
import io.hansim.zigbee.ota.UpgradeEndRequest;
import io.hansim.zigbee.ota.UpgradeEndResponse;
import io.hansim.zigbee.zcl.DefaultResponse;
import io.hansim.zigbee.zcl.GeneralCommand;
import io.hansim.zigbee.zcl.GeneralCommandCodec;
import io.hansim.zigbee.zcl.ReadAttributes;
import io.hansim.zigbee.zcl.ReadAttributesResponse;
import io.hansim.zigbee.zcl.ReportAttributes;
import io.hansim.zigbee.zcl.WriteAttributes;
import io.hansim.zigbee.zcl.WriteAttributesResponse;
import io.hansim.zigbee.zcl.ZclDecodeException;
import io.hansim.zigbee.zcl.ZclFrame;
import io.hansim.zigbee.zcl.ZclHeader;
import io.hansim.zigbee.zcl.ZclStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Turns trace records into {@link MessageEvent}s with labels people can read in a sequence
 * diagram: OTA commands by their specification names with the block offset and size
 * ("Image Block Request off=1024 size=64", zigbee-ota.md §2), general commands by name (Default
 * Response with its status, Read Attributes with the attribute ids), the other clusters' commands
 * by the names in {@link ClusterLabels} ("Get Change of Tenancy"), and a command no table names by
 * its numbers ("cluster 0x0b04 cmd 0x00"). A frame that does not decode is labelled, not dropped: a
 * report must show what was on the air, malformed or not.
 */
public final class MessageEvents {
    /** OTA Upgrade cluster (zigbee-ota.md §2). */
    static final int CLUSTER_OTA = 0x0019;
    /** Tunneling cluster: GBCS messages cross the HAN inside it (DESIGN.md §1). */
    static final int CLUSTER_TUNNELING = ClusterLabels.TUNNELING;

    private MessageEvents() {
    }

    /**
     * One event per delivery record (delivered, duplicated or dropped), in trace order; send records
     * are implied by their deliveries and left out.
     *
     * @param euiToId device ids by EUI-64; an EUI-64 not in the map shows as 16 hex digits
     */
    public static List<MessageEvent> fromTrace(List<TraceRecord> records, Map<Long, String> euiToId) {
        Objects.requireNonNull(records, "records");
        Objects.requireNonNull(euiToId, "euiToId");
        List<MessageEvent> events = new ArrayList<>();
        for (TraceRecord r : records) {
            if (r.kind() == TraceRecord.Kind.DELIVERY) {
                events.add(fromDelivery(r, euiToId));
            }
        }
        return events;
    }

    /** The event for one delivery record. */
    public static MessageEvent fromDelivery(TraceRecord r, Map<Long, String> euiToId) {
        if (r.kind() != TraceRecord.Kind.DELIVERY) {
            throw new IllegalArgumentException("not a delivery record: " + r.kind());
        }
        ApsFrame f = r.frame();
        byte[] zcl = f.payload().toArray();
        String fate = switch (r.fate()) {
            case DELIVERED -> MessageEvent.DELIVERED;
            case DUPLICATED -> MessageEvent.DUPLICATED;
            case DROPPED -> MessageEvent.dropped(r.detail());
            case SENT -> throw new IllegalStateException("a delivery cannot have fate SENT");
        };
        if (f.profileId() == io.hansim.zigbee.zdo.Zdo.PROFILE_ID) { // ZDO (G.5): no ZCL header
            return new MessageEvent(r.time(), idOf(f.sourceEui64(), euiToId), idOf(r.receiverEui64(), euiToId),
                    ZDO, zdoLabel(f.clusterId(), zcl), zcl.length, fate);
        }
        return new MessageEvent(r.time(), idOf(f.sourceEui64(), euiToId), idOf(r.receiverEui64(), euiToId),
                protocol(f.clusterId()), label(f.clusterId(), zcl), zcl.length, fate);
    }

    /** The protocol of a ZDO frame (profile 0x0000, endpoint 0). */
    public static final String ZDO = "ZDO";

    /** A one-line description of a ZDO frame; never throws for any bytes. */
    public static String zdoLabel(int clusterId, byte[] payload) {
        try {
            if (clusterId == io.hansim.zigbee.zdo.MatchDescriptorRequest.CLUSTER_ID) {
                var q = io.hansim.zigbee.zdo.MatchDescriptorRequest.decode(payload);
                return String.format(Locale.ROOT, "Match Descriptor Request 0x%04x in %s out %s", q.nwkAddrOfInterest(),
                        clusters(q.inClusters()), clusters(q.outClusters()));
            }
            if (clusterId == io.hansim.zigbee.zdo.MatchDescriptorResponse.CLUSTER_ID) {
                var a = io.hansim.zigbee.zdo.MatchDescriptorResponse.decode(payload);
                return String.format(Locale.ROOT, "Match Descriptor Response status 0x%02x endpoints %s", a.status(),
                        a.matchList().stream().map(e -> String.format(Locale.ROOT, "0x%02x", e)).toList());
            }
        } catch (ZclDecodeException e) {
            return io.hansim.zigbee.zdo.Zdo.name(clusterId) + " malformed: " + e.getMessage();
        }
        return io.hansim.zigbee.zdo.Zdo.name(clusterId);
    }

    private static String clusters(List<Integer> ids) {
        return ids.stream().map(c -> String.format(Locale.ROOT, "0x%04x", c)).toList().toString();
    }

    /** {@link MessageEvent#GBCS} for the Tunneling cluster, else {@link MessageEvent#ZCL}. */
    public static String protocol(int clusterId) {
        return clusterId == CLUSTER_TUNNELING ? MessageEvent.GBCS : MessageEvent.ZCL;
    }

    /** The device id for {@code eui64}, or its 16 lower-case hex digits. */
    public static String idOf(long eui64, Map<Long, String> euiToId) {
        String id = euiToId.get(eui64);
        return id != null ? id : hex16(eui64);
    }

    static String hex16(long eui64) {
        return String.format(Locale.ROOT, "%016x", eui64);
    }

    /**
     * The command's name without per-frame detail ("Image Block Request", "Default Response",
     * "Get Change of Tenancy", "cluster 0x0b04 cmd 0x00"), for counting by command.
     */
    public static String commandName(int clusterId, byte[] zcl) {
        ZclHeader h;
        try {
            h = ZclFrame.decode(zcl).header();
        } catch (ZclDecodeException e) {
            return String.format(Locale.ROOT, "cluster 0x%04x malformed", clusterId);
        }
        if (clusterId == CLUSTER_OTA && OtaCodec.isOtaCommand(h)) {
            return io.hansim.zigbee.ota.OtaCommandType.fromId(h.commandId()).specName();
        }
        return ClusterLabels.commandLabel(clusterId, h);
    }

    /** A one-line description of a ZCL frame on {@code clusterId}; never throws for any bytes. */
    public static String label(int clusterId, byte[] zcl) {
        ZclFrame frame;
        try {
            frame = ZclFrame.decode(zcl);
        } catch (ZclDecodeException e) {
            return String.format(Locale.ROOT, "cluster 0x%04x malformed: %s", clusterId, e.getMessage());
        }
        ZclHeader h = frame.header();
        try {
            if (h.frameType() == ZclHeader.FrameType.GLOBAL && GeneralCommandCodec.isSupported(h.commandId())) {
                return general(GeneralCommandCodec.decode(frame).command());
            }
            if (clusterId == CLUSTER_OTA && OtaCodec.isOtaCommand(h)) {
                return ota(OtaCodec.decode(zcl, OtaCodec.Options.LENIENT).command());
            }
            if (clusterId == CLUSTER_TUNNELING && h.frameType() == ZclHeader.FrameType.CLUSTER_SPECIFIC) {
                return tunnel(h, io.hansim.zigbee.tunneling.TunnelingCodec.decode(zcl).command());
            }
        } catch (ZclDecodeException e) {
            return ClusterLabels.numbers(clusterId, h) + " malformed: " + e.getMessage();
        }
        return ClusterLabels.commandLabel(clusterId, h);
    }

    /**
     * A Tunneling command with what a GB tunnel's Transfer Data carries (G.3, gbcs.md §6): GET,
     * GET-RESPONSE and its count, or PUT and the GBCS message code and use case inside it.
     */
    private static String tunnel(ZclHeader h, io.hansim.zigbee.tunneling.TunnelingCommand c) {
        String name = ClusterLabels.commandLabel(CLUSTER_TUNNELING, h);
        if (!(c instanceof io.hansim.zigbee.tunneling.TunnelingCommand.TransferData t)) {
            return name;
        }
        io.hansim.zigbee.tunneling.GbcsTunnelCommand g;
        try {
            g = io.hansim.zigbee.tunneling.GbcsTunnelCommand.decode(t.data());
        } catch (ZclDecodeException e) {
            return name + " (not a GBCS tunnel command: " + e.getMessage() + ")";
        }
        if (g instanceof io.hansim.zigbee.tunneling.GbcsTunnelCommand.Get) {
            return name + " GET";
        }
        if (g instanceof io.hansim.zigbee.tunneling.GbcsTunnelCommand.GetResponse r) {
            return name + " GET-RESPONSE, " + r.remaining() + " still queued";
        }
        byte[] message = ((io.hansim.zigbee.tunneling.GbcsTunnelCommand.Put) g).message().toArray();
        try {
            int code = io.hansim.gbcs.GbcsCodec.decode(message).groupingHeader().otherInformation().messageCode();
            var entry = io.hansim.gbcs.payload.MessageCodeRegistry.lookup(code);
            return String.format(Locale.ROOT, "%s PUT 0x%04X %s (%d octets)", name, code, entry.useCase(),
                    message.length);
        } catch (io.hansim.gbcs.GbcsDecodeException e) {
            return String.format(Locale.ROOT, "%s PUT (%d octets, not a GBCS message)", name, message.length);
        }
    }

    private static String general(GeneralCommand c) {
        if (c instanceof ReadAttributes r) {
            return "Read Attributes " + ids(r.attributeIds());
        }
        if (c instanceof ReadAttributesResponse r) {
            return "Read Attributes Response "
                    + ids(r.records().stream().map(ReadAttributesResponse.StatusRecord::attributeId).toList());
        }
        if (c instanceof WriteAttributes w) {
            return "Write Attributes " + ids(w.records().stream().map(a -> a.attributeId()).toList());
        }
        if (c instanceof WriteAttributesResponse w) {
            return w.failures().isEmpty() ? "Write Attributes Response SUCCESS"
                    : "Write Attributes Response " + w.failures().size() + " failed";
        }
        if (c instanceof ReportAttributes r) {
            return "Report Attributes " + ids(r.reports().stream().map(a -> a.attributeId()).toList());
        }
        DefaultResponse d = (DefaultResponse) c; // the sealed interface has no other member
        return String.format(Locale.ROOT, "Default Response cmd 0x%02x %s", d.receivedCommandId(),
                d.status().name());
    }

    private static String ids(List<Integer> ids) {
        return ids.stream().map(i -> String.format(Locale.ROOT, "0x%04x", i)).collect(Collectors.joining(","));
    }

    private static String ota(OtaCommand c) {
        String name = c.type().specName();
        if (c instanceof ImageBlockRequest r) {
            return name + " off=" + r.fileOffset() + " size=" + r.maximumDataSize();
        }
        if (c instanceof ImagePageRequest r) {
            return name + " off=" + r.fileOffset();
        }
        if (c instanceof ImageBlockResponse.Success s) {
            return name + " off=" + s.fileOffset() + " size=" + s.dataSize();
        }
        if (c instanceof ImageBlockResponse.WaitForData w) {
            return name + " WAIT_FOR_DATA until=" + w.requestTime();
        }
        if (c instanceof ImageBlockResponse.StatusOnly s) {
            return name + " " + s.status().name();
        }
        if (c instanceof QueryNextImageRequest q) {
            return name + " v=" + hex32(q.currentFileVersion());
        }
        if (c instanceof QueryNextImageResponse q) {
            return q.status() == ZclStatus.SUCCESS ? name + " SUCCESS v=" + hex32(q.fileVersion())
                    : name + " " + q.status().name();
        }
        if (c instanceof UpgradeEndRequest u) {
            return name + " " + u.status().name() + " v=" + hex32(u.fileVersion());
        }
        if (c instanceof UpgradeEndResponse u) {
            return name + " v=" + hex32(u.fileVersion());
        }
        if (c instanceof ImageNotify n) {
            return name + " jitter=" + n.queryJitter();
        }
        return name;
    }

    private static String hex32(long v) {
        return String.format(Locale.ROOT, "0x%08x", v);
    }
}
