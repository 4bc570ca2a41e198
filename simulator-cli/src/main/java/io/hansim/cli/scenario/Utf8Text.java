package io.hansim.cli.scenario;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;

/**
 * Strict UTF-8 decoding that says where the text stops being UTF-8 (issue 14 item 7): the JDK's
 * own message, "Input length = 1", names neither the file nor the place.
 */
public final class Utf8Text {
    private Utf8Text() {
    }

    /** Text that is not UTF-8: {@link #getMessage()} is "not UTF-8 text: ... at byte offset N". */
    public static final class NotUtf8Exception extends Exception {
        private static final long serialVersionUID = 1L;
        private final long offset;

        NotUtf8Exception(long offset, int bad) {
            super(String.format("not UTF-8 text: the first bad byte, 0x%02X, is at byte offset %d", bad & 0xFF,
                    offset));
            this.offset = offset;
        }

        /** 0-based offset of the first byte that is not part of valid UTF-8. */
        public long offset() {
            return offset;
        }
    }

    /** Decodes {@code bytes} as UTF-8, refusing malformed sequences. */
    public static String decode(byte[] bytes) throws NotUtf8Exception {
        CharsetDecoder d = decoder();
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CoderResult r = d.decode(in, out, true);
        if (r.isError()) {
            throw new NotUtf8Exception(in.position(), bytes[in.position()]);
        }
        r = d.flush(out);
        if (r.isError()) {
            throw new NotUtf8Exception(in.position(), bytes[Math.max(0, in.position() - 1)]);
        }
        return out.flip().toString();
    }

    /**
     * The offset of the first byte of {@code file} that is not valid UTF-8, scanning at most
     * {@code maxBytes}; empty when all of that is valid.
     */
    public static OptionalLong firstBadByte(Path file, long maxBytes) throws IOException {
        CharsetDecoder d = decoder();
        ByteBuffer in = ByteBuffer.allocate(8192);
        CharBuffer out = CharBuffer.allocate(8192);
        long consumed = 0; // bytes before in's current position
        try (InputStream s = Files.newInputStream(file)) {
            byte[] chunk = new byte[8192 - 8];
            while (consumed < maxBytes) {
                int n = s.read(chunk, 0, chunk.length);
                boolean end = n < 0;
                if (!end) {
                    in.put(chunk, 0, n);
                }
                in.flip();
                while (true) {
                    int before = in.position();
                    CoderResult r = d.decode(in, out, end);
                    consumed += in.position() - before;
                    if (r.isError()) {
                        return OptionalLong.of(consumed);
                    }
                    out.clear();
                    if (!r.isOverflow()) {
                        break;
                    }
                }
                in.compact();
                if (end) {
                    return OptionalLong.empty();
                }
            }
        }
        return OptionalLong.empty();
    }

    private static CharsetDecoder decoder() {
        return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
    }
}
