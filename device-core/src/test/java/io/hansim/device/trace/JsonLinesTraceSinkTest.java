package io.hansim.device.trace;

import io.hansim.device.han.TraceRecord;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hansim.device.han.ApsFrame;
import io.hansim.zigbee.zcl.Bytes;
import java.io.ByteArrayOutputStream;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JsonLinesTraceSinkTest {

    private static final String GOLDEN = "{\"time\":250,\"kind\":\"DELIVERY\",\"fate\":\"DELIVERED\","
            + "\"receiverEui64\":\"0011223344556677\",\"sourceEui64\":\"00000000000000a1\",\"sourceShort\":0,"
            + "\"sourceEndpoint\":1,\"destinationEui64\":\"ffffffffffffffff\",\"destinationShort\":65533,"
            + "\"destinationEndpoint\":255,\"profileId\":265,\"clusterId\":25,\"apsCounter\":1,"
            + "\"payload\":\"19010003643412785604030201\",\"detail\":\"\"}";

    @Test
    void writesTheDocumentedLine() {
        TraceRecord r = TraceFixtures.records().get(1);
        assertEquals(GOLDEN, JsonLinesTraceSink.format(r));
    }

    @Test
    void roundTripsEveryRecord() {
        List<TraceRecord> records = new ArrayList<>(TraceFixtures.records());
        ApsFrame extreme = new ApsFrame(Long.MIN_VALUE, 0xFFFF, 0xFF, Long.MAX_VALUE, 0, 0, 0xFFFF, 0xFFFF, 0xFF,
                Bytes.EMPTY);
        records.add(new TraceRecord(Long.MAX_VALUE, TraceRecord.Kind.DELIVERY, TraceRecord.Fate.DROPPED, -1L, extreme,
                "quote \" backslash \\ slash / nl \n cr \r tab \t bs \b ff \f nul \0 del \u007f é € 😀 lone \ud800 end"));
        records.add(new TraceRecord(Long.MIN_VALUE, TraceRecord.Kind.SEND, TraceRecord.Fate.SENT, 0, extreme, ""));
        StringWriter text = new StringWriter();
        try (JsonLinesTraceSink sink = new JsonLinesTraceSink(text)) {
            records.forEach(sink::record);
        }
        String written = text.toString();
        assertEquals(records.size(), written.split("\n", -1).length - 1);
        assertTrue(written.endsWith("\n"));
        assertTrue(written.contains("\\u0000") && written.contains("\\u007f") && written.contains("\\ud800"), written);
        assertEquals(records, TraceJsonLines.read(new StringReader(written), "mem"));
    }

    @Test
    void utf8StreamAndFileRoundTrip(@TempDir Path dir) {
        TraceRecord r = new TraceRecord(7, TraceRecord.Kind.DELIVERY, TraceRecord.Fate.DROPPED, 1,
                TraceFixtures.toClient(3, Bytes.fromHex("1901")), "receiver off — é");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JsonLinesTraceSink sink = new JsonLinesTraceSink(bytes)) {
            sink.record(r);
        }
        assertTrue(bytes.toString(StandardCharsets.UTF_8).contains("receiver off — é"));
        Path file = dir.resolve("t.jsonl");
        try (JsonLinesTraceSink sink = JsonLinesTraceSink.create(file)) {
            sink.record(r);
            sink.record(r);
        }
        assertEquals(List.of(r, r), TraceJsonLines.read(file));
    }

    @Test
    void blankLinesAndWhitespaceAreAccepted() {
        String spaced = "\n  " + GOLDEN.replace(",", " , ").replace(":", " : ") + "  \r\n\n";
        assertEquals(List.of(TraceFixtures.records().get(1)), TraceJsonLines.read(new StringReader(spaced), "s"));
    }

    @Test
    void missingFileIsAnUncheckedIoErrorNamingThePath(@TempDir Path dir) {
        Path missing = dir.resolve("none.jsonl");
        var e = assertThrows(java.io.UncheckedIOException.class, () -> TraceJsonLines.read(missing));
        assertTrue(e.getMessage().contains(missing.toString()), e.getMessage());
        assertTrue(Files.notExists(missing));
    }

    /** Each bad line gives source:line:column and a reason; the golden record is line 1. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "`[1]`                                      | 2:1: expected '{'",
        "`{\"time\":1}`                             | 2:1: missing field \"kind\"",
        "`{\"time\":1,\"time\":2}`                  | 2:11: duplicate field \"time\"",
        "`{\"tim\":1}`                              | 2:2: unknown field \"tim\"",
        "`{\"time\":1.5}`                           | 2:9: expected an integer",
        "`{\"time\":01}`                            | 2:9: leading zeros",
        "`{\"time\":99999999999999999999}`          | 2:9: integer out of the 64-bit range",
        "`{\"time\":{}}`                            | 2:9: nested objects",
        "`{\"time\":1 \"kind\"}`                    | 2:11: expected ',' or '}'",
        "`{\"detail\":\"a\\qb\"}`                   | 2:13: invalid escape \\q",
        "`{\"detail\":\"a\\u12\"}`                  | 2:13: \\u needs four hex digits",
        "`{\"detail\":\"abc`                        | 2:15: unterminated string",
        "`{} x`                                     | 2:4: unexpected 'x' after the object",
    })
    void badLinesPointAtLineAndColumn(String line, String expected) {
        String input = GOLDEN + "\n" + line + "\n";
        TraceFormatException e = assertThrows(TraceFormatException.class,
                () -> TraceJsonLines.read(new StringReader(input), "t.jsonl"));
        assertTrue(e.getMessage().startsWith("t.jsonl:" + expected), e.getMessage());
    }

    /** Field-level errors, by substituting one field of the golden line. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "`\"kind\":\"DELIVERY\"`         | `\"kind\":\"GONE\"`       | kind\" must be one of [SEND, DELIVERY]",
        "`\"fate\":\"DELIVERED\"`        | `\"fate\":\"SENT\"`       | fate SENT does not go with kind DELIVERY",
        "`\"sourceShort\":0`             | `\"sourceShort\":65536`   | sourceShort\" out of range 0..65535",
        "`\"apsCounter\":1`              | `\"apsCounter\":\"1\"`    | apsCounter\" must be an integer, not a string",
        "`\"time\":250`                  | `\"time\":null`           | time\" must be an integer, not null",
        "`\"sourceEui64\":\"00000000000000a1\"` | `\"sourceEui64\":\"00000000000000a\"` | 16 hex digits",
        "`\"sourceEui64\":\"00000000000000a1\"` | `\"sourceEui64\":\"00000000000000g1\"` | not a hex digit: 'g'",
        "`\"payload\":\"19010003643412785604030201\"` | `\"payload\":\"190\"` | odd number of hex digits",
        "`\"payload\":\"19010003643412785604030201\"` | `\"payload\":\"19z1\"` | not a hex digit: 'z'",
        "`\"detail\":\"\"`               | `\"detail\":true`         | detail\" must be a string, not a boolean",
    })
    void badFieldsAreNamed(String original, String replacement, String expected) {
        String line = GOLDEN.replace(original, replacement);
        TraceFormatException e = assertThrows(TraceFormatException.class,
                () -> TraceJsonLines.parseLine(line, "f", 3));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
        assertEquals(3, e.line());
        int valueAt = line.indexOf(replacement) + replacement.indexOf(':') + 1; // 0-based
        // a bad digit is pointed at itself, anything else at the start of the value
        int column = expected.contains("hex digit:")
                ? line.indexOf(expected.charAt(expected.length() - 2), valueAt) + 1
                : valueAt + 1;
        assertEquals(column, e.column(), e.getMessage());
    }
}
