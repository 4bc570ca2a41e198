package io.hansim.device.role;

import io.hansim.device.cot.OccupierDataKind;
import io.hansim.device.cot.OccupierRecord;
import io.hansim.device.node.ClusterRole;
import io.hansim.device.node.Inbound;
import io.hansim.zigbee.messaging.MessagingCluster;
import io.hansim.zigbee.messaging.MessagingCodec;
import io.hansim.zigbee.messaging.MessagingCommand;
import io.hansim.zigbee.messaging.MessagingFrame;
import io.hansim.zigbee.zcl.Bytes;
import io.hansim.zigbee.zcl.GeneralCommandCodec;
import io.hansim.zigbee.zcl.ZclDecodeException;
import io.hansim.zigbee.zcl.ZclHeader;
import io.hansim.zigbee.zcl.ZclStatus;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Supplier messages as occupier data (Messaging 0x0703, client side): a Display Message is stored,
 * dated on arrival; Get Last Message is answered with the last one stored, or NOT_FOUND, so what a CoT
 * clears can be checked on the HAN (R56.5). Cancel Message and the like are not modelled: the message
 * stays stored.
 */
public final class MessagingRole implements ClusterRole {
    /** Message text cut so a Display Message fits a 100-octet payload. */
    private static final int MESSAGE_ON_AIR = 60;

    private final Tenancy tenancy;

    public MessagingRole(Tenancy tenancy) {
        this.tenancy = tenancy;
    }

    @Override
    public int clusterId() {
        return MessagingCluster.CLUSTER_ID;
    }

    @Override
    public Side side() {
        return Side.CLIENT;
    }

    @Override
    public void command(Inbound in) throws ZclDecodeException {
        MessagingFrame m = MessagingCodec.decode(in.zcl());
        MessagingCommand c = m.command();
        int tsn = m.header().transactionSequenceNumber();
        if (c instanceof MessagingCommand.DisplayMessage d) {
            String text = new String(d.message().raw().toArray(), StandardCharsets.UTF_8);
            tenancy.store().add(new OccupierRecord(OccupierDataKind.SUPPLIER_MESSAGES, in.port().utcNow(), text,
                    d.messageId()));
        } else if (c instanceof MessagingCommand.GetLastMessage) {
            List<OccupierRecord> msgs = tenancy.store().records(OccupierDataKind.SUPPLIER_MESSAGES);
            byte[] out;
            if (msgs.isEmpty()) {
                out = GeneralCommandCodec.encode(MessagingCodec.noMessageResponse(tsn));
            } else {
                OccupierRecord last = msgs.get(msgs.size() - 1);
                String text = last.description().length() > MESSAGE_ON_AIR
                        ? last.description().substring(0, MESSAGE_ON_AIR) : last.description();
                out = MessagingCodec.encode(MessagingFrame.of(tsn, MessagingCommand.DisplayMessage.of(
                        last.value() & 0xFFFF_FFFFL, 0, last.recordedAtUtc(),
                        MessagingCluster.DURATION_UNTIL_CHANGED, text), true));
            }
            in.port().send(in.source(), false, MessagingCluster.CLUSTER_ID, Bytes.of(out));
        } else if (m.header().direction() == ZclHeader.Direction.CLIENT_TO_SERVER) {
            in.port().answer(in, ZclStatus.UNSUP_CLUSTER_COMMAND);
        }
    }
}
