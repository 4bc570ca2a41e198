package io.hansim.device.role;

import io.hansim.device.cot.OccupierDataKind;
import io.hansim.device.cot.OccupierRecord;
import io.hansim.device.node.ClusterRole;
import io.hansim.device.node.Inbound;
import io.hansim.zigbee.prepayment.PrepaymentCluster;
import io.hansim.zigbee.prepayment.PrepaymentCodec;
import io.hansim.zigbee.prepayment.PrepaymentCommand;
import io.hansim.zigbee.prepayment.PrepaymentFrame;
import io.hansim.zigbee.zcl.Bytes;
import io.hansim.zigbee.zcl.ZclDecodeException;
import io.hansim.zigbee.zcl.ZclStatus;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * The PPMID's top-up and debt-recovery logs (Prepayment 0x0705, server side), manufacturer extras of
 * R56.4 that a CoT may clear: Get Top Up Log → Publish Top Up Log, Get Debt Repayment Log → Publish
 * Debt Log (NOT_FOUND when there is none), newest first, split over frames.
 */
public final class PrepaymentLogRole implements ClusterRole {
    /** Top-up codes are cut to this many octets on the air so four records fit a HAN frame. */
    private static final int TOP_UP_CODE_ON_AIR = 12;
    private static final int TOP_UPS_PER_FRAME = 4;
    private static final int DEBTS_PER_FRAME = 6;

    private final Tenancy tenancy;

    public PrepaymentLogRole(Tenancy tenancy) {
        this.tenancy = tenancy;
    }

    @Override
    public int clusterId() {
        return PrepaymentCluster.CLUSTER_ID;
    }

    @Override
    public Side side() {
        return Side.SERVER;
    }

    @Override
    public void command(Inbound in) throws ZclDecodeException {
        PrepaymentFrame p = PrepaymentCodec.decode(in.zcl());
        int tsn = p.header().transactionSequenceNumber();
        if (p.command() instanceof PrepaymentCommand.GetTopUpLog g) {
            List<PrepaymentCommand.TopUp> ups = new ArrayList<>();
            for (OccupierRecord r : newestFirst(OccupierDataKind.TOP_UP_HISTORY, g.latestEndTime(),
                    g.numberOfRecords())) {
                byte[] code = r.description().getBytes(StandardCharsets.UTF_8);
                ups.add(new PrepaymentCommand.TopUp(Bytes.of(Arrays.copyOf(code, Math.min(code.length,
                        TOP_UP_CODE_ON_AIR))), (int) r.value(), r.recordedAtUtc()));
            }
            int frames = Math.max(1, (ups.size() + TOP_UPS_PER_FRAME - 1) / TOP_UPS_PER_FRAME);
            for (int i = 0; i < frames; i++) {
                List<PrepaymentCommand.TopUp> part = ups.subList(i * TOP_UPS_PER_FRAME,
                        Math.min(ups.size(), (i + 1) * TOP_UPS_PER_FRAME));
                send(in, tsn, new PrepaymentCommand.PublishTopUpLog(i, frames, part));
            }
        } else if (p.command() instanceof PrepaymentCommand.GetDebtRepaymentLog g) {
            List<PrepaymentCommand.DebtRecord> debts = new ArrayList<>();
            for (OccupierRecord r : newestFirst(OccupierDataKind.DEBT_RECOVERY, g.latestEndTime(), g.numberOfDebts())) {
                // Outstanding debt is not modelled: 0 (the amount collected is the record's value).
                debts.add(new PrepaymentCommand.DebtRecord(r.recordedAtUtc(), r.value() & 0xFFFF_FFFFL,
                        PrepaymentCluster.DEBT_TYPE_DEBT_1, 0));
            }
            if (debts.isEmpty()) {
                in.port().answer(in, ZclStatus.NOT_FOUND); // PublishDebtLog needs one record or more
                return;
            }
            int frames = (debts.size() + DEBTS_PER_FRAME - 1) / DEBTS_PER_FRAME;
            for (int i = 0; i < frames; i++) {
                send(in, tsn, new PrepaymentCommand.PublishDebtLog(i, frames, debts.subList(
                        i * DEBTS_PER_FRAME, Math.min(debts.size(), (i + 1) * DEBTS_PER_FRAME))));
            }
        } else {
            in.port().answer(in, ZclStatus.UNSUP_CLUSTER_COMMAND);
        }
    }

    private List<OccupierRecord> newestFirst(OccupierDataKind kind, long latestEnd, int n) {
        List<OccupierRecord> rs = new ArrayList<>(tenancy.store().records(kind).stream()
                .filter(r -> r.recordedAtUtc() <= latestEnd).toList());
        Collections.reverse(rs);
        return n == PrepaymentCluster.ALL_RECORDS || rs.size() <= n ? rs : rs.subList(0, n);
    }

    private static void send(Inbound to, int tsn, PrepaymentCommand c) {
        to.port().send(to.source(), false, PrepaymentCluster.CLUSTER_ID,
                Bytes.of(PrepaymentCodec.encode(PrepaymentFrame.of(tsn, c, true))));
    }
}
