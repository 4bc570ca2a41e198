package io.hansim.cli.scenario;

import io.hansim.device.kind.DeviceKind;
import java.util.List;
import java.util.Map;

/**
 * One scenario device type as a plug-in (issue 15, docs/decisions/0023), the device-side twin of
 * {@link StepKind}: its name, which is the device-core {@link DeviceKind}'s name so a kind has one
 * name everywhere; the keys it reads; how it reads a {@code topology.devices} entry into its
 * {@link DeviceSpec} record; how that record maps onto the kind's spec for
 * {@code Simulation.Builder.device(spec)}; its part of docs/scenario.schema.json and its section of
 * docs/scenario-format.md. {@link DeviceTypes#ALL} lists the types; the loader and the topology
 * mapper know no type by name, and {@code ScenarioFormatDocsTest} checks the schema and the
 * reference page against every type.
 *
 * @param <D> the record this type reads a device into
 */
public interface DeviceType<D extends DeviceSpec> {

    /** The keys every device entry has, whatever its type; the loader reads them before {@link #parse}. */
    List<String> COMMON_KEYS = List.of("id", "type", "eui", "firmwareVersion");

    /** The device-core kind a device of this type is assembled as. */
    DeviceKind<?, ?> kind();

    /** The {@code type:} word in a scenario file: the kind's name. */
    default String name() {
        return kind().name();
    }

    /** The record the type reads a device into; the mapper finds a device's type by it. */
    Class<D> specType();

    /**
     * The keys of every mapping this type reads, by context name (the names of the schema's
     * {@code $defs}): {@link #name()} → the device entry's keys beyond {@link #COMMON_KEYS}, plus
     * any nested mapping of its own (e.g. its {@code profile}).
     */
    Map<String, List<String>> keys();

    /**
     * Reads the type's own keys of one device entry. Every mistake is recorded in {@code c} with its
     * {@code file:line:column}; nothing is thrown.
     *
     * @param o   the entry, its keys already checked against {@link #keys()}
     * @param id  the {@code id} the loader read
     * @param eui the {@code eui} the loader read
     * @param firmwareVersion the {@code firmwareVersion} the loader read (default 1)
     * @param at  where the entry starts
     * @return the device (with fallback values where a key was wrong; the file is refused anyway)
     */
    D parse(ParseContext.Fields o, String id, long eui, long firmwareVersion, Position at, ParseContext c);

    /**
     * Checks {@code device} against the devices declared before it ({@link ParseContext#declaredDevices()},
     * which already holds it), once it is registered; nothing by default.
     */
    default void checkTopology(D device, String path, ParseContext c) {
    }

    /**
     * The device-core spec {@code device} maps onto, for {@code Simulation.Builder.device(spec)}: an
     * instance of {@link #kind()}'s spec type.
     */
    Object simulationSpec(D device, DeviceMapping m);

    /**
     * The type's definitions in docs/scenario.schema.json's {@code $defs}, as a JSON object of
     * definition name → schema; one per context of {@link #keys()}. {@link DeviceTypes#commonProperties}
     * writes the properties of {@link #COMMON_KEYS}.
     */
    String schemaDefs();

    /** The type's paragraph(s) in the Devices section of docs/scenario-format.md, as written there. */
    String docsSection();
}
