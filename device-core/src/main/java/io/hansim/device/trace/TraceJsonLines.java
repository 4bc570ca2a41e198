package io.hansim.device.trace;

import io.hansim.device.han.TraceRecord;
import io.hansim.device.han.ApsFrame;
import io.hansim.zigbee.zcl.Bytes;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Reads the JSON Lines trace that {@link JsonLinesTraceSink} writes back into {@link TraceRecord}s.
 *
 * <p>Strict, in the spirit of DESIGN.md §3: each non-blank line must be one JSON object with exactly
 * the fifteen fields the sink writes (in any order), each of the right JSON type and range; unknown,
 * duplicate or missing fields, fractions, trailing characters and bad escapes are errors. Every error is
 * a {@link TraceFormatException} whose message starts with {@code source:line:column}. Blank lines
 * are skipped. The JSON parser is written here because device-core has no JSON library; it accepts
 * the RFC 8259 grammar for strings, integers and literals, and refuses nested objects and arrays,
 * which this format never has.
 */
public final class TraceJsonLines {

    private static final String[] FIELDS = {"time", "kind", "fate", "receiverEui64", "sourceEui64", "sourceShort",
        "sourceEndpoint", "destinationEui64", "destinationShort", "destinationEndpoint", "profileId", "clusterId",
        "apsCounter", "payload", "detail"};

    private TraceJsonLines() {
    }

    /** Reads a whole UTF-8 trace file; errors name {@code path}. */
    public static List<TraceRecord> read(Path path) {
        try (BufferedReader in = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
            return read(in, path.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read trace " + path + ": " + e.getMessage(), e);
        }
    }

    /**
     * Reads every record from {@code in} (not closed here).
     *
     * @param source how errors name the input, e.g. the file name
     */
    public static List<TraceRecord> read(Reader in, String source) {
        List<TraceRecord> records = new ArrayList<>();
        forEach(in, source, records::add);
        return records;
    }

    /** Streams the records of {@code in} to {@code action} one line at a time (not closed here). */
    public static void forEach(Reader in, String source, Consumer<? super TraceRecord> action) {
        Objects.requireNonNull(source, "source");
        BufferedReader lines = in instanceof BufferedReader b ? b : new BufferedReader(in);
        int number = 0;
        try {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                number++;
                if (!line.isBlank()) {
                    action.accept(parseLine(line, source, number));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read trace " + source + " after line " + number + ": "
                    + e.getMessage(), e);
        }
    }

    /** Parses one line (without its line break). */
    public static TraceRecord parseLine(String line, String source, int lineNumber) {
        return new LineParser(line, source, lineNumber).record();
    }

    /** A parsed JSON value and the 0-based index in the line where it starts. */
    private record Value(Object value, int at) {
    }

    private static final class LineParser {
        private final String s;
        private final String source;
        private final int lineNumber;
        private int pos;

        LineParser(String s, String source, int lineNumber) {
            this.s = s;
            this.source = source;
            this.lineNumber = lineNumber;
        }

        TraceFormatException error(int at, String reason) {
            return new TraceFormatException(source, lineNumber, at + 1, reason);
        }

        TraceRecord record() {
            skipSpace();
            int objectAt = pos;
            Map<String, Value> fields = object();
            skipSpace();
            if (pos < s.length()) {
                throw error(pos, "unexpected " + describe(pos) + " after the object (one record a line)");
            }
            for (String name : FIELDS) {
                if (!fields.containsKey(name)) {
                    throw error(objectAt, "missing field \"" + name + "\"");
                }
            }
            long time = integer(fields, "time", Long.MIN_VALUE, Long.MAX_VALUE);
            TraceRecord.Kind kind = enumValue(fields, "kind", TraceRecord.Kind.class);
            TraceRecord.Fate fate = enumValue(fields, "fate", TraceRecord.Fate.class);
            if ((kind == TraceRecord.Kind.SEND) != (fate == TraceRecord.Fate.SENT)) {
                throw error(fields.get("fate").at(), "fate " + fate + " does not go with kind " + kind
                        + " (a SEND has fate SENT, a DELIVERY any other)");
            }
            ApsFrame frame = new ApsFrame(
                    eui64(fields, "sourceEui64"),
                    (int) integer(fields, "sourceShort", 0, 0xFFFF),
                    (int) integer(fields, "sourceEndpoint", 0, 0xFF),
                    eui64(fields, "destinationEui64"),
                    (int) integer(fields, "destinationShort", 0, 0xFFFF),
                    (int) integer(fields, "destinationEndpoint", 0, 0xFF),
                    (int) integer(fields, "profileId", 0, 0xFFFF),
                    (int) integer(fields, "clusterId", 0, 0xFFFF),
                    (int) integer(fields, "apsCounter", 0, 0xFF),
                    hex(fields, "payload"));
            return new TraceRecord(time, kind, fate, eui64(fields, "receiverEui64"), frame,
                    string(fields, "detail"));
        }

        // ---- field conversions ------------------------------------------------------------------

        long integer(Map<String, Value> fields, String name, long min, long max) {
            Value v = fields.get(name);
            if (!(v.value() instanceof Long n)) {
                throw error(v.at(), "field \"" + name + "\" must be an integer, not " + typeName(v.value()));
            }
            if (n < min || n > max) {
                throw error(v.at(), "field \"" + name + "\" out of range " + min + ".." + max + ": " + n);
            }
            return n;
        }

        String string(Map<String, Value> fields, String name) {
            Value v = fields.get(name);
            if (!(v.value() instanceof String text)) {
                throw error(v.at(), "field \"" + name + "\" must be a string, not " + typeName(v.value()));
            }
            return text;
        }

        <E extends Enum<E>> E enumValue(Map<String, Value> fields, String name, Class<E> type) {
            String text = string(fields, name);
            for (E e : type.getEnumConstants()) {
                if (e.name().equals(text)) {
                    return e;
                }
            }
            throw error(fields.get(name).at(), "field \"" + name + "\" must be one of "
                    + java.util.Arrays.toString(type.getEnumConstants()) + ", not \"" + text + "\"");
        }

        long eui64(Map<String, Value> fields, String name) {
            String text = string(fields, name);
            int at = fields.get(name).at();
            if (text.length() != 16) {
                throw error(at, "field \"" + name + "\" must be 16 hex digits, not " + text.length() + " characters");
            }
            long value = 0;
            for (int i = 0; i < 16; i++) {
                int d = hexDigit(text.charAt(i));
                if (d < 0) {
                    throw error(at + 1 + i, "field \"" + name + "\": not a hex digit: '" + text.charAt(i) + "'");
                }
                value = (value << 4) | d;
            }
            return value;
        }

        Bytes hex(Map<String, Value> fields, String name) {
            String text = string(fields, name);
            int at = fields.get(name).at();
            if (text.length() % 2 != 0) {
                throw error(at, "field \"" + name + "\" has an odd number of hex digits: " + text.length());
            }
            byte[] bytes = new byte[text.length() / 2];
            for (int i = 0; i < text.length(); i++) {
                int d = hexDigit(text.charAt(i));
                if (d < 0) {
                    // the sink writes plain hex, so character i of the value is at column at + 1 + i
                    throw error(at + 1 + i, "field \"" + name + "\": not a hex digit: '" + text.charAt(i) + "'");
                }
                bytes[i / 2] = (byte) ((bytes[i / 2] << 4) | d);
            }
            return Bytes.of(bytes);
        }

        /** 0..15 for an ASCII hex digit, else -1 ({@link Character#digit} would also take non-ASCII digits). */
        static int hexDigit(char c) {
            if (c >= '0' && c <= '9') {
                return c - '0';
            }
            if (c >= 'a' && c <= 'f') {
                return c - 'a' + 10;
            }
            return c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
        }

        static String typeName(Object value) {
            if (value == null) {
                return "null";
            }
            if (value instanceof Boolean) {
                return "a boolean";
            }
            return value instanceof Long ? "a number" : "a string";
        }

        // ---- JSON -------------------------------------------------------------------------------

        Map<String, Value> object() {
            expect('{', "'{' (each line is one JSON object)");
            Map<String, Value> fields = new HashMap<>();
            skipSpace();
            if (peek() == '}') {
                pos++;
                return fields;
            }
            while (true) {
                skipSpace();
                int keyAt = pos;
                if (peek() != '"') {
                    throw error(pos, "expected a field name in quotes, found " + describe(pos));
                }
                String key = stringLiteral();
                if (!isKnownField(key)) {
                    throw error(keyAt, "unknown field \"" + key + "\"");
                }
                skipSpace();
                expect(':', "':' after field name");
                skipSpace();
                int valueAt = pos;
                Object value = value();
                if (fields.put(key, new Value(value, valueAt)) != null) {
                    throw error(keyAt, "duplicate field \"" + key + "\"");
                }
                skipSpace();
                int c = peek();
                if (c == ',') {
                    pos++;
                } else if (c == '}') {
                    pos++;
                    return fields;
                } else {
                    throw error(pos, "expected ',' or '}', found " + describe(pos));
                }
            }
        }

        static boolean isKnownField(String key) {
            for (String f : FIELDS) {
                if (f.equals(key)) {
                    return true;
                }
            }
            return false;
        }

        Object value() {
            int c = peek();
            if (c == '"') {
                return stringLiteral();
            }
            if (c == '-' || (c >= '0' && c <= '9')) {
                return number();
            }
            if (s.startsWith("true", pos)) {
                pos += 4;
                return Boolean.TRUE;
            }
            if (s.startsWith("false", pos)) {
                pos += 5;
                return Boolean.FALSE;
            }
            if (s.startsWith("null", pos)) {
                pos += 4;
                return null;
            }
            if (c == '{' || c == '[') {
                throw error(pos, "nested " + (c == '{' ? "objects" : "arrays") + " are not part of a trace record");
            }
            throw error(pos, "expected a value, found " + describe(pos));
        }

        Long number() {
            int start = pos;
            if (peek() == '-') {
                pos++;
            }
            if (peek() == '0') {
                pos++;
            } else if (peek() >= '1' && peek() <= '9') {
                while (peek() >= '0' && peek() <= '9') {
                    pos++;
                }
            } else {
                throw error(pos, "expected a digit, found " + describe(pos));
            }
            if (peek() == '.' || peek() == 'e' || peek() == 'E') {
                throw error(start, "expected an integer (trace numbers have no fraction or exponent)");
            }
            if (peek() >= '0' && peek() <= '9') {
                throw error(start, "leading zeros are not allowed in JSON numbers");
            }
            try {
                return Long.parseLong(s, start, pos, 10);
            } catch (NumberFormatException e) {
                throw error(start, "integer out of the 64-bit range: " + s.substring(start, pos));
            }
        }

        String stringLiteral() {
            pos++; // opening quote
            StringBuilder sb = new StringBuilder();
            while (true) {
                if (pos >= s.length()) {
                    throw error(pos, "unterminated string");
                }
                char c = s.charAt(pos);
                if (c == '"') {
                    pos++;
                    return sb.toString();
                }
                if (c < 0x20) {
                    throw error(pos, String.format("control character U+%04X must be escaped in a string", (int) c));
                }
                if (c != '\\') {
                    sb.append(c);
                    pos++;
                    continue;
                }
                int escapeAt = pos;
                pos++;
                if (pos >= s.length()) {
                    throw error(escapeAt, "unterminated escape");
                }
                char e = s.charAt(pos++);
                switch (e) {
                    case '"' -> sb.append('"');
                    case '\\' -> sb.append('\\');
                    case '/' -> sb.append('/');
                    case 'b' -> sb.append('\b');
                    case 'f' -> sb.append('\f');
                    case 'n' -> sb.append('\n');
                    case 'r' -> sb.append('\r');
                    case 't' -> sb.append('\t');
                    case 'u' -> {
                        int code = 0;
                        for (int i = 0; i < 4; i++) {
                            int d = pos < s.length() ? hexDigit(s.charAt(pos)) : -1;
                            if (d < 0) {
                                throw error(escapeAt, "\\u needs four hex digits");
                            }
                            code = (code << 4) | d;
                            pos++;
                        }
                        sb.append((char) code);
                    }
                    default -> throw error(escapeAt, "invalid escape \\" + e);
                }
            }
        }

        void expect(char c, String what) {
            if (peek() != c) {
                throw error(pos, "expected " + what + ", found " + describe(pos));
            }
            pos++;
        }

        int peek() {
            return pos < s.length() ? s.charAt(pos) : -1;
        }

        void skipSpace() {
            while (pos < s.length()) {
                char c = s.charAt(pos);
                if (c != ' ' && c != '\t' && c != '\r') {
                    return;
                }
                pos++;
            }
        }

        String describe(int at) {
            if (at >= s.length()) {
                return "end of line";
            }
            char c = s.charAt(at);
            return c < 0x20 || c == 0x7F ? String.format("U+%04X", (int) c) : "'" + c + "'";
        }
    }
}
