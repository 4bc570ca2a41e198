package io.hansim.cli.scenario;

import java.util.List;
import java.util.Map;

/**
 * The small YAML tree the loader maps from: jackson-databind's {@code JsonNode} forgets where each
 * value was written, this keeps the start of every node so validation can say {@code line:column}.
 * Scalars keep their source text (never a resolved number), so {@code 0x7B}, {@code 00DB…} and
 * {@code 5%} are all interpreted by the loader, one way, whatever YAML 1.1 would make of them.
 */
public sealed interface YamlNode {

    /** Where the node starts. */
    Position position();

    /** A short name of the node's kind for "expected X, got Y" messages. */
    String kind();

    /** A scalar; {@code isNull} for an empty value, {@code ~} or {@code null}. */
    record Scalar(String text, boolean isNull, Position position) implements YamlNode {
        @Override
        public String kind() {
            return isNull ? "nothing" : "'" + text + "'";
        }
    }

    /** A sequence. */
    record Sequence(List<YamlNode> items, Position position) implements YamlNode {
        public Sequence {
            items = List.copyOf(items);
        }

        @Override
        public String kind() {
            return "a list";
        }
    }

    /** A mapping with string keys in file order; {@code keys} holds where each key was written. */
    record Mapping(Map<String, YamlNode> entries, Map<String, Position> keys, Position position)
            implements YamlNode {
        public Mapping {
            entries = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(entries));
            keys = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(keys));
        }

        @Override
        public String kind() {
            return "a mapping";
        }
    }
}
