package io.hansim.device.node;

import io.hansim.device.han.ApsFrame;
import io.hansim.device.han.LinkFaults;
import io.hansim.zigbee.zcl.DefaultResponse;
import io.hansim.zigbee.zcl.GeneralCommand;
import io.hansim.zigbee.zcl.GeneralCommandCodec;
import io.hansim.zigbee.zcl.GeneralFrame;
import io.hansim.zigbee.zcl.ReadAttributes;
import io.hansim.zigbee.zcl.ReadAttributesResponse;
import io.hansim.zigbee.zcl.ZclAnswers;
import io.hansim.zigbee.zcl.ZclDecodeException;
import io.hansim.zigbee.zcl.ZclFrame;
import io.hansim.zigbee.zcl.ZclHeader;
import io.hansim.zigbee.zcl.ZclStatus;
import io.hansim.zigbee.zcl.ZclValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A device's ZCL application endpoint (DESIGN.md §2): it decodes each frame's header once, applies one
 * set of answer rules ({@link ZclAnswers}) and dispatches by (cluster, side) to the {@link ClusterRole}s
 * registered on it.
 *
 * <p>Dispatch: the roles of the frame's cluster are looked up; none ⇒ Default Response
 * UNSUPPORTED_CLUSTER (ZCL §2.5.12: a unicast command to a cluster the endpoint lacks). With one role
 * on the cluster that role owns the cluster and answers frames of either direction (a server→client
 * command sent to a server is its to refuse); with a server and a client role the frame's direction
 * chooses (client→server to the server). Undecodable octets cannot be answered (there is no sequence
 * number to echo) and are dropped, except for a {@link ClusterRole.Mode#RAW} role, whose machine
 * reports them.
 */
public final class ZclEndpoint {
    private final int endpointId;
    private final Port port;
    /** An exact-size array: a fleet holds millions of endpoints (issue 8, memory per idle device). */
    private ClusterRole[] roles = {};
    /*
     * Each role's cluster, side and mode, read once when it is added: the per-frame lookup compares
     * ints instead of asking every role through the interface (issue 15's fleet slice measured that).
     */
    private int[] keys = {};
    private static final int SERVER = 1 << 16;
    private static final int RAW = 1 << 17;

    ZclEndpoint(int endpointId, Port port) {
        this.endpointId = endpointId;
        this.port = Objects.requireNonNull(port, "port");
    }

    public int endpointId() {
        return endpointId;
    }

    /** The roles in the order they were added (which is also their boot order). */
    public List<ClusterRole> roles() {
        return List.of(roles);
    }

    /** Whether a role serves {@code clusterId} on this endpoint. */
    public boolean hasCluster(int clusterId) {
        for (ClusterRole r : roles) {
            if (r.clusterId() == clusterId) {
                return true;
            }
        }
        return false;
    }

    void add(ClusterRole role) {
        Objects.requireNonNull(role, "role");
        for (ClusterRole r : roles) {
            if (r.clusterId() == role.clusterId() && r.side() == role.side()) {
                throw new IllegalArgumentException(String.format("two %s roles for cluster 0x%04X on one endpoint: %s and %s",
                        role.side(), role.clusterId(), r.getClass().getSimpleName(), role.getClass().getSimpleName()));
            }
        }
        int n = roles.length;
        roles = java.util.Arrays.copyOf(roles, n + 1);
        roles[n] = role;
        keys = java.util.Arrays.copyOf(keys, n + 1);
        keys[n] = (role.clusterId() & 0xFFFF) | (role.side() == ClusterRole.Side.SERVER ? SERVER : 0)
                | (role.mode() == ClusterRole.Mode.RAW ? RAW : 0);
    }

    void boot() {
        for (ClusterRole r : roles) {
            r.boot();
        }
    }

    void powerLost() {
        for (ClusterRole r : roles) {
            r.powerLost();
        }
    }

    void receive(ApsFrame frame) {
        int cluster = frame.clusterId();
        int only = -1;
        int server = -1;
        int client = -1;
        int found = 0;
        for (int i = 0; i < keys.length; i++) {
            if ((keys[i] & 0xFFFF) == cluster) {
                found++;
                only = i;
                if ((keys[i] & SERVER) != 0) {
                    server = i;
                } else {
                    client = i;
                }
            }
        }
        if (found == 0) {
            ZclFrame zcl = decode(frame);
            if (zcl != null) {
                answer(new Inbound(frame, zcl.header(), port), ZclStatus.UNSUPPORTED_CLUSTER);
            }
            return;
        }
        if (found == 1 && (keys[only] & RAW) != 0) {
            // The machine decodes its own frames (and reports the bad ones): no second decode here.
            roles[only].frame(new Inbound(frame, null, port));
            return;
        }
        ZclFrame zcl = decode(frame);
        int chosen = found == 1 ? only
                : zcl == null ? server
                : zcl.header().direction() == ZclHeader.Direction.CLIENT_TO_SERVER ? server : client;
        ClusterRole role = roles[chosen];
        if ((keys[chosen] & RAW) != 0) {
            role.frame(new Inbound(frame, zcl == null ? null : zcl.header(), port));
            return;
        }
        if (zcl == null) {
            return; // not a ZCL header: nothing to answer with
        }
        Inbound in = new Inbound(frame, zcl.header(), port);
        if (zcl.header().frameType() == ZclHeader.FrameType.GLOBAL) {
            general(role, in, zcl);
            return;
        }
        try {
            role.command(in);
        } catch (ZclDecodeException e) {
            answer(in, ZclStatus.MALFORMED_COMMAND);
        }
    }

    private void general(ClusterRole role, Inbound in, ZclFrame zcl) {
        GeneralCommand c;
        try {
            c = GeneralCommandCodec.decode(zcl).command();
        } catch (ZclDecodeException e) {
            answer(in, ZclStatus.MALFORMED_COMMAND);
            return;
        }
        if (c instanceof ReadAttributes ra) {
            Map<Integer, ZclValue> values = role.readAttributes(in, ra.attributeIds());
            if (values == null) {
                answer(in, ZclStatus.UNSUP_GENERAL_COMMAND);
            } else {
                reply(in, fitToFrame(in, respond(ra.attributeIds(), values)));
            }
        } else if (c instanceof ReadAttributesResponse r) {
            role.attributesRead(in, r);
        } else if (c instanceof DefaultResponse d) {
            role.defaultResponse(in, d);
        } else {
            role.otherGeneral(in, c);
        }
    }

    private static ZclFrame decode(ApsFrame frame) {
        try {
            return ZclFrame.decode(frame.payload().toArray());
        } catch (ZclDecodeException e) {
            return null;
        }
    }

    /** The Read Attributes Response for {@code ids}: a record each, UNSUPPORTED_ATTRIBUTE where absent. */
    public static ReadAttributesResponse respond(List<Integer> ids, Map<Integer, ZclValue> values) {
        List<ReadAttributesResponse.StatusRecord> records = new ArrayList<>(ids.size());
        for (int id : ids) {
            ZclValue v = values.get(id);
            records.add(v != null ? ReadAttributesResponse.StatusRecord.success(id, v)
                    : ReadAttributesResponse.StatusRecord.failure(id, ZclStatus.UNSUPPORTED_ATTRIBUTE));
        }
        return new ReadAttributesResponse(records);
    }

    /**
     * {@code r} cut to the records that fit one HAN frame (payload at most
     * {@link LinkFaults#DEFAULT_MAX_PAYLOAD} octets): ZCL §2.5.2 lets a Read Attributes Response carry
     * only the records that fit, and the client asks again for the rest.
     */
    public static ReadAttributesResponse fitToFrame(ReadAttributesResponse r) {
        List<ReadAttributesResponse.StatusRecord> records = new ArrayList<>(r.records());
        while (!records.isEmpty() && GeneralCommandCodec.encode(GeneralFrame.of(ZclHeader.Direction.SERVER_TO_CLIENT,
                true, 0, new ReadAttributesResponse(records))).length > LinkFaults.DEFAULT_MAX_PAYLOAD) {
            records.remove(records.size() - 1);
        }
        return records.size() == r.records().size() ? r : new ReadAttributesResponse(records);
    }

    /**
     * As {@link #fitToFrame(ReadAttributesResponse)}, measured with the header the answer to {@code in}
     * really carries: a manufacturer-specific request is answered with a manufacturer-specific header two
     * octets longer (ZCL §2.4.1.1.3), so a fit measured on the short header overran the HAN frame by up to
     * two octets (found by CotHanFuzzTest: a 101-octet Read Attributes Response from a meter).
     */
    static ReadAttributesResponse fitToFrame(Inbound in, ReadAttributesResponse r) {
        if (in.header() == null || !in.header().manufacturerSpecific()) {
            return fitToFrame(r);
        }
        List<ReadAttributesResponse.StatusRecord> records = new ArrayList<>(r.records());
        while (!records.isEmpty()
                && ZclAnswers.answer(in.header(), new ReadAttributesResponse(records)).length > LinkFaults.DEFAULT_MAX_PAYLOAD) {
            records.remove(records.size() - 1);
        }
        return records.size() == r.records().size() ? r : new ReadAttributesResponse(records);
    }

    void answer(Inbound in, ZclStatus status) {
        if (in.header() == null) {
            return;
        }
        byte[] b = ZclAnswers.defaultResponse(in.header(), in.broadcast(), status);
        if (b != null) {
            port.send(in.source(), false, in.clusterId(), io.hansim.zigbee.zcl.Bytes.of(b));
        }
    }

    void reply(Inbound in, GeneralCommand command) {
        port.send(in.source(), false, in.clusterId(), io.hansim.zigbee.zcl.Bytes.of(ZclAnswers.answer(in.header(), command)));
    }
}
