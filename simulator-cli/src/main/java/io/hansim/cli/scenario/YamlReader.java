package io.hansim.cli.scenario;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads one YAML document into a {@link YamlNode} tree with positions, using jackson-dataformat-yaml's
 * streaming parser. Syntax errors and duplicate keys become {@link ScenarioProblem}s; nothing else
 * escapes (issue 7: never an NPE or IOOBE for any input).
 */
final class YamlReader {

    /** Deeper than any sensible scenario; keeps the recursion bounded whatever the input. */
    static final int MAX_DEPTH = 64;

    private static final YAMLFactory FACTORY = new YAMLFactory();

    private final String file;
    private final List<ScenarioProblem> problems;

    YamlReader(String file, List<ScenarioProblem> problems) {
        this.file = file;
        this.problems = problems;
    }

    /** The document's root, or null when the text is not YAML (the problem is recorded). */
    YamlNode read(String text) {
        try (JsonParser p = FACTORY.createParser(text)) {
            JsonToken t = p.nextToken();
            if (t == null) {
                problems.add(new ScenarioProblem(new Position(file, 1, 1), "the file is empty"));
                return null;
            }
            YamlNode root = node(p, t, 0);
            if (root == null) {
                return null;
            }
            if (p.nextToken() != null) {
                problems.add(new ScenarioProblem(at(p.currentTokenLocation()),
                        "only one YAML document is allowed in a scenario file"));
                return null;
            }
            return root;
        } catch (JsonProcessingException e) {
            if (e.getCause() instanceof MarkedYAMLException m && m.getProblemMark() != null) {
                // snakeyaml's own mark points at the offending character; jackson's at the token start.
                String context = m.getContext() == null ? "" : m.getContext()
                        + (m.getContextMark() == null ? "" : " (started at " + (m.getContextMark().getLine() + 1)
                                + ":" + (m.getContextMark().getColumn() + 1) + ")") + ": ";
                problems.add(new ScenarioProblem(new Position(file, m.getProblemMark().getLine() + 1,
                        m.getProblemMark().getColumn() + 1), "YAML syntax error: " + context + m.getProblem()));
                return null;
            }
            problems.add(new ScenarioProblem(at(e.getLocation()), "YAML syntax error: " + e.getOriginalMessage()));
            return null;
        } catch (IOException | RuntimeException e) {
            // snakeyaml reports a few malformed inputs (bad escapes, invalid code points, limits) as
            // unchecked exceptions; they are still mistakes in the file, not in hansim.
            problems.add(new ScenarioProblem(new Position(file, 0, 0), "YAML syntax error: " + e.getMessage()));
            return null;
        }
    }

    private YamlNode node(JsonParser p, JsonToken t, int depth) throws IOException {
        Position at = at(p.currentTokenLocation());
        if (depth > MAX_DEPTH) {
            problems.add(new ScenarioProblem(at, "nesting deeper than " + MAX_DEPTH + " levels"));
            return null;
        }
        switch (t) {
            case START_OBJECT: {
                Map<String, YamlNode> entries = new LinkedHashMap<>();
                Map<String, Position> keys = new LinkedHashMap<>();
                for (JsonToken k = p.nextToken(); k != JsonToken.END_OBJECT; k = p.nextToken()) {
                    if (k != JsonToken.FIELD_NAME) {
                        problems.add(new ScenarioProblem(at(p.currentTokenLocation()), "expected a key"));
                        return null;
                    }
                    String name = p.currentName();
                    Position keyAt = at(p.currentTokenLocation());
                    JsonToken v = p.nextToken();
                    if (v == null) {
                        problems.add(new ScenarioProblem(keyAt, "the file ends inside the value of '" + name + "'"));
                        return null;
                    }
                    YamlNode value = node(p, v, depth + 1);
                    if (value == null) {
                        return null;
                    }
                    if (entries.containsKey(name)) {
                        problems.add(new ScenarioProblem(keyAt,
                                "duplicate key '" + name + "' (first at " + keys.get(name) + ")"));
                    } else {
                        entries.put(name, value);
                        keys.put(name, keyAt);
                    }
                }
                return new YamlNode.Mapping(entries, keys, at);
            }
            case START_ARRAY: {
                List<YamlNode> items = new ArrayList<>();
                for (JsonToken i = p.nextToken(); i != JsonToken.END_ARRAY; i = p.nextToken()) {
                    if (i == null) {
                        problems.add(new ScenarioProblem(at, "the file ends inside a list"));
                        return null;
                    }
                    YamlNode item = node(p, i, depth + 1);
                    if (item == null) {
                        return null;
                    }
                    items.add(item);
                }
                return new YamlNode.Sequence(items, at);
            }
            case VALUE_NULL:
                return new YamlNode.Scalar("", true, at);
            case VALUE_STRING:
            case VALUE_NUMBER_INT:
            case VALUE_NUMBER_FLOAT:
            case VALUE_TRUE:
            case VALUE_FALSE:
            case VALUE_EMBEDDED_OBJECT: {
                String text = p.getText();
                return new YamlNode.Scalar(text == null ? "" : text, false, at);
            }
            default:
                problems.add(new ScenarioProblem(at, "unexpected YAML token " + t));
                return null;
        }
    }

    private Position at(JsonLocation l) {
        if (l == null) {
            return new Position(file, 0, 0);
        }
        return new Position(file, Math.max(0, l.getLineNr()), Math.max(0, l.getColumnNr()));
    }
}
