package io.hansim.port;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Every message of the device port, protocol version 1 (docs/device-port.md): one record per message
 * type, in two families by direction. Records check their field ranges (a {@code u8} is 0..255, a
 * {@code str} at most 255 octets of UTF-8); {@link PortCodec} reads and writes them.
 */
public sealed interface PortMessage permits PortMessage.FromDevice, PortMessage.FromHansim {

    /** The protocol version this code speaks. */
    int VERSION = 1;

    /** {@code nextDeadline} meaning "no timer" (0xFFFFFFFFFFFFFFFF). */
    long NO_DEADLINE = -1L;

    /** The broadcast destination EUI-64 of {@link FrameOut} (with destination endpoint 0xFF). */
    long BROADCAST = -1L;

    /** The message type octet. */
    int type();

    /** Device → hansim. */
    sealed interface FromDevice extends PortMessage permits Hello, FrameOut, Read, Write, Erase, Status, Log, Done,
            Bye, Restart, DeadlineOrigin {
    }

    /** hansim → device. */
    sealed interface FromHansim extends PortMessage permits Welcome, Event, ReadResult, HansimBye {
    }

    /** An event hansim sends that the device answers with actions and one {@link Done}. */
    sealed interface Event extends FromHansim permits Power, FrameIn, Timer {
        /** The virtual time of the event, µs. */
        long now();
    }

    /** 0x01: who the device is. */
    record Hello(int version, String kind, long eui64, int endpoint, int profile, List<Integer> serverClusters,
            List<Integer> clientClusters, String model) implements FromDevice {
        public static final int TYPE = 0x01;

        public Hello {
            Fields.u16("version", version);
            Fields.str("kind", kind);
            Fields.u8("endpoint", endpoint);
            Fields.u16("profile", profile);
            serverClusters = Fields.u16List("serverClusters", serverClusters);
            clientClusters = Fields.u16List("clientClusters", clientClusters);
            Fields.str("model", model);
        }

        @Override
        public int type() {
            return TYPE;
        }
    }

    /** 0x02: send a frame now. */
    record FrameOut(long dstEui64, int dstEndpoint, int srcEndpoint, int profile, int cluster, Octets zcl)
            implements FromDevice {
        public static final int TYPE = 0x02;

        public FrameOut {
            Fields.u8("dstEndpoint", dstEndpoint);
            Fields.u8("srcEndpoint", srcEndpoint);
            Fields.u16("profile", profile);
            Fields.u16("cluster", cluster);
            Objects.requireNonNull(zcl, "zcl");
        }

        /** To every device that keeps its receiver on. */
        public boolean isBroadcast() {
            return dstEui64 == BROADCAST && dstEndpoint == 0xFF;
        }

        @Override
        public int type() {
            return TYPE;
        }
    }

    /** 0x03: read from a flash region ({@code length} {@link #TO_END}: to its end). */
    record Read(String region, long offset, long length) implements FromDevice {
        public static final int TYPE = 0x03;
        public static final long TO_END = 0xFFFF_FFFFL;

        public Read {
            Fields.str("region", region);
            Fields.u32("offset", offset);
            Fields.u32("length", length);
        }

        @Override
        public int type() {
            return TYPE;
        }
    }

    /** 0x04: write into a region, creating or growing it. */
    record Write(String region, long offset, Octets data) implements FromDevice {
        public static final int TYPE = 0x04;

        public Write {
            Fields.str("region", region);
            Fields.u32("offset", offset);
            Objects.requireNonNull(data, "data");
        }

        @Override
        public int type() {
            return TYPE;
        }
    }

    /** 0x05: remove a region. */
    record Erase(String region) implements FromDevice {
        public static final int TYPE = 0x05;

        public Erase {
            Fields.str("region", region);
        }

        @Override
        public int type() {
            return TYPE;
        }
    }

    /** 0x06: set exported status values (an empty value removes the key); at most 255 a message. */
    record Status(Map<String, String> values) implements FromDevice {
        public static final int TYPE = 0x06;

        public Status {
            values = Fields.textMap("values", values);
        }

        @Override
        public int type() {
            return TYPE;
        }
    }

    /** 0x07: a log line. */
    record Log(int level, String line) implements FromDevice {
        public static final int TYPE = 0x07;
        public static final int DEBUG = 0;
        public static final int INFO = 1;
        public static final int WARN = 2;
        public static final int ERROR = 3;

        public Log {
            if (level < DEBUG || level > ERROR) {
                throw new IllegalArgumentException("log level 0..3: " + level);
            }
            Fields.text("line", line);
        }

        @Override
        public int type() {
            return TYPE;
        }
    }

    /** 0x08: the end of an answer; the device's next timer ({@link #NO_DEADLINE} for none). */
    record Done(long nextDeadline) implements FromDevice {
        public static final int TYPE = 0x08;

        public boolean hasDeadline() {
            return nextDeadline != NO_DEADLINE;
        }

        @Override
        public int type() {
            return TYPE;
        }
    }

    /** 0x09: the device leaves. */
    record Bye(String reason) implements FromDevice {
        public static final int TYPE = 0x09;

        public Bye {
            Fields.text("reason", reason);
        }

        @Override
        public int type() {
            return TYPE;
        }
    }

    /**
     * 0x0A (added in version 1 by issue 17, lane A): the device restarts itself, e.g. to run a newly
     * activated image. hansim powers it off now (frames to it are dropped "receiver off", its deadline
     * is cancelled) and sends {@code POWER on} after {@code delay} µs.
     */
    record Restart(long delay) implements FromDevice {
        public static final int TYPE = 0x0A;

        public Restart {
            if (delay < 0) {
                throw new IllegalArgumentException("restart delay is a u64 below 2^63 µs: " + delay);
            }
        }

        @Override
        public int type() {
            return TYPE;
        }
    }

    /**
     * 0x0B (added in version 1 by issue 17, lane A; optional): the deadline in the DONE that follows was
     * set while the device answered event number {@code event} of the session (events — POWER, FRAME_IN,
     * TIMER — counted from 1; 0: before the first, at WELCOME). hansim then orders the device's timer
     * among other events at the same instant as if it had been set then, as an in-process device's
     * would be. A device that does not send it gets its timer ordered as set at the DONE.
     */
    record DeadlineOrigin(long event) implements FromDevice {
        public static final int TYPE = 0x0B;

        public DeadlineOrigin {
            if (event < 0) {
                throw new IllegalArgumentException("event number is a u64 below 2^63: " + event);
            }
        }

        @Override
        public int type() {
            return TYPE;
        }
    }

    /** 0x81: the network the device has joined. */
    record Welcome(int version, Clock clock, long now, long utcAtZero, long seed, int shortAddress, List<Peer> peers,
            Map<String, String> params) implements FromHansim {
        public static final int TYPE = 0x81;

        public Welcome {
            Fields.u16("version", version);
            Objects.requireNonNull(clock, "clock");
            Fields.u32("utcAtZero", utcAtZero);
            Fields.u16("shortAddress", shortAddress);
            peers = List.copyOf(peers);
            if (peers.size() > 255) {
                throw new IllegalArgumentException("at most 255 peers: " + peers.size());
            }
            params = Fields.textMap("params", params);
        }

        @Override
        public int type() {
            return TYPE;
        }
    }

    /** The clock a session runs on (WELCOME {@code clock}). */
    enum Clock {
        LOCKSTEP, REALTIME;

        public int code() {
            return ordinal();
        }
    }

    /** A device already on the HAN, as WELCOME lists it. */
    record Peer(long eui64, int shortAddress, int endpoint, String role) {
        public Peer {
            Fields.u16("shortAddress", shortAddress);
            Fields.u8("endpoint", endpoint);
            Fields.str("role", role);
        }
    }

    /** 0x82: power on (a cold boot), off (orderly), or cut. */
    record Power(long now, PowerState state) implements Event {
        public static final int TYPE = 0x82;

        public Power {
            Objects.requireNonNull(state, "state");
        }

        @Override
        public int type() {
            return TYPE;
        }
    }

    /** POWER {@code state}: the codes are the wire values. */
    enum PowerState {
        OFF(0), ON(1), CUT(2);

        private final int code;

        PowerState(int code) {
            this.code = code;
        }

        public int code() {
            return code;
        }

        /** The state with wire value {@code code}, or null. */
        public static PowerState of(int code) {
            for (PowerState s : values()) {
                if (s.code == code) {
                    return s;
                }
            }
            return null;
        }
    }

    /** 0x83: a frame the device received. */
    record FrameIn(long now, long srcEui64, int srcShort, int srcEndpoint, int dstEndpoint, int profile, int cluster,
            boolean broadcast, Octets zcl) implements Event {
        public static final int TYPE = 0x83;

        public FrameIn {
            Fields.u16("srcShort", srcShort);
            Fields.u8("srcEndpoint", srcEndpoint);
            Fields.u8("dstEndpoint", dstEndpoint);
            Fields.u16("profile", profile);
            Fields.u16("cluster", cluster);
            Objects.requireNonNull(zcl, "zcl");
        }

        @Override
        public int type() {
            return TYPE;
        }
    }

    /** 0x84: the device's deadline has come. */
    record Timer(long now) implements Event {
        public static final int TYPE = 0x84;

        @Override
        public int type() {
            return TYPE;
        }
    }

    /** 0x85: the answer to {@link Read}. */
    record ReadResult(int status, Octets data) implements FromHansim {
        public static final int TYPE = 0x85;
        public static final int OK = 0;
        public static final int NO_SUCH_REGION = 1;
        public static final int BEYOND_END = 2;

        public ReadResult {
            if (status < OK || status > BEYOND_END) {
                throw new IllegalArgumentException("READ_RESULT status 0..2: " + status);
            }
            Objects.requireNonNull(data, "data");
        }

        @Override
        public int type() {
            return TYPE;
        }
    }

    /** 0x8F: the run is over. */
    record HansimBye(String reason) implements FromHansim {
        public static final int TYPE = 0x8F;

        public HansimBye {
            Fields.text("reason", reason);
        }

        @Override
        public int type() {
            return TYPE;
        }
    }
}
