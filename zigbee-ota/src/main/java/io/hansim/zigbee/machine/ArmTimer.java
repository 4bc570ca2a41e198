package io.hansim.zigbee.machine;

/**
 * Arm {@link #timer()} for {@link #at()}, replacing any earlier deadline of the same timer. When the
 * deadline is reached the driver hands the machine {@link Machine#timerFired} for it, unless it was
 * disarmed, re-armed or the power failed in between.
 *
 * @param <T> the machine's timer identity (an enum, or a record such as a per-client timer);
 *            equal identities are the same timer
 */
public interface ArmTimer<T> extends Action {

    /** Which timer. */
    T timer();

    /** The deadline, in the machine's {@link Machine#timeBase() time base}. */
    long at();

    @Override
    default ArmTimer<?> asArmTimer() {
        return this;
    }
}
