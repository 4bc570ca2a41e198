package io.hansim.device.scenario;

import static io.hansim.device.Fixtures.SECOND;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.hansim.device.Fixtures;
import io.hansim.device.Simulation;
import io.hansim.device.gsme.Gsme;
import io.hansim.device.hub.CommsHub;
import io.hansim.device.ihd.Ihd;
import io.hansim.device.inventory.OtaIdentity;
import io.hansim.device.meter.ElectricityMeter;
import io.hansim.device.meter.GasProxy;
import io.hansim.device.node.HanDevice;
import io.hansim.device.role.BasicServer;
import io.hansim.zigbee.basic.BasicAttribute;
import io.hansim.zigbee.zcl.ZclValue;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * G.9 for the kinds without an OTA profile (ESME without one, GPF, IHD, GSME, the CH): their Basic
 * identity is derived from identity parameters in their spec, a default per kind (not zeros) unless
 * configured, and the CH reads it over the HAN.
 */
class IdentityParametersTest {
    static final long ESME = 0x00DB_0000_0000_0011L;
    static final long GPF = 0x00DB_0000_0000_0012L;
    static final long IHD = 0x00DB_0000_0000_0013L;
    static final long GSME = 0x00DB_0000_0000_0014L;

    private static Simulation sim(BasicServer.Identity esme, BasicServer.Identity hub) {
        ElectricityMeter.Spec e = new ElectricityMeter.Spec("esme", ESME, 0x0011, 0x10);
        CommsHub.Spec h = Fixtures.hub();
        return Simulation.builder().seed(9).hub(hub == null ? h : h.withIdentity(hub))
                .electricityMeter(esme == null ? e : e.withIdentity(esme))
                .device(new GasProxy.Spec("gpf", GPF, 0x0012, 0x20))
                .device(new Ihd.Spec("ihd", IHD, 0x0013, 0x30))
                .gsme(new Gsme.Spec("gsme", GSME, 0x0014, 0x40))
                .readIdentityAtJoin(true).build();
    }

    private static ZclValue model(HanDevice d) {
        return d.node().role(BasicServer.class).orElseThrow().attributes().get(BasicAttribute.MODEL_IDENTIFIER.id());
    }

    private static ZclValue text(String s) {
        return ZclValue.CharString.of(s);
    }

    @Test
    void g9_everyKindHasADefaultIdentityThatIsNotZeros() {
        Simulation sim = sim(null, null);
        sim.advance(10 * SECOND);
        List<BasicServer.Identity> defaults = List.of(ElectricityMeter.DEFAULT_IDENTITY, GasProxy.DEFAULT_IDENTITY,
                Ihd.DEFAULT_IDENTITY, Gsme.DEFAULT_IDENTITY, CommsHub.Spec.DEFAULT_IDENTITY);
        assertEquals(defaults.size(), defaults.stream().map(BasicServer.Identity::imageType).distinct().count(),
                "each kind its own image type");
        long[] euis = {ESME, GPF, IHD, GSME};
        for (int i = 0; i < euis.length; i++) {
            BasicServer.Identity id = defaults.get(i);
            assertNotEquals(BasicServer.Identity.UNSPECIFIED, id);
            HanDevice d = sim.device(euis[i]);
            assertEquals(text(String.format("%04X%04X", id.imageType(), id.hardwareVersion())), model(d));
            assertEquals(OtaIdentity.of(id.manufacturerCode(), id.imageType(), id.hardwareVersion(),
                    d.runningFirmwareVersion()), sim.hub().identityRead(euis[i]).orElseThrow().identity().orElseThrow(),
                    "the CH read it over the HAN");
        }
        assertEquals(text(String.format("%04X%04X", CommsHub.Spec.DEFAULT_IDENTITY.imageType(), 1)), model(sim.hub()));
    }

    @Test
    void g9_identityParametersAreConfiguration() {
        Simulation sim = sim(new BasicServer.Identity(0xABCD, 0x0777, 3), new BasicServer.Identity(0x1111, 0x2222, 4));
        sim.advance(10 * SECOND);
        assertEquals(text("07770003"), model(sim.device(ESME)));
        assertEquals(text("22220004"), model(sim.hub()));
        assertEquals(OtaIdentity.of(0xABCD, 0x0777, 3, 0x10),
                sim.hub().identityRead(ESME).orElseThrow().identity().orElseThrow());
    }

    @Test
    void g9_aMeterWithAnOtaProfileTakesItsIdentityFromTheProfile() {
        var profile = Fixtures.ppmidProfile().name("m").build();
        ElectricityMeter.Spec e = new ElectricityMeter.Spec("esme", ESME, 0x0011, 0x10).withOta(profile)
                .withIdentity(new BasicServer.Identity(0xABCD, 0x0777, 3));
        assertEquals(BasicServer.Identity.of(profile), e.basicIdentity());
        Gsme.Spec g = new Gsme.Spec("gsme", GSME, 0x0014, 0x40).withOta(profile);
        assertEquals(BasicServer.Identity.of(profile), g.basicIdentity());
    }
}
