package io.hansim.port;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The Java reference shim of the device port (docs/device-port.md): serves one {@link DeviceApp} for one
 * session over standard input/output (hansim started the device), or over a loopback TCP or Unix socket
 * the device listens on (hansim connects). It sends HELLO, takes WELCOME, then turns each event into a
 * callback and ends each answer with DONE.
 *
 * <pre>{@code
 * public static void main(String[] args) throws IOException {
 *     DeviceShim.serveStdio(new MyDevice());
 * }
 * }</pre>
 *
 * In real time ({@code clock: realtime}) the shim keeps the device's timer itself on the wall clock,
 * one virtual microsecond a wall microsecond from WELCOME's {@code now}.
 */
public final class DeviceShim {
    private DeviceShim() {
    }

    /**
     * Serves {@code app} on this process's stdin/stdout until hansim says BYE. {@code System.out} is
     * pointed at stderr for the session so that a stray {@code println} cannot corrupt the stream.
     *
     * @return hansim's BYE reason
     */
    public static String serveStdio(DeviceApp app) throws IOException {
        return serveStdio(app, PortCodec.DEFAULT_MAX_MESSAGE);
    }

    public static String serveStdio(DeviceApp app, int maxMessage) throws IOException {
        OutputStream out = new java.io.FileOutputStream(java.io.FileDescriptor.out);
        PrintStream old = System.out;
        System.setOut(System.err);
        try {
            return serve(app, System.in, new java.io.BufferedOutputStream(out, 1 << 16), maxMessage);
        } finally {
            System.setOut(old);
        }
    }

    /** Serves {@code app} on one session over {@code in}/{@code out}; returns hansim's BYE reason. */
    public static String serve(DeviceApp app, InputStream in, OutputStream out, int maxMessage) throws IOException {
        return new Loop(app, PortReader.ofHansim(new java.io.BufferedInputStream(in, 1 << 16), maxMessage),
                new PortWriter(out)).run();
    }

    /**
     * Listens on {@code address}: {@code tcp:HOST:PORT} with a loopback host ({@code 127.0.0.1},
     * {@code ::1}, {@code localhost}; port 0 picks a free one) or {@code unix:PATH}.
     */
    public static Listener listen(String address) throws IOException {
        Objects.requireNonNull(address, "address");
        if (address.startsWith("tcp:")) {
            String hp = address.substring(4);
            int colon = hp.lastIndexOf(':');
            if (colon < 0) {
                throw new IllegalArgumentException("tcp address needs HOST:PORT: " + address);
            }
            String host = hp.substring(0, colon).replace("[", "").replace("]", "");
            int port = Integer.parseInt(hp.substring(colon + 1));
            InetAddress a = InetAddress.getByName(host);
            if (!a.isLoopbackAddress()) {
                throw new IllegalArgumentException("the device port listens on loopback only, not " + host);
            }
            ServerSocket s = new ServerSocket();
            s.bind(new InetSocketAddress(a, port), 1);
            String bound = "tcp:" + (a.getHostAddress().contains(":") ? "[" + a.getHostAddress() + "]"
                    : a.getHostAddress()) + ":" + s.getLocalPort();
            return new Listener(bound, s, null);
        }
        if (address.startsWith("unix:")) {
            Path p = Path.of(address.substring(5));
            Files.deleteIfExists(p);
            ServerSocketChannel ch = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
            ch.bind(UnixDomainSocketAddress.of(p), 1);
            return new Listener(address, null, ch);
        }
        throw new IllegalArgumentException("address is tcp:HOST:PORT or unix:PATH: " + address);
    }

    /** A listening socket that serves sessions one after another. */
    public static final class Listener implements AutoCloseable {
        private final String address;
        private final ServerSocket tcp;
        private final ServerSocketChannel unix;

        private Listener(String address, ServerSocket tcp, ServerSocketChannel unix) {
            this.address = address;
            this.tcp = tcp;
            this.unix = unix;
        }

        /** The address hansim connects to (with the port the system chose for port 0). */
        public String address() {
            return address;
        }

        /** Waits for hansim to connect and serves one session; returns hansim's BYE reason. */
        public String serveOne(DeviceApp app, int maxMessage) throws IOException {
            if (tcp != null) {
                try (Socket s = tcp.accept()) {
                    s.setTcpNoDelay(true);
                    return serve(app, s.getInputStream(), new java.io.BufferedOutputStream(s.getOutputStream(),
                            1 << 16), maxMessage);
                }
            }
            try (SocketChannel c = unix.accept()) {
                return serve(app, ChannelStreams.in(c), new java.io.BufferedOutputStream(
                        ChannelStreams.out(c), 1 << 16), maxMessage);
            }
        }

        public String serveOne(DeviceApp app) throws IOException {
            return serveOne(app, PortCodec.DEFAULT_MAX_MESSAGE);
        }

        @Override
        public void close() throws IOException {
            if (tcp != null) {
                tcp.close();
            } else {
                unix.close();
                Files.deleteIfExists(Path.of(address.substring(5)));
            }
        }
    }

    /** One session. */
    private static final class Loop implements Actions.Session {
        private final DeviceApp app;
        private final PortReader reader;
        private final PortWriter writer;
        private final Actions actions = new Actions(this);
        /** Real time only: messages read by a thread, so that the loop can wait for the deadline. */
        private BlockingQueue<Object> queue;
        private long wallStart;
        private long virtualStart;
        private long events;

        Loop(DeviceApp app, PortReader reader, PortWriter writer) {
            this.app = app;
            this.reader = reader;
            this.writer = writer;
        }

        String run() throws IOException {
            writer.write(app.hello());
            PortMessage first = reader.read();
            if (!(first instanceof PortMessage.Welcome w)) {
                throw new PortProtocolException(0, "expected WELCOME first, got " + describe(first));
            }
            app.welcome(w);
            if (w.clock() == PortMessage.Clock.REALTIME) {
                startReaderThread();
                wallStart = System.nanoTime();
                virtualStart = w.now();
            }
            while (true) {
                PortMessage m = next(true);
                if (m == null) { // real time: the device's own deadline
                    actions.event(++events);
                    actions.now(virtualNow());
                    actions.noDeadline(); // fired: the timer callback sets the next one
                    app.timer(actions);
                    done();
                    continue;
                }
                if (m instanceof PortMessage.HansimBye b) {
                    app.bye(b.reason());
                    writer.write(new PortMessage.Bye("bye"));
                    return b.reason();
                }
                if (!(m instanceof PortMessage.Event e)) {
                    throw new PortProtocolException(reader.offset(), "unexpected " + describe(m));
                }
                actions.now(e.now());
                actions.event(++events);
                if (e instanceof PortMessage.Power p) {
                    actions.noDeadline(); // every power change loses the RAM timer
                    app.power(p.state(), actions);
                } else if (e instanceof PortMessage.FrameIn f) {
                    app.frame(f, actions);
                } else {
                    app.timer(actions);
                }
                done();
            }
        }

        private void done() throws IOException {
            long origin = actions.takeDeadlineOrigin();
            if (origin >= 0 && actions.deadline() != PortMessage.NO_DEADLINE) {
                writer.append(new PortMessage.DeadlineOrigin(origin));
            }
            writer.append(new PortMessage.Done(actions.deadline()));
            writer.flush();
        }

        private long virtualNow() {
            return virtualStart + (System.nanoTime() - wallStart) / 1_000;
        }

        /** The next message; in real time null when the device's deadline comes first (if {@code timers}). */
        private PortMessage next(boolean timers) throws IOException {
            if (queue == null) {
                PortMessage m = reader.read();
                if (m == null) {
                    throw new EOFException("hansim closed the stream");
                }
                return m;
            }
            try {
                Object o;
                if (timers && actions.deadline() != PortMessage.NO_DEADLINE) {
                    long waitMicros = actions.deadline() - virtualNow();
                    o = waitMicros <= 0 ? queue.poll() : queue.poll(waitMicros, TimeUnit.MICROSECONDS);
                    if (o == null) {
                        return null;
                    }
                } else {
                    o = queue.take();
                }
                if (o instanceof IOException x) {
                    throw x;
                }
                if (o instanceof RuntimeException x) {
                    throw x;
                }
                return (PortMessage) o;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted waiting for hansim");
            }
        }

        private void startReaderThread() {
            queue = new LinkedBlockingQueue<>();
            Thread t = new Thread(() -> {
                try {
                    while (true) {
                        PortMessage m = reader.read();
                        if (m == null) {
                            queue.add(new EOFException("hansim closed the stream"));
                            return;
                        }
                        queue.add(m);
                        if (m instanceof PortMessage.HansimBye) {
                            return;
                        }
                    }
                } catch (IOException | RuntimeException e) {
                    queue.add(e);
                }
            }, "hansim-port-reader");
            t.setDaemon(true);
            t.start();
        }

        @Override
        public void action(PortMessage.FromDevice m) {
            try {
                writer.append(m);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public PortMessage.ReadResult read(PortMessage.Read r) throws IOException {
            writer.append(r);
            writer.flush();
            PortMessage m = next(false);
            if (!(m instanceof PortMessage.ReadResult rr)) {
                throw new PortProtocolException(reader.offset(), "expected READ_RESULT, got " + describe(m));
            }
            return rr;
        }

        private static String describe(PortMessage m) {
            return m == null ? "the end of the stream" : m.getClass().getSimpleName();
        }
    }
}
