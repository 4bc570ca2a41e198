package io.hansim.device;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.hansim.device.han.LinkFaults;
import io.hansim.device.hub.CommsHub;
import io.hansim.device.ppmid.Ppmid;
import io.hansim.device.sim.RunOutcome;
import io.hansim.device.sim.SimTime;
import io.hansim.zigbee.ota.client.ClientProfile;
import io.hansim.zigbee.ota.image.ImageFormat;
import io.hansim.device.gb.Ccs08Code;
import io.hansim.zigbee.ota.server.ReadBackStatus;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * A test a PPMID manufacturer can copy: describe your device's OTA behaviour as a ClientProfile,
 * put it on a simulated HAN with a Comms Hub, distribute an image and check what the CH reports.
 * Everything runs in virtual time: hours of HAN traffic take well under a second.
 */
class ManufacturerExampleTest {
    // Addresses are plain EUI-64 values; choose any distinct ones.
    static final long HUB = 0x00D0_0000_0000_0001L;
    static final long MY_PPMID = 0x1234_5678_9ABC_DEF0L;

    @Test
    void myPpmidTakesAnUpgradeOverALossyHan() {
        // 1. Your device's OTA client, as data: manufacturer code, image type, the version it ships with,
        //    hardware version, block size, and the key your GB images are signed with.
        ClientProfile myProfile = ClientProfile.builder()
                .name("acme-ppmid-v1")
                .identity(i -> i
                        .upgradeServer(HUB)                 // the only server it trusts (R7.3)
                        .manufacturerCode(Fixtures.MANUFACTURER)
                        .imageType(Fixtures.IMAGE_TYPE)
                        .currentFileVersion(Fixtures.OLD)
                        .hardwareVersion(Fixtures.HARDWARE))
                .transfer(t -> t.maximumDataSize(64))       // octets per Image Block Request
                .timing(t -> t.queryInterval(Duration.ofHours(1))) // periodic Query Next Image (the default)
                .trust(t -> t.trustedKey(Fixtures.KEY.getPublic()).imageFormat(ImageFormat.GB))
                .build();

        // 2. The HAN: a SMETS2+ CH, your PPMID, and a link that loses 5 % of frames. The seed makes the
        //    run repeatable: the same seed gives the same faults and the same trace.
        Simulation sim = Simulation.builder()
                .seed(20261122)
                .hub(CommsHub.Spec.of(HUB))
                .ppmid(Ppmid.Spec.of("my-ppmid", MY_PPMID, 0x1001, myProfile))
                .link(LinkFaults.PERFECT.withLoss(5).withDelay(5_000, 50_000))
                .build();

        // 3. SR 11.4: the CH stages your image and notifies the PPMID (R7.4).
        byte[] image = Fixtures.gbImage(Fixtures.NEW, 32 * 1024);
        sim.hub().distribute(image, MY_PPMID);

        // 4. Run until the CH has read the version back (R7.10), for at most 12 virtual hours.
        RunOutcome outcome = sim.runUntil(() -> sim.hub().readBack(MY_PPMID).isPresent(), SimTime.seconds(12 * 3600));
        assertEquals(RunOutcome.CONDITION_MET, outcome);

        // 5. What a test lab would check: CCS08 success, the new version read back and running.
        assertEquals(Ccs08Code.SUCCESS, sim.hub().transferOutcome(MY_PPMID).orElseThrow().code());
        assertEquals(ReadBackStatus.VERSION_MATCHES, sim.hub().readBack(MY_PPMID).orElseThrow().status());
        assertEquals(Fixtures.NEW, sim.ppmid(MY_PPMID).runningFirmwareVersion());
    }
}
