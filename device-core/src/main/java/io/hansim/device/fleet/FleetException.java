package io.hansim.device.fleet;

/** A hub's simulation failed inside (a bug, not a rollout outcome); names the hub. */
public final class FleetException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int hub;

    public FleetException(int hub, Throwable cause) {
        super("hub " + hub + ": " + cause, cause);
        this.hub = hub;
    }

    /** The index of the hub whose simulation failed. */
    public int hub() {
        return hub;
    }
}
