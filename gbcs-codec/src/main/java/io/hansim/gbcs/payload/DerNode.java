package io.hansim.gbcs.payload;

import io.hansim.gbcs.ByteString;
import java.util.List;
import java.util.Objects;

/**
 * One ASN.1 DER element (gbcs.md §3): a single-byte tag, and either content bytes (primitive) or
 * children (constructed, tag bit 0x20). Lengths are definite. RTDS CS02a/CS02b payloads use the
 * non-shortest long form {@code 82 00 DE} (so strictly BER, not DER); the number of length bytes is
 * kept in {@code lengthSize} so re-encoding is exact.
 *
 * @param tag the identifier octet; high-tag-number form (low bits 0x1F) is not used by GBCS
 * @param content the content octets of a primitive element (empty for a constructed one)
 * @param children the elements inside a constructed element (empty for a primitive one)
 * @param lengthSize bytes of the length field: 1 (short form) or 2..4 (long form, 1..3 length octets),
 *     at least the shortest size for the content length
 */
public record DerNode(int tag, ByteString content, List<DerNode> children, int lengthSize) {

    public DerNode {
        if (tag < 0 || tag > 0xFF || (tag & 0x1F) == 0x1F) {
            throw new IllegalArgumentException("single-byte tag expected: " + tag);
        }
        Objects.requireNonNull(content, "content");
        children = List.copyOf(children);
        boolean constructed = (tag & 0x20) != 0;
        if (!constructed && !children.isEmpty()) {
            throw new IllegalArgumentException("primitive element with children");
        }
        if (constructed && content.length() > 0) {
            throw new IllegalArgumentException("constructed element with content bytes");
        }
        int n = 0;
        if (constructed) {
            for (DerNode c : children) {
                n += c.encodedLength();
            }
        } else {
            n = content.length();
        }
        if (lengthSize < lengthSize(n) || lengthSize > 4) {
            throw new IllegalArgumentException("length field of " + lengthSize + " bytes cannot hold " + n);
        }
    }

    public DerNode(int tag, ByteString content, List<DerNode> children) {
        this(tag, content, children, minimalLengthSize((tag & 0x20) != 0, content, children));
    }

    private static int minimalLengthSize(boolean constructed, ByteString content, List<DerNode> children) {
        int n = content.length();
        if (constructed) {
            for (DerNode c : children) {
                n += c.encodedLength();
            }
        }
        return lengthSize(n);
    }

    public static DerNode primitive(int tag, ByteString content) {
        return new DerNode(tag, content, List.of());
    }

    public static DerNode constructed(int tag, List<DerNode> children) {
        return new DerNode(tag, ByteString.EMPTY, children);
    }

    public boolean isConstructed() {
        return (tag & 0x20) != 0;
    }

    /** The value of an INTEGER (tag 0x02) as a long; the content must fit. */
    public long longValue() {
        if (tag != 0x02 || content.length() == 0 || content.length() > 8) {
            throw new IllegalStateException("not an INTEGER that fits a long: " + this);
        }
        long v = content.get(0);
        for (int i = 1; i < content.length(); i++) {
            v = (v << 8) | (content.get(i) & 0xFF);
        }
        return v;
    }

    /** Bytes of the content (primitive) or of the encoded children (constructed). */
    int contentLength() {
        if (!isConstructed()) {
            return content.length();
        }
        int n = 0;
        for (DerNode c : children) {
            n += c.encodedLength();
        }
        return n;
    }

    int encodedLength() {
        return 1 + lengthSize + contentLength();
    }

    static int lengthSize(int n) {
        if (n < 0x80) {
            return 1;
        }
        int octets = 0;
        for (int v = n; v != 0; v >>>= 8) {
            octets++;
        }
        return 1 + octets;
    }

    void encodeTo(Out out) {
        int n = contentLength();
        out.u8(tag);
        if (lengthSize == 1) {
            out.u8(n);
        } else {
            int octets = lengthSize - 1;
            out.u8(0x80 | octets);
            for (int s = (octets - 1) * 8; s >= 0; s -= 8) {
                out.u8(n >>> s);
            }
        }
        if (isConstructed()) {
            for (DerNode c : children) {
                c.encodeTo(out);
            }
        } else {
            out.bytes(content);
        }
    }

    /** Reads one element at the reader's position (DER rules: definite, shortest lengths). */
    static DerNode read(In in, int depth) {
        if (depth > 64) {
            throw in.error("DER element", "nesting deeper than 64");
        }
        int tagAt = in.pos;
        int tag = in.u8("DER tag");
        if ((tag & 0x1F) == 0x1F) {
            in.pos = tagAt;
            throw in.error("DER tag", "high-tag-number form is not used by GBCS");
        }
        int lenAt = in.pos;
        int first = in.u8("DER length");
        int len;
        if (first < 0x80) {
            len = first;
        } else {
            int octets = first & 0x7F;
            if (octets == 0 || octets > 3) {
                in.pos = lenAt;
                throw in.error("DER length", "form 0x" + Integer.toHexString(first) + " is not allowed");
            }
            len = 0;
            for (int i = 0; i < octets; i++) {
                len = (len << 8) | in.u8("DER length");
            }
        }
        if (in.end - in.pos < len) {
            in.pos = lenAt;
            throw in.error("DER length", "length " + len + " but " + (in.end - in.pos - 1) + " bytes follow");
        }
        int lengthSize = in.pos - lenAt;
        if ((tag & 0x20) == 0) {
            return new DerNode(tag, in.bytes(len, "DER content"), List.of(), lengthSize);
        }
        int outerEnd = in.end;
        in.end = in.pos + len;
        List<DerNode> kids = new java.util.ArrayList<>();
        while (!in.atEnd()) {
            kids.add(read(in, depth + 1));
        }
        in.end = outerEnd;
        return new DerNode(tag, ByteString.EMPTY, kids, lengthSize);
    }
}
