package io.hansim.port;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Optional;

/**
 * What a {@link DeviceApp} can do while it answers an event: send frames, use its flash regions,
 * export status, log, and set its next deadline (docs/device-port.md "Device → hansim"). The time is
 * the event's: a lockstep device never looks at a wall clock.
 */
public final class Actions {
    private final Session session;
    private long now;
    private long deadline = PortMessage.NO_DEADLINE;
    private long deadlineOrigin = -1;
    private long event;

    Actions(Session session) {
        this.session = session;
    }

    /** Virtual time of the event being answered, µs since the start of the run. */
    public long now() {
        return now;
    }

    void now(long t) {
        now = t;
    }

    /** The number of the event being answered (POWER, FRAME_IN, TIMER counted from 1 in the session). */
    public long event() {
        return event;
    }

    void event(long n) {
        event = n;
    }

    /**
     * Says that the deadline was set while answering event {@code n} (0: at WELCOME): hansim orders the
     * timer among same-instant events as set then ({@link PortMessage.DeadlineOrigin}). For this answer only.
     */
    public Actions deadlineOrigin(long n) {
        deadlineOrigin = n;
        return this;
    }

    /** The origin to send before DONE, or -1; cleared. */
    long takeDeadlineOrigin() {
        long o = deadlineOrigin;
        deadlineOrigin = -1;
        return o;
    }

    /** The deadline {@code DONE} will carry: kept from answer to answer until changed. */
    public long deadline() {
        return deadline;
    }

    /** The device's next timer, virtual µs ({@link PortMessage#NO_DEADLINE}: none). */
    public Actions deadline(long at) {
        deadline = at;
        return this;
    }

    /** No timer. */
    public Actions noDeadline() {
        deadline = PortMessage.NO_DEADLINE;
        return this;
    }

    /** Sends ZCL octets now. */
    public Actions send(long dstEui64, int dstEndpoint, int srcEndpoint, int profile, int cluster, byte[] zcl) {
        return send(new PortMessage.FrameOut(dstEui64, dstEndpoint, srcEndpoint, profile, cluster, Octets.of(zcl)));
    }

    public Actions send(PortMessage.FrameOut frame) {
        session.action(frame);
        return this;
    }

    /** Writes into a region (created or grown; a gap reads as 0xFF). */
    public Actions write(String region, long offset, byte[] data) {
        session.action(new PortMessage.Write(region, offset, Octets.of(data)));
        return this;
    }

    public Actions erase(String region) {
        session.action(new PortMessage.Erase(region));
        return this;
    }

    /**
     * Reads {@code length} octets of a region from {@code offset} ({@link PortMessage.Read#TO_END}: to its
     * end): a round trip to hansim. Empty when the region does not exist or the offset is beyond its end.
     */
    public Optional<byte[]> read(String region, long offset, long length) {
        PortMessage.ReadResult r = readResult(region, offset, length);
        return r.status() == PortMessage.ReadResult.OK ? Optional.of(r.data().toArray()) : Optional.empty();
    }

    /** A whole region, if it exists. */
    public Optional<byte[]> read(String region) {
        return read(region, 0, PortMessage.Read.TO_END);
    }

    /** The READ round trip with its status. */
    public PortMessage.ReadResult readResult(String region, long offset, long length) {
        try {
            return session.read(new PortMessage.Read(region, offset, length));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Sets one exported status value (empty removes it). */
    public Actions status(String key, String value) {
        return status(Map.of(key, value));
    }

    public Actions status(Map<String, String> values) {
        session.action(new PortMessage.Status(values));
        return this;
    }

    public Actions log(int level, String line) {
        session.action(new PortMessage.Log(level, line));
        return this;
    }

    public Actions log(String line) {
        return log(PortMessage.Log.INFO, line);
    }

    /**
     * The device restarts itself (an activation's reset): hansim powers it off now and sends
     * {@code POWER on} after {@code delay} µs. Ends what the device can do in this answer.
     */
    public Actions restart(long delay) {
        session.action(new PortMessage.Restart(delay));
        return this;
    }

    /** Where {@code DONE} goes: the shim's session. */
    interface Session {
        void action(PortMessage.FromDevice m);

        PortMessage.ReadResult read(PortMessage.Read r) throws IOException;
    }
}
