package io.hansim.zigbee.prepayment;

import io.hansim.zigbee.prepayment.PrepaymentCommand.DebtRecord;
import io.hansim.zigbee.prepayment.PrepaymentCommand.GetDebtRepaymentLog;
import io.hansim.zigbee.prepayment.PrepaymentCommand.GetTopUpLog;
import io.hansim.zigbee.prepayment.PrepaymentCommand.PublishDebtLog;
import io.hansim.zigbee.prepayment.PrepaymentCommand.PublishTopUpLog;
import io.hansim.zigbee.prepayment.PrepaymentCommand.TopUp;
import io.hansim.zigbee.zcl.Bytes;
import io.hansim.zigbee.zcl.ClusterCommands;
import io.hansim.zigbee.zcl.ZclDecodeException;
import io.hansim.zigbee.zcl.ZclHeader;
import io.hansim.zigbee.zcl.ZclHeader.Direction;
import io.hansim.zigbee.zcl.ZclReader;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Strict encoder and decoder for the Prepayment cluster (0x0705) log commands in
 * {@link PrepaymentCommandType}. Any input either decodes or raises one {@link ZclDecodeException}
 * naming the field and its offset from the frame-control byte: short payloads, a record cut short
 * (the log payloads run to the end of the frame, so bytes that do not make a whole record are an
 * error in that record's field), a TopUpCode over {@value PrepaymentCluster#MAX_TOP_UP_CODE_LENGTH}
 * octets, a Publish Debt Log without records, and headers that name no modelled command (rules in
 * {@link ClusterCommands}). A decoded frame re-encodes to the same bytes.
 */
public final class PrepaymentCodec {
    static final String CLUSTER = "Prepayment";

    private PrepaymentCodec() {
    }

    /** Decodes a whole ZCL frame; error offsets count from {@code frame[0]}. */
    public static PrepaymentFrame decode(byte[] frame) {
        Objects.requireNonNull(frame, "frame");
        return decode(Unpooled.wrappedBuffer(frame));
    }

    /** Decodes all readable bytes as one frame; on failure the reader index is left where it was. */
    public static PrepaymentFrame decode(ByteBuf frame) {
        return ClusterCommands.decodeFrame(frame, PrepaymentCodec::decode);
    }

    /** Decodes the payload of a frame whose header was decoded already; offsets from the frame control. */
    public static PrepaymentFrame decode(ZclHeader header, ByteBuf payload) {
        PrepaymentCommandType type = ClusterCommands.checkHeader(header, CLUSTER, PrepaymentCommandType.values());
        return new PrepaymentFrame(header,
                ClusterCommands.readAll(payload, header.encodedLength(), type.specName(), in -> read(type, in)));
    }

    /** Decodes a bare payload, offsets counted from {@code payload[0]}. */
    public static PrepaymentCommand decodePayload(int commandId, Direction direction, byte[] payload) {
        Objects.requireNonNull(payload, "payload");
        return decodePayload(commandId, direction, Unpooled.wrappedBuffer(payload), 0);
    }

    /**
     * Decodes the payload of command {@code commandId} travelling in {@code direction}.
     *
     * @param baseOffset frame offset of the payload's first byte (3, or 5 after a manufacturer code)
     */
    public static PrepaymentCommand decodePayload(int commandId, Direction direction, ByteBuf payload,
            int baseOffset) {
        Objects.requireNonNull(payload, "payload");
        PrepaymentCommandType type = ClusterCommands.resolve(PrepaymentCommandType.values(), commandId, direction,
                baseOffset - 1, CLUSTER);
        return ClusterCommands.readAll(payload, baseOffset, type.specName(), in -> read(type, in));
    }

    private static PrepaymentCommand read(PrepaymentCommandType type, ZclReader in) {
        return switch (type) {
            case GET_TOP_UP_LOG -> new GetTopUpLog(in.u32("LatestEndTime"), in.u8("NumberOfRecords"));
            case GET_DEBT_REPAYMENT_LOG -> new GetDebtRepaymentLog(in.u32("LatestEndTime"), in.u8("NumberOfDebts"),
                    in.u8("DebtType"));
            case PUBLISH_TOP_UP_LOG -> {
                int index = in.u8("CommandIndex");
                int total = in.u8("TotalNumberOfCommands");
                List<TopUp> topUps = new ArrayList<>();
                while (in.hasRemaining()) {
                    int at = in.offset();
                    int length = in.u8("TopUpCode");
                    if (length > PrepaymentCluster.MAX_TOP_UP_CODE_LENGTH) {
                        throw in.errorAt("TopUpCode", at, "length " + length + " over the "
                                + PrepaymentCluster.MAX_TOP_UP_CODE_LENGTH + "-octet limit");
                    }
                    Bytes code = in.bytes(length, "TopUpCode");
                    int amount = (int) in.u32("TopUpAmount");
                    topUps.add(new TopUp(code, amount, in.u32("TopUpTime")));
                }
                yield new PublishTopUpLog(index, total, topUps);
            }
            case PUBLISH_DEBT_LOG -> {
                int index = in.u8("CommandIndex");
                int total = in.u8("TotalNumberOfCommands");
                if (!in.hasRemaining()) {
                    throw in.error("DebtPayload", "one or more debt records required, none present");
                }
                List<DebtRecord> debts = new ArrayList<>();
                while (in.hasRemaining()) {
                    debts.add(new DebtRecord(in.u32("CollectionTime"), in.u32("AmountCollected"), in.u8("DebtType"),
                            in.u32("OutstandingDebt")));
                }
                yield new PublishDebtLog(index, total, debts);
            }
        };
    }

    // ------------------------------------------------------------------ encoding

    /** A frame with the default frame control of {@link PrepaymentFrame#of(int, PrepaymentCommand)}. */
    public static byte[] encode(int transactionSequenceNumber, PrepaymentCommand command) {
        return encode(PrepaymentFrame.of(transactionSequenceNumber, command));
    }

    /** The whole frame: header, then payload. */
    public static byte[] encode(PrepaymentFrame frame) {
        ByteBuf out = Unpooled.buffer(frame.encodedLength());
        encode(frame, out);
        return bytes(out);
    }

    /** Writes the whole frame at the writer index of {@code out}. */
    public static void encode(PrepaymentFrame frame, ByteBuf out) {
        frame.header().encode(out);
        encodePayload(frame.command(), out);
    }

    /** The payload bytes alone. */
    public static byte[] encodePayload(PrepaymentCommand command) {
        ByteBuf out = Unpooled.buffer(command.payloadLength());
        encodePayload(command, out);
        return bytes(out);
    }

    /** Writes the payload at the writer index of {@code out}. */
    public static void encodePayload(PrepaymentCommand command, ByteBuf out) {
        // The type fixes the record class: the hierarchy is sealed and every member is final.
        switch (command.type()) {
            case GET_TOP_UP_LOG -> {
                GetTopUpLog g = (GetTopUpLog) command;
                out.writeIntLE((int) g.latestEndTime());
                out.writeByte(g.numberOfRecords());
            }
            case GET_DEBT_REPAYMENT_LOG -> {
                GetDebtRepaymentLog g = (GetDebtRepaymentLog) command;
                out.writeIntLE((int) g.latestEndTime());
                out.writeByte(g.numberOfDebts());
                out.writeByte(g.debtType());
            }
            case PUBLISH_TOP_UP_LOG -> {
                PublishTopUpLog p = (PublishTopUpLog) command;
                out.writeByte(p.commandIndex());
                out.writeByte(p.totalNumberOfCommands());
                for (TopUp t : p.topUps()) {
                    out.writeByte(t.topUpCode().length());
                    out.writeBytes(t.topUpCode().toArray());
                    out.writeIntLE(t.topUpAmount());
                    out.writeIntLE((int) t.topUpTime());
                }
            }
            case PUBLISH_DEBT_LOG -> {
                PublishDebtLog p = (PublishDebtLog) command;
                out.writeByte(p.commandIndex());
                out.writeByte(p.totalNumberOfCommands());
                for (DebtRecord d : p.debts()) {
                    out.writeIntLE((int) d.collectionTime());
                    out.writeIntLE((int) d.amountCollected());
                    out.writeByte(d.debtType());
                    out.writeIntLE((int) d.outstandingDebt());
                }
            }
        }
    }

    private static byte[] bytes(ByteBuf out) {
        byte[] b = new byte[out.readableBytes()];
        out.readBytes(b);
        return b;
    }
}
