package io.hansim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 14 item 2: a trace record whose time no output can carry (2^63−1 µs, past the pcap's 32-bit
 * seconds, or before its epoch) is bad input at its file:line, exit 2.
 */
class TraceTimeTest {
    private static final String RECORD = "{\"time\":%s,\"kind\":\"DELIVERY\",\"fate\":\"DELIVERED\","
            + "\"receiverEui64\":\"00db1234567890a1\",\"sourceEui64\":\"00db1234567890a4\",\"sourceShort\":1,"
            + "\"sourceEndpoint\":1,\"destinationEui64\":\"00db1234567890a1\",\"destinationShort\":0,"
            + "\"destinationEndpoint\":1,\"profileId\":265,\"clusterId\":1800,\"apsCounter\":0,\"payload\":\"010000\","
            + "\"detail\":\"\"}";

    @Test
    void issue14_traceTimeThePcapCannotCarryIsExit2AtItsLine(@TempDir Path dir) throws Exception {
        Path t = dir.resolve("t.jsonl");
        Files.write(t, List.of(RECORD.formatted("0"), "", RECORD.formatted(Long.MAX_VALUE)));
        for (List<String> options : List.of(List.of("--to", "pcap"), List.of("--to", "pcap", "--all"))) {
            List<String> args = new java.util.ArrayList<>(List.of("trace", "convert"));
            args.addAll(options);
            args.addAll(List.of(t.toString(), "-o", dir.resolve("t.pcap").toString()));
            Cli c = Cli.run(args.toArray(String[]::new));
            assertEquals(2, c.exit(), c.err());
            assertTrue(c.err().startsWith("hansim: " + t + ":3: virtual time 9223372036854775807 µs falls outside"),
                    c.err());
            assertEquals(1, c.err().lines().count(), c.err());
            assertTrue(Files.notExists(dir.resolve("t.pcap")), "no half-written pcap is left");
        }
        Cli html = Cli.run("trace", "convert", "--to", "html", t.toString(), "-o", dir.resolve("t.html").toString());
        assertEquals(0, html.exit(), html.err()); // a diagram carries any time
    }

    @Test
    void issue14_negativeTraceTimeIsExit2AtItsLineInAPcap(@TempDir Path dir) throws Exception {
        Path t = dir.resolve("t.jsonl");
        Files.write(t, List.of(RECORD.formatted("0"), RECORD.formatted("-9000000000000000")));
        Cli c = Cli.run("trace", "convert", "--to", "pcap", t.toString(), "-o", dir.resolve("t.pcap").toString());
        assertEquals(2, c.exit(), c.err());
        assertTrue(c.err().startsWith("hansim: " + t + ":2: virtual time -9000000000000000 µs falls outside"), c.err());
    }
}
