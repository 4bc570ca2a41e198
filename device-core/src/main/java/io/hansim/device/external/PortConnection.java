package io.hansim.device.external;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The byte streams to one external device: a child process's stdin/stdout (its stderr kept, the last
 * 4 KiB), or a loopback TCP / Unix socket. Owns the process: {@link #kill()} ends it, and a JVM shutdown
 * hook ends every process still alive when hansim exits (a backstop for a run that never closes).
 */
final class PortConnection implements AutoCloseable {
    /** The stderr tail kept for a crash report (docs/device-port.md "Transports"). */
    static final int STDERR_TAIL = 4096;

    private static final Set<Process> LIVE = ConcurrentHashMap.newKeySet();
    private static volatile boolean hookAdded;

    final InputStream in;
    final OutputStream out;
    private final Process process;
    private final AutoCloseable socket;
    private final StderrTail stderr;

    private PortConnection(InputStream in, OutputStream out, Process process, AutoCloseable socket, StderrTail err) {
        this.in = in;
        this.out = out;
        this.process = process;
        this.socket = socket;
        this.stderr = err;
    }

    static PortConnection start(ExternalSpec.Command c) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(c.argv());
        if (c.workdir() != null) {
            pb.directory(c.workdir().toFile());
        }
        Process p = pb.start();
        LIVE.add(p);
        addHook();
        StderrTail tail = new StderrTail(p.getErrorStream());
        Thread t = new Thread(tail, "hansim-port-stderr");
        t.setDaemon(true);
        t.start();
        return new PortConnection(new java.io.BufferedInputStream(p.getInputStream(), 1 << 16),
                new java.io.BufferedOutputStream(p.getOutputStream(), 1 << 16), p, null, tail);
    }

    /** Connects, retrying until {@code deadlineNanos} (the device may still be starting to listen). */
    static PortConnection connect(ExternalSpec.Connect c, long deadlineNanos) throws IOException {
        String a = c.address();
        IOException last = null;
        do {
            try {
                if (a.startsWith("tcp:")) {
                    String hp = a.substring(4);
                    int colon = hp.lastIndexOf(':');
                    String host = hp.substring(0, colon).replace("[", "").replace("]", "");
                    Socket s = new Socket();
                    try {
                        s.connect(new InetSocketAddress(host, Integer.parseInt(hp.substring(colon + 1))), 1000);
                        s.setTcpNoDelay(true);
                    } catch (IOException e) {
                        s.close();
                        throw e;
                    }
                    return new PortConnection(new java.io.BufferedInputStream(s.getInputStream(), 1 << 16),
                            new java.io.BufferedOutputStream(s.getOutputStream(), 1 << 16), null, s, null);
                }
                SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX);
                try {
                    ch.connect(UnixDomainSocketAddress.of(Path.of(a.substring(5))));
                } catch (IOException e) {
                    ch.close();
                    throw e;
                }
                return new PortConnection(new java.io.BufferedInputStream(io.hansim.port.ChannelStreams.in(ch), 1 << 16),
                        new java.io.BufferedOutputStream(io.hansim.port.ChannelStreams.out(ch), 1 << 16), null, ch, null);
            } catch (IOException e) {
                last = e;
                try {
                    Thread.sleep(50);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        } while (System.nanoTime() < deadlineNanos);
        throw new IOException("could not connect to " + a + ": " + (last == null ? "interrupted" : last.getMessage()),
                last);
    }

    boolean isProcess() {
        return process != null;
    }

    /** Waits up to {@code millis} for the process to exit; its exit status, or null if it runs on. */
    Integer exitStatus(long millis) {
        if (process == null) {
            return null;
        }
        try {
            if (process.waitFor(millis, TimeUnit.MILLISECONDS)) {
                return process.exitValue();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return null;
    }

    /** The last octets the process wrote on stderr (empty for a socket). */
    String stderrTail() {
        if (stderr == null) {
            return "";
        }
        stderr.settle();
        return stderr.text();
    }

    /** Ends the process (forcibly) and closes every stream; safe to call twice. */
    void kill() {
        if (process != null) {
            process.destroyForcibly();
            try {
                process.waitFor(2, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            LIVE.remove(process);
        }
        close();
    }

    @Override
    public void close() {
        quietly(out);
        quietly(in);
        quietly(socket);
    }

    private static void quietly(AutoCloseable c) {
        if (c == null) {
            return;
        }
        try {
            c.close();
        } catch (Exception e) {
            // closing what is already broken: nothing more to do
        }
    }

    private static synchronized void addHook() {
        if (hookAdded) {
            return;
        }
        hookAdded = true;
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            for (Process p : LIVE) {
                p.destroyForcibly();
            }
        }, "hansim-port-reaper"));
    }

    /** Keeps the last {@link #STDERR_TAIL} octets of a stream. */
    private static final class StderrTail implements Runnable {
        private final InputStream err;
        private final byte[] ring = new byte[STDERR_TAIL];
        private long total;
        private volatile boolean ended;

        StderrTail(InputStream err) {
            this.err = err;
        }

        @Override
        public void run() {
            byte[] b = new byte[1024];
            try {
                int n;
                while ((n = err.read(b)) >= 0) {
                    synchronized (this) {
                        for (int i = 0; i < n; i++) {
                            ring[(int) (total++ % STDERR_TAIL)] = b[i];
                        }
                    }
                }
            } catch (IOException e) {
                // the process is gone
            } finally {
                ended = true;
            }
        }

        /** Gives the reader a moment to take what a crashing process wrote last. */
        void settle() {
            long until = System.nanoTime() + 200_000_000L;
            while (!ended && System.nanoTime() < until) {
                Thread.onSpinWait();
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }

        synchronized String text() {
            ByteArrayOutputStream o = new ByteArrayOutputStream();
            long start = Math.max(0, total - STDERR_TAIL);
            for (long i = start; i < total; i++) {
                o.write(ring[(int) (i % STDERR_TAIL)]);
            }
            return o.toString(StandardCharsets.UTF_8);
        }
    }
}
