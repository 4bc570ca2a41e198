package io.hansim.gbcs.payload;

import io.hansim.gbcs.BerLength;
import io.hansim.gbcs.ByteString;
import java.io.ByteArrayOutputStream;

/** A growing byte buffer for the payload encoders. */
final class Out {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    Out u8(int v) {
        out.write(v);
        return this;
    }

    Out u16(int v) {
        out.write(v >>> 8);
        out.write(v);
        return this;
    }

    Out u32(long v) {
        for (int s = 24; s >= 0; s -= 8) {
            out.write((int) (v >>> s));
        }
        return this;
    }

    Out bytes(ByteString s) {
        out.writeBytes(s.toByteArray());
        return this;
    }

    Out bytes(byte[] s) {
        out.writeBytes(s);
        return this;
    }

    Out berLength(int n) {
        out.writeBytes(BerLength.encode(n));
        return this;
    }

    byte[] toByteArray() {
        return out.toByteArray();
    }
}
