package io.hansim.zigbee.events;

import io.hansim.zigbee.ClusterLabels;
import io.hansim.zigbee.events.EventsCommand.ClearEventLogRequest;
import io.hansim.zigbee.events.EventsCommand.ClearEventLogResponse;
import io.hansim.zigbee.zcl.Bytes;
import io.hansim.zigbee.zcl.ZclDecodeException;
import io.hansim.zigbee.zcl.ZclHeader.Direction;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The Events cluster pair CS11 carries (G.8): the ZCL frames inside the RTDS CS11 vectors' GBZ component. */
class EventsCodecTest {

    @Test
    void g8_rtdsCs11FramesDecode() {
        // RTDS 3.3_CS11: the GBZ component's ZCL frame of the command and of the two responses
        assertEquals(new ClearEventLogRequest(EventsCluster.LOG_GENERAL),
                EventsCodec.decode(Bytes.fromHex("01 00 01 03").toArray()).command());
        assertEquals(new ClearEventLogResponse(0x08), EventsCodec.decode(Bytes.fromHex("09 00 02 08").toArray()).command());
        assertEquals(new ClearEventLogResponse(EventsCluster.CLEARED_NONE),
                EventsCodec.decode(Bytes.fromHex("09 00 02 00").toArray()).command());
        assertArrayEquals(Bytes.fromHex("01 00 01 03").toArray(), EventsCodec.encode(0, new ClearEventLogRequest(3)));
        assertArrayEquals(Bytes.fromHex("09 00 02 08").toArray(),
                EventsCodec.encode(0, new ClearEventLogResponse(EventsCluster.clearedBit(EventsCluster.LOG_GENERAL))));
        assertEquals("Clear Event Log Request",
                ClusterLabels.commandName(0x0709, 0x01, Direction.CLIENT_TO_SERVER).orElseThrow());
        assertEquals("Events", ClusterLabels.clusterName(0x0709).orElseThrow());
    }

    @Test
    void strictDecoding() {
        var missing = assertThrows(ZclDecodeException.class, () -> EventsCodec.decode(Bytes.fromHex("01 00 01").toArray()));
        assertEquals("LogID", missing.field());
        assertEquals(3, missing.offset());
        var trailing = assertThrows(ZclDecodeException.class,
                () -> EventsCodec.decode(Bytes.fromHex("09 00 02 08 00").toArray()));
        assertEquals(4, trailing.offset());
        var wrongWay = assertThrows(ZclDecodeException.class, () -> EventsCodec.decode(Bytes.fromHex("09 00 01 03").toArray()));
        assertEquals("CommandIdentifier", wrongWay.field());
        assertEquals(0, EventsCluster.clearedBit(8));
        assertEquals(0x01, EventsCluster.clearedBit(EventsCluster.LOG_ALL));
    }
}
