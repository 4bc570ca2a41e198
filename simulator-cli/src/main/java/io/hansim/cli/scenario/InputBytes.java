package io.hansim.cli.scenario;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Reads an input to a size cap. The cap is on what is read, not on the size the file system reports:
 * a FIFO, a pipe, {@code /dev/stdin} or {@code /dev/zero} report 0 and then never end, so a check of
 * {@code Files.size} followed by {@code readAllBytes} would read until the heap ran out (issue 14,
 * item 3). Here an endless input stops at {@code max + 1} octets and is refused like a large file.
 */
public final class InputBytes {
    /** The input holds more than the cap allows. */
    public static final class TooLargeException extends IOException {
        private static final long serialVersionUID = 1L;
        private final long max;

        TooLargeException(long max) {
            super("larger than " + max + " octets");
            this.max = max;
        }

        public long max() {
            return max;
        }
    }

    private InputBytes() {
    }

    /** At most {@code max} octets of {@code file}. */
    public static byte[] read(Path file, long max) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return read(in, max);
        }
    }

    /** At most {@code max} octets of {@code in}; one more is {@link TooLargeException}. */
    public static byte[] read(InputStream in, long max) throws IOException {
        if (max < 0 || max > Integer.MAX_VALUE - 16) {
            throw new IllegalArgumentException("cap out of range: " + max);
        }
        byte[] buf = new byte[(int) Math.min(max + 1, 64 * 1024)];
        int n = 0;
        while (true) {
            if (n == buf.length) {
                if (n > max) {
                    throw new TooLargeException(max);
                }
                buf = Arrays.copyOf(buf, (int) Math.min(max + 1, (long) buf.length * 2));
            }
            int r = in.read(buf, n, buf.length - n);
            if (r < 0) {
                break;
            }
            n += r;
            if (n > max) {
                throw new TooLargeException(max);
            }
        }
        return n == buf.length ? buf : Arrays.copyOf(buf, n);
    }
}
