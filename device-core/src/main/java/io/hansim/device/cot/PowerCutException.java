package io.hansim.device.cot;

/**
 * The power failed during a write to the {@link OccupierDataStore} (fault injection, see
 * {@link OccupierDataStore#cutPowerAfterWrites(int)}): the write did not happen, everything in RAM
 * is lost and the device must boot again, calling {@link OccupierDataStore#recover()} first.
 */
public final class PowerCutException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public PowerCutException(long write) {
        super("power cut before write " + write + " of the occupier data store");
    }
}
