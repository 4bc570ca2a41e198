package io.hansim.cli.run;

import io.hansim.cli.report.TimelineEvent;

/**
 * What a {@link ScenarioRunner} says while it runs, so the console can show progress bars and
 * events live (issue 7). Called on the runner's thread, between slices of virtual time; a listener
 * only observes and never changes the run.
 */
public interface RunListener {

    /** A listener that ignores everything. */
    RunListener NONE = new RunListener() {
    };

    /**
     * A device's download advanced.
     *
     * @param deviceId      the scenario's id of the device
     * @param bytesDone     the client's FileOffset
     * @param bytesTotal    the size of the image distributed to it
     * @param blocks        the blocks received so far (FileOffset / block size)
     * @param virtualMicros the virtual time now
     */
    default void progress(String deviceId, long bytesDone, long bytesTotal, long blocks, long virtualMicros) {
    }

    /** A timeline event happened (a step, a transfer outcome, an activation, ...). */
    default void event(TimelineEvent event) {
    }
}
