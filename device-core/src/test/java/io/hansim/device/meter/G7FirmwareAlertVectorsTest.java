package io.hansim.device.meter;

import static io.hansim.device.Fixtures.HOUR;
import static io.hansim.device.Fixtures.NEW;
import static io.hansim.device.Fixtures.OLD;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import io.hansim.device.Fixtures;
import io.hansim.device.Simulation;
import io.hansim.device.gbcs.HubGbcsService;
import io.hansim.device.role.FirmwareAlert;
import io.hansim.device.sim.RunOutcome;
import io.hansim.gbcs.GbcsCodec;
import io.hansim.gbcs.GbcsMessage;
import io.hansim.gbcs.Signature;
import io.hansim.gbcs.crypto.KeystoreFolderResolver;
import io.hansim.gbcs.crypto.MessageVerifier;
import io.hansim.gbcs.crypto.TestPki;
import io.hansim.gbcs.crypto.Verdict;
import io.hansim.gbcs.usecase.UseCaseCodec;
import io.hansim.gbcs.usecase.UseCaseRecord;
import io.hansim.zigbee.zcl.Bytes;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The RTDS Firmware Distribution Receipt Alerts (NA_FDRA-DLMS 0x00CE, NA_FDRA-ZigBee 0x00CF) against
 * what the models send (G.7): each vector decodes to its use-case record with a VALID signature; the
 * CH, given the same alert (device, time, hash, counter, recipient), sends the same bytes up to the
 * signature, which its own PKI makes VALID; and an ESME that verifies a downloaded image sends a
 * message of the same structure.
 *
 * <p>Conformance: needs {@code -Dhansim.shared}; fails (never skips) without it.
 */
@Tag("conformance")
class G7FirmwareAlertVectorsTest {
    private static final TestPki PKI = new TestPki("g7 vectors test");
    private static final long ESME_ID = 0x00DB_1234_5678_90A0L;
    private static final long GSME_ID = 0x00DB_1234_5678_90A1L;

    private static Path vectors() {
        String value = System.getProperty("hansim.shared");
        if (value == null || value.isBlank()) {
            return fail("system property hansim.shared is not set: run with -Dhansim.shared=../shared");
        }
        Path p = Path.of(value);
        if (!p.isAbsolute()) {
            p = Path.of(System.getProperty("hansim.root", ".")).resolve(p);
        }
        Path dir = p.resolve("vectors/gbcs");
        if (!Files.isDirectory(dir)) {
            return fail("no vectors/gbcs under " + p);
        }
        return dir;
    }

    private static byte[] vector(String path) throws IOException {
        return HexFormat.of().parseHex(Files.readString(vectors().resolve(path), StandardCharsets.US_ASCII)
                .replaceAll("\\s+", ""));
    }

    private static Simulation sim(long firstAlertCounter) {
        return Simulation.builder().seed(3).pki(PKI).hub(Fixtures.hub())
                .gbcsConfig(new HubGbcsService.Config(HubGbcsService.Config.DEFAULTS.ecs12TenancyChangeControl(),
                        firstAlertCounter))
                .electricityMeter(new ElectricityMeter.Spec("esme", ESME_ID, 0x0005, OLD)
                        .withOta(Fixtures.ppmidProfile().name("test-esme").build()))
                .build();
    }

    /** Everything before the signature (`40` ‖ r ‖ s, the last 65 octets of a critical alert). */
    private static byte[] unsigned(GbcsMessage m) {
        assertEquals(Signature.Kind.PRESENT, m.signature().kind());
        byte[] wire = GbcsCodec.encode(m);
        return Arrays.copyOf(wire, wire.length - 1 - Signature.SIZE);
    }

    private static void assertSameStructure(GbcsMessage want, GbcsMessage got) {
        assertEquals(want.macHeader().isPresent(), got.macHeader().isPresent(), "MAC header");
        assertEquals(want.groupingHeader().craFlag(), got.groupingHeader().craFlag());
        assertEquals(want.groupingHeader().dateTime().isPresent(), got.groupingHeader().dateTime().isPresent());
        assertEquals(want.groupingHeader().otherInformation(), got.groupingHeader().otherInformation());
        assertEquals(want.payload().length(), got.payload().length(), "payload length");
        assertEquals(want.signature().kind(), got.signature().kind());
        assertEquals(want.mac().isPresent(), got.mac().isPresent());
        assertEquals(UseCaseCodec.decode(want).orElseThrow().getClass(), UseCaseCodec.decode(got).orElseThrow().getClass());
    }

    @Test
    void g7_fdraDlms0x00CEIsProducedByteCompatibly() throws IOException {
        byte[] wire = vector("rtds-4.5.0/NA_FDRA-DLMS/FDRA-DLMS_NA_8F72_ALERT_GBCS.HEX");
        GbcsMessage v = GbcsCodec.decode(wire);
        KeystoreFolderResolver rtdsKeys = new KeystoreFolderResolver(vectors().resolve("keystore"));
        assertEquals(Verdict.VALID, MessageVerifier.rtds().verify(wire, rtdsKeys).signature(), "the vector's own");
        var rec = (UseCaseRecord.DlmsFirmwareReceiptAlert) UseCaseCodec.decode(v).orElseThrow();
        assertEquals(0x8F72, rec.alertCode());

        // The CH sends the same alert: same device, counter, recipient, time and hash.
        Simulation sim = sim(v.groupingHeader().originatorCounter());
        Instant at = io.hansim.gbcs.CosemDateTime.toInstant(rec.dateTime(), 0);
        long utc = io.hansim.device.sim.SimTime.ZCL_EPOCH.until(at, java.time.temporal.ChronoUnit.SECONDS);
        sim.hub().firmwareAlerts().raise(new FirmwareAlert(v.groupingHeader().originator(), FirmwareAlert.ESME_RECEIPT,
                rec.alertCode(), utc, Bytes.of(rec.hash().toByteArray())));
        byte[] ours = sim.gbcs().sent(0x00CE).get(0).bytes().toByteArray();
        GbcsMessage m = GbcsCodec.decode(ours);
        assertArrayEquals(unsigned(v), unsigned(m), "same bytes up to the signature");
        assertEquals(Verdict.VALID, new MessageVerifier(Simulation.DEFAULT_ACB, id -> false).verify(ours, PKI)
                .signature(), "signed by the device under the simulation PKI");

        // And from the ESME model itself, after it verified a real download.
        Simulation run = sim(0x1000);
        run.gbcs().updateFirmware(Fixtures.gbImage(NEW, 2048), List.of(ESME_ID));
        assertEquals(RunOutcome.CONDITION_MET, run.runUntil(() -> !run.gbcs().sent(0x00CE).isEmpty(), 2 * HOUR));
        GbcsMessage model = GbcsCodec.decode(run.gbcs().sent(0x00CE).get(0).bytes().toByteArray());
        assertSameStructure(v, model);
        assertEquals(Verdict.VALID, new MessageVerifier(Simulation.DEFAULT_ACB, id -> false).verify(model, PKI)
                .signature());
    }

    @Test
    void g7_fdraZigBee0x00CFIsProducedByteCompatibly() throws IOException {
        byte[] wire = vector("rtds-4.5.0/NA_FDRA-ZigBee/FDRA-ZigBee_NA_8F72_ALERT_GBCS.HEX");
        GbcsMessage v = GbcsCodec.decode(wire);
        KeystoreFolderResolver rtdsKeys = new KeystoreFolderResolver(vectors().resolve("keystore"));
        assertEquals(Verdict.VALID, MessageVerifier.rtds().verify(wire, rtdsKeys).signature(), "the vector's own");
        var rec = (UseCaseRecord.GbzFirmwareReceiptAlert) UseCaseCodec.decode(v).orElseThrow();
        assertEquals(0x8F72, rec.alertCode());
        assertEquals(GSME_ID, v.groupingHeader().originator());

        Simulation sim = sim(v.groupingHeader().originatorCounter());
        sim.hub().firmwareAlerts().raise(new FirmwareAlert(GSME_ID, FirmwareAlert.GSME_RECEIPT, rec.alertCode(),
                rec.utcTime(), Bytes.of(rec.hash().toByteArray())));
        byte[] ours = sim.gbcs().sent(0x00CF).get(0).bytes().toByteArray();
        GbcsMessage m = GbcsCodec.decode(ours);
        assertArrayEquals(unsigned(v), unsigned(m), "same bytes up to the signature");
        assertEquals(Verdict.VALID, new MessageVerifier(Simulation.DEFAULT_ACB, id -> false).verify(ours, PKI)
                .signature());
        assertEquals(false, Arrays.equals(wire, ours), "signed with the simulation's key, not the RTDS one");
    }
}
