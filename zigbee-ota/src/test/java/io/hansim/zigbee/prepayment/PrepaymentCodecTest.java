package io.hansim.zigbee.prepayment;

import io.hansim.zigbee.prepayment.PrepaymentCommand.DebtRecord;
import io.hansim.zigbee.prepayment.PrepaymentCommand.GetDebtRepaymentLog;
import io.hansim.zigbee.prepayment.PrepaymentCommand.GetTopUpLog;
import io.hansim.zigbee.prepayment.PrepaymentCommand.PublishDebtLog;
import io.hansim.zigbee.prepayment.PrepaymentCommand.PublishTopUpLog;
import io.hansim.zigbee.prepayment.PrepaymentCommand.TopUp;
import io.hansim.zigbee.zcl.Bytes;
import io.hansim.zigbee.zcl.ZclDecodeException;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Prepayment log commands against literal frames laid out by hand from SE 1.4 D.7.2.3.9,
 * D.7.2.3.11, D.7.2.4.5 and D.7.2.4.6 (ZBOSS {@code zb_zcl_prepayment.h} structures;
 * command ids from Wireshark {@code packet-zbee-zcl-se.c}).
 */
class PrepaymentCodecTest {
    static final String TOP_UP_1 = "04" + "31323334" + "e8030000" + "00e1f505";   // "1234", 1000, 100000000
    static final String TOP_UP_2 = "00" + "18fcffff" + "01000000";                 // "", -1000, 1
    static final String DEBT_1 = "00e1f505" + "10270000" + "01" + "a0860100";       // t, 10000, debt 2, 100000

    @Test
    void r56_4_getTopUpLog() {
        assertRoundTrip("010508" + "78563412" + "00", new GetTopUpLog(0x12345678L, PrepaymentCluster.ALL_RECORDS));
        assertError("010508" + "78563412", "NumberOfRecords", 7);
        assertError("010508" + "7856341200" + "00", "Get Top Up Log", 8);
    }

    @Test
    void r56_4_getDebtRepaymentLog() {
        assertRoundTrip("01050a" + "78563412" + "05" + "ff",
                new GetDebtRepaymentLog(0x12345678L, 5, PrepaymentCluster.DEBT_TYPE_ALL_DEBTS));
        assertError("01050a" + "78563412" + "05", "DebtType", 8);
    }

    @Test
    void r56_4_publishTopUpLogRecordsRunToTheEnd() {
        var log = new PublishTopUpLog(0, 1, List.of(
                new TopUp(Bytes.fromHex("31323334"), 1000, 100_000_000L),
                new TopUp(Bytes.EMPTY, -1000, 1)));
        assertRoundTrip("090505" + "0001" + TOP_UP_1 + TOP_UP_2, log);
        assertEquals(2 + 13 + 9, log.payloadLength());
        assertRoundTrip("090505" + "0001", new PublishTopUpLog(0, 1, List.of()));
    }

    @Test
    void publishTopUpLogErrors() {
        assertError("090505" + "00", "TotalNumberOfCommands", 4);
        assertError("090505" + "0001" + "1a" + "00".repeat(34), "TopUpCode", 5);     // 26 > 25 octets
        assertError("090505" + "0001" + "04" + "313233", "TopUpCode", 6);            // code cut short
        assertError("090505" + "0001" + "04" + "31323334" + "e803", "TopUpAmount", 10);
        assertError("090505" + "0001" + TOP_UP_1 + "00" + "18fcffff", "TopUpTime", 23);
    }

    @Test
    void r56_4_publishDebtLog() {
        var log = new PublishDebtLog(1, 2, List.of(new DebtRecord(100_000_000L, 10_000, 1, 100_000),
                new DebtRecord(0, 0, 0, 0)));
        assertRoundTrip("090506" + "0102" + DEBT_1 + "00".repeat(13), log);
        assertError("090506" + "0102", "DebtPayload", 5);
        assertError("090506" + "0102" + "00e1f505" + "10", "AmountCollected", 9);
        assertError("090506" + "0102" + DEBT_1 + "00", "CollectionTime", 18);
    }

    @Test
    void commandsOutsideTheTableAreRejected() {
        assertError("010505" + "0001", "CommandIdentifier", 2);  // Publish Top Up Log travels server→client
        assertError("090508" + "0000000000", "CommandIdentifier", 2);
        assertError("010504" + "00", "CommandIdentifier", 2);    // Consumer Top Up: not modelled
        assertError("000508", "FrameType", 0);
    }

    @Test
    void recordsRejectValuesThatDoNotFitTheWire() {
        assertThrows(IllegalArgumentException.class, () -> new TopUp(Bytes.of(new byte[26]), 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new TopUp(Bytes.EMPTY, 0, -1));
        assertThrows(IllegalArgumentException.class, () -> new PublishDebtLog(0, 0, List.of()));
        assertThrows(IllegalArgumentException.class, () -> new DebtRecord(0, 0, 256, 0));
        assertThrows(IllegalArgumentException.class, () -> new GetTopUpLog(0, 256));
        assertThrows(IllegalArgumentException.class, () -> new PublishTopUpLog(256, 0, List.of()));
        assertEquals(0x0705, PrepaymentCluster.CLUSTER_ID);
    }

    static void assertRoundTrip(String frameHex, PrepaymentCommand expected) {
        PrepaymentFrame f = PrepaymentCodec.decode(hex(frameHex));
        assertEquals(expected, f.command(), frameHex);
        assertEquals(frameHex, hex(PrepaymentCodec.encode(f)));
        assertEquals(frameHex, hex(PrepaymentCodec.encode(f.header().transactionSequenceNumber(), expected)));
        assertEquals(expected.payloadLength(), hex(frameHex).length - 3);
        assertEquals(expected, PrepaymentCodec.decodePayload(expected.commandId(), expected.direction(),
                hex(frameHex.substring(6))));
    }

    static void assertError(String frameHex, String field, int offset) {
        ByteBuf buf = Unpooled.wrappedBuffer(hex(frameHex));
        var e = assertThrows(ZclDecodeException.class, () -> PrepaymentCodec.decode(buf), frameHex);
        assertEquals(field, e.field(), () -> frameHex + ": " + e.getMessage());
        assertEquals(offset, e.offset(), () -> frameHex + ": " + e.getMessage());
        assertEquals(0, buf.readerIndex(), "a failed decode leaves the reader index");
    }

    static byte[] hex(String s) {
        return HexFormat.of().parseHex(s);
    }

    static String hex(byte[] b) {
        return HexFormat.of().formatHex(b);
    }
}
