package io.hansim.zigbee.prepayment;

import io.hansim.zigbee.zcl.Bytes;
import io.hansim.zigbee.zcl.FieldChecks;
import io.hansim.zigbee.zcl.ZclHeader.Direction;
import java.util.List;

/**
 * One Prepayment cluster (0x0705) log command as an immutable value; the header is in
 * {@link PrepaymentFrame}, bytes go through {@link PrepaymentCodec}. Layouts from SE 1.4
 * D.7.2.3.9, D.7.2.3.11, D.7.2.4.5, D.7.2.4.6 (Figures D-132 and D-134), as the ZBOSS
 * {@code zb_zcl_prepayment.h} structures give them; Wireshark names the commands but does not
 * dissect these payloads. All little-endian.
 */
public sealed interface PrepaymentCommand permits PrepaymentCommand.GetTopUpLog,
        PrepaymentCommand.GetDebtRepaymentLog, PrepaymentCommand.PublishTopUpLog, PrepaymentCommand.PublishDebtLog {

    /** Which command this is. */
    PrepaymentCommandType type();

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
     * Get Top Up Log, client→server 0x08: LatestEndTime UTCTime, NumberOfRecords u8 (0 = all).
     */
    record GetTopUpLog(long latestEndTime, int numberOfRecords) implements PrepaymentCommand {
        public GetTopUpLog {
            FieldChecks.u32("LatestEndTime", latestEndTime);
            FieldChecks.u8("NumberOfRecords", numberOfRecords);
        }

        @Override
        public PrepaymentCommandType type() {
            return PrepaymentCommandType.GET_TOP_UP_LOG;
        }

        @Override
        public int payloadLength() {
            return 5;
        }
    }

    /**
     * Get Debt Repayment Log, client→server 0x0A: LatestEndTime UTCTime, NumberOfDebts u8, DebtType
     * enum8 (0..2 debt 1..3, 0xFF all). SE 1.4 lists DebtType as a field of the command; ZBOSS marks
     * it optional, so whether old clients omit it is (unconfirmed) — this codec requires it.
     */
    record GetDebtRepaymentLog(long latestEndTime, int numberOfDebts, int debtType) implements PrepaymentCommand {
        public GetDebtRepaymentLog {
            FieldChecks.u32("LatestEndTime", latestEndTime);
            FieldChecks.u8("NumberOfDebts", numberOfDebts);
            FieldChecks.u8("DebtType", debtType);
        }

        @Override
        public PrepaymentCommandType type() {
            return PrepaymentCommandType.GET_DEBT_REPAYMENT_LOG;
        }

        @Override
        public int payloadLength() {
            return 6;
        }
    }

    /**
     * One top-up record (SE 1.4 Figure D-132): TopUpCode octet string (at most
     * {@value PrepaymentCluster#MAX_TOP_UP_CODE_LENGTH} octets), TopUpAmount int32, TopUpTime UTCTime.
     */
    record TopUp(Bytes topUpCode, int topUpAmount, long topUpTime) {
        public TopUp {
            FieldChecks.maxLength("TopUpCode", topUpCode, PrepaymentCluster.MAX_TOP_UP_CODE_LENGTH);
            FieldChecks.u32("TopUpTime", topUpTime);
        }

        /** Octets on the air. */
        public int encodedLength() {
            return 1 + topUpCode.length() + 4 + 4;
        }
    }

    /**
     * Publish Top Up Log, server→client 0x05: CommandIndex u8, TotalNumberOfCommands u8, then the
     * TopUpPayload, zero or more {@link TopUp} records up to the end of the frame (ZBOSS marks the
     * payload optional: an empty log is two octets).
     */
    record PublishTopUpLog(int commandIndex, int totalNumberOfCommands, List<TopUp> topUps)
            implements PrepaymentCommand {
        public PublishTopUpLog {
            FieldChecks.u8("CommandIndex", commandIndex);
            FieldChecks.u8("TotalNumberOfCommands", totalNumberOfCommands);
            topUps = List.copyOf(FieldChecks.required("TopUpPayload", topUps));
        }

        @Override
        public PrepaymentCommandType type() {
            return PrepaymentCommandType.PUBLISH_TOP_UP_LOG;
        }

        @Override
        public int payloadLength() {
            int n = 2;
            for (TopUp t : topUps) {
                n += t.encodedLength();
            }
            return n;
        }
    }

    /**
     * One debt repayment record (SE 1.4 Figure D-134): CollectionTime UTCTime, AmountCollected u32,
     * DebtType enum8, OutstandingDebt u32 — 13 octets.
     */
    record DebtRecord(long collectionTime, long amountCollected, int debtType, long outstandingDebt) {
        public static final int LENGTH = 13;

        public DebtRecord {
            FieldChecks.u32("CollectionTime", collectionTime);
            FieldChecks.u32("AmountCollected", amountCollected);
            FieldChecks.u8("DebtType", debtType);
            FieldChecks.u32("OutstandingDebt", outstandingDebt);
        }
    }

    /**
     * Publish Debt Log, server→client 0x06: CommandIndex u8, TotalNumberOfCommands u8, then the
     * DebtPayload, one or more {@link DebtRecord}s ("shall contain one or more debt records") filling
     * the rest of the frame.
     */
    record PublishDebtLog(int commandIndex, int totalNumberOfCommands, List<DebtRecord> debts)
            implements PrepaymentCommand {
        public PublishDebtLog {
            FieldChecks.u8("CommandIndex", commandIndex);
            FieldChecks.u8("TotalNumberOfCommands", totalNumberOfCommands);
            debts = List.copyOf(FieldChecks.required("DebtPayload", debts));
            if (debts.isEmpty()) {
                throw new IllegalArgumentException("DebtPayload holds one or more debt records");
            }
        }

        @Override
        public PrepaymentCommandType type() {
            return PrepaymentCommandType.PUBLISH_DEBT_LOG;
        }

        @Override
        public int payloadLength() {
            return 2 + DebtRecord.LENGTH * debts.size();
        }
    }
}
