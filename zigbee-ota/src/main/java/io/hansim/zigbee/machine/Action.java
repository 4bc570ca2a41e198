package io.hansim.zigbee.machine;

/**
 * An output of a {@link Machine}. Each machine's action family extends it; the common actions are
 * {@link Transmit}, {@link ArmTimer} and {@link DisarmTimer}, every other action is a domain action
 * the machine's host carries out itself.
 */
public interface Action {
    /*
     * Typed views instead of instanceof: a driver asks every action what it is, and on JDK 17 an
     * instanceof or cast against an interface a record class implements among several goes through the
     * class's one-entry secondary-supers cache, which alternating checks thrash (JDK-8180450). A
     * virtual call that returns the action itself costs a fraction (measured on the fleet slice).
     */

    /** This action as a {@link Transmit}, or null. */
    default Transmit asTransmit() {
        return null;
    }

    /** This action as an {@link ArmTimer}, or null. */
    default ArmTimer<?> asArmTimer() {
        return null;
    }

    /** This action as a {@link DisarmTimer}, or null. */
    default DisarmTimer<?> asDisarmTimer() {
        return null;
    }
}
