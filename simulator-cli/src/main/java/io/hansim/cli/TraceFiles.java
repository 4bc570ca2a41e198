package io.hansim.cli;

import io.hansim.device.trace.TraceFormatException;
import io.hansim.device.trace.TraceJsonLines;
import io.hansim.device.trace.TraceRecord;
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
     * message is {@link TraceFormatException}'s {@code file:line:column: reason} (DESIGN.md §5).
     */
    static void forEach(Path file, Consumer<? super TraceRecord> action) {
        if (!Files.isRegularFile(file)) {
            throw new BadInputException(file + ": no such file");
        }
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            int number = 0;
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                number++;
                if (line.isBlank()) {
                    continue;
                }
                TraceRecord r = TraceJsonLines.parseLine(line, file.toString(), number);
                try {
                    action.accept(r);
                } catch (IllegalArgumentException e) {
                    // A well-formed record the output cannot carry (e.g. a time past the pcap's 32-bit
                    // seconds): bad input at its line, not an internal error (issue 14).
                    throw new BadInputException(file + ":" + number + ":1: " + e.getMessage(), e);
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

    private static BadInputException unreadable(Path file, IOException e) {
        if (e instanceof CharacterCodingException) {
            return new BadInputException(file + ": not UTF-8 text (is it a pcap or another binary file?)", e);
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
