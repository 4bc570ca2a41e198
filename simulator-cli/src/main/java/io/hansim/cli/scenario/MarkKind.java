package io.hansim.cli.scenario;

import java.util.List;
import java.util.Map;

/**
 * {@code mark}: stamps a label into the report's timeline at the current virtual time, e.g.
 * {@code - mark: engineer opens the meter cabinet} or {@code - mark: { text: ..., device: ppmid }}
 * on a device's lane. A test lab marks the moments its procedure refers to, so the timeline, the
 * sequence diagram and the console read against the lab's own script. It sends nothing and changes
 * no device: a run with or without marks has the same trace.
 */
public final class MarkKind implements StepKind<MarkKind.Mark> {

    /** The longest label: a line of a report, not a document. */
    public static final int MAX_LENGTH = 200;

    /**
     * A label at a moment of the run.
     *
     * @param device the lane it is drawn on: a device id, or {@code hub}
     */
    public record Mark(String text, String device, Position position) implements Step {
        @Override
        public List<String> devices() {
            return device.equals("hub") ? List.of() : List.of(device);
        }
    }

    @Override
    public String name() {
        return "mark";
    }

    @Override
    public Class<Mark> stepType() {
        return Mark.class;
    }

    @Override
    public Map<String, List<String>> keys() {
        return Map.of(name(), List.of("text", "device"));
    }

    @Override
    public Mark parse(YamlNode body, String path, Position at, ParseContext c) {
        YamlNode textNode = body;
        String device = "hub";
        if (body instanceof YamlNode.Mapping) {
            ParseContext.Fields o = c.obj(body, path, name());
            if (o == null) {
                return null;
            }
            textNode = o.req("text", "the label");
            YamlNode d = o.opt("device");
            if (d != null && !"hub".equals(c.string(d, o.sub("device"), "hub"))) {
                device = c.deviceRef(d, o.sub("device"), false);
            }
            path = o.sub("text");
        }
        if (textNode == null) {
            return null;
        }
        String text = c.text(textNode, path, "a label such as 'engineer opens the meter cabinet'");
        if (text == null) {
            return null;
        }
        if (text.isBlank()) {
            c.problem(textNode.position(), path + ": expected a label, got an empty one");
        } else if (text.codePointCount(0, text.length()) > MAX_LENGTH) {
            c.problem(textNode.position(), path + ": " + text.codePointCount(0, text.length())
                    + " characters; a mark is at most " + MAX_LENGTH);
        }
        return new Mark(text, device, at);
    }

    @Override
    public void run(Mark m, StepRun run) {
        run.event(m.device(), "mark", m.text() + " (" + m.position() + ")");
    }

    @Override
    public String stepSchema() {
        return "{\"oneOf\": [{\"type\": \"string\", \"minLength\": 1, \"maxLength\": " + MAX_LENGTH + "},"
                + " {\"$ref\": \"#/$defs/mark\"}]}";
    }

    @Override
    public String schemaDefs() {
        return """
                {
                  "mark": {
                    "type": "object",
                    "description": "a label in the report's timeline at this moment, on a device's lane",
                    "properties": {
                      "text": {
                        "type": "string",
                        "minLength": 1,
                        "maxLength": 200
                      },
                      "device": {
                        "type": "string",
                        "description": "the lane: a device id or hub (default hub)"
                      }
                    },
                    "additionalProperties": false,
                    "required": [
                      "text"
                    ]
                  }
                }
                """;
    }

    @Override
    public String docsRow() {
        return "| `mark` | a label, e.g. `- mark: engineer opens the meter cabinet`, or `text` (required) and `device`"
                + " (a device id or `hub`, default `hub`) | stamps the label into the report's timeline at this"
                + " moment, on the device's lane; sends nothing, so the trace is the same without it |";
    }
}
