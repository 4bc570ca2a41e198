package io.hansim.cli;

import io.hansim.device.trace.TraceFormatException;
import io.hansim.device.trace.TraceJsonLines;
import io.hansim.device.han.TraceRecord;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

/** Reading traces for the {@code trace} commands, with every failure turned into bad input (exit 2). */
final class TraceFiles {
    private TraceFiles() {
    }

    /**
     * Streams the records of {@code file}; a malformed line becomes a {@link BadInputException} whose
     * message is {@link TraceFormatException}'s {@code file:line:column: reason} (DESIGN.md §5), and a
     * record the action refuses (IllegalArgumentException) one naming {@code file:line}.
     */
    static void forEach(Path file, Consumer<? super TraceRecord> action) {
        if (Files.isDirectory(file)) {
            throw new BadInputException(file + ": is a directory; expected a JSON-lines trace file");
        }
        if (!Files.exists(file)) {
            throw new BadInputException(file + ": no such file");
        }
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            int number = 0;
            StringBuilder buf = new StringBuilder(256);
            for (String line = line(in, buf, file, number + 1); line != null; line = line(in, buf, file, number + 1)) {
                number++;
                if (line.isBlank()) {
                    continue;
                }
                TraceRecord r = TraceJsonLines.parseLine(line, file.toString(), number);
                try {
                    action.accept(r);
                } catch (IllegalArgumentException | ArithmeticException e) {
                    // A record that parses but that the output cannot carry, e.g. a time past the pcap's
                    // 32-bit seconds (issue 14 item 2): bad input at its line, not an internal error.
                    throw new BadInputException(file + ":" + number + ": " + e.getMessage(), e);
                }
            }
        } catch (TraceFormatException e) {
            throw new BadInputException(e.getMessage(), e);
        } catch (UncheckedIOException e) {
            if (!String.valueOf(e.getMessage()).startsWith("cannot read trace")) {
                throw e; // the action's own I/O (e.g. writing the pcap), reported by the caller
            }
            throw unreadable(file, e.getCause());
        } catch (IOException e) {
            throw unreadable(file, e);
        }
    }

    /**
     * The longest line a trace record can have. A record is one frame of at most 127 octets as hex
     * plus its fields; the cap stops an input that never ends a line ({@code /dev/zero}, a stuck
     * pipe) before it fills the heap (issue 14, item 3).
     */
    static final int MAX_LINE_CHARS = 64 * 1024;

    /** The next line without its terminator, or null at the end; a line past the cap is bad input. */
    private static String line(BufferedReader in, StringBuilder buf, Path file, int number) throws IOException {
        buf.setLength(0);
        int c = in.read();
        if (c < 0) {
            return null;
        }
        while (c >= 0 && c != '\n') {
            if (c != '\r') {
                if (buf.length() >= MAX_LINE_CHARS) {
                    throw new BadInputException(file + ":" + number + ": a line longer than " + MAX_LINE_CHARS
                            + " characters; a trace record is one line of JSON");
                }
                buf.append((char) c);
            }
            c = in.read();
        }
        return buf.toString();
    }

    private static BadInputException unreadable(Path file, IOException e) {
        if (e instanceof CharacterCodingException) {
            String where = "";
            try {
                java.util.OptionalLong at = io.hansim.cli.scenario.Utf8Text.firstBadByte(file, Long.MAX_VALUE);
                where = at.isPresent() ? ": the first bad byte is at byte offset " + at.getAsLong() : "";
            } catch (IOException again) {
                // the offset is a help, not a must
            }
            return new BadInputException(file + ": not UTF-8 text" + where
                    + " (is it a pcap or another binary file?)", e);
        }
        if (e instanceof NoSuchFileException) {
            return new BadInputException(file + ": no such file", e);
        }
        return new BadInputException(file + ": cannot read: " + e.getMessage(), e);
    }

    /** Parses {@code EUI=ID} pairs from {@code --name}: 16 hex digits to a device id. */
    static Map<Long, String> names(Map<String, String> given) {
        Map<Long, String> names = new HashMap<>();
        if (given == null) {
            return names;
        }
        for (Map.Entry<String, String> e : given.entrySet()) {
            String hex = e.getKey().trim();
            if (!hex.matches("[0-9A-Fa-f]{16}")) {
                throw new BadInputException("--name " + e.getKey() + "=" + e.getValue()
                        + ": the EUI-64 must be 16 hex digits");
            }
            names.put(Long.parseUnsignedLong(hex, 16), e.getValue());
        }
        return names;
    }
}
