package io.hansim.zigbee.zcl;

import io.hansim.zigbee.zcl.ZclHeader.FrameType;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.List;

/**
 * Decodes and encodes ZCL general commands (ZCL §2.5) and whole frames that carry them.
 *
 * <p>Decoding is strict and total (DESIGN.md §3): every input gives a {@link GeneralFrame} or one
 * {@link ZclDecodeException} naming the field and the byte offset counted from the frame-control
 * octet: a cluster-specific frame, a general command hansim does not model, an undefined status
 * or data type, a record cut short, trailing octets after the last complete record, or a Write
 * Attributes Response that mixes the all-success octet with failure records. Callers that must
 * answer an unsupported command with Default Response UNSUP_GENERAL_COMMAND check
 * {@link #isSupported(int)} first.
 *
 * <p>Field names in errors are the ZCL's, without spaces: {@code AttributeIdentifier},
 * {@code Status}, {@code AttributeDataType}, {@code AttributeValue} (Read Attributes Response),
 * {@code AttributeData} (Write and Report Attributes), {@code CommandIdentifier} and
 * {@code StatusCode} (Default Response).
 */
public final class GeneralCommandCodec {

    /** Names of the general commands 0x00–0x16 (ZCL §2.5), for error messages. */
    private static final String[] NAMES = {
        "Read Attributes", "Read Attributes Response", "Write Attributes", "Write Attributes Undivided",
        "Write Attributes Response", "Write Attributes No Response", "Configure Reporting",
        "Configure Reporting Response", "Read Reporting Configuration",
        "Read Reporting Configuration Response", "Report Attributes", "Default Response",
        "Discover Attributes", "Discover Attributes Response", "Read Attributes Structured",
        "Write Attributes Structured", "Write Attributes Structured Response",
        "Discover Commands Received", "Discover Commands Received Response",
        "Discover Commands Generated", "Discover Commands Generated Response",
        "Discover Attributes Extended", "Discover Attributes Extended Response",
    };

    /** The same names without spaces, as the field name of a trailing-octets error. */
    private static final String[] FIELD_NAMES = new String[NAMES.length];

    static {
        for (int i = 0; i < NAMES.length; i++) {
            FIELD_NAMES[i] = NAMES[i].replace(" ", "");
        }
    }

    private GeneralCommandCodec() {
    }

    /** Whether this codec models general command {@code commandId}. */
    public static boolean isSupported(int commandId) {
        return switch (commandId) {
            case ReadAttributes.COMMAND_ID, ReadAttributesResponse.COMMAND_ID, WriteAttributes.COMMAND_ID,
                    WriteAttributesResponse.COMMAND_ID, ReportAttributes.COMMAND_ID,
                    DefaultResponse.COMMAND_ID -> true;
            default -> false;
        };
    }

    // ---- decoding -------------------------------------------------------------------------------

    /**
     * Decodes a whole frame from the readable bytes of {@code frame} (all of them are consumed on
     * success; on failure the reader index is left wherever decoding stopped). Offsets in errors
     * count from the buffer's reader index.
     */
    public static GeneralFrame decode(ByteBuf frame) {
        ZclReader in = new ZclReader(frame);
        ZclHeader header = ZclHeader.decode(in);
        if (header.frameType() != FrameType.GLOBAL) {
            throw in.errorAt("FrameControl", 0, "frame type " + header.frameType() + " is not a general command");
        }
        GeneralCommand command = readPayload(header.commandId(), in, header.encodedLength() - 1);
        return new GeneralFrame(header, command);
    }

    public static GeneralFrame decode(byte[] frame) {
        return decode(Unpooled.wrappedBuffer(frame));
    }

    /** Interprets a frame whose header is already decoded; offsets count from its frame control. */
    public static GeneralFrame decode(ZclFrame frame) {
        ZclHeader header = frame.header();
        if (header.frameType() != FrameType.GLOBAL) {
            throw new ZclDecodeException("FrameControl", 0,
                    "frame type " + header.frameType() + " is not a general command");
        }
        return new GeneralFrame(header,
                decodePayload(header.commandId(), Unpooled.wrappedBuffer(frame.payload().toArray()),
                        frame.payloadOffset()));
    }

    /**
     * Decodes the payload of general command {@code commandId}: every readable byte of
     * {@code payload}, which must hold exactly one command.
     *
     * @param baseOffset the frame offset of the payload's first byte (3, or 5 for a
     *                   manufacturer-specific header), so errors count from the frame start; an
     *                   unsupported command is reported at {@code baseOffset - 1}, where the command
     *                   identifier sits (at 0 if {@code baseOffset} is 0)
     */
    public static GeneralCommand decodePayload(int commandId, ByteBuf payload, int baseOffset) {
        return readPayload(commandId, new ZclReader(payload, baseOffset), Math.max(baseOffset - 1, 0));
    }

    private static GeneralCommand readPayload(int commandId, ZclReader in, int commandIdOffset) {
        GeneralCommand c = switch (commandId) {
            case ReadAttributes.COMMAND_ID -> readReadAttributes(in);
            case ReadAttributesResponse.COMMAND_ID -> readReadAttributesResponse(in);
            case WriteAttributes.COMMAND_ID -> new WriteAttributes(readAttributeRecords(in));
            case WriteAttributesResponse.COMMAND_ID -> readWriteAttributesResponse(in);
            case ReportAttributes.COMMAND_ID -> new ReportAttributes(readAttributeRecords(in));
            case DefaultResponse.COMMAND_ID -> new DefaultResponse(in.u8("CommandIdentifier"),
                    ZclStatus.read(in, "StatusCode"));
            default -> throw in.errorAt("CommandIdentifier", commandIdOffset, String.format(
                    "general command 0x%02X%s is not supported", commandId,
                    commandId < NAMES.length ? " (" + NAMES[commandId] + ")" : ""));
        };
        in.end(FIELD_NAMES[commandId]);
        return c;
    }

    private static ReadAttributes readReadAttributes(ZclReader in) {
        List<Integer> ids = new ArrayList<>(in.remaining() / 2);
        while (in.hasRemaining()) {
            ids.add(in.u16("AttributeIdentifier"));
        }
        return new ReadAttributes(ids);
    }

    private static ReadAttributesResponse readReadAttributesResponse(ZclReader in) {
        List<ReadAttributesResponse.StatusRecord> records = new ArrayList<>();
        while (in.hasRemaining()) {
            int id = in.u16("AttributeIdentifier");
            ZclStatus status = ZclStatus.read(in, "Status");
            if (status == ZclStatus.SUCCESS) {
                records.add(ReadAttributesResponse.StatusRecord.success(id,
                        ZclValues.readTyped(in, "AttributeDataType", "AttributeValue")));
            } else {
                // The data type and value are present only for SUCCESS (ZCL §2.5.2): the next
                // record begins at the very next octet.
                records.add(ReadAttributesResponse.StatusRecord.failure(id, status));
            }
        }
        return new ReadAttributesResponse(records);
    }

    private static List<AttributeRecord> readAttributeRecords(ZclReader in) {
        List<AttributeRecord> records = new ArrayList<>();
        while (in.hasRemaining()) {
            int id = in.u16("AttributeIdentifier");
            records.add(new AttributeRecord(id, ZclValues.readTyped(in, "AttributeDataType", "AttributeData")));
        }
        return records;
    }

    private static WriteAttributesResponse readWriteAttributesResponse(ZclReader in) {
        ZclStatus status = ZclStatus.read(in, "Status");
        if (status == ZclStatus.SUCCESS) {
            // All written: the single status octet, nothing after it (trailing octets are reported
            // by the caller's end check).
            return WriteAttributesResponse.success();
        }
        List<WriteAttributesResponse.StatusRecord> failures = new ArrayList<>();
        while (true) {
            failures.add(new WriteAttributesResponse.StatusRecord(status, in.u16("AttributeIdentifier")));
            if (!in.hasRemaining()) {
                return new WriteAttributesResponse(failures);
            }
            int at = in.offset();
            status = ZclStatus.read(in, "Status");
            if (status == ZclStatus.SUCCESS) {
                throw in.errorAt("Status", at,
                        "SUCCESS record among failure records; all-success is the single octet 0x00");
            }
        }
    }

    // ---- encoding -------------------------------------------------------------------------------

    /** Writes header and payload. */
    public static void encode(GeneralFrame frame, ByteBuf out) {
        frame.header().encode(out);
        encodePayload(frame.command(), out);
    }

    /** The frame's octets as a new array. */
    public static byte[] encode(GeneralFrame frame) {
        byte[] bytes = new byte[frame.header().encodedLength() + payloadLength(frame.command())];
        encode(frame, Unpooled.wrappedBuffer(bytes).writerIndex(0));
        return bytes;
    }

    /** Writes the payload only (everything after the command identifier). */
    public static void encodePayload(GeneralCommand command, ByteBuf out) {
        switch (command.commandId()) {
            case ReadAttributes.COMMAND_ID -> {
                for (int id : ((ReadAttributes) command).attributeIds()) {
                    out.writeShortLE(id);
                }
            }
            case ReadAttributesResponse.COMMAND_ID -> {
                for (ReadAttributesResponse.StatusRecord r : ((ReadAttributesResponse) command).records()) {
                    out.writeShortLE(r.attributeId());
                    out.writeByte(r.status().code());
                    if (r.isSuccess()) {
                        ZclValues.writeTyped(r.value(), out);
                    }
                }
            }
            case WriteAttributes.COMMAND_ID -> writeAttributeRecords(((WriteAttributes) command).records(), out);
            case WriteAttributesResponse.COMMAND_ID -> {
                WriteAttributesResponse w = (WriteAttributesResponse) command;
                if (w.allSucceeded()) {
                    out.writeByte(ZclStatus.SUCCESS.code());
                }
                for (WriteAttributesResponse.StatusRecord r : w.failures()) {
                    out.writeByte(r.status().code());
                    out.writeShortLE(r.attributeId());
                }
            }
            case ReportAttributes.COMMAND_ID -> writeAttributeRecords(((ReportAttributes) command).reports(), out);
            case DefaultResponse.COMMAND_ID -> {
                DefaultResponse d = (DefaultResponse) command;
                out.writeByte(d.receivedCommandId());
                out.writeByte(d.status().code());
            }
            default -> throw new AssertionError(command);
        }
    }

    /** The payload's octets as a new array. */
    public static byte[] encodePayload(GeneralCommand command) {
        byte[] bytes = new byte[payloadLength(command)];
        encodePayload(command, Unpooled.wrappedBuffer(bytes).writerIndex(0));
        return bytes;
    }

    /** Number of octets {@link #encodePayload(GeneralCommand, ByteBuf)} writes. */
    public static int payloadLength(GeneralCommand command) {
        return switch (command.commandId()) {
            case ReadAttributes.COMMAND_ID -> 2 * ((ReadAttributes) command).attributeIds().size();
            case ReadAttributesResponse.COMMAND_ID -> {
                int n = 0;
                for (ReadAttributesResponse.StatusRecord r : ((ReadAttributesResponse) command).records()) {
                    n += 3 + (r.isSuccess() ? ZclValues.encodedLengthTyped(r.value()) : 0);
                }
                yield n;
            }
            case WriteAttributes.COMMAND_ID -> attributeRecordsLength(((WriteAttributes) command).records());
            case WriteAttributesResponse.COMMAND_ID -> {
                WriteAttributesResponse w = (WriteAttributesResponse) command;
                yield w.allSucceeded() ? 1 : 3 * w.failures().size();
            }
            case ReportAttributes.COMMAND_ID -> attributeRecordsLength(((ReportAttributes) command).reports());
            case DefaultResponse.COMMAND_ID -> 2;
            default -> throw new AssertionError(command);
        };
    }

    private static void writeAttributeRecords(List<AttributeRecord> records, ByteBuf out) {
        for (AttributeRecord r : records) {
            out.writeShortLE(r.attributeId());
            ZclValues.writeTyped(r.value(), out);
        }
    }

    private static int attributeRecordsLength(List<AttributeRecord> records) {
        int n = 0;
        for (AttributeRecord r : records) {
            n += 2 + ZclValues.encodedLengthTyped(r.value());
        }
        return n;
    }
}
