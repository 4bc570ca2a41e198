package io.hansim.device.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hansim.device.han.ApsFrame;
import io.hansim.device.han.HanBus;
import io.hansim.device.han.LinkFaults;
import io.hansim.device.role.BasicServer;
import io.hansim.device.sim.Scheduler;
import io.hansim.device.sim.Seeds;
import io.hansim.zigbee.zcl.Bytes;
import io.hansim.zigbee.zcl.GeneralCommandCodec;
import io.hansim.zigbee.zcl.ReadAttributesResponse;
import io.hansim.zigbee.zcl.ZclFrame;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * ZCL §2.5.2: a Read Attributes Response carries only the records that fit one HAN frame, measured with
 * the header the answer really has — a manufacturer-specific request gets a manufacturer-specific answer,
 * two octets longer (the CI fuzzing pass found a meter sending 101 octets against the 100 of the HAN).
 */
class ReadAttributesFitTest {
    private final Scheduler scheduler = new Scheduler();
    private final HanBus bus = new HanBus(scheduler, new Seeds(1));
    private final List<ApsFrame> probe = new ArrayList<>();

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void aReadOfManyUnknownAttributesIsAnsweredWithinOneHanFrame(boolean manufacturerSpecific) throws Exception {
        Node n = new Node("dev", 0xC1, 0x0001, 1, bus, 1);
        n.add(new BasicServer(n.port()));
        n.attachAndBoot();
        bus.attach(0xAA, 0x0010, 1, probe::add);
        // Read Attributes of 40 attribute ids nobody serves: 40 records of 3 octets would be 120 + header.
        ByteArrayOutputStream zcl = new ByteArrayOutputStream();
        zcl.write(manufacturerSpecific ? 0x04 : 0x00); // global, client to server
        if (manufacturerSpecific) {
            zcl.write(0x61);
            zcl.write(0x83); // manufacturer code 0x8361
        }
        zcl.write(0x4C); // transaction sequence number
        zcl.write(0x00); // Read Attributes
        for (int i = 0; i < 40; i++) {
            zcl.write(i);
            zcl.write(0xF0); // attribute 0xF0nn: none served by Basic
        }
        bus.send(new ApsFrame(0xAA, 0x0010, 1, 0xC1, 0x0001, 1, ApsFrame.PROFILE_SMART_ENERGY, 0x0000, 0,
                Bytes.of(zcl.toByteArray())));
        scheduler.run();
        assertEquals(0, bus.stats().tooBig(), "the answer fits the HAN");
        assertEquals(1, probe.size());
        byte[] answer = probe.get(0).payload().toArray();
        assertTrue(answer.length <= LinkFaults.DEFAULT_MAX_PAYLOAD, answer.length + " octets");
        ZclFrame f = ZclFrame.decode(answer);
        assertEquals(manufacturerSpecific, f.header().manufacturerSpecific());
        ReadAttributesResponse r = (ReadAttributesResponse) GeneralCommandCodec.decode(f).command();
        int header = manufacturerSpecific ? 5 : 3;
        assertEquals((LinkFaults.DEFAULT_MAX_PAYLOAD - header) / 3, r.records().size(), "as many records as fit");
    }
}
