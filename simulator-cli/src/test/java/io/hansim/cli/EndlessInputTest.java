package io.hansim.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hansim.cli.scenario.InputBytes;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

/**
 * Issue 14, item 3: endless inputs are read to the same cap as regular files. {@code /dev/zero} is
 * only read here (it reports size 0 and never ends), the way a stuck pipe or FIFO would be.
 */
class EndlessInputTest {
    /** An input that never ends. */
    static InputStream endless() {
        return new InputStream() {
            @Override
            public int read() {
                return 'x';
            }

            @Override
            public int read(byte[] b, int off, int len) {
                java.util.Arrays.fill(b, off, off + len, (byte) 'x');
                return len;
            }
        };
    }

    @Test
    void i14_3_anEndlessStreamStopsAtTheCap() {
        InputBytes.TooLargeException e = assertThrows(InputBytes.TooLargeException.class,
                () -> InputBytes.read(endless(), 1 << 20));
        assertEquals(1 << 20, e.max());
    }

    @Test
    void i14_3_inputsUpToTheCapAreReadWhole() throws Exception {
        for (int n : new int[] {0, 1, 65_535, 65_536, 65_537, 200_000}) {
            byte[] data = new byte[n];
            new java.util.SplittableRandom(n).nextBytes(data);
            assertArrayEquals(data, InputBytes.read(new ByteArrayInputStream(data), n), "size " + n);
            if (n > 0) {
                int size = n;
                assertThrows(InputBytes.TooLargeException.class,
                        () -> InputBytes.read(new ByteArrayInputStream(data), size - 1), "size " + n);
            }
        }
    }

    @Test
    void i14_3_devZeroAsAScenarioIsRefusedLikeALargeFile() {
        Cli r = Cli.run("run", "--quiet", "/dev/zero");
        assertEquals(Main.EXIT_BAD_INPUT, r.exit(), r.err());
        assertTrue(r.err().contains("/dev/zero") && r.err().contains("larger than"), r.err());
    }

    @Test
    void i14_3_devZeroAsATraceIsRefusedAtItsFirstLine() {
        Cli r = Cli.run("trace", "summary", "/dev/zero");
        assertEquals(Main.EXIT_BAD_INPUT, r.exit(), r.err());
        assertTrue(r.err().contains("/dev/zero:1: a line longer than"), r.err());
    }

    @Test
    void i14_3_devZeroAsGbcsEncodeInputIsRefusedLikeALargeFile() {
        Cli r = Cli.run("gbcs", "encode", "--pki-seed", "demo", "/dev/zero");
        assertEquals(Main.EXIT_BAD_INPUT, r.exit(), r.err());
        assertTrue(r.err().contains("/dev/zero") && r.err().contains("larger than"), r.err());
    }
}
