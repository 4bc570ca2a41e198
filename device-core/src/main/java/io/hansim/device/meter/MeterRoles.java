package io.hansim.device.meter;

import io.hansim.device.consumption.ConsumptionModel;
import io.hansim.device.han.HanBus;
import io.hansim.device.node.HanDevice;
import io.hansim.device.node.Node;
import io.hansim.device.role.BasicServer;
import io.hansim.device.role.CotServerRole;
import io.hansim.device.role.MeteringServerRole;

/**
 * What the ESME and the GPF are made of, assembled once for both: a node with the Basic server, the
 * Metering server and — when the meter's spec version serves CoT (R56.6) — the Change of Tenancy server.
 * Below the threshold the CoT role still holds a CoT set by the WAN but is not on the endpoint, so the
 * meter lacks the cluster.
 */
record MeterRoles(Node node, CotServerRole cot, MeteringServerRole metering) {
    static MeterRoles assemble(HanDevice owner, String name, long eui64, int shortAddress, HanBus bus,
            long firmwareVersion, boolean publishesCot, BasicServer.Identity identity) {
        Node node = new Node(name, eui64, shortAddress, bus, firmwareVersion).owner(owner);
        node.add(new BasicServer(node.port(), identity)); // G.9
        CotServerRole cot = new CotServerRole(node.port(), publishesCot);
        MeteringServerRole metering = node.add(new MeteringServerRole(node.port(), new ConsumptionModel(eui64),
                cot::changeOfTenancy));
        if (publishesCot) {
            node.add(cot);
        }
        return new MeterRoles(node, cot, metering);
    }
}
