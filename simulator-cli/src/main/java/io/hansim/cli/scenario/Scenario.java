package io.hansim.cli.scenario;

import java.util.List;

/**
 * A whole scenario file, validated: what the runner turns into a {@code Simulation} and a sequence
 * of steps (docs/scenario-format.md).
 *
 * @param name     the title a report shows
 * @param seed     the simulation's seed (DESIGN.md §2: one seed, reproducible runs)
 * @param topology the CH and the HAN devices
 * @param images   OTA images, generated or read from files
 * @param faults   per-link fault injection (R7.8)
 * @param steps    what happens, in order
 * @param inventory the DCC's products list and inventory (R202.6, R202.7)
 * @param position where the document starts
 */
public record Scenario(String name, long seed, Topology topology, List<ImageSpec> images, List<FaultSpec> faults,
        List<Step> steps, InventorySpec inventory, Position position) {

    public Scenario {
        images = List.copyOf(images);
        faults = List.copyOf(faults);
        steps = List.copyOf(steps);
    }
}
