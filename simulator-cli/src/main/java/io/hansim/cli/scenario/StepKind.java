package io.hansim.cli.scenario;

import java.util.List;
import java.util.Map;

/**
 * One kind of scenario step as a plug-in (issue 15): its name (the step's key in the file), the keys
 * it reads, how it reads a step from YAML, how it runs one, its part of docs/scenario.schema.json and
 * its row of docs/scenario-format.md. {@link StepKinds#ALL} lists the kinds; the loader and the
 * runner know no kind by name, and tests check the schema and the reference page against every kind
 * so neither can drift from the code (docs/decisions/0022).
 *
 * @param <S> the step this kind reads and runs
 */
public interface StepKind<S extends Step> {

    /** The step's key in a scenario file, e.g. {@code distribute}. */
    String name();

    /** The record the kind reads a step into; the runner finds a step's kind by it. */
    Class<S> stepType();

    /**
     * The keys of every mapping this kind reads, by context name (the names of the schema's
     * {@code $defs}); usually one entry, {@link #name()} → its keys. Empty for a kind whose value is a
     * scalar ({@code wait: 10m}).
     */
    Map<String, List<String>> keys();

    /**
     * Reads one step. Every mistake is recorded in {@code c} with its {@code file:line:column};
     * nothing is thrown.
     *
     * @param body the value under the step's key
     * @param path where it is in the document, e.g. {@code steps[3].distribute}, for messages
     * @param at   where the step starts (what a report names)
     * @return the step, or null when a mistake left nothing to run (the file is refused anyway)
     */
    S parse(YamlNode body, String path, Position at, ParseContext c);

    /** Runs one step, in virtual time, against the run's state. */
    void run(S step, StepRun run);

    /**
     * The schema of the step's value, as the {@code step} definition's property for {@link #name()};
     * by default a reference to the kind's own definition.
     */
    default String stepSchema() {
        return "{\"$ref\": \"#/$defs/" + name() + "\"}";
    }

    /**
     * The kind's definitions in docs/scenario.schema.json's {@code $defs}, as a JSON object of
     * definition name → schema (JSON Schema 2020-12); one per context of {@link #keys()}.
     */
    String schemaDefs();

    /** The kind's row in the steps table of docs/scenario-format.md, as it is written there. */
    String docsRow();
}
