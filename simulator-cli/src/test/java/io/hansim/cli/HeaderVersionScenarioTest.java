package io.hansim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 14 item 6, as a user meets it: a GB-signed image from {@code image build --demo} with one bit
 * of the header's File Version flipped still has a VALID signature ({@code image inspect}), but the
 * PPMID refuses it, keeps its firmware, and the CH's CCS08 says so.
 */
class HeaderVersionScenarioTest {
    private static final String SCENARIO = """
            name: flipped header version
            seed: 14
            topology:
              hub: { eui: 00DB1234567890A2 }
              devices:
                - { id: ppmid, type: ppmid, eui: 00DB1234567890A4, manufacturerCode: 0x1234, imageType: 0x0084,
                    hardwareVersion: 0x0110, firmwareVersion: 0x01000001 }
            images:
              - { id: v, file: %s }
            steps:
              - distribute: { image: v, to: ppmid }
              - wait: 6h
              - expect: { device: ppmid, firmwareVersion: %s }
              - expect: { hub: { ccs08: { device: ppmid, code: %d } } }
            """;

    @Test
    void r7_14_aFlippedHeaderFileVersionVerifiesButThePpmidRefusesIt(@TempDir Path dir) throws Exception {
        Path image = dir.resolve("demo.ota");
        assertEquals(0, Cli.run("image", "build", "--demo", "-o", image.toString()).exit());
        byte[] b = Files.readAllBytes(image);
        assertEquals(0x02, b[14], "File Version 0x01000002, least significant octet first at offset 14");
        b[14] ^= 0x01; // 0x01000003: newer, so no downgrade rule is involved
        Path tampered = dir.resolve("tampered.ota");
        Files.write(tampered, b);

        Cli inspect = Cli.run("image", "inspect", "--json", "--verify-key", image + ".pub.pem", tampered.toString());
        assertTrue(inspect.out().contains("\"fileVersion\":16777219"), inspect.out()); // 0x01000003
        assertTrue(inspect.out().contains("GB_SIGNATURE_VERIFIED"), "the signature is still VALID: " + inspect.out());
        assertTrue(inspect.out().contains("FIRMWARE_VERSION_MISMATCH"), "inspect warns: " + inspect.out());

        Path refused = dir.resolve("refused.yaml");
        Files.writeString(refused, SCENARIO.formatted("tampered.ota", "0x01000001", 1));
        Cli r = Cli.run("run", "--quiet", refused.toString());
        assertEquals(Main.EXIT_OK, r.exit(), r.out() + r.err());

        Path taken = dir.resolve("taken.yaml");
        Files.writeString(taken, SCENARIO.formatted("demo.ota", "0x01000002", 0));
        Cli ok = Cli.run("run", "--quiet", taken.toString());
        assertEquals(Main.EXIT_OK, ok.exit(), ok.out() + ok.err());
    }
}
