package io.hansim.zigbee.events;

import io.hansim.zigbee.zcl.FieldChecks;
import io.hansim.zigbee.zcl.ZclHeader.Direction;

/**
 * One Events cluster (0x0709) command as an immutable value; the header is in {@link EventsFrame},
 * bytes go through {@link EventsCodec}.
 */
public sealed interface EventsCommand permits EventsCommand.ClearEventLogRequest,
        EventsCommand.ClearEventLogResponse {

    /** Which command this is. */
    EventsCommandType type();

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

    /** Clear Event Log Request, client→server 0x01: Log ID enum8 ({@link EventsCluster#LOG_GENERAL} …). */
    record ClearEventLogRequest(int logId) implements EventsCommand {
        public ClearEventLogRequest {
            FieldChecks.u8("LogID", logId);
        }

        @Override
        public EventsCommandType type() {
            return EventsCommandType.CLEAR_EVENT_LOG_REQUEST;
        }

        @Override
        public int payloadLength() {
            return 1;
        }
    }

    /** Clear Event Log Response, server→client 0x02: ClearedEventsLogs bitmap8 (0x08 general log cleared). */
    record ClearEventLogResponse(int clearedEventsLogs) implements EventsCommand {
        public ClearEventLogResponse {
            FieldChecks.u8("ClearedEventsLogs", clearedEventsLogs);
        }

        @Override
        public EventsCommandType type() {
            return EventsCommandType.CLEAR_EVENT_LOG_RESPONSE;
        }

        @Override
        public int payloadLength() {
            return 1;
        }
    }
}
