package io.hansim.cli.scenario;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The registry of scenario step kinds, in the order the schema and the reference page list them
 * (issue 15, docs/decisions/0022). Adding a kind is one class implementing {@link StepKind}, its line
 * here, and its row in docs/scenario-format.md plus its definitions in docs/scenario.schema.json
 * (which {@code ScenarioFormatDocsTest} checks against the kind).
 */
public final class StepKinds {

    /** Every kind, in order. */
    public static final List<StepKind<?>> ALL = List.of(
            new DistributeKind(),
            new NotifyKind(),
            new AwaitKind(),
            new PowerCutKind(),
            new PowerOnKind(),
            new ActivateKind(),
            new ChangeOfTenancyKind(),
            new LocalUpgradeKind(),
            new SupplierMessageKind(),
            new TopUpKind(),
            new ReadFirmwareVersionKind(),
            new ClearEventLogKind(),
            new InventoryFixKind(),
            new MarkKind(),
            new WaitKind(),
            new ExpectKind());

    private static final Map<String, StepKind<?>> BY_NAME = new LinkedHashMap<>();
    private static final Map<Class<?>, StepKind<?>> BY_TYPE = new LinkedHashMap<>();

    static {
        for (StepKind<?> k : ALL) {
            if (BY_NAME.put(k.name(), k) != null || BY_TYPE.put(k.stepType(), k) != null) {
                throw new ExceptionInInitializerError("two step kinds share " + k.name() + " or " + k.stepType());
            }
        }
    }

    private StepKinds() {
    }

    /** The kind of this name, if registered. */
    public static Optional<StepKind<?>> named(String name) {
        return Optional.ofNullable(BY_NAME.get(name));
    }

    /** The kinds' names, in order. */
    public static List<String> names() {
        return List.copyOf(BY_NAME.keySet());
    }

    /** Runs a step with its kind. */
    public static void run(Step step, StepRun run) {
        run(BY_TYPE.get(step.getClass()), step, run);
    }

    private static <S extends Step> void run(StepKind<S> kind, Step step, StepRun run) {
        if (kind == null) {
            throw new IllegalStateException("no step kind runs " + step.getClass().getName());
        }
        kind.run(kind.stepType().cast(step), run);
    }
}
