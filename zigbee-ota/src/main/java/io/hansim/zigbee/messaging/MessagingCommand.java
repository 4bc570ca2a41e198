package io.hansim.zigbee.messaging;

import io.hansim.zigbee.zcl.Bytes;
import io.hansim.zigbee.zcl.FieldChecks;
import io.hansim.zigbee.zcl.ZclDataType;
import io.hansim.zigbee.zcl.ZclHeader.Direction;
import io.hansim.zigbee.zcl.ZclValue;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One Messaging cluster (0x0703) command as an immutable value; the header is in
 * {@link MessagingFrame}, bytes go through {@link MessagingCodec}. Records check every field
 * against its wire width. Layouts: SE 1.4 D.5.2.3–D.5.2.4, as Wireshark
 * {@code packet-zbee-zcl-se.c} dissects them (little-endian; strings length-prefixed).
 */
public sealed interface MessagingCommand permits MessagingCommand.DisplayMessage, MessagingCommand.CancelMessage,
        MessagingCommand.CancelAllMessages, MessagingCommand.GetLastMessage, MessagingCommand.MessageConfirmation,
        MessagingCommand.GetMessageCancellation {

    /** Which command this is. */
    MessagingCommandType type();

    /** The CommandIdentifier on the air. */
    default int commandId() {
        return type().id();
    }

    /** The direction the command travels in. */
    default Direction direction() {
        return type().direction();
    }

    /** Number of payload bytes after the ZCL header. */
    int payloadLength();

    /**
     * Display Message, server→client 0x00: MessageID u32, MessageControl map8, StartTime UTCTime,
     * DurationInMinutes u16, Message (character string: length octet, then octets), then
     * ExtendedMessageControl map8, optional (added in SE 1.2; older senders omit it).
     *
     * @param message the raw character string, short form (0x42); its non-value (length 0xFF) is
     *                kept so that such a frame re-encodes unchanged
     */
    record DisplayMessage(long messageId, int messageControl, long startTime, int durationInMinutes,
            ZclValue.CharString message, OptionalInt extendedMessageControl) implements MessagingCommand {
        public DisplayMessage {
            FieldChecks.u32("MessageID", messageId);
            FieldChecks.u8("MessageControl", messageControl);
            FieldChecks.u32("StartTime", startTime);
            FieldChecks.u16("DurationInMinutes", durationInMinutes);
            FieldChecks.required("Message", message);
            if (message.type() != ZclDataType.CHARACTER_STRING) {
                throw new IllegalArgumentException("Message is a short character string, not " + message.type());
            }
            FieldChecks.required("ExtendedMessageControl", extendedMessageControl);
            if (extendedMessageControl.isPresent()) {
                FieldChecks.u8("ExtendedMessageControl", extendedMessageControl.getAsInt());
            }
        }

        /** A message with the text as UTF-8 and an ExtendedMessageControl of 0. */
        public static DisplayMessage of(long messageId, int messageControl, long startTime, int durationInMinutes,
                String text) {
            return new DisplayMessage(messageId, messageControl, startTime, durationInMinutes,
                    ZclValue.CharString.of(text), OptionalInt.of(0));
        }

        /** MessageControl bit 7: the user must confirm. */
        public boolean confirmationRequired() {
            return (messageControl & MessagingCluster.MESSAGE_CONTROL_CONFIRMATION_REQUIRED) != 0;
        }

        /** Importance 0 low .. 3 critical (MessageControl bits 2–3). */
        public int importance() {
            return (messageControl & MessagingCluster.MESSAGE_CONTROL_IMPORTANCE_MASK) >>> 2;
        }

        @Override
        public MessagingCommandType type() {
            return MessagingCommandType.DISPLAY_MESSAGE;
        }

        @Override
        public int payloadLength() {
            return 4 + 1 + 4 + 2 + 1 + message.raw().length() + (extendedMessageControl.isPresent() ? 1 : 0);
        }
    }

    /** Cancel Message, server→client 0x01: MessageID u32, MessageControl map8. */
    record CancelMessage(long messageId, int messageControl) implements MessagingCommand {
        public CancelMessage {
            FieldChecks.u32("MessageID", messageId);
            FieldChecks.u8("MessageControl", messageControl);
        }

        @Override
        public MessagingCommandType type() {
            return MessagingCommandType.CANCEL_MESSAGE;
        }

        @Override
        public int payloadLength() {
            return 5;
        }
    }

    /** Cancel All Messages, server→client 0x03: ImplementationDateTime UTCTime (0 = now). */
    record CancelAllMessages(long implementationDateTime) implements MessagingCommand {
        public CancelAllMessages {
            FieldChecks.u32("ImplementationDateTime", implementationDateTime);
        }

        @Override
        public MessagingCommandType type() {
            return MessagingCommandType.CANCEL_ALL_MESSAGES;
        }

        @Override
        public int payloadLength() {
            return 4;
        }
    }

    /**
     * Get Last Message, client→server 0x00, no payload. The answer is the last Display Message, or
     * a Default Response NOT_FOUND when there is none ({@link MessagingCluster#NO_MESSAGE_STATUS}).
     */
    record GetLastMessage() implements MessagingCommand {
        @Override
        public MessagingCommandType type() {
            return MessagingCommandType.GET_LAST_MESSAGE;
        }

        @Override
        public int payloadLength() {
            return 0;
        }
    }

    /**
     * Message Confirmation, client→server 0x01: MessageID u32, ConfirmationTime UTCTime, then the
     * SE 1.2 additions, each optional and only after the one before it (Wireshark reads them while
     * bytes remain): MessageConfirmationControl map8, MessageResponse octet string (at most
     * {@value MessagingCluster#MAX_MESSAGE_RESPONSE_LENGTH} octets).
     */
    record MessageConfirmation(long messageId, long confirmationTime, OptionalInt messageConfirmationControl,
            Optional<Bytes> messageResponse) implements MessagingCommand {
        public MessageConfirmation {
            FieldChecks.u32("MessageID", messageId);
            FieldChecks.u32("ConfirmationTime", confirmationTime);
            FieldChecks.required("MessageConfirmationControl", messageConfirmationControl);
            FieldChecks.required("MessageResponse", messageResponse);
            if (messageConfirmationControl.isPresent()) {
                FieldChecks.u8("MessageConfirmationControl", messageConfirmationControl.getAsInt());
            }
            if (messageResponse.isPresent()) {
                if (messageConfirmationControl.isEmpty()) {
                    throw new IllegalArgumentException(
                            "MessageResponse follows MessageConfirmationControl on the air; it needs one");
                }
                FieldChecks.maxLength("MessageResponse", messageResponse.get(),
                        MessagingCluster.MAX_MESSAGE_RESPONSE_LENGTH);
            }
        }

        /** The SE 1.1 form: identifier and time only. */
        public static MessageConfirmation of(long messageId, long confirmationTime) {
            return new MessageConfirmation(messageId, confirmationTime, OptionalInt.empty(), Optional.empty());
        }

        @Override
        public MessagingCommandType type() {
            return MessagingCommandType.MESSAGE_CONFIRMATION;
        }

        @Override
        public int payloadLength() {
            return 8 + (messageConfirmationControl.isPresent() ? 1 : 0)
                    + messageResponse.map(r -> 1 + r.length()).orElse(0);
        }
    }

    /** Get Message Cancellation, client→server 0x02: EarliestImplementationTime UTCTime. */
    record GetMessageCancellation(long earliestImplementationTime) implements MessagingCommand {
        public GetMessageCancellation {
            FieldChecks.u32("EarliestImplementationTime", earliestImplementationTime);
        }

        @Override
        public MessagingCommandType type() {
            return MessagingCommandType.GET_MESSAGE_CANCELLATION;
        }

        @Override
        public int payloadLength() {
            return 4;
        }
    }
}
