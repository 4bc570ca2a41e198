package io.hansim.device.fleet;

/**
 * Told after every hub a fleet finishes. Called from the worker threads, one call at a time, in
 * completion order (which does depend on the threads: progress is for people, not for results).
 */
@FunctionalInterface
public interface FleetProgress {
    /**
     * @param hubsDone         hubs finished so far
     * @param hubs             hubs in the fleet
     * @param devicesTargeted  targeted devices on the finished hubs
     * @param devicesUpgraded  upgraded devices on the finished hubs
     */
    void hubDone(int hubsDone, int hubs, long devicesTargeted, long devicesUpgraded);

    /** Tells nobody. */
    FleetProgress NONE = (done, hubs, targeted, upgraded) -> { };
}
