package io.hansim.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A JSON document that remembers where each value came from, so that input errors say
 * {@code file:line:column: $.body.imageHash: ...} (DESIGN.md §5). Jackson's tree model drops
 * locations, so the tree is built here from the streaming parser, recording each member's key location
 * (each array element's value location) by its JSON path. Several objects in a row (JSON lines) read as
 * one array, the i-th at {@code $[i]}.
 */
final class LocatedJson {
    private static final JsonFactory FACTORY = new JsonFactory();

    private final String source;
    private final Map<String, JsonLocation> locations = new HashMap<>();
    private final JsonNode root;

    private LocatedJson(String source, String text) {
        this.source = source;
        JsonNode parsed;
        try (JsonParser p = FACTORY.createParser(text)) {
            if (p.nextToken() == null) {
                throw new BadInputException(source + ":1:1: empty input, expected a JSON object or array");
            }
            // One value, or several in a row (JSON lines, as "gbcs decode --json" prints them): the i-th of
            // several is read at path $[i], as if they were the elements of one array.
            List<JsonNode> values = new ArrayList<>();
            do {
                values.add(read(p, "$[" + values.size() + "]", null));
            } while (p.nextToken() != null);
            if (values.size() == 1) {
                Map<String, JsonLocation> single = new HashMap<>();
                locations.forEach((k, v) -> single.put("$" + k.substring("$[0]".length()), v));
                locations.clear();
                locations.putAll(single);
                parsed = values.get(0);
            } else {
                for (int i = 0; i < values.size(); i++) {
                    if (!values.get(i).isObject()) {
                        throw error("$[" + i + "]", "several JSON values in a row must each be an object, got "
                                + kind(values.get(i)));
                    }
                }
                ArrayNode a = JsonNodeFactory.instance.arrayNode();
                values.forEach(a::add);
                parsed = a;
            }
        } catch (JsonProcessingException e) {
            throw new BadInputException(where(e.getLocation()) + ": invalid JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new BadInputException(source + ": " + e.getMessage(), e);
        }
        root = parsed;
    }

    static LocatedJson parse(String source, String text) {
        return new LocatedJson(source, text);
    }

    JsonNode root() {
        return root;
    }

    private JsonNode read(JsonParser p, String path, JsonLocation key) throws IOException {
        JsonToken t = p.currentToken();
        locations.put(path, key != null ? key : p.currentTokenLocation());
        JsonNodeFactory f = JsonNodeFactory.instance;
        switch (t) {
            case START_OBJECT -> {
                ObjectNode o = f.objectNode();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    JsonLocation at = p.currentTokenLocation();
                    String child = path + "." + name;
                    if (o.has(name)) {
                        throw new BadInputException(where(at) + ": " + child + ": duplicate key");
                    }
                    p.nextToken();
                    o.set(name, read(p, child, at));
                }
                return o;
            }
            case START_ARRAY -> {
                ArrayNode a = f.arrayNode();
                int i = 0;
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    a.add(read(p, path + "[" + i++ + "]", null));
                }
                return a;
            }
            case VALUE_STRING -> {
                return f.textNode(p.getText());
            }
            case VALUE_NUMBER_INT -> {
                return f.numberNode(p.getBigIntegerValue());
            }
            case VALUE_NUMBER_FLOAT -> {
                return f.numberNode(p.getDecimalValue());
            }
            case VALUE_TRUE, VALUE_FALSE -> {
                return f.booleanNode(t == JsonToken.VALUE_TRUE);
            }
            case VALUE_NULL -> {
                return f.nullNode();
            }
            default -> throw new BadInputException(where(p.currentTokenLocation()) + ": unexpected " + t);
        }
    }

    private String where(JsonLocation at) {
        return at == null ? source : source + ":" + at.getLineNr() + ":" + at.getColumnNr();
    }

    /** An input error at {@code path}: {@code file:line:column: path: message}. */
    BadInputException error(String path, String message) {
        return new BadInputException(where(locations.get(path)) + ": " + path + ": " + message);
    }

    /** The object at {@code path}, for reading its members. */
    Obj object(String path, JsonNode node) {
        if (!node.isObject()) {
            throw error(path, "expected an object, got " + kind(node));
        }
        return new Obj(path, (ObjectNode) node);
    }

    static String kind(JsonNode n) {
        if (n.isTextual()) {
            return "a string";
        } else if (n.isIntegralNumber()) {
            return "an integer";
        } else if (n.isNumber()) {
            return "a number";
        } else if (n.isBoolean()) {
            return "a boolean";
        } else if (n.isNull()) {
            return "null";
        } else if (n.isArray()) {
            return "an array";
        }
        return "an object";
    }

    /** Typed access to one JSON object's members, every error naming the member's path and location. */
    final class Obj {
        private final String path;
        private final ObjectNode node;

        Obj(String path, ObjectNode node) {
            this.path = path;
            this.node = node;
        }

        String path() {
            return path;
        }

        /** Rejects members not in {@code allowed}. */
        Obj allowOnly(Set<String> allowed) {
            for (Iterator<String> it = node.fieldNames(); it.hasNext();) {
                String name = it.next();
                if (!allowed.contains(name)) {
                    throw error(path + "." + name, "unknown key (expected one of " + String.join(", ",
                            new java.util.TreeSet<>(allowed)) + ")");
                }
            }
            return this;
        }

        /** Whether the member is present and not null. */
        boolean has(String name) {
            return node.hasNonNull(name);
        }

        JsonNode get(String name) {
            JsonNode v = node.get(name);
            if (v == null) {
                throw error(path, "missing key \"" + name + "\"");
            }
            return v;
        }

        String text(String name) {
            JsonNode v = get(name);
            if (!v.isTextual()) {
                throw error(path + "." + name, "expected a string, got " + kind(v));
            }
            return v.asText();
        }

        /** Exactly {@code bytes} bytes of hex digits. */
        byte[] hex(String name, int bytes) {
            byte[] b = hex(name);
            if (b.length != bytes) {
                throw error(path + "." + name, "expected " + bytes * 2 + " hex digits, got " + b.length * 2);
            }
            return b;
        }

        /** Any even number of hex digits (spaces allowed). */
        byte[] hex(String name) {
            String t = text(name).replaceAll("\\s+", "");
            if (t.length() % 2 != 0 || !t.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
                throw error(path + "." + name, "bad hex \"" + text(name) + "\" (expected an even number of hex digits)");
            }
            return HexFormat.of().parseHex(t);
        }

        /** An EUI-64: 16 hex digits. */
        long eui(String name) {
            return java.nio.ByteBuffer.wrap(hex(name, 8)).getLong();
        }

        /** An unsigned integer up to {@code max}: a JSON integer, or a string in decimal or {@code 0x} hex. */
        long unsigned(String name, long max) {
            JsonNode v = get(name);
            java.math.BigInteger n;
            if (v.isIntegralNumber()) {
                n = v.bigIntegerValue();
            } else if (v.isTextual()) {
                String t = v.asText().trim().replace("_", "");
                try {
                    n = t.startsWith("0x") || t.startsWith("0X") ? new java.math.BigInteger(t.substring(2), 16)
                            : new java.math.BigInteger(t);
                } catch (NumberFormatException e) {
                    throw error(path + "." + name, "\"" + v.asText() + "\" is not a number (use decimal or 0x-prefixed hex)");
                }
            } else {
                throw error(path + "." + name, "expected an integer (or a decimal/0x string), got " + kind(v));
            }
            if (n.signum() < 0 || n.compareTo(new java.math.BigInteger(Long.toUnsignedString(max))) > 0) {
                throw error(path + "." + name, v.asText() + " is out of range 0.." + Long.toUnsignedString(max));
            }
            return n.longValue();
        }

        boolean bool(String name) {
            JsonNode v = get(name);
            if (!v.isBoolean()) {
                throw error(path + "." + name, "expected true or false, got " + kind(v));
            }
            return v.asBoolean();
        }

        /** A nested object member. */
        Obj object(String name) {
            return LocatedJson.this.object(path + "." + name, get(name));
        }

        /** An array member whose elements are objects. */
        List<Obj> objects(String name) {
            JsonNode v = get(name);
            if (!v.isArray()) {
                throw error(path + "." + name, "expected an array, got " + kind(v));
            }
            List<Obj> out = new ArrayList<>();
            for (int i = 0; i < v.size(); i++) {
                out.add(LocatedJson.this.object(path + "." + name + "[" + i + "]", v.get(i)));
            }
            return out;
        }

        /** Whether the member is present, even as null. */
        boolean present(String name) {
            return node.has(name);
        }
    }
}
