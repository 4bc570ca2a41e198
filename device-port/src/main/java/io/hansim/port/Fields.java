package io.hansim.port;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Range checks of the message records' fields (docs/device-port.md "Framing": the body types). */
final class Fields {
    private Fields() {
    }

    static void u8(String name, int v) {
        if (v < 0 || v > 0xFF) {
            throw new IllegalArgumentException(name + " is a u8, 0..255: " + v);
        }
    }

    static void u16(String name, int v) {
        if (v < 0 || v > 0xFFFF) {
            throw new IllegalArgumentException(name + " is a u16, 0..65535: " + v);
        }
    }

    static void u32(String name, long v) {
        if (v < 0 || v > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException(name + " is a u32, 0..4294967295: " + v);
        }
    }

    static void str(String name, String s) {
        Objects.requireNonNull(s, name);
        if (s.getBytes(StandardCharsets.UTF_8).length > 0xFF) {
            throw new IllegalArgumentException(name + " is a str: at most 255 octets of UTF-8");
        }
    }

    static void text(String name, String s) {
        Objects.requireNonNull(s, name);
        if (s.getBytes(StandardCharsets.UTF_8).length > 0xFFFF) {
            throw new IllegalArgumentException(name + " is a text: at most 65535 octets of UTF-8");
        }
    }

    static List<Integer> u16List(String name, List<Integer> l) {
        List<Integer> copy = List.copyOf(l);
        if (copy.size() > 0xFF) {
            throw new IllegalArgumentException(name + ": at most 255 entries, " + copy.size());
        }
        for (int v : copy) {
            u16(name, v);
        }
        return copy;
    }

    /** An ordered, unmodifiable copy; keys are {@code str}, values {@code text}, at most 255 entries. */
    static Map<String, String> textMap(String name, Map<String, String> m) {
        Objects.requireNonNull(m, name);
        if (m.size() > 0xFF) {
            throw new IllegalArgumentException(name + ": at most 255 entries, " + m.size());
        }
        LinkedHashMap<String, String> copy = new LinkedHashMap<>();
        m.forEach((k, v) -> {
            str(name + " key", k);
            text(name + " value", v);
            copy.put(k, v);
        });
        return Collections.unmodifiableMap(copy);
    }
}
