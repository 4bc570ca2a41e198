package io.hansim.gbcs.usecase;

import io.hansim.gbcs.ByteString;
import io.hansim.gbcs.payload.DerNode;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Small DER builders and readers over {@link DerNode} for the gbcs.md §8.2 layouts. */
final class Der {
    private Der() {
    }

    static DerNode integer(long v) {
        return DerNode.primitive(0x02, ByteString.of(BigInteger.valueOf(v).toByteArray()));
    }

    static DerNode octets(ByteString s) {
        return DerNode.primitive(0x04, s);
    }

    static DerNode time(String generalizedTime) {
        return DerNode.primitive(0x18, ByteString.of(generalizedTime.getBytes(StandardCharsets.US_ASCII)));
    }

    static DerNode sequence(DerNode... children) {
        return DerNode.constructed(0x30, List.of(children));
    }

    static DerNode nul() {
        return DerNode.primitive(0x05, ByteString.EMPTY);
    }

    static long integerOf(DerNode n) {
        if (n.tag() != 0x02 || n.content().length() == 0 || n.content().length() > 8) {
            throw new IllegalArgumentException("INTEGER expected");
        }
        return n.longValue();
    }

    static ByteString octetsOf(DerNode n, int size) {
        if (n.tag() != 0x04 || (size >= 0 && n.content().length() != size)) {
            throw new IllegalArgumentException("OCTET STRING(" + size + ") expected");
        }
        return n.content();
    }

    static String timeOf(DerNode n) {
        if (n.tag() != 0x18) {
            throw new IllegalArgumentException("GeneralizedTime expected");
        }
        return new String(n.content().toByteArray(), StandardCharsets.US_ASCII);
    }

    static List<DerNode> sequenceOf(DerNode n, int min, int max) {
        if (n.tag() != 0x30 || n.children().size() < min || n.children().size() > max) {
            throw new IllegalArgumentException("SEQUENCE of " + min + ".." + max + " expected");
        }
        return n.children();
    }
}
