package io.hansim.zigbee.zdo;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Match_Desc_rsp (ZDP cluster 0x8006, Zigbee specification §2.4.4.2.7): the endpoints of
 * {@code nwkAddrOfInterest} that matched. Octets: TransactionSeq(1) Status(1) NWKAddrOfInterest(2)
 * MatchLength(1) MatchList(n), little-endian.
 *
 * @param transactionSequence the request's
 * @param status              {@link ZdoStatus}
 * @param nwkAddrOfInterest   the answering device's network address
 * @param matchList           its matching endpoints (1..254 each, at most 255 of them)
 */
public record MatchDescriptorResponse(int transactionSequence, int status, int nwkAddrOfInterest,
        List<Integer> matchList) {
    /** The ZDP cluster of the response. */
    public static final int CLUSTER_ID = 0x8006;

    public MatchDescriptorResponse {
        Zdo.check("TransactionSeq", transactionSequence, 0xFF);
        Zdo.check("Status", status, 0xFF);
        Zdo.check("NWKAddrOfInterest", nwkAddrOfInterest, 0xFFFF);
        Objects.requireNonNull(matchList, "matchList");
        if (matchList.size() > 0xFF) {
            throw new IllegalArgumentException("MatchList holds at most 255 endpoints: " + matchList.size());
        }
        for (Integer e : matchList) {
            Zdo.check("MatchList endpoint", Objects.requireNonNull(e, "endpoint"), 0xFF);
        }
        matchList = List.copyOf(matchList);
    }

    public byte[] encode() {
        byte[] b = new byte[5 + matchList.size()];
        b[0] = (byte) transactionSequence;
        b[1] = (byte) status;
        Zdo.putU16(b, 2, nwkAddrOfInterest);
        b[4] = (byte) matchList.size();
        for (int i = 0; i < matchList.size(); i++) {
            b[5 + i] = (byte) (int) matchList.get(i);
        }
        return b;
    }

    /** Decodes the whole of {@code b}; trailing octets are an error. */
    public static MatchDescriptorResponse decode(byte[] b) {
        Objects.requireNonNull(b, "bytes");
        Zdo.need(b, 0, 5, "TransactionSeq/Status/NWKAddrOfInterest/MatchLength");
        int n = b[4] & 0xFF;
        Zdo.need(b, 5, n, "MatchList");
        List<Integer> list = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            list.add(b[5 + i] & 0xFF);
        }
        Zdo.end(b, 5 + n, "Match_Desc_rsp");
        return new MatchDescriptorResponse(b[0] & 0xFF, b[1] & 0xFF, Zdo.u16(b, 2), list);
    }
}
