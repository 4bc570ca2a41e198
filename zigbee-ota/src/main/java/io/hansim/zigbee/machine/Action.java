package io.hansim.zigbee.machine;

/**
 * An output of a {@link Machine}. Each machine's action family extends it; the common actions are
 * {@link Transmit}, {@link ArmTimer} and {@link DisarmTimer}, every other action is a domain action
 * the machine's host carries out itself.
 */
public interface Action {
}
