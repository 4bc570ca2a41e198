package io.hansim.device;

import static io.hansim.device.Fixtures.ESME;
import static io.hansim.device.Fixtures.GPF;
import static io.hansim.device.Fixtures.IHD;
import static io.hansim.device.Fixtures.SECOND;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hansim.device.han.ApsFrame;
import io.hansim.device.ihd.Ihd;
import io.hansim.device.meter.ElectricityMeter;
import io.hansim.device.meter.GasProxy;
import io.hansim.zigbee.basic.BasicAttribute;
import io.hansim.zigbee.ota.ImageNotify;
import io.hansim.zigbee.ota.OtaCluster;
import io.hansim.zigbee.ota.OtaCodec;
import io.hansim.zigbee.ota.OtaFrame;
import io.hansim.zigbee.zcl.Bytes;
import io.hansim.zigbee.zcl.DefaultResponse;
import io.hansim.zigbee.zcl.GeneralCommand;
import io.hansim.zigbee.zcl.GeneralCommandCodec;
import io.hansim.zigbee.zcl.GeneralFrame;
import io.hansim.zigbee.zcl.ReadAttributes;
import io.hansim.zigbee.zcl.ReadAttributesResponse;
import io.hansim.zigbee.zcl.ZclHeader;
import io.hansim.zigbee.zcl.ZclStatus;
import io.hansim.zigbee.zcl.ZclValue;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Routing by cluster: Basic reads, UNSUPPORTED_CLUSTER for the rest, nothing while powered off. */
class DeviceRoutingTest {
    static final long PROBE = 0x00D0_0000_0000_0099L;

    final Simulation sim = Simulation.builder().seed(3).hub(Fixtures.hub())
            .electricityMeter(new ElectricityMeter.Spec("esme", ESME, 0x0005, 0x0305_0001L))
            .gasProxy(new GasProxy.Spec("gpf", GPF, 0x0006, 0x0101_0002L))
            .ihd(new Ihd.Spec("ihd", IHD, 0x0003, 0x0200_0000L))
            .build();
    final List<ApsFrame> atProbe = new ArrayList<>();

    DeviceRoutingTest() {
        sim.bus().attach(PROBE, 0x0099, 1, atProbe::add);
    }

    void probe(long to, int cluster, Bytes zcl) {
        sim.bus().send(new ApsFrame(PROBE, 0x0099, 1, to, sim.bus().attachment(to).orElseThrow().shortAddress(), 1,
                ApsFrame.PROFILE_SMART_ENERGY, cluster, 0, zcl));
        sim.advance(SECOND);
    }

    static Bytes readBasic(int... ids) {
        return Bytes.of(GeneralCommandCodec.encode(GeneralFrame.of(ZclHeader.Direction.CLIENT_TO_SERVER, false, 7,
                ReadAttributes.of(ids))));
    }

    GeneralCommand lastAnswer() {
        return GeneralCommandCodec.decode(atProbe.get(atProbe.size() - 1).payload().toArray()).command();
    }

    @Test
    void basicReadAttributesShowTheRunningFirmware() {
        probe(ESME, BasicAttribute.CLUSTER_ID, readBasic(BasicAttribute.SW_BUILD_ID.id(), 0x7777));
        ReadAttributesResponse r = (ReadAttributesResponse) lastAnswer();
        assertEquals(ZclValue.string("03050001"), r.records().get(0).value());
        assertEquals(ZclStatus.UNSUPPORTED_ATTRIBUTE, r.records().get(1).status());
        assertEquals(0x0305_0001L, sim.device(ESME).runningFirmwareVersion());
        probe(GPF, BasicAttribute.CLUSTER_ID, readBasic(BasicAttribute.SW_BUILD_ID.id()));
        assertEquals(ZclValue.string("01010002"), ((ReadAttributesResponse) lastAnswer()).records().get(0).value());
    }

    @Test
    void anUnknownClusterGetsUnsupportedCluster() {
        // Electrical Measurement 0x0B04: not modelled (Tunneling 0x0704 is served since issue 16, G.3)
        probe(ESME, 0x0B04, readBasic(0x0000));
        assertEquals(new DefaultResponse(0x00, ZclStatus.UNSUPPORTED_CLUSTER), lastAnswer());
    }

    @Test
    void r7_2_anIhdHasNoOtaClientSoImageNotifyGetsUnsupportedCluster() {
        probe(IHD, OtaCluster.CLUSTER_ID, Bytes.of(OtaCodec.encode(OtaFrame.of(1, ImageNotify.of(100)))));
        DefaultResponse d = (DefaultResponse) lastAnswer();
        assertEquals(ZclStatus.UNSUPPORTED_CLUSTER, d.status());
    }

    @Test
    void aPoweredOffDeviceAnswersNothingAndAnswersAgainAfterPowerOn() {
        sim.device(ESME).powerOff();
        probe(ESME, BasicAttribute.CLUSTER_ID, readBasic(BasicAttribute.SW_BUILD_ID.id()));
        assertTrue(atProbe.isEmpty());
        sim.device(ESME).powerOn();
        probe(ESME, BasicAttribute.CLUSTER_ID, readBasic(BasicAttribute.SW_BUILD_ID.id()));
        assertEquals(1, atProbe.size());
    }
}
