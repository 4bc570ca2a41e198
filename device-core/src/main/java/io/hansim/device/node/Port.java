package io.hansim.device.node;

import io.hansim.device.sim.Scheduler;
import io.hansim.device.sim.SimTime;
import io.hansim.device.storage.NonVolatileStore;
import io.hansim.zigbee.zcl.Bytes;
import io.hansim.zigbee.zcl.GeneralCommand;
import io.hansim.zigbee.zcl.ZclStatus;

/**
 * All a cluster role may use of the device it runs on (issue 15): send on its cluster, timers that die
 * with the power, the one clock, the flash. Roles get a port from the {@link Node} and never see the
 * device object, so a role runs on any device kind (and, through the device port, beside code that
 * runs outside hansim).
 */
public interface Port {
    /** The device's name, for messages. */
    String deviceName();

    long eui64();

    /** Virtual time now, µs. */
    long now();

    /** The one clock: what virtual time means in UTC. */
    SimTime time();

    /**
     * ZCL UTCTime now as the device's own clock has it (G.4): what a role stamps (CoT date checks,
     * CCS08 and alert timestamps) is the device's view of time; the CH's clock is the master.
     */
    default long utcNow() {
        return time().zclUtcTimeAt(localTime(now()));
    }

    /** The device's clock reading at true virtual time {@code micros} (G.4; the truth when it keeps time). */
    default long localTime(long micros) {
        return micros;
    }

    /** The true virtual time at which the device's clock reads {@code localMicros}. */
    default long trueTime(long localMicros) {
        return localMicros;
    }

    /** The device's flash. */
    NonVolatileStore store();

    boolean isPowered();

    /** Sends ZCL octets on {@code clusterId} to a device, or broadcasts them. */
    void send(long destinationEui64, boolean broadcast, int clusterId, Bytes zcl);

    /** The next transaction sequence number for a command the device originates (one counter a device). */
    int nextTsn();

    /** A timer at virtual time {@code at} that dies with the power. */
    Scheduler.Handle at(long at, Runnable action);

    /** A Default Response with {@code status} to {@code in}, if the ZCL answer rules allow one. */
    void answer(Inbound in, ZclStatus status);

    /** A global answer (e.g. Read Attributes Response) to {@code in}, by the ZCL answer rules. */
    void reply(Inbound in, GeneralCommand command);

    /** Off now, on again after {@code delay} (an activation's restart). */
    void reboot(long delay);
}
