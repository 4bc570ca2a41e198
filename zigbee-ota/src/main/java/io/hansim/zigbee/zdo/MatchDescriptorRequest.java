package io.hansim.zigbee.zdo;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Match_Desc_req (ZDP cluster 0x0006, Zigbee specification §2.4.3.1.7): "which of your endpoints on
 * {@code profileId} serve one of {@code inClusters} or use one of {@code outClusters}?". Octets:
 * TransactionSeq(1) NWKAddrOfInterest(2) ProfileID(2) NumInClusters(1) InClusterList(2·n)
 * NumOutClusters(1) OutClusterList(2·m), little-endian.
 *
 * @param transactionSequence 0..255, echoed by the response
 * @param nwkAddrOfInterest   the device asked about, or a broadcast address (0xFFFD) to ask everyone
 * @param profileId           the application profile (0x0109 Smart Energy)
 * @param inClusters          server clusters wanted (at most 255)
 * @param outClusters         client clusters wanted (at most 255)
 */
public record MatchDescriptorRequest(int transactionSequence, int nwkAddrOfInterest, int profileId,
        List<Integer> inClusters, List<Integer> outClusters) {
    /** The ZDP cluster of the request. */
    public static final int CLUSTER_ID = 0x0006;

    public MatchDescriptorRequest {
        Zdo.check("TransactionSeq", transactionSequence, 0xFF);
        Zdo.check("NWKAddrOfInterest", nwkAddrOfInterest, 0xFFFF);
        Zdo.check("ProfileID", profileId, 0xFFFF);
        inClusters = Zdo.clusters("InClusterList", inClusters);
        outClusters = Zdo.clusters("OutClusterList", outClusters);
    }

    public byte[] encode() {
        byte[] b = new byte[7 + 2 * inClusters.size() + 2 * outClusters.size()];
        b[0] = (byte) transactionSequence;
        Zdo.putU16(b, 1, nwkAddrOfInterest);
        Zdo.putU16(b, 3, profileId);
        int p = 5;
        b[p++] = (byte) inClusters.size();
        for (int c : inClusters) {
            Zdo.putU16(b, p, c);
            p += 2;
        }
        b[p++] = (byte) outClusters.size();
        for (int c : outClusters) {
            Zdo.putU16(b, p, c);
            p += 2;
        }
        return b;
    }

    /** Decodes the whole of {@code b}; trailing octets are an error. */
    public static MatchDescriptorRequest decode(byte[] b) {
        Objects.requireNonNull(b, "bytes");
        Zdo.need(b, 0, 5, "TransactionSeq/NWKAddrOfInterest/ProfileID");
        int tsn = b[0] & 0xFF;
        int addr = Zdo.u16(b, 1);
        int profile = Zdo.u16(b, 3);
        int p = 5;
        Zdo.need(b, p, 1, "NumInClusters");
        int n = b[p++] & 0xFF;
        Zdo.need(b, p, 2 * n, "InClusterList");
        List<Integer> in = new ArrayList<>(n);
        for (int i = 0; i < n; i++, p += 2) {
            in.add(Zdo.u16(b, p));
        }
        Zdo.need(b, p, 1, "NumOutClusters");
        int m = b[p++] & 0xFF;
        Zdo.need(b, p, 2 * m, "OutClusterList");
        List<Integer> out = new ArrayList<>(m);
        for (int i = 0; i < m; i++, p += 2) {
            out.add(Zdo.u16(b, p));
        }
        Zdo.end(b, p, "Match_Desc_req");
        return new MatchDescriptorRequest(tsn, addr, profile, in, out);
    }
}
