package io.hansim.cli.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hansim.zigbee.ota.client.ClientQuirk;
import io.hansim.zigbee.ota.client.ImageUpgradeStatus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The published format (docs/scenario-format.md, docs/scenario.schema.json, examples/) agrees with
 * the loader, so none of them can drift from it unnoticed (issue 7).
 */
class ScenarioFormatDocsTest {

    /** The repository root: Surefire sets hansim.root to the Maven root. */
    private static final Path ROOT = Path.of(System.getProperty("hansim.root", ".."));

    private static JsonNode schema() throws IOException {
        return new ObjectMapper().readTree(ROOT.resolve("docs/scenario.schema.json").toFile());
    }

    @Test
    void everyExampleLoadsWithoutErrors() throws IOException {
        List<Path> examples;
        try (Stream<Path> s = Files.list(ROOT.resolve("examples"))) {
            examples = s.filter(p -> p.toString().endsWith(".yaml") && !p.getFileName().toString().startsWith("fleet-"))
                    .sorted().toList(); // fleet-*.yaml are fleet files (FleetLoaderTest)
        }
        assertTrue(examples.contains(ROOT.resolve("examples/ppmid-ota.yaml")), examples.toString());
        for (Path p : examples) {
            try {
                Scenario s = ScenarioLoader.load(p);
                assertFalse(s.steps().isEmpty(), p.toString());
            } catch (ScenarioException e) {
                fail(p + " does not load:\n" + e.getMessage());
            }
        }
    }

    @Test
    void theReferencePagesExamplesLoad() throws IOException {
        String page = Files.readString(ROOT.resolve("docs/scenario-format.md"));
        int blocks = 0;
        for (int start = page.indexOf("```yaml\n"); start >= 0; start = page.indexOf("```yaml\n", start + 1)) {
            int end = page.indexOf("```", start + 8);
            String yaml = page.substring(start + 8, end);
            blocks++;
            try {
                ScenarioLoader.parse(yaml, "docs/scenario-format.md#" + blocks, ROOT);
            } catch (ScenarioException e) {
                fail("example " + blocks + " of the reference page does not load:\n" + e.getMessage());
            }
        }
        assertTrue(blocks > 0, "the reference page has a yaml example");
    }

    @Test
    void schemaPropertiesAreTheLoadersKeys() throws IOException {
        JsonNode schema = schema();
        assertEquals("https://json-schema.org/draft/2020-12/schema", schema.path("$schema").asText());
        for (Map.Entry<String, Set<String>> e : ScenarioLoader.knownKeys().entrySet()) {
            JsonNode def = e.getKey().equals("scenario") ? schema : schema.path("$defs").path(e.getKey());
            assertTrue(def.has("properties"), "schema has no $defs/" + e.getKey());
            assertEquals(new TreeSet<>(e.getValue()), names(def.path("properties")), "keys of " + e.getKey());
            assertFalse(def.path("additionalProperties").asBoolean(true), e.getKey() + " must forbid unknown keys");
        }
        for (Iterator<Map.Entry<String, JsonNode>> i = schema.path("$defs").fields(); i.hasNext(); ) {
            Map.Entry<String, JsonNode> d = i.next();
            if (d.getValue().has("properties")) {
                assertTrue(ScenarioLoader.knownKeys().containsKey(d.getKey()),
                        "$defs/" + d.getKey() + " is not a mapping the loader knows");
            }
        }
    }

    @Test
    void schemaEnumsAreTheJavaEnums() throws IOException {
        JsonNode defs = schema().path("$defs");
        assertEquals(Arrays.stream(ImageUpgradeStatus.values()).map(Enum::name).toList(),
                texts(defs.path("imageUpgradeStatus").path("enum")));
        assertEquals(Arrays.stream(ClientQuirk.values()).map(Enum::name).toList(),
                texts(defs.path("profile").path("properties").path("quirks").path("items").path("enum")));
    }

    @Test
    void referencePageNamesEveryKey() throws IOException {
        String page = Files.readString(ROOT.resolve("docs/scenario-format.md"));
        for (Map.Entry<String, Set<String>> e : ScenarioLoader.knownKeys().entrySet()) {
            for (String key : e.getValue()) {
                assertTrue(page.contains("`" + key + "`"), "docs/scenario-format.md does not name `" + key
                        + "` (" + e.getKey() + ")");
            }
        }
    }

    /**
     * The schema is the step kinds' fragments (issue 15): the {@code step} definition lists every
     * registered kind, in the registry's order, with the kind's own schema, and each kind's
     * definitions are in {@code $defs} as the kind writes them. A kind added without its schema, or
     * a schema edited without its kind, fails here.
     */
    @Test
    void issue15_schemaIsAssembledFromTheStepKindsFragments() throws IOException {
        ObjectMapper json = new ObjectMapper();
        JsonNode defs = schema().path("$defs");
        JsonNode stepProperties = defs.path("step").path("properties");
        assertEquals(StepKinds.names(), new java.util.ArrayList<>(names(stepProperties).stream()
                .sorted(java.util.Comparator.comparingInt(n -> StepKinds.names().indexOf(n))).toList()));
        List<String> inFileOrder = new java.util.ArrayList<>();
        stepProperties.fieldNames().forEachRemaining(inFileOrder::add);
        assertEquals(StepKinds.names(), inFileOrder, "the schema lists the step kinds in the registry's order");
        for (StepKind<?> k : StepKinds.ALL) {
            assertEquals(json.readTree(k.stepSchema()), stepProperties.path(k.name()), "step." + k.name());
            JsonNode fragment = json.readTree(k.schemaDefs());
            assertEquals(new TreeSet<>(k.keys().keySet()), names(fragment), k.name() + ": one definition per context");
            for (Iterator<Map.Entry<String, JsonNode>> i = fragment.fields(); i.hasNext(); ) {
                Map.Entry<String, JsonNode> d = i.next();
                assertEquals(d.getValue(), defs.path(d.getKey()), "$defs/" + d.getKey() + " of step kind " + k.name()
                        + " differs from " + k.getClass().getSimpleName() + ".schemaDefs()");
            }
        }
    }

    /** The steps table of the reference page is the kinds' rows, in the registry's order (issue 15). */
    @Test
    void issue15_referencePageStepsTableIsTheStepKindsRows() throws IOException {
        List<String> page = Files.readAllLines(ROOT.resolve("docs/scenario-format.md"));
        int header = page.indexOf("| step | keys | meaning |");
        assertTrue(header > 0, "docs/scenario-format.md has the steps table");
        List<String> rows = new java.util.ArrayList<>();
        for (int i = header + 2; i < page.size() && page.get(i).startsWith("|"); i++) {
            rows.add(page.get(i));
        }
        assertEquals(StepKinds.ALL.stream().map(StepKind::docsRow).toList(), rows);
    }

    /**
     * The device part of the schema is the device types' fragments (issue 15, decision 0023):
     * {@code topology.devices} takes one of the registered types, in the registry's order, and each
     * type's definitions are in {@code $defs} as the type writes them, with its name as the
     * {@code type} constant.
     */
    @Test
    void issue15_schemaIsAssembledFromTheDeviceTypesFragments() throws IOException {
        ObjectMapper json = new ObjectMapper();
        JsonNode defs = schema().path("$defs");
        List<String> refs = new java.util.ArrayList<>();
        defs.path("topology").path("properties").path("devices").path("items").path("oneOf")
                .forEach(o -> refs.add(o.path("$ref").asText()));
        assertEquals(DeviceTypes.names().stream().map(n -> "#/$defs/" + n).toList(), refs,
                "topology.devices lists the device types in the registry's order");
        for (DeviceType<?> t : DeviceTypes.ALL) {
            JsonNode fragment = json.readTree(t.schemaDefs());
            assertEquals(new TreeSet<>(t.keys().keySet()), names(fragment), t.name() + ": one definition per context");
            assertEquals(t.name(), fragment.path(t.name()).path("properties").path("type").path("const").asText(),
                    t.name() + ": the type constant is the type's name");
            for (Iterator<Map.Entry<String, JsonNode>> i = fragment.fields(); i.hasNext(); ) {
                Map.Entry<String, JsonNode> d = i.next();
                assertEquals(d.getValue(), defs.path(d.getKey()), "$defs/" + d.getKey() + " of device type " + t.name()
                        + " differs from " + t.getClass().getSimpleName() + ".schemaDefs()");
            }
        }
    }

    /**
     * The Devices section of the reference page is the types' sections, in the registry's order, and
     * the {@code type} row names the types in that order (issue 15, decision 0023).
     */
    @Test
    void issue15_referencePageDevicesSectionIsTheDeviceTypesSections() throws IOException {
        String page = Files.readString(ROOT.resolve("docs/scenario-format.md"));
        String typeRow = "| `type` | " + String.join(" / ", DeviceTypes.names().stream().map(n -> "`" + n + "`")
                .toList()) + " | required | chooses the other keys |";
        assertTrue(page.contains("\n" + typeRow + "\n"), "docs/scenario-format.md has the row " + typeRow);
        int start = page.indexOf("\n`type: ");
        int end = page.indexOf("\n#### `profile`");
        assertTrue(start > 0 && end > start, "docs/scenario-format.md has the device types' sections");
        String expected = DeviceTypes.ALL.stream().map(DeviceType::docsSection)
                .collect(java.util.stream.Collectors.joining("\n\n"));
        assertEquals(expected, page.substring(start + 1, end).strip());
    }

    /**
     * Every device-core kind is a scenario type of the same name (issue 15: one name per kind), and
     * every type's entry takes the keys every device has.
     */
    @Test
    void issue15_everyDeviceKindIsAScenarioTypeOfItsName() {
        assertEquals(io.hansim.device.kind.DeviceKinds.ALL.stream().map(io.hansim.device.kind.DeviceKind::name)
                .sorted().toList(), DeviceTypes.names().stream().sorted().toList());
        for (DeviceType<?> t : DeviceTypes.ALL) {
            assertEquals(t.kind().name(), t.name());
            assertTrue(ScenarioLoader.knownKeys().get(t.name()).containsAll(DeviceType.COMMON_KEYS), t.name());
        }
    }

    private static Set<String> names(JsonNode object) {
        Set<String> s = new TreeSet<>();
        object.fieldNames().forEachRemaining(s::add);
        return s;
    }

    private static List<String> texts(JsonNode array) {
        List<String> l = new java.util.ArrayList<>();
        array.forEach(n -> l.add(n.asText()));
        return l;
    }
}
