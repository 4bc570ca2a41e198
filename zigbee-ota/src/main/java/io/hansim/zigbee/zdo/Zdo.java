package io.hansim.zigbee.zdo;

import io.hansim.zigbee.zcl.ZclDecodeException;
import java.util.List;
import java.util.Objects;

/**
 * The ZDO profile's constants and the little-endian helpers its codecs share. Decoders throw
 * {@link ZclDecodeException} (the project's one typed decode error) naming the ZDP field and offset.
 */
public final class Zdo {
    /** ZDO frames use profile 0x0000 … */
    public static final int PROFILE_ID = 0x0000;
    /** … and endpoint 0 at both ends. */
    public static final int ENDPOINT = 0x00;

    private Zdo() {
    }

    /** The name of a ZDP cluster in reports, by its number when hansim does not model it. */
    public static String name(int clusterId) {
        return switch (clusterId) {
            case MatchDescriptorRequest.CLUSTER_ID -> "Match Descriptor Request";
            case MatchDescriptorResponse.CLUSTER_ID -> "Match Descriptor Response";
            default -> String.format("ZDO cluster 0x%04x", clusterId);
        };
    }

    static void check(String field, int value, int max) {
        if (value < 0 || value > max) {
            throw new IllegalArgumentException(field + " out of range 0.." + max + ": " + value);
        }
    }

    static List<Integer> clusters(String field, List<Integer> list) {
        Objects.requireNonNull(list, field);
        if (list.size() > 0xFF) {
            throw new IllegalArgumentException(field + " holds at most 255 clusters: " + list.size());
        }
        for (Integer c : list) {
            check(field + " cluster", Objects.requireNonNull(c, field + " cluster"), 0xFFFF);
        }
        return List.copyOf(list);
    }

    static void need(byte[] b, int offset, int length, String field) {
        if (b.length - offset < length) {
            throw new ZclDecodeException(field, Math.min(offset, b.length),
                    "needs " + length + " octets, " + Math.max(0, b.length - offset) + " left");
        }
    }

    static void end(byte[] b, int offset, String frame) {
        if (offset != b.length) {
            throw new ZclDecodeException(frame, offset, (b.length - offset) + " octets after the end of the frame");
        }
    }

    static int u16(byte[] b, int p) {
        return (b[p] & 0xFF) | (b[p + 1] & 0xFF) << 8;
    }

    static void putU16(byte[] b, int p, int v) {
        b[p] = (byte) v;
        b[p + 1] = (byte) (v >>> 8);
    }
}
