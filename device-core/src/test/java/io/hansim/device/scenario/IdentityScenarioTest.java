package io.hansim.device.scenario;

import static io.hansim.device.Fixtures.HOUR;
import static io.hansim.device.Fixtures.NEW;
import static io.hansim.device.Fixtures.PPMID;
import static io.hansim.device.Fixtures.SECOND;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hansim.device.Fixtures;
import io.hansim.device.Simulation;
import io.hansim.device.inventory.OtaIdentity;
import io.hansim.device.ppmid.Ppmid;
import io.hansim.device.role.BasicServer;
import io.hansim.device.sim.RunOutcome;
import io.hansim.zigbee.basic.BasicAttribute;
import io.hansim.zigbee.zcl.ZclValue;
import org.junit.jupiter.api.Test;

/** G.9: Basic identity derived from the OTA parameters, and read by the CH over the HAN. */
class IdentityScenarioTest {

    private static Simulation sim() {
        return Simulation.builder().seed(5).hub(Fixtures.hub())
                .ppmid(Ppmid.Spec.of("ppmid", PPMID, 0x0002, Fixtures.ppmidProfile().build()))
                .readIdentityAtJoin(true).build();
    }

    @Test
    void g9_basicIdentityIsDerivedFromTheOtaParameters() {
        Simulation sim = sim();
        var attrs = sim.ppmid(PPMID).node().role(BasicServer.class).orElseThrow().attributes();
        assertEquals(ZclValue.string(String.format("%04X", Fixtures.MANUFACTURER)),
                attrs.get(BasicAttribute.MANUFACTURER_NAME.id()));
        assertEquals(ZclValue.string(String.format("%04X%04X", Fixtures.IMAGE_TYPE, Fixtures.HARDWARE)),
                attrs.get(BasicAttribute.MODEL_IDENTIFIER.id()));
        assertEquals(ZclValue.string(String.format("%08X", Fixtures.OLD)), attrs.get(BasicAttribute.SW_BUILD_ID.id()));
        // On the wire ManufacturerName is the ZCL string 04 ‖ 4 characters (G.9's "04 + 4 characters").
        assertEquals(4, ((ZclValue.CharString) attrs.get(BasicAttribute.MANUFACTURER_NAME.id())).raw().length());
    }

    @Test
    void g9_theChReadsTheIdentityOverTheHanAndSeesTheNewFirmwareAfterAnOta() {
        Simulation sim = sim();
        assertEquals(RunOutcome.CONDITION_MET,
                sim.runUntil(() -> sim.hub().identityRead(PPMID).isPresent(), 10 * SECOND));
        assertEquals(OtaIdentity.of(Fixtures.MANUFACTURER, Fixtures.IMAGE_TYPE, Fixtures.HARDWARE, Fixtures.OLD),
                sim.hub().identityRead(PPMID).orElseThrow().identity().orElseThrow());
        sim.hub().distribute(Fixtures.gbImage(NEW, 1024), PPMID);
        assertEquals(RunOutcome.CONDITION_MET, sim.runUntil(() -> sim.hub().readBack(PPMID).isPresent(), 12 * HOUR));
        sim.hub().readIdentity(PPMID);
        sim.advance(10 * SECOND);
        assertEquals(OtaIdentity.of(Fixtures.MANUFACTURER, Fixtures.IMAGE_TYPE, Fixtures.HARDWARE, NEW),
                sim.hub().identityRead(PPMID).orElseThrow().identity().orElseThrow(), "FirmwareVersion = File Version");
        assertTrue(sim.hub().identityRead(PPMID).orElseThrow().problem().isEmpty());
    }
}
