package io.hansim.zigbee.messaging;

import io.hansim.zigbee.messaging.MessagingCommand.CancelAllMessages;
import io.hansim.zigbee.messaging.MessagingCommand.CancelMessage;
import io.hansim.zigbee.messaging.MessagingCommand.DisplayMessage;
import io.hansim.zigbee.messaging.MessagingCommand.GetLastMessage;
import io.hansim.zigbee.messaging.MessagingCommand.GetMessageCancellation;
import io.hansim.zigbee.messaging.MessagingCommand.MessageConfirmation;
import io.hansim.zigbee.zcl.Bytes;
import io.hansim.zigbee.zcl.DefaultResponse;
import io.hansim.zigbee.zcl.GeneralCommandCodec;
import io.hansim.zigbee.zcl.ZclDataType;
import io.hansim.zigbee.zcl.ZclDecodeException;
import io.hansim.zigbee.zcl.ZclHeader.Direction;
import io.hansim.zigbee.zcl.ZclStatus;
import io.hansim.zigbee.zcl.ZclValue;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Messaging codec against literal frames laid out by hand from SE 1.4 D.5.2.3–D.5.2.4 as Wireshark
 * {@code packet-zbee-zcl-se.c} dissects them (little-endian integers, length-prefixed strings,
 * optional trailing fields present while bytes remain).
 */
class MessagingCodecTest {
    // MessageID 0x01020304, MessageControl 0x80, StartTime 0 (now), Duration 60, "Hi", ExtendedMessageControl 0.
    static final String DISPLAY = "090700" + "04030201" + "80" + "00000000" + "3c00" + "024869" + "00";

    @Test
    void displayMessageWithExtendedControl() {
        var expected = DisplayMessage.of(0x01020304L, 0x80, 0, 60, "Hi");
        assertRoundTrip(DISPLAY, expected);
        assertEquals(DISPLAY, hex(MessagingCodec.encode(7, expected)));
        assertTrue(expected.confirmationRequired());
        assertEquals(0, expected.importance());
        assertEquals(Optional.of("Hi"), expected.message().text());
    }

    @Test
    void displayMessageWithoutExtendedControlIsTheSe11Form() {
        String frame = DISPLAY.substring(0, DISPLAY.length() - 2);
        var d = new DisplayMessage(0x01020304L, 0x80, 0, 60, ZclValue.CharString.of("Hi"), OptionalInt.empty());
        assertRoundTrip(frame, d);
        assertEquals(14, d.payloadLength()); // 4 + 1 + 4 + 2 + (1 + 2)
    }

    @Test
    void displayMessageKeepsNonUtf8AndTheStringNonValue() {
        String raw = "090100" + "01000000" + "0c" + "78563412" + "ffff" + "03" + "41ff42" + "01";
        var d = (DisplayMessage) MessagingCodec.decode(hex(raw)).command();
        assertEquals(Bytes.fromHex("41ff42"), d.message().raw());
        assertEquals(3, d.importance());
        assertEquals(raw, hex(MessagingCodec.encode(MessagingCodec.decode(hex(raw)))));

        String invalid = "090100" + "01000000" + "00" + "00000000" + "0000" + "ff";
        var i = (DisplayMessage) MessagingCodec.decode(hex(invalid)).command();
        assertTrue(i.message().isInvalid());
        assertEquals(OptionalInt.empty(), i.extendedMessageControl());
        assertEquals(invalid, hex(MessagingCodec.encode(MessagingCodec.decode(hex(invalid)))));
    }

    @Test
    void truncatedDisplayMessageNamesTheField() {
        byte[] full = hex(DISPLAY);
        String[] fields = {"MessageID", "MessageControl", "StartTime", "DurationInMinutes", "Message"};
        int[] starts = {3, 7, 8, 12, 14};
        for (int len = 3; len <= 14; len++) {
            int f = 0;
            while (f + 1 < starts.length && starts[f + 1] <= len) {
                f++;
            }
            assertError(hex(Arrays.copyOf(full, len)), fields[f], starts[f]);
        }
        // The string's length octet says 2 but only one octet follows.
        var e = assertThrows(ZclDecodeException.class,
                () -> MessagingCodec.decode(Arrays.copyOf(full, 16)));
        assertEquals("Message", e.field());
        assertTrue(e.offset() >= 14 && e.offset() <= 15, e.getMessage());
        assertError(DISPLAY + "00", "Display Message", 18);
    }

    @Test
    void cancelMessageAndCancelAll() {
        assertRoundTrip("090201" + "04030201" + "80", new CancelMessage(0x01020304L, 0x80));
        assertRoundTrip("090303" + "00000000", new CancelAllMessages(0));
        assertError("090201" + "04030201", "MessageControl", 7);
        assertError("090303" + "000000", "ImplementationDateTime", 3);
    }

    @Test
    void getLastMessageIsEmpty() {
        assertRoundTrip("010500", new GetLastMessage());
        assertEquals("010500", hex(MessagingCodec.encode(5, new GetLastMessage())));
        assertError("01050000", "Get Last Message", 3);
    }

    @Test
    void noMessageIsADefaultResponseNotFound() {
        var frame = MessagingCodec.noMessageResponse(5);
        byte[] bytes = GeneralCommandCodec.encode(frame);
        // FC 0x18: global, server→client, default response disabled; command 0x0B; for 0x00, NOT_FOUND 0x8B.
        assertEquals("18050b008b", hex(bytes));
        assertEquals(new DefaultResponse(0x00, ZclStatus.NOT_FOUND), GeneralCommandCodec.decode(bytes).command());
        assertEquals(ZclStatus.NOT_FOUND, MessagingCluster.NO_MESSAGE_STATUS);
    }

    @Test
    void messageConfirmationForms() {
        String base = "010901" + "04030201" + "40302010";
        assertRoundTrip(base, MessageConfirmation.of(0x01020304L, 0x10203040L));
        assertRoundTrip(base + "02", new MessageConfirmation(0x01020304L, 0x10203040L, OptionalInt.of(2),
                Optional.empty()));
        assertRoundTrip(base + "02" + "03596573", new MessageConfirmation(0x01020304L, 0x10203040L,
                OptionalInt.of(2), Optional.of(Bytes.fromHex("596573"))));
        assertRoundTrip(base + "00" + "00", new MessageConfirmation(0x01020304L, 0x10203040L,
                OptionalInt.of(0), Optional.of(Bytes.EMPTY)));
        assertError("010901" + "04030201" + "403020", "ConfirmationTime", 7);
        assertError(base + "00" + "14" + "00".repeat(19), "MessageResponse", 13);
        assertError(base + "00" + "15" + "00".repeat(21), "MessageResponse", 12);
        assertError(base + "00" + "00" + "00", "Message Confirmation", 13);
    }

    @Test
    void getMessageCancellation() {
        assertRoundTrip("010202" + "78563412", new GetMessageCancellation(0x12345678L));
        assertError("010202" + "785634", "EarliestImplementationTime", 3);
    }

    @Test
    void commandsOutsideTheTableAreRejected() {
        assertError("090002" + "00", "CommandIdentifier", 2);   // Display Protected Message: not modelled
        assertError("010003" + "00000000", "CommandIdentifier", 2); // Cancel All travels server→client
        assertError("0d3412000000", "ManufacturerSpecific", 0);
        assertError("080000", "FrameType", 0);
        var e = assertThrows(ZclDecodeException.class, () -> MessagingCodec.decodePayload(0x03,
                Direction.CLIENT_TO_SERVER, hex("00000000")));
        assertEquals("CommandIdentifier", e.field());
        assertTrue(e.getMessage().contains("Cancel All Messages"), e.getMessage());
    }

    @Test
    void recordsRejectValuesThatDoNotFitTheWire() {
        assertThrows(IllegalArgumentException.class, () -> DisplayMessage.of(-1, 0, 0, 0, ""));
        assertThrows(IllegalArgumentException.class, () -> DisplayMessage.of(0, 0x100, 0, 0, ""));
        assertThrows(IllegalArgumentException.class, () -> DisplayMessage.of(0, 0, 0, 0x10000, ""));
        assertThrows(IllegalArgumentException.class, () -> new DisplayMessage(0, 0, 0, 0,
                ZclValue.CharString.ofLong("x"), OptionalInt.empty()));
        assertThrows(IllegalArgumentException.class, () -> new MessageConfirmation(0, 0, OptionalInt.empty(),
                Optional.of(Bytes.EMPTY)));
        assertThrows(IllegalArgumentException.class, () -> new MessageConfirmation(0, 0, OptionalInt.of(0),
                Optional.of(Bytes.of(new byte[21]))));
        assertThrows(IllegalArgumentException.class, () -> new CancelMessage(0, 256));
        assertEquals(ZclDataType.CHARACTER_STRING, DisplayMessage.of(0, 0, 0, 0, "").message().type());
        assertFalse(DisplayMessage.of(0, 0, 0, 0, "").confirmationRequired());
        assertEquals(0x0703, MessagingCluster.CLUSTER_ID);
    }

    static void assertRoundTrip(String frameHex, MessagingCommand expected) {
        MessagingFrame f = MessagingCodec.decode(hex(frameHex));
        assertEquals(expected, f.command(), frameHex);
        assertEquals(frameHex, hex(MessagingCodec.encode(f)));
        assertEquals(expected.payloadLength(), hex(frameHex).length - 3);
        assertEquals(frameHex.substring(6), hex(MessagingCodec.encodePayload(expected)));
        assertEquals(expected, MessagingCodec.decodePayload(expected.commandId(), expected.direction(),
                hex(frameHex.substring(6))));
    }

    static void assertError(String frameHex, String field, int offset) {
        ByteBuf buf = Unpooled.wrappedBuffer(hex(frameHex));
        var e = assertThrows(ZclDecodeException.class, () -> MessagingCodec.decode(buf), frameHex);
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
