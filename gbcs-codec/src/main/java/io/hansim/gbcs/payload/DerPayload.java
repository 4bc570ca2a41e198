package io.hansim.gbcs.payload;

import io.hansim.gbcs.ByteString;
import io.hansim.gbcs.GbcsDecodeException;
import java.util.ArrayList;
import java.util.List;

/**
 * An ASN.1 DER payload (gbcs.md §3, §5, §8.2): one or more top-level DER elements (usually one
 * SEQUENCE, or {@code 05 00} NULL), kept as a generic tree.
 */
public record DerPayload(List<DerNode> elements) implements Payload {

    public DerPayload {
        elements = List.copyOf(elements);
        if (elements.isEmpty()) {
            throw new IllegalArgumentException("a DER payload has at least one element");
        }
    }

    public static DerPayload of(DerNode element) {
        return new DerPayload(List.of(element));
    }

    /** The single top-level element. */
    public DerNode root() {
        return elements.get(0);
    }

    /** Decodes a whole payload; offsets in errors are {@code base} + the position in {@code payload}. */
    public static DerPayload decode(byte[] payload, int base) {
        In in = new In(payload, 0, payload.length, base);
        if (in.atEnd()) {
            throw in.error("DER payload", "empty");
        }
        List<DerNode> out = new ArrayList<>();
        while (!in.atEnd()) {
            out.add(DerNode.read(in, 0));
        }
        return new DerPayload(out);
    }

    public static DerPayload decode(ByteString payload, int base) throws GbcsDecodeException {
        return decode(payload.toByteArray(), base);
    }

    @Override
    public PayloadForm form() {
        return PayloadForm.DER;
    }

    @Override
    public byte[] encode() {
        Out out = new Out();
        for (DerNode e : elements) {
            e.encodeTo(out);
        }
        return out.toByteArray();
    }
}
