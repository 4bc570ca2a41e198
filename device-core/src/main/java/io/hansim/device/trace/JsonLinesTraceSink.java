package io.hansim.device.trace;

import io.hansim.device.han.TraceRecord;
import io.hansim.device.han.TraceSink;
import io.hansim.device.han.ApsFrame;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Writes every trace record as one JSON object on its own line (JSON Lines), for people, {@code jq}
 * and {@code hansim trace} ({@link TraceJsonLines} reads it back). The format:
 *
 * <pre>
 * {"time":1500000,"kind":"DELIVERY","fate":"DELIVERED","receiverEui64":"0011223344556677",
 *  "sourceEui64":"00000000000000a1","sourceShort":0,"sourceEndpoint":1,
 *  "destinationEui64":"0011223344556677","destinationShort":4660,"destinationEndpoint":1,
 *  "profileId":265,"clusterId":25,"apsCounter":16,"payload":"190100...","detail":""}
 * </pre>
 * (one line in the file). Field names are the record components of {@link TraceRecord} and
 * {@link ApsFrame}, always in this order, so two runs that did the same thing give identical files
 * and diff cleanly. Numbers are JSON numbers (decimal), EUI-64s 16 lower-case hex digits (a broadcast
 * destination is {@code ffffffffffffffff}), the ZCL payload lower-case hex, kind and fate the enum
 * names. Strings are escaped per RFC 8259 §7: quote, backslash and control characters always;
 * DEL and every UTF-16 surrogate are written as <code>&#92;uXXXX</code> too, so the output is valid UTF-8 even
 * for a lone surrogate and reads back to the same Java string. Lines end with {@code \n}.
 *
 * <p>The sink owns the writer: {@link #close()} flushes and closes it. Not thread-safe.
 */
public final class JsonLinesTraceSink implements TraceSink {
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private final Writer out;
    private final String target;
    private final StringBuilder line = new StringBuilder(256);
    private boolean closed;

    /** Writes to {@code out}; the sink closes it. */
    public JsonLinesTraceSink(Writer out) {
        this(out, "JSON lines writer");
    }

    /** Writes UTF-8 to {@code out}; the sink closes it. */
    public JsonLinesTraceSink(OutputStream out) {
        this(new BufferedWriter(new OutputStreamWriter(Objects.requireNonNull(out, "out"), StandardCharsets.UTF_8)),
                "JSON lines stream");
    }

    /**
     * @param out    where the lines go; the sink closes it
     * @param target what {@code out} is, for error messages
     */
    public JsonLinesTraceSink(Writer out, String target) {
        this.out = Objects.requireNonNull(out, "out");
        this.target = Objects.requireNonNull(target, "target");
    }

    /** A sink writing UTF-8 to a new file at {@code path} (replaced if it exists). */
    public static JsonLinesTraceSink create(Path path) {
        try {
            return new JsonLinesTraceSink(Files.newBufferedWriter(path, StandardCharsets.UTF_8), path.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create trace " + path + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void record(TraceRecord record) {
        Objects.requireNonNull(record, "record");
        if (closed) {
            throw new IllegalStateException("JSON lines sink for " + target + " is closed");
        }
        line.setLength(0);
        format(record, line);
        line.append('\n');
        try {
            out.append(line);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write trace " + target + ": " + e.getMessage(), e);
        }
    }

    /** Appends the JSON object for {@code record}, without a line break. */
    public static void format(TraceRecord record, StringBuilder sb) {
        ApsFrame f = record.frame();
        sb.append("{\"time\":").append(record.time());
        sb.append(",\"kind\":\"").append(record.kind().name());
        sb.append("\",\"fate\":\"").append(record.fate().name());
        sb.append("\",\"receiverEui64\":");
        eui64(record.receiverEui64(), sb);
        sb.append(",\"sourceEui64\":");
        eui64(f.sourceEui64(), sb);
        sb.append(",\"sourceShort\":").append(f.sourceShort());
        sb.append(",\"sourceEndpoint\":").append(f.sourceEndpoint());
        sb.append(",\"destinationEui64\":");
        eui64(f.destinationEui64(), sb);
        sb.append(",\"destinationShort\":").append(f.destinationShort());
        sb.append(",\"destinationEndpoint\":").append(f.destinationEndpoint());
        sb.append(",\"profileId\":").append(f.profileId());
        sb.append(",\"clusterId\":").append(f.clusterId());
        sb.append(",\"apsCounter\":").append(f.apsCounter());
        sb.append(",\"payload\":\"");
        for (int i = 0; i < f.payload().length(); i++) {
            int b = f.payload().get(i);
            sb.append(HEX[b >>> 4]).append(HEX[b & 0xF]);
        }
        sb.append("\",\"detail\":");
        string(record.detail(), sb);
        sb.append('}');
    }

    /** One record as a JSON object, without a line break. */
    public static String format(TraceRecord record) {
        StringBuilder sb = new StringBuilder(256);
        format(record, sb);
        return sb.toString();
    }

    private static void eui64(long value, StringBuilder sb) {
        sb.append('"');
        for (int shift = 60; shift >= 0; shift -= 4) {
            sb.append(HEX[(int) (value >>> shift) & 0xF]);
        }
        sb.append('"');
    }

    /** A JSON string literal (RFC 8259 §7). */
    static void string(String s, StringBuilder sb) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                case '\b' -> sb.append("\\b");
                case '\f' -> sb.append("\\f");
                default -> {
                    if (c < 0x20 || c == 0x7F || Character.isSurrogate(c)) {
                        sb.append("\\u").append(HEX[c >>> 12]).append(HEX[(c >>> 8) & 0xF])
                                .append(HEX[(c >>> 4) & 0xF]).append(HEX[c & 0xF]);
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }

    /** Flushes the writer without closing it. */
    public void flush() {
        try {
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot flush trace " + target + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            out.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close trace " + target + ": " + e.getMessage(), e);
        }
    }
}
