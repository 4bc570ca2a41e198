package io.hansim.device.scenario;

import static io.hansim.device.Fixtures.HOUR;
import static io.hansim.device.Fixtures.PPMID;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.hansim.device.Simulation;
import io.hansim.device.sim.RunOutcome;
import io.hansim.zigbee.devicemgmt.DeviceManagementCluster;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * G.5 with the tenancy sources: with discovery on and the CH on 0x7B, the meters' Change of Tenancy
 * reaches the PPMID and the IHD through endpoints found by Match Descriptor, and the clear happens
 * as it does with bound endpoints (R56.7).
 */
class DiscoveredTenancyTest {
    @Test
    void g5_devicesFindTheTenancySourcesByMatchDescriptorAndStillClearOnACot() {
        Simulation sim = CotScenarioTest.household(9, CotScenarioTest.V5_0)
                .hub(io.hansim.device.Fixtures.hub().withEndpoint(0x7B)).endpointDiscovery(true).build();
        CotScenarioTest.previousOccupier(sim);
        long cot = CotScenarioTest.utcAt(sim, sim.now());
        CotScenarioTest.gcs09(sim, cot);
        assertEquals(RunOutcome.CONDITION_MET, sim.runUntil(
                () -> sim.ppmid(PPMID).occupierData().lastHandledCotUtc().isPresent(), HOUR));
        assertEquals(List.of(), sim.ppmid(PPMID).occupierData().scanBefore(cot));
        assertEquals(1, sim.ppmid(PPMID).node().knownEndpoint(io.hansim.device.Fixtures.GPF, DeviceManagementCluster.CLUSTER_ID)
                .orElseThrow(), "the PPMID knows the GPF's Device Management endpoint");
        assertEquals(0, sim.bus().stats().noSuchEndpoint());
        assertEquals(1, sim.ihd(io.hansim.device.Fixtures.IHD).node().knownEndpoint(io.hansim.device.Fixtures.ESME,
                DeviceManagementCluster.CLUSTER_ID).orElseThrow(), "the IHD knows the ESME's");
        // The polls at time zero go to meters not yet attached (boot order): as with bound endpoints
        // they reach no one; here the Match Descriptor Request is what is lost, and its frames are
        // counted as given up.
        assertEquals(2, sim.ppmid(PPMID).node().discoveryFailures());
    }
}
