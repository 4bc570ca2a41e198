package io.hansim.device.trace;

import io.hansim.device.han.TraceRecord;
import io.hansim.device.han.TraceSink;
import io.hansim.device.han.ApsFrame;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;

/**
 * A SHA-256 over every delivery of a run: the golden fingerprint of DESIGN.md §6 ("hash of virtual
 * time, device, frame bytes for every delivery", as OMNeT++ does), so a test can pin a whole
 * scenario's behaviour in one string and notice any change.
 *
 * <p>Only {@link TraceRecord.Kind#DELIVERY} records count (sends are implied by them). Each adds, big-endian:
 * time (8 bytes), receiver EUI-64 (8), fate (1: DELIVERED 1, DROPPED 2, DUPLICATED 3, fixed codes rather than
 * enum ordinals so reordering the enum cannot change fingerprints), then the frame: source EUI-64 (8),
 * source short (2), source endpoint (1), destination EUI-64 (8), destination short (2), destination
 * endpoint (1), profile (2), cluster (2), APS counter (1), ZCL length (4), ZCL bytes. The length
 * prefix keeps record boundaries unambiguous. The detail text is left out: it explains, it is not
 * behaviour. Allocation-light: one scratch buffer, grown only for a larger payload.
 */
public final class FingerprintTraceSink implements TraceSink {
    private static final int FIXED = 8 + 8 + 1 + 8 + 2 + 1 + 8 + 2 + 1 + 2 + 2 + 1 + 4;

    private final MessageDigest digest;
    private byte[] scratch = new byte[FIXED + 128];
    private long count;

    public FingerprintTraceSink() {
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    @Override
    public void record(TraceRecord record) {
        Objects.requireNonNull(record, "record");
        if (record.kind() != TraceRecord.Kind.DELIVERY) {
            return;
        }
        ApsFrame f = record.frame();
        int payload = f.payload().length();
        if (scratch.length < FIXED + payload) {
            scratch = new byte[FIXED + payload];
        }
        byte[] b = scratch;
        int at = putLong(b, 0, record.time());
        at = putLong(b, at, record.receiverEui64());
        b[at++] = (byte) switch (record.fate()) {
            case DELIVERED -> 1;
            case DROPPED -> 2;
            case DUPLICATED -> 3;
            case SENT -> throw new IllegalStateException("a DELIVERY record cannot have fate SENT");
        };
        at = putLong(b, at, f.sourceEui64());
        at = putShort(b, at, f.sourceShort());
        b[at++] = (byte) f.sourceEndpoint();
        at = putLong(b, at, f.destinationEui64());
        at = putShort(b, at, f.destinationShort());
        b[at++] = (byte) f.destinationEndpoint();
        at = putShort(b, at, f.profileId());
        at = putShort(b, at, f.clusterId());
        b[at++] = (byte) f.apsCounter();
        at = putShort(b, putShort(b, at, payload >>> 16), payload);
        f.payload().copyTo(b, at);
        digest.update(b, 0, at + payload);
        count++;
    }

    /** Deliveries hashed so far. */
    public long count() {
        return count;
    }

    /** The SHA-256 of the deliveries so far, 64 lower-case hex digits; more records may follow. */
    public String hex() {
        try {
            return HexFormat.of().formatHex(((MessageDigest) digest.clone()).digest());
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("the SHA-256 provider cannot clone a digest", e);
        }
    }

    @Override
    public String toString() {
        return "FingerprintTraceSink[" + count + " deliveries, " + hex() + "]";
    }

    private static int putLong(byte[] b, int at, long v) {
        for (int i = 7; i >= 0; i--) {
            b[at + i] = (byte) v;
            v >>>= 8;
        }
        return at + 8;
    }

    private static int putShort(byte[] b, int at, int v) {
        b[at] = (byte) (v >>> 8);
        b[at + 1] = (byte) v;
        return at + 2;
    }
}
