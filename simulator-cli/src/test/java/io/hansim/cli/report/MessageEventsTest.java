package io.hansim.cli.report;

import static io.hansim.cli.report.Fixtures.HUB;
import static io.hansim.cli.report.Fixtures.PPMID;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hansim.device.han.TraceRecord;
import io.hansim.zigbee.zcl.ZclStatus;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MessageEventsTest {

    @Test
    void labelsOtaBlocksWithOffsetAndSize() {
        assertEquals("Image Block Request off=1024 size=64", MessageEvents.label(0x0019, Fixtures.blockRequest(1024, 64)));
        assertEquals("Image Block Response off=128 size=50", MessageEvents.label(0x0019, Fixtures.blockResponse(128, 50)));
        assertEquals("Image Block Request", MessageEvents.commandName(0x0019, Fixtures.blockRequest(1024, 64)));
    }

    @Test
    void labelsGeneralCommands() {
        assertEquals("Default Response cmd 0x03 NOT_AUTHORIZED",
                MessageEvents.label(0x0019, Fixtures.defaultResponse(ZclStatus.NOT_AUTHORIZED)));
        assertEquals("Read Attributes 0x0000,0x0006", MessageEvents.label(0x0019, Fixtures.readAttributes(0x0000, 0x0006)));
        assertEquals("Read Attributes", MessageEvents.commandName(0x0000, Fixtures.readAttributes(1)));
    }

    @Test
    void labelsOtherClustersByNumbers() {
        // cluster-specific frame, client to server, tsn 5, command 0x00 on Device Management
        byte[] zcl = {0x01, 0x05, 0x00, 0x42};
        assertEquals("cluster 0x0708 cmd 0x00", MessageEvents.label(0x0708, zcl));
        assertEquals("cluster 0x0708 cmd 0x00", MessageEvents.commandName(0x0708, zcl));
    }

    @Test
    void malformedFramesAreLabelledNotThrown() {
        assertTrue(MessageEvents.label(0x0019, new byte[] {0x01}).startsWith("cluster 0x0019 malformed"));
        byte[] truncated = java.util.Arrays.copyOf(Fixtures.blockRequest(0, 64), 8);
        String label = MessageEvents.label(0x0019, truncated);
        assertTrue(label.startsWith("cluster 0x0019 cmd 0x03 malformed"), label);
    }

    @Test
    void fromTraceKeepsDeliveriesWithTheirFateAndNames() {
        List<MessageEvent> events = MessageEvents.fromTrace(Fixtures.download(2, 1), Map.of(HUB, "hub"));
        assertEquals(4, events.size(), "sends are implied by deliveries");
        MessageEvent first = events.get(0);
        assertEquals(1_000_010, first.atMicros());
        assertEquals("00000000000000a1", first.fromId(), "an unnamed device shows its EUI-64");
        assertEquals("hub", first.toId());
        assertEquals(MessageEvent.ZCL, first.protocol());
        assertEquals(MessageEvent.DELIVERED, first.fate());
        MessageEvent dropped = events.get(3);
        assertEquals("dropped(loss)", dropped.fate());
        assertTrue(dropped.isDropped());
        assertEquals("Image Block Response off=64 size=64", dropped.label());
        assertEquals(Fixtures.blockResponse(64, 64).length, dropped.bytes());
    }

    @Test
    void tunnelingIsGbcs() {
        TraceRecord r = Fixtures.delivery(5, HUB, PPMID, 0x0704, new byte[] {0x01, 0x01, 0x00}, TraceRecord.Fate.DUPLICATED, "");
        MessageEvent m = MessageEvents.fromDelivery(r, Map.of());
        assertEquals(MessageEvent.GBCS, m.protocol());
        assertEquals(MessageEvent.DUPLICATED, m.fate());
        assertThrows(IllegalArgumentException.class,
                () -> MessageEvents.fromDelivery(Fixtures.send(1, HUB, PPMID, 0x19, new byte[3]), Map.of()));
    }
}
