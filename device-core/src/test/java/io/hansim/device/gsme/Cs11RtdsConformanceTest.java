package io.hansim.device.gsme;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import io.hansim.device.Fixtures;
import io.hansim.device.Simulation;
import io.hansim.gbcs.GbcsCodec;
import io.hansim.gbcs.GbcsMessage;
import io.hansim.gbcs.crypto.KeystoreFolderResolver;
import io.hansim.gbcs.crypto.MessageVerifier;
import io.hansim.gbcs.crypto.TestPki;
import io.hansim.gbcs.crypto.Verdict;
import io.hansim.gbcs.usecase.UseCaseCodec;
import io.hansim.gbcs.usecase.UseCaseRecord;
import io.hansim.zigbee.events.EventsCluster;
import io.hansim.zigbee.events.EventsCodec;
import io.hansim.zigbee.events.EventsCommand;
import io.hansim.gbcs.payload.GbzPayload;
import io.hansim.gbcs.payload.PayloadCodec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * G.8 against the DCC reference messages ({@code vectors/gbcs/rtds-4.5.0/3.3_CS11}): they decode to the
 * CS11 records and their GBZ component to the Events cluster codec's commands, and the GSME model's
 * response to a CS11 has the same structure (envelope form, CRA, message code, one GBZ component of
 * cluster 0x0709 holding a Clear Event Log Response) with a VALID MAC. Needs {@code -Dhansim.shared};
 * fails, never skips, without it.
 */
@Tag("conformance")
class Cs11RtdsConformanceTest {

    private static Path folder() {
        return shared().resolve("vectors/gbcs/rtds-4.5.0/3.3_CS11");
    }

    /** The shared data folder; a relative -Dhansim.shared is relative to the Maven root, not the module. */
    private static Path shared() {
        String v = System.getProperty("hansim.shared");
        if (v == null || v.isBlank()) {
            return fail("system property hansim.shared is not set: run with -Dhansim.shared=../shared");
        }
        Path root = Path.of(v);
        if (!root.isAbsolute()) { // relative to the Maven root (.ci/run passes ../shared), not to the module
            root = Path.of(System.getProperty("hansim.root", ".")).resolve(root);
        }
        if (!Files.isDirectory(root.resolve("vectors/gbcs/rtds-4.5.0/3.3_CS11"))) {
            return fail(root.resolve("vectors/gbcs/rtds-4.5.0/3.3_CS11") + " is missing");
        }
        return root;
    }

    private static byte[] vector(String name) throws IOException {
        return HexFormat.of().parseHex(Files.readString(folder().resolve(name), StandardCharsets.US_ASCII)
                .replaceAll("\\s+", ""));
    }

    private static EventsCommand zcl(GbcsMessage m) {
        var c = ((GbzPayload.Components) PayloadCodec.decode(m)).components();
        assertEquals(1, c.size());
        assertEquals(EventsCluster.CLUSTER_ID, c.get(0).cluster());
        return EventsCodec.decode(c.get(0).zcl().toByteArray()).command();
    }

    @Test
    void g8_rtdsCs11VectorsDecodeAndTheGsmeAnswersInTheSameStructure() throws IOException {
        GbcsMessage cmd = GbcsCodec.decode(vector("CS11_3.3_SUCCESS_COMMAND_GBCS.HEX"));
        GbcsMessage ok = GbcsCodec.decode(vector("CS11_3.3_SUCCESS_RESPONSE_GBCS.HEX"));
        GbcsMessage err = GbcsCodec.decode(vector("CS11_3.3_ERROR_RESPONSE_GBCS.HEX"));
        assertEquals(new UseCaseRecord.Cs11Command(0, EventsCluster.LOG_GENERAL), UseCaseCodec.decode(cmd).orElseThrow());
        assertEquals(new UseCaseRecord.Cs11Response(0, 0x08), UseCaseCodec.decode(ok).orElseThrow());
        assertEquals(new UseCaseRecord.Cs11Response(0, EventsCluster.CLEARED_NONE), UseCaseCodec.decode(err).orElseThrow());
        assertEquals(new EventsCommand.ClearEventLogRequest(3), zcl(cmd));
        assertEquals(new EventsCommand.ClearEventLogResponse(0x08), zcl(ok));
        MessageVerifier rtds = MessageVerifier.rtds();
        var keys = new KeystoreFolderResolver(shared().resolve("vectors/gbcs/keystore"));
        var verdicts = new ArrayList<Verdict>();
        for (GbcsMessage m : new GbcsMessage[] {cmd, ok, err}) {
            verdicts.add(rtds.verify(m, keys).mac());
        }
        for (Verdict v : verdicts) {
            assertEquals(Verdict.VALID, v, "RTDS MAC verdicts " + verdicts);
        }

        // The model: a GSME with a general log, CS11 for log 3, its response after the next wake.
        TestPki pki = new TestPki("cs11 rtds");
        Simulation sim = Simulation.builder().seed(11).pki(pki).hub(Fixtures.hub())
                .gsme(GsmeTunnelTest.spec(4)).build();
        sim.gbcs().receive(sim.supplier().cs11(GsmeTunnelTest.GSME, EventsCluster.LOG_GENERAL));
        sim.advance(11 * GsmeTunnelTest.MINUTE);
        GbcsMessage ours = GbcsCodec.decode(sim.gbcs().sent(0x0015).get(0).bytes().toByteArray());
        assertEquals(ok.form(), ours.form());
        assertEquals(ok.groupingHeader().craFlag(), ours.groupingHeader().craFlag());
        assertEquals(ok.groupingHeader().otherInformation().messageCode(),
                ours.groupingHeader().otherInformation().messageCode());
        assertEquals(ok.macHeader().isPresent(), ours.macHeader().isPresent());
        assertEquals(ok.signature().kind(), ours.signature().kind());
        assertEquals(new EventsCommand.ClearEventLogResponse(0x08), zcl(ours));
        UseCaseRecord.Cs11Response r = (UseCaseRecord.Cs11Response) UseCaseCodec.decode(ours).orElseThrow();
        // byte for byte the RTDS success payload but for the ZCL transaction number the command chose
        assertArrayEquals(new UseCaseRecord.Cs11Response(0, r.clearedEventsLogs()).toPayload().encode(),
                ok.payload().toByteArray());
        assertEquals(Verdict.VALID, new MessageVerifier(Simulation.DEFAULT_ACB, id -> (id >>> 32) == 0x00D0_0000L)
                .verify(ours, pki).mac());
    }
}
