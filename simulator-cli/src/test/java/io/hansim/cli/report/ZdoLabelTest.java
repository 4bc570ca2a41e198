package io.hansim.cli.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hansim.device.han.ApsFrame;
import io.hansim.device.han.TraceRecord;
import io.hansim.zigbee.zcl.Bytes;
import io.hansim.zigbee.zdo.MatchDescriptorRequest;
import io.hansim.zigbee.zdo.MatchDescriptorResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** G.5: the report names ZDO Match Descriptor frames (profile 0), never as a malformed ZCL frame. */
class ZdoLabelTest {
    @Test
    void g5_matchDescriptorFramesAreNamedInTheReport() {
        byte[] req = new MatchDescriptorRequest(1, 0x0000, 0x0109, List.of(0x0019), List.of()).encode();
        ApsFrame f = new ApsFrame(2, 1, 0, 1, 0, 0, 0x0000, MatchDescriptorRequest.CLUSTER_ID, 0, Bytes.of(req));
        MessageEvent e = MessageEvents.fromDelivery(new TraceRecord(0, TraceRecord.Kind.DELIVERY,
                TraceRecord.Fate.DELIVERED, 1, f, ""), Map.of(1L, "hub", 2L, "ppmid"));
        assertEquals(MessageEvents.ZDO, e.protocol());
        assertEquals("Match Descriptor Request 0x0000 in [0x0019] out []", e.label());
        byte[] rsp = new MatchDescriptorResponse(1, 0, 0x0000, List.of(0x7B)).encode();
        assertEquals("Match Descriptor Response status 0x00 endpoints [0x7b]",
                MessageEvents.zdoLabel(MatchDescriptorResponse.CLUSTER_ID, rsp));
        assertTrue(MessageEvents.zdoLabel(MatchDescriptorResponse.CLUSTER_ID, new byte[] {1}).contains("malformed"));
    }
}
