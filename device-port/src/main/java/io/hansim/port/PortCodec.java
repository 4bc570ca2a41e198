package io.hansim.port;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Encodes and decodes device port messages (docs/device-port.md). A message on the stream is
 * {@code u32 length (LE) ‖ u8 type ‖ body}; {@link #encode} gives those octets, {@link #decode} takes a
 * whole framed message, {@link #decodeBody} a type and body once {@link PortReader} has framed them.
 * Decoding is strict and total: a value, or a {@link PortProtocolException} naming the stream offset
 * and what was wrong (a short body, octets left over, an unknown type, bad UTF-8, a value out of its
 * range, a key given twice).
 */
public final class PortCodec {
    /** The default max-message: the largest {@code length} field accepted (type + body octets). */
    public static final int DEFAULT_MAX_MESSAGE = 65_536;

    private PortCodec() {
    }

    /** The framed octets of {@code m}: length, type, body. */
    public static byte[] encode(PortMessage m) {
        Out o = new Out();
        o.u32(0); // the length, filled in below
        o.u8(m.type());
        body(m, o);
        byte[] b = o.toByteArray();
        int len = b.length - 4;
        b[0] = (byte) len;
        b[1] = (byte) (len >>> 8);
        b[2] = (byte) (len >>> 16);
        b[3] = (byte) (len >>> 24);
        return b;
    }

    /**
     * Decodes one whole framed message ({@code length ‖ type ‖ body}, nothing after it) that starts at
     * stream offset {@code streamOffset}, with the default max-message.
     */
    public static PortMessage decode(byte[] framed, long streamOffset) {
        return decode(framed, streamOffset, DEFAULT_MAX_MESSAGE);
    }

    /** As {@link #decode(byte[], long)} with a session's {@code maxMessage}. */
    public static PortMessage decode(byte[] framed, long streamOffset, int maxMessage) {
        if (framed.length < 4) {
            throw new PortProtocolException(streamOffset, "a message needs its 4-octet length, only "
                    + framed.length + " octets");
        }
        long len = (framed[0] & 0xFFL) | (framed[1] & 0xFFL) << 8 | (framed[2] & 0xFFL) << 16
                | (framed[3] & 0xFFL) << 24;
        checkLength(len, streamOffset, maxMessage);
        if (framed.length - 4 != len) {
            throw new PortProtocolException(streamOffset, "length field says " + len + " octets, "
                    + (framed.length - 4) + " follow");
        }
        byte[] body = new byte[(int) len - 1];
        System.arraycopy(framed, 5, body, 0, body.length);
        return decodeBody(framed[4] & 0xFF, body, streamOffset);
    }

    /** Checks a length field: 1 … maxMessage. */
    static void checkLength(long len, long streamOffset, int maxMessage) {
        if (len == 0) {
            throw new PortProtocolException(streamOffset, "message length 0 (a message has at least its type)");
        }
        if (len > maxMessage) {
            throw new PortOversizedException(streamOffset, len, maxMessage);
        }
    }

    /**
     * Decodes the body of a message of {@code type} whose length field was at stream offset
     * {@code streamOffset} (the body starts 5 octets later).
     */
    public static PortMessage decodeBody(int type, byte[] body, long streamOffset) {
        In in = new In(body, streamOffset);
        PortMessage m;
        try {
            m = switch (type) {
                case PortMessage.Hello.TYPE -> {
                    int version = in.u16("version");
                    String kind = in.str("kind");
                    long eui = in.u64("eui64");
                    int ep = in.u8("endpoint");
                    int profile = in.u16("profile");
                    List<Integer> server = in.u16List("server clusters");
                    List<Integer> client = in.u16List("client clusters");
                    yield new PortMessage.Hello(version, kind, eui, ep, profile, server, client, in.str("model"));
                }
                case PortMessage.FrameOut.TYPE -> new PortMessage.FrameOut(in.u64("dstEui64"), in.u8("dstEndpoint"),
                        in.u8("srcEndpoint"), in.u16("profile"), in.u16("cluster"), in.bytes("zcl"));
                case PortMessage.Read.TYPE -> new PortMessage.Read(in.str("region"), in.u32("offset"),
                        in.u32("length"));
                case PortMessage.Write.TYPE -> new PortMessage.Write(in.str("region"), in.u32("offset"),
                        in.bytes("data"));
                case PortMessage.Erase.TYPE -> new PortMessage.Erase(in.str("region"));
                case PortMessage.Status.TYPE -> new PortMessage.Status(in.textMap("status"));
                case PortMessage.Log.TYPE -> {
                    long at = in.position();
                    int level = in.u8("level");
                    if (level > PortMessage.Log.ERROR) {
                        throw in.error(at, "log level " + level + " is not 0..3");
                    }
                    yield new PortMessage.Log(level, in.text("line"));
                }
                case PortMessage.Done.TYPE -> new PortMessage.Done(in.u64("nextDeadline"));
                case PortMessage.Bye.TYPE -> new PortMessage.Bye(in.text("reason"));
                case PortMessage.DeadlineOrigin.TYPE -> {
                    long at = in.position();
                    long event = in.u64("event");
                    if (event < 0) {
                        throw in.error(at, "event number " + Long.toUnsignedString(event) + " is above 2^63 − 1");
                    }
                    yield new PortMessage.DeadlineOrigin(event);
                }
                case PortMessage.Restart.TYPE -> {
                    long at = in.position();
                    long delay = in.u64("delay");
                    if (delay < 0) {
                        throw in.error(at, "restart delay " + Long.toUnsignedString(delay) + " µs is above 2^63 − 1");
                    }
                    yield new PortMessage.Restart(delay);
                }
                case PortMessage.Welcome.TYPE -> {
                    int version = in.u16("version");
                    long at = in.position();
                    int clock = in.u8("clock");
                    if (clock > 1) {
                        throw in.error(at, "clock " + clock + " is not 0 (lockstep) or 1 (real time)");
                    }
                    long now = in.u64("now");
                    long utc = in.u32("utcAtZero");
                    long seed = in.u64("seed");
                    int shortAddress = in.u16("shortAddress");
                    int n = in.u8("nPeers");
                    List<PortMessage.Peer> peers = new ArrayList<>(n);
                    for (int i = 0; i < n; i++) {
                        peers.add(new PortMessage.Peer(in.u64("peer eui64"), in.u16("peer shortAddress"),
                                in.u8("peer endpoint"), in.str("peer role")));
                    }
                    yield new PortMessage.Welcome(version, PortMessage.Clock.values()[clock], now, utc, seed,
                            shortAddress, peers, in.textMap("params"));
                }
                case PortMessage.Power.TYPE -> {
                    long now = in.u64("now");
                    long at = in.position();
                    int s = in.u8("state");
                    PortMessage.PowerState state = PortMessage.PowerState.of(s);
                    if (state == null) {
                        throw in.error(at, "power state " + s + " is not 0 (off), 1 (on) or 2 (cut)");
                    }
                    yield new PortMessage.Power(now, state);
                }
                case PortMessage.FrameIn.TYPE -> {
                    long now = in.u64("now");
                    long src = in.u64("srcEui64");
                    int srcShort = in.u16("srcShort");
                    int srcEp = in.u8("srcEndpoint");
                    int dstEp = in.u8("dstEndpoint");
                    int profile = in.u16("profile");
                    int cluster = in.u16("cluster");
                    long at = in.position();
                    int flags = in.u8("flags");
                    if ((flags & ~1) != 0) {
                        throw in.error(at, String.format("flags 0x%02X: only bit 0 (broadcast) is defined", flags));
                    }
                    yield new PortMessage.FrameIn(now, src, srcShort, srcEp, dstEp, profile, cluster, flags == 1,
                            in.bytes("zcl"));
                }
                case PortMessage.Timer.TYPE -> new PortMessage.Timer(in.u64("now"));
                case PortMessage.ReadResult.TYPE -> {
                    long at = in.position();
                    int status = in.u8("status");
                    if (status > PortMessage.ReadResult.BEYOND_END) {
                        throw in.error(at, "READ_RESULT status " + status + " is not 0..2");
                    }
                    yield new PortMessage.ReadResult(status, in.bytes("data"));
                }
                case PortMessage.HansimBye.TYPE -> new PortMessage.HansimBye(in.text("reason"));
                default -> throw new PortProtocolException(streamOffset + 4,
                        String.format("unknown message type 0x%02X", type));
            };
        } catch (IllegalArgumentException e) { // a record's own range check: cannot happen for wire values
            throw new PortProtocolException(streamOffset, e.getMessage());
        }
        in.finished(type);
        return m;
    }

    private static void body(PortMessage m, Out o) {
        if (m instanceof PortMessage.Hello h) {
            o.u16(h.version());
            o.str(h.kind());
            o.u64(h.eui64());
            o.u8(h.endpoint());
            o.u16(h.profile());
            o.u8(h.serverClusters().size());
            h.serverClusters().forEach(o::u16);
            o.u8(h.clientClusters().size());
            h.clientClusters().forEach(o::u16);
            o.str(h.model());
        } else if (m instanceof PortMessage.FrameOut f) {
            o.u64(f.dstEui64());
            o.u8(f.dstEndpoint());
            o.u8(f.srcEndpoint());
            o.u16(f.profile());
            o.u16(f.cluster());
            o.bytes(f.zcl());
        } else if (m instanceof PortMessage.Read r) {
            o.str(r.region());
            o.u32(r.offset());
            o.u32(r.length());
        } else if (m instanceof PortMessage.Write w) {
            o.str(w.region());
            o.u32(w.offset());
            o.bytes(w.data());
        } else if (m instanceof PortMessage.Erase e) {
            o.str(e.region());
        } else if (m instanceof PortMessage.Status s) {
            o.textMap(s.values());
        } else if (m instanceof PortMessage.Log l) {
            o.u8(l.level());
            o.text(l.line());
        } else if (m instanceof PortMessage.Done d) {
            o.u64(d.nextDeadline());
        } else if (m instanceof PortMessage.Bye b) {
            o.text(b.reason());
        } else if (m instanceof PortMessage.Restart r) {
            o.u64(r.delay());
        } else if (m instanceof PortMessage.DeadlineOrigin d) {
            o.u64(d.event());
        } else if (m instanceof PortMessage.Welcome w) {
            o.u16(w.version());
            o.u8(w.clock().code());
            o.u64(w.now());
            o.u32(w.utcAtZero());
            o.u64(w.seed());
            o.u16(w.shortAddress());
            o.u8(w.peers().size());
            for (PortMessage.Peer p : w.peers()) {
                o.u64(p.eui64());
                o.u16(p.shortAddress());
                o.u8(p.endpoint());
                o.str(p.role());
            }
            o.textMap(w.params());
        } else if (m instanceof PortMessage.Power p) {
            o.u64(p.now());
            o.u8(p.state().code());
        } else if (m instanceof PortMessage.FrameIn f) {
            o.u64(f.now());
            o.u64(f.srcEui64());
            o.u16(f.srcShort());
            o.u8(f.srcEndpoint());
            o.u8(f.dstEndpoint());
            o.u16(f.profile());
            o.u16(f.cluster());
            o.u8(f.broadcast() ? 1 : 0);
            o.bytes(f.zcl());
        } else if (m instanceof PortMessage.Timer t) {
            o.u64(t.now());
        } else if (m instanceof PortMessage.ReadResult r) {
            o.u8(r.status());
            o.bytes(r.data());
        } else if (m instanceof PortMessage.HansimBye b) {
            o.text(b.reason());
        } else {
            throw new IllegalArgumentException("not a port message: " + m);
        }
    }

    /** Little-endian writer. */
    private static final class Out extends ByteArrayOutputStream {
        void u8(int v) {
            write(v);
        }

        void u16(int v) {
            write(v);
            write(v >>> 8);
        }

        void u32(long v) {
            for (int i = 0; i < 4; i++) {
                write((int) (v >>> (8 * i)));
            }
        }

        void u64(long v) {
            for (int i = 0; i < 8; i++) {
                write((int) (v >>> (8 * i)));
            }
        }

        void str(String s) {
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            u8(b.length);
            write(b, 0, b.length);
        }

        void text(String s) {
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            u16(b.length);
            write(b, 0, b.length);
        }

        void bytes(Octets b) {
            u32(b.length());
            write(b.array(), 0, b.length());
        }

        void textMap(Map<String, String> m) {
            u8(m.size());
            m.forEach((k, v) -> {
                str(k);
                text(v);
            });
        }
    }

    /** Little-endian reader that names the stream offset of whatever is wrong. */
    private static final class In {
        private final byte[] b;
        private final long base; // stream offset of body[0]
        private int pos;

        In(byte[] body, long streamOffset) {
            this.b = body;
            this.base = streamOffset + 5;
        }

        long position() {
            return base + pos;
        }

        PortProtocolException error(long at, String why) {
            return new PortProtocolException(at, why);
        }

        private void need(int n, String field) {
            if (b.length - pos < n) {
                throw new PortProtocolException(position(), "body ends inside " + field + " (needs " + n
                        + " octets, " + (b.length - pos) + " left)");
            }
        }

        int u8(String field) {
            need(1, field);
            return b[pos++] & 0xFF;
        }

        int u16(String field) {
            need(2, field);
            int v = (b[pos] & 0xFF) | (b[pos + 1] & 0xFF) << 8;
            pos += 2;
            return v;
        }

        long u32(String field) {
            need(4, field);
            long v = 0;
            for (int i = 3; i >= 0; i--) {
                v = v << 8 | (b[pos + i] & 0xFF);
            }
            pos += 4;
            return v;
        }

        long u64(String field) {
            need(8, field);
            long v = 0;
            for (int i = 7; i >= 0; i--) {
                v = v << 8 | (b[pos + i] & 0xFF);
            }
            pos += 8;
            return v;
        }

        String str(String field) {
            return utf8(u8(field + " length"), field);
        }

        String text(String field) {
            return utf8(u16(field + " length"), field);
        }

        private String utf8(int n, String field) {
            long at = position();
            need(n, field);
            CharsetDecoder d = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT);
            try {
                CharBuffer c = d.decode(ByteBuffer.wrap(b, pos, n));
                pos += n;
                return c.toString();
            } catch (CharacterCodingException e) {
                throw new PortProtocolException(at, field + " is not valid UTF-8");
            }
        }

        Octets bytes(String field) {
            long n = u32(field + " length");
            if (n > b.length - pos) {
                throw new PortProtocolException(position(), field + " length " + n + " overruns the body ("
                        + (b.length - pos) + " octets left)");
            }
            Octets o = Octets.of(b, pos, (int) n);
            pos += (int) n;
            return o;
        }

        List<Integer> u16List(String field) {
            int n = u8(field + " count");
            List<Integer> l = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                l.add(u16(field));
            }
            return l;
        }

        Map<String, String> textMap(String field) {
            int n = u8(field + " count");
            Map<String, String> m = new LinkedHashMap<>();
            for (int i = 0; i < n; i++) {
                long at = position();
                String k = str(field + " key");
                String v = text(field + " value");
                if (m.put(k, v) != null) {
                    throw new PortProtocolException(at, field + " key \"" + k + "\" given twice");
                }
            }
            return m;
        }

        void finished(int type) {
            if (pos != b.length) {
                throw new PortProtocolException(position(), (b.length - pos) + " octets left over after message type "
                        + String.format("0x%02X", type));
            }
        }
    }
}
