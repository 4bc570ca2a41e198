/**
 * The contract every sans-I/O machine of hansim follows (DESIGN.md §2, §4; decision 0021): a
 * {@link io.hansim.zigbee.machine.Machine} takes one event with the time in it and returns the
 * {@link io.hansim.zigbee.machine.Action}s to carry out, in order. Three actions are common to all
 * machines and are carried out the same way by one driver:
 *
 * <ul>
 *   <li>{@link io.hansim.zigbee.machine.Transmit}: send a ZCL frame on a cluster;</li>
 *   <li>{@link io.hansim.zigbee.machine.ArmTimer}: hand back the machine's timer event at a deadline,
 *       replacing any earlier deadline of the same timer;</li>
 *   <li>{@link io.hansim.zigbee.machine.DisarmTimer}: forget a timer.</li>
 * </ul>
 *
 * Every other action is the machine's own (domain) action, for its host: storage, activation,
 * outcomes for reports. Each machine keeps its sealed action family (e.g.
 * {@code ClientAction}); the records of the family that are common actions implement these
 * interfaces as well, so a switch over the family stays complete and a generic driver needs no
 * knowledge of the family.
 *
 * <p>The package does no I/O and reads no clock: the driver (device-core
 * {@code io.hansim.device.node.MachineDriver}) owns the scheduler and the bus.
 */
package io.hansim.zigbee.machine;
