package io.hansim.cli.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.hansim.device.Simulation;
import io.hansim.device.hub.CommsHub;
import io.hansim.zigbee.tunneling.GbcsTunnelCommand;
import io.hansim.zigbee.tunneling.TunnelingCodec;
import io.hansim.zigbee.tunneling.TunnelingCommand;
import io.hansim.zigbee.zcl.Bytes;
import io.hansim.zigbee.zcl.ZclHeader.Direction;
import org.junit.jupiter.api.Test;

/** The report names what a GB tunnel's Transfer Data carries (G.3), not only "Transfer Data". */
class TunnelLabelTest {
    private static final int TUNNELING = 0x0704;

    private static byte[] transfer(Direction d, Bytes data) {
        return TunnelingCodec.encode(7, new TunnelingCommand.TransferData(d, 1, data));
    }

    @Test
    void g3_getAndGetResponseAreNamedWithTheCountLeft() {
        assertEquals("Transfer Data GET", MessageEvents.label(TUNNELING,
                transfer(Direction.CLIENT_TO_SERVER, new GbcsTunnelCommand.Get().encode())));
        assertEquals("Transfer Data GET-RESPONSE, 2 still queued", MessageEvents.label(TUNNELING,
                transfer(Direction.SERVER_TO_CLIENT, new GbcsTunnelCommand.GetResponse(2).encode())));
    }

    @Test
    void g3_aPutNamesTheGbcsMessageCodeAndUseCaseInside() {
        Simulation sim = Simulation.builder().seed(1).hub(CommsHub.Spec.of(0x00DB_1234_5678_0001L)).build();
        byte[] cs11 = sim.supplier().cs11(0x00DB_1234_5678_0009L, 3);
        assertEquals("Transfer Data PUT 0x0015 CS11 (" + cs11.length + " octets)", MessageEvents.label(TUNNELING,
                transfer(Direction.SERVER_TO_CLIENT, new GbcsTunnelCommand.Put(Bytes.of(cs11)).encode())));
    }

    @Test
    void g3_dataThatIsNoGbcsTunnelCommandIsLabelledNotThrown() {
        assertEquals("Transfer Data PUT (3 octets, not a GBCS message)", MessageEvents.label(TUNNELING,
                transfer(Direction.CLIENT_TO_SERVER, Bytes.of(new byte[] {3, 1, 2, 3}))));
        String odd = MessageEvents.label(TUNNELING, transfer(Direction.CLIENT_TO_SERVER, Bytes.of(new byte[] {9})));
        assertEquals(true, odd.startsWith("Transfer Data (not a GBCS tunnel command: "), odd);
    }
}
