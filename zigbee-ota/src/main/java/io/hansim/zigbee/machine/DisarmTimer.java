package io.hansim.zigbee.machine;

/**
 * Disarm {@link #timer()}: its pending deadline, if any, never fires.
 *
 * @param <T> the machine's timer identity
 */
public interface DisarmTimer<T> extends Action {

    /** Which timer. */
    T timer();

    @Override
    default DisarmTimer<?> asDisarmTimer() {
        return this;
    }
}
