/**
 * Fleets of independent simulations (DESIGN.md §1, §2; issue 8): one {@link io.hansim.device.Simulation}
 * per Communications Hub with its devices, sharded by hub over a fixed pool of worker threads. Each
 * hub's simulation is single-threaded and seeded from the fleet seed and the hub index, and results
 * are aggregated in hub-index order, so a fleet's summary is a pure function of (spec, seed) and does
 * not depend on the number of threads.
 */
package io.hansim.device.fleet;
