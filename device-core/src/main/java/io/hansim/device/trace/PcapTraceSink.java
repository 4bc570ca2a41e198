package io.hansim.device.trace;

import io.hansim.device.han.TraceRecord;
import io.hansim.device.han.TraceSink;
import io.hansim.device.han.ApsFrame;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * Writes a trace as a classic pcap file that Wireshark and tshark open and decode down to the ZigBee
 * Cluster Library (DESIGN.md §5: "pcap that Wireshark decodes").
 *
 * <h2>File</h2>
 * Global header: magic 0xa1b2c3d4 written little-endian (so readers see microsecond timestamps in
 * little-endian order), version 2.4, thiszone 0, sigfigs 0, snaplen 65535, link type 195
 * ({@code LINKTYPE_IEEE802_15_4_WITHFCS}: the 802.15.4 frame followed by its 2-byte FCS). The header is
 * written by the constructor, so a trace with no packets is still a valid, empty pcap. Each packet's
 * timestamp is the epoch given to the constructor (default {@link #DEFAULT_EPOCH}) plus the record's
 * virtual time in microseconds; nothing reads a wall clock, so the same run gives the same bytes.
 *
 * <h2>Which records become packets</h2>
 * By default {@link #DELIVERED}: every delivery a device received, i.e. fate DELIVERED and
 * DUPLICATED (the second copy did reach the device). {@link #EVERYTHING} also writes sends and
 * dropped deliveries; any other {@link Predicate} may be given.
 *
 * <h2>Packet layout</h2>
 * The layout of shared/oracles/tshark/README.md ("Frame layout the scripts write"), all fields
 * little-endian:
 * <ol>
 * <li>IEEE 802.15.4 MAC: frame control 0x8841 (data frame, no ack request, PAN ID compression, short
 *     destination and source addresses, 2003 frame version), sequence number (a per-sink counter mod
 *     256), PAN ID ({@link #DEFAULT_PAN_ID} unless given), destination short address (0xFFFF for any
 *     broadcast frame, IEEE 802.15.4 broadcast), source short address. The bus has no hops, so the
 *     MAC addresses are the APS frame's own.</li>
 * <li>Zigbee NWK: frame control 0x0008 (data frame, protocol version 2, no security, no IEEE
 *     addresses), destination short address (the frame's, so 0xFFFD/0xFFFF/0xFFFC stay visible),
 *     source short address, radius 30, sequence number (the same per-sink counter). Keeping NWK
 *     security off is what lets tshark decode without a network key.</li>
 * <li>APS: frame control 0x00 (data frame, unicast delivery, no security, no ack request) or 0x08
 *     (delivery mode 0b10, broadcast) when {@link ApsFrame#isBroadcast()}; destination endpoint (present
 *     in both modes), cluster, profile, source endpoint, APS counter.</li>
 * <li>The ZCL frame, as carried.</li>
 * <li>FCS: CRC-16/KERMIT over all of the above, appended little-endian.</li>
 * </ol>
 * Headers take 25 bytes plus 2 of FCS, so ZCL frames up to 100 bytes fit the 127-byte 802.15.4
 * PSDU (aMaxPHYPacketSize). hansim does not model APS fragmentation yet, so a longer frame is still
 * written as one oversize packet (tshark 4.0.17 decodes it without complaint) rather than hidden or
 * split in a way no device did; use {@link #oversizeCount()} to notice it.
 *
 * <p>The sink owns the stream: {@link #close()} flushes and closes it. Not thread-safe; one sink
 * belongs to one simulation (DESIGN.md §2). I/O failures surface as {@link UncheckedIOException}
 * naming the sink's target.
 */
public final class PcapTraceSink implements TraceSink {

    /** 2025-01-01T00:00:00Z: virtual time 0 in the pcap unless the constructor says otherwise. */
    public static final Instant DEFAULT_EPOCH = Instant.parse("2025-01-01T00:00:00Z");
    /** PAN ID of the tshark reference frames (shared/oracles/tshark/README.md). */
    public static final int DEFAULT_PAN_ID = 0x1A62;
    /** LINKTYPE_IEEE802_15_4_WITHFCS. */
    public static final int LINK_TYPE = 195;
    /** The pcap snapshot length written in the global header. */
    public static final int SNAPLEN = 65535;
    /** aMaxPHYPacketSize: the largest 802.15.4 frame, FCS included. */
    public static final int MAX_802154_FRAME = 127;

    /** Records a device received: fate DELIVERED or DUPLICATED. */
    public static final Predicate<TraceRecord> DELIVERED = r -> r.kind() == TraceRecord.Kind.DELIVERY
            && r.fate() != TraceRecord.Fate.DROPPED;
    /** Every record: sends, deliveries and drops. */
    public static final Predicate<TraceRecord> EVERYTHING = r -> true;

    static final int MAC_FCF = 0x8841;
    static final int NWK_FCF = 0x0008;
    static final int NWK_RADIUS = 30;
    static final int APS_FCF_UNICAST = 0x00;
    static final int APS_FCF_BROADCAST = 0x08;
    static final int MAC_BROADCAST = 0xFFFF;
    /** MAC 9 + NWK 8 + APS 8 bytes before the ZCL frame. */
    static final int HEADER_LENGTH = 25;
    static final int FCS_LENGTH = 2;

    private final OutputStream out;
    private final String target;
    private final long epochSeconds;
    private final int epochMicros;
    private final int panId;
    private final Predicate<TraceRecord> filter;
    private final byte[] recordHeader = new byte[16];
    private byte[] packet = new byte[HEADER_LENGTH + 100 + FCS_LENGTH];
    private int sequence;
    private long packets;
    private long oversize;
    private boolean closed;

    /** Delivered frames, epoch {@link #DEFAULT_EPOCH}, PAN {@link #DEFAULT_PAN_ID}. */
    public PcapTraceSink(OutputStream out) {
        this(out, "pcap stream", DEFAULT_EPOCH, DEFAULT_PAN_ID, DELIVERED);
    }

    /**
     * @param out    where the pcap goes; the sink closes it
     * @param target what {@code out} is, for error messages (a path, "stdout", ...)
     * @param epoch  the wall-clock instant of virtual time 0; whole microseconds, 1970..2106
     * @param panId  the 802.15.4 PAN ID, 0..0xFFFE
     * @param filter which records become packets, e.g. {@link #DELIVERED} or {@link #EVERYTHING}
     */
    public PcapTraceSink(OutputStream out, String target, Instant epoch, int panId, Predicate<TraceRecord> filter) {
        this.out = Objects.requireNonNull(out, "out");
        this.target = Objects.requireNonNull(target, "target");
        Objects.requireNonNull(epoch, "epoch");
        this.filter = Objects.requireNonNull(filter, "filter");
        if (epoch.getNano() % 1000 != 0) {
            throw new IllegalArgumentException("epoch must be whole microseconds: " + epoch);
        }
        if (epoch.getEpochSecond() < 0 || epoch.getEpochSecond() > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("epoch outside the pcap's unsigned 32-bit seconds: " + epoch);
        }
        if (panId < 0 || panId > 0xFFFE) {
            throw new IllegalArgumentException("panId out of range 0..0xFFFE: " + panId);
        }
        this.epochSeconds = epoch.getEpochSecond();
        this.epochMicros = epoch.getNano() / 1000;
        this.panId = panId;
        byte[] header = new byte[24];
        putInt(header, 0, 0xA1B2C3D4);
        putShort(header, 4, 2);
        putShort(header, 6, 4);
        putInt(header, 8, 0);      // thiszone: timestamps are UTC
        putInt(header, 12, 0);     // sigfigs
        putInt(header, 16, SNAPLEN);
        putInt(header, 20, LINK_TYPE);
        write(header, 0, header.length);
    }

    /** A sink writing delivered frames to a new file at {@code path} (replaced if it exists). */
    public static PcapTraceSink create(Path path) {
        return create(path, DEFAULT_EPOCH, DELIVERED);
    }

    /** A sink writing the records {@code filter} accepts to a new file at {@code path}. */
    public static PcapTraceSink create(Path path, Instant epoch, Predicate<TraceRecord> filter) {
        OutputStream stream;
        try {
            stream = new BufferedOutputStream(Files.newOutputStream(path));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create pcap " + path + ": " + e.getMessage(), e);
        }
        return new PcapTraceSink(stream, path.toString(), epoch, DEFAULT_PAN_ID, filter);
    }

    @Override
    public void record(TraceRecord record) {
        Objects.requireNonNull(record, "record");
        if (closed) {
            throw new IllegalStateException("pcap sink for " + target + " is closed");
        }
        if (!filter.test(record)) {
            return;
        }
        int length = encodeFrame(record.frame(), sequence, sequence);
        sequence = (sequence + 1) & 0xFF;
        if (length > MAX_802154_FRAME) {
            oversize++;
        }
        long micros = Math.addExact(Math.floorMod(record.time(), 1_000_000L), epochMicros);
        long seconds = Math.addExact(Math.addExact(epochSeconds, Math.floorDiv(record.time(), 1_000_000L)),
                micros / 1_000_000L);
        if (seconds < 0 || seconds > 0xFFFF_FFFFL) {
            throw new TimeOutOfRangeException("virtual time " + record.time()
                    + " µs falls outside the pcap's unsigned 32-bit seconds");
        }
        int captured = Math.min(length, SNAPLEN);
        putInt(recordHeader, 0, (int) seconds);
        putInt(recordHeader, 4, (int) (micros % 1_000_000L));
        putInt(recordHeader, 8, captured);
        putInt(recordHeader, 12, length);
        write(recordHeader, 0, recordHeader.length);
        write(packet, 0, captured);
        packets++;
    }

    /**
     * Builds MAC + NWK + APS + ZCL + FCS for {@code frame} into {@link #packet}; returns the length.
     * Package-private so the unit test can compare it with the tshark reference frames, which number
     * their MAC and NWK sequences separately.
     */
    int encodeFrame(ApsFrame frame, int macSequence, int nwkSequence) {
        int length = HEADER_LENGTH + frame.payload().length() + FCS_LENGTH;
        if (packet.length < length) {
            packet = new byte[Math.max(length, packet.length * 2)];
        }
        byte[] p = packet;
        boolean broadcast = frame.isBroadcast();
        // IEEE 802.15.4 MAC header (9 bytes)
        putShort(p, 0, MAC_FCF);
        p[2] = (byte) macSequence;
        putShort(p, 3, panId);
        putShort(p, 5, broadcast ? MAC_BROADCAST : frame.destinationShort());
        putShort(p, 7, frame.sourceShort());
        // Zigbee NWK header (8 bytes)
        putShort(p, 9, NWK_FCF);
        putShort(p, 11, frame.destinationShort());
        putShort(p, 13, frame.sourceShort());
        p[15] = (byte) NWK_RADIUS;
        p[16] = (byte) nwkSequence;
        // APS header (8 bytes)
        p[17] = (byte) (broadcast ? APS_FCF_BROADCAST : APS_FCF_UNICAST);
        p[18] = (byte) frame.destinationEndpoint();
        putShort(p, 19, frame.clusterId());
        putShort(p, 21, frame.profileId());
        p[23] = (byte) frame.sourceEndpoint();
        p[24] = (byte) frame.apsCounter();
        frame.payload().copyTo(p, HEADER_LENGTH);
        int fcsAt = length - FCS_LENGTH;
        putShort(p, fcsAt, Crc16Kermit.compute(p, 0, fcsAt));
        return length;
    }

    /** The bytes of the packet last built by {@link #encodeFrame}; for tests. */
    byte[] lastPacket(int length) {
        return java.util.Arrays.copyOf(packet, length);
    }

    /** Packets written so far. */
    public long packetCount() {
        return packets;
    }

    /** Packets longer than {@link #MAX_802154_FRAME} bytes (no APS fragmentation is modelled). */
    public long oversizeCount() {
        return oversize;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            out.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close pcap " + target + ": " + e.getMessage(), e);
        }
    }

    private void write(byte[] data, int offset, int length) {
        try {
            out.write(data, offset, length);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write pcap " + target + ": " + e.getMessage(), e);
        }
    }

    private static void putShort(byte[] b, int at, int v) {
        b[at] = (byte) v;
        b[at + 1] = (byte) (v >>> 8);
    }

    private static void putInt(byte[] b, int at, int v) {
        b[at] = (byte) v;
        b[at + 1] = (byte) (v >>> 8);
        b[at + 2] = (byte) (v >>> 16);
        b[at + 3] = (byte) (v >>> 24);
    }

    /**
     * A record whose time a pcap cannot carry: its seconds field is unsigned 32-bit from 1970, so
     * nothing after 2106-02-07T06:28:15Z (a run's epoch plus its virtual time) nor before 1970.
     */
    public static final class TimeOutOfRangeException extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        public TimeOutOfRangeException(String message) {
            super(message);
        }
    }
}
