package io.hansim.cli.scenario;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The registry of scenario device types (issue 15, docs/decisions/0023), in the order the loader's
 * messages, the schema's {@code topology.devices} and the reference page list them. Adding a type is
 * one class implementing {@link DeviceType} (over a device-core {@code DeviceKind}), its line here,
 * and its section of docs/scenario-format.md plus its definitions in docs/scenario.schema.json
 * (which {@code ScenarioFormatDocsTest} checks against the type).
 */
public final class DeviceTypes {

    /** Every type, in order. */
    public static final List<DeviceType<?>> ALL = List.of(
            new PpmidType(),
            new IhdType(),
            new HcalcsType(),
            new EsmeType(),
            new GpfType(),
            new GsmeType(),
            new ExternalType());

    private static final Map<String, DeviceType<?>> BY_NAME = new LinkedHashMap<>();
    private static final Map<Class<?>, DeviceType<?>> BY_SPEC = new LinkedHashMap<>();

    static {
        for (DeviceType<?> t : ALL) {
            if (BY_NAME.put(t.name(), t) != null || BY_SPEC.put(t.specType(), t) != null) {
                throw new ExceptionInInitializerError("two device types share " + t.name() + " or " + t.specType());
            }
        }
    }

    private DeviceTypes() {
    }

    /** The type of this name, if registered. */
    public static Optional<DeviceType<?>> named(String name) {
        return Optional.ofNullable(BY_NAME.get(name));
    }

    /** The types' names, in order. */
    public static List<String> names() {
        return List.copyOf(BY_NAME.keySet());
    }

    /** The type that reads records like {@code device}. */
    public static DeviceType<?> of(DeviceSpec device) {
        DeviceType<?> t = BY_SPEC.get(device.getClass());
        if (t == null) {
            throw new IllegalStateException("no device type reads " + device.getClass().getName());
        }
        return t;
    }

    /** The device-core spec {@code device} maps onto, by its type. */
    public static Object simulationSpec(DeviceSpec device, DeviceMapping m) {
        return simulationSpec(of(device), device, m);
    }

    private static <D extends DeviceSpec> Object simulationSpec(DeviceType<D> type, DeviceSpec device,
            DeviceMapping m) {
        return type.simulationSpec(type.specType().cast(device), m);
    }

    /** Runs the type's topology check on a device just registered. */
    static void checkTopology(DeviceSpec device, String path, ParseContext c) {
        checkTopology(of(device), device, path, c);
    }

    private static <D extends DeviceSpec> void checkTopology(DeviceType<D> type, DeviceSpec device, String path,
            ParseContext c) {
        type.checkTopology(type.specType().cast(device), path, c);
    }

    /**
     * The schema properties of {@link DeviceType#COMMON_KEYS} for a type's definition, as JSON members
     * (no braces), so every type's definition writes them alike.
     */
    public static String commonProperties(String typeName) {
        return """
                "id": {"$ref": "#/$defs/id", "description": "the device's name in steps"},
                "type": {"const": "%s"},
                "eui": {"$ref": "#/$defs/eui64", "description": "the device's EUI-64"},
                "firmwareVersion": {"$ref": "#/$defs/u32", "description": "firmware at the start (OTA File Version)",
                  "default": 1}""".formatted(typeName);
    }
}
