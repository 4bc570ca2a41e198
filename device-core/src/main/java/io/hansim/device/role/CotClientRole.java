package io.hansim.device.role;

import io.hansim.device.cot.TenancyEvent;
import io.hansim.device.node.ClusterRole;
import io.hansim.device.node.Inbound;
import io.hansim.zigbee.devicemgmt.DeviceManagementCluster;
import io.hansim.zigbee.devicemgmt.DeviceManagementCodec;
import io.hansim.zigbee.devicemgmt.DeviceManagementCommand;
import io.hansim.zigbee.zcl.ReadAttributesResponse;
import io.hansim.zigbee.zcl.ZclDecodeException;
import io.hansim.zigbee.zcl.ZclStatus;
import io.hansim.zigbee.zcl.ZclValue;

/**
 * The Change of Tenancy client (Device Management 0x0708, client side; R56.2): a Publish Change of
 * Tenancy, or a Read Attributes Response of 0x0200/0x0201, from a source becomes
 * {@link TenancyEvent.CotInformation} for the device's {@link Tenancy}. It boots the tenancy machine.
 */
public final class CotClientRole implements ClusterRole {
    private final Tenancy tenancy;

    public CotClientRole(Tenancy tenancy) {
        this.tenancy = tenancy;
    }

    @Override
    public int clusterId() {
        return DeviceManagementCluster.CLUSTER_ID;
    }

    @Override
    public Side side() {
        return Side.CLIENT;
    }

    @Override
    public void boot() {
        tenancy.boot();
    }

    @Override
    public void powerLost() {
        tenancy.powerLost();
    }

    @Override
    public void attributesRead(Inbound in, ReadAttributesResponse r) {
        long when = -1;
        long control = -1;
        for (ReadAttributesResponse.StatusRecord s : r.records()) {
            if (s.isSuccess() && s.value() instanceof ZclValue.UtcTime t
                    && s.attributeId() == DeviceManagementCluster.CHANGE_OF_TENANCY_UPDATE_DATE_TIME.id()) {
                when = t.seconds();
            } else if (s.isSuccess() && s.value() instanceof ZclValue.Bitmap b
                    && s.attributeId() == DeviceManagementCluster.PROPOSED_TENANCY_CHANGE_CONTROL.id()) {
                control = b.bits();
            }
        }
        if (when >= 0 && control >= 0) {
            tenancy.deliver(new TenancyEvent.CotInformation(in.source(), 0, when, control, in.port().utcNow()));
        }
    }

    @Override
    public void command(Inbound in) throws ZclDecodeException {
        DeviceManagementCommand c = DeviceManagementCodec.decode(in.zcl()).command();
        if (c instanceof DeviceManagementCommand.PublishChangeOfTenancy p) {
            tenancy.deliver(new TenancyEvent.CotInformation(in.source(), p.issuerEventId(), p.implementationDateTime(),
                    p.proposedTenancyChangeControl(), in.port().utcNow()));
        } else {
            in.port().answer(in, ZclStatus.UNSUP_CLUSTER_COMMAND); // the device is a Device Management client
        }
    }
}
