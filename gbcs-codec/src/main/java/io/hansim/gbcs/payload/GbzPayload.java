package io.hansim.gbcs.payload;

import io.hansim.gbcs.ByteString;
import java.util.List;
import java.util.Objects;

/**
 * A GBZ payload (gbcs.md §5): profile 0x0109 (big-endian), a count, then either components
 * ({@link Components}) or, in alerts, an alert header ({@link Alert}).
 */
public sealed interface GbzPayload extends Payload permits GbzPayload.Components, GbzPayload.Alert {

    /** The Zigbee SE profile id, the only one used by GBCS GBZ payloads. */
    int PROFILE = 0x0109;

    @Override
    default PayloadForm form() {
        return PayloadForm.GBZ;
    }

    /**
     * Components form. The last component, and only it, carries control bit 0x01 (gbcs.md §5).
     */
    record Components(List<GbzComponent> components) implements GbzPayload {
        public Components {
            components = List.copyOf(components);
            if (components.isEmpty() || components.size() > 0xFF) {
                throw new IllegalArgumentException("1..255 components: " + components.size());
            }
            for (int i = 0; i < components.size(); i++) {
                if (components.get(i).isLast() != (i == components.size() - 1)) {
                    throw new IllegalArgumentException("control bit 0x01 marks the last component only");
                }
            }
        }

        @Override
        public byte[] encode() {
            Out out = new Out().u16(PROFILE).u8(components.size());
            for (GbzComponent c : components) {
                c.encodeTo(out);
            }
            return out.toByteArray();
        }
    }

    /**
     * Alert form (gbcs.md §5): {@code 01 09 nn} ‖ alert code (2, BE) ‖ UTC time (4, BE, seconds since
     * 2000) ‖ alert-specific data, kept raw.
     */
    record Alert(int count, int alertCode, long time, ByteString data) implements GbzPayload {
        public Alert {
            Objects.requireNonNull(data, "data");
            if (count < 0 || count > 0xFF || alertCode < 0 || alertCode > 0xFFFF || time < 0 || time > 0xFFFFFFFFL) {
                throw new IllegalArgumentException("GBZ alert header field out of range");
            }
        }

        @Override
        public byte[] encode() {
            return new Out().u16(PROFILE).u8(count).u16(alertCode).u32(time).bytes(data).toByteArray();
        }
    }

    /**
     * Decodes a GBZ payload; {@code alert} selects the alert form (the message's CRA flag is 03).
     * Offsets in errors are {@code base} + the position in {@code payload}.
     */
    static GbzPayload decode(byte[] payload, int base, boolean alert) {
        In in = new In(payload, 0, payload.length, base);
        int profile = in.u16("GBZ profile");
        if (profile != PROFILE) {
            in.pos -= 2;
            throw in.error("GBZ profile", String.format("0x%04X, expected 0x0109", profile));
        }
        int countAt = in.pos;
        int count = in.u8("GBZ component count");
        if (alert) {
            int code = in.u16("GBZ alert code");
            long time = in.u32("GBZ alert time");
            return new Alert(count, code, time, in.rest());
        }
        if (count == 0) {
            in.pos = countAt;
            throw in.error("GBZ component count", "no components");
        }
        GbzComponent[] out = new GbzComponent[count];
        for (int i = 0; i < count; i++) {
            int at = in.pos;
            out[i] = GbzComponent.read(in, i);
            if (out[i].isLast() != (i == count - 1)) {
                in.pos = at;
                throw in.error("GBZ component " + i + " extended header control",
                        "last-component bit 0x01 " + (out[i].isLast() ? "set before the end" : "missing"));
            }
        }
        in.expectEnd("GBZ payload");
        return new Components(List.of(out));
    }
}
