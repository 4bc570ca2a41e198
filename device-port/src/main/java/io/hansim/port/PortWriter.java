package io.hansim.port;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Objects;

/** Writes framed messages to one direction of a session, each flushed as it is written. */
public final class PortWriter {
    private final OutputStream out;

    public PortWriter(OutputStream out) {
        this.out = Objects.requireNonNull(out, "out");
    }

    /** Writes {@code m} and flushes it. */
    public void write(PortMessage m) throws IOException {
        out.write(PortCodec.encode(m));
        out.flush();
    }

    /** Writes {@code m} without flushing (several actions of one answer go out in one flush). */
    public void append(PortMessage m) throws IOException {
        out.write(PortCodec.encode(m));
    }

    public void flush() throws IOException {
        out.flush();
    }
}
