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
    void issue15_reportsNameSmartEnergyCommandsFromOneTable() {
        // cluster-specific frame, client to server, tsn 5, command 0x00 on Device Management
        byte[] get = {0x01, 0x05, 0x00};
        assertEquals("Get Change of Tenancy", MessageEvents.label(0x0708, get));
        assertEquals("Get Change of Tenancy", MessageEvents.commandName(0x0708, get));
        // the same identifier server to client (frame control bit 3) is another command
        byte[] publish = {0x09, 0x05, 0x00, 0x42};
        assertEquals("Publish Change of Tenancy", MessageEvents.label(0x0708, publish));
        assertEquals("Display Message", MessageEvents.commandName(0x0703, publish));
        assertEquals("Get Last Message", MessageEvents.commandName(0x0703, get));
        assertEquals("Get Top Up Log", MessageEvents.label(0x0705, new byte[] {0x01, 0x05, 0x08}));
        assertEquals("Publish Debt Log", MessageEvents.label(0x0705, new byte[] {0x09, 0x05, 0x06}));
    }

    @Test
    void everyCommandOfEveryCodecTableHasItsSpecificationNameInReports() {
        List<io.hansim.zigbee.zcl.ClusterCommandType> all = new java.util.ArrayList<>();
        all.addAll(List.of(io.hansim.zigbee.devicemgmt.DeviceManagementCommandType.values()));
        all.addAll(List.of(io.hansim.zigbee.messaging.MessagingCommandType.values()));
        all.addAll(List.of(io.hansim.zigbee.prepayment.PrepaymentCommandType.values()));
        for (io.hansim.zigbee.zcl.ClusterCommandType t : all) {
            int cluster = t instanceof io.hansim.zigbee.devicemgmt.DeviceManagementCommandType ? 0x0708
                    : t instanceof io.hansim.zigbee.messaging.MessagingCommandType ? 0x0703 : 0x0705;
            byte fc = (byte) (t.direction() == io.hansim.zigbee.zcl.ZclHeader.Direction.SERVER_TO_CLIENT ? 0x09 : 0x01);
            assertEquals(t.specName(), MessageEvents.commandName(cluster, new byte[] {fc, 0x01, (byte) t.id()}),
                    t.toString());
        }
        for (io.hansim.zigbee.ota.OtaCommandType t : io.hansim.zigbee.ota.OtaCommandType.values()) {
            byte fc = (byte) (t.direction() == io.hansim.zigbee.zcl.ZclHeader.Direction.SERVER_TO_CLIENT ? 0x09 : 0x01);
            assertEquals(t.specName(), MessageEvents.commandName(0x0019, new byte[] {fc, 0x01, (byte) t.id()}));
        }
        assertEquals("Device Management", io.hansim.zigbee.ClusterLabels.clusterName(0x0708).orElseThrow());
    }

    @Test
    void labelsCommandsNoTableNamesByNumbers() {
        byte[] zcl = {0x01, 0x05, 0x00, 0x42};
        assertEquals("cluster 0x0b04 cmd 0x00", MessageEvents.label(0x0B04, zcl));
        // Device Management 0x05 (Get CIN) is not modelled: numbers, not a guess
        assertEquals("cluster 0x0708 cmd 0x05", MessageEvents.commandName(0x0708, new byte[] {0x01, 0x05, 0x05}));
        assertEquals("cluster 0x0708 cmd 0x00 mfr 0x1234",
                MessageEvents.label(0x0708, new byte[] {0x05, 0x34, 0x12, 0x05, 0x00}));
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
