package io.hansim.device.node;

import io.hansim.device.storage.NonVolatileStore;

/**
 * What every device on the HAN offers its users (tests, scenario runner, reports): a device is an
 * assembly of one {@link Node} (address, power, flash) and the cluster roles on its endpoint, and this
 * interface is its face. Device kinds implement it by holding their node; none extends another device
 * (issue 15: devices are compositions, not subclasses).
 */
public interface HanDevice {
    /**
     * How long a restart after an activation takes in virtual time, (derived): long enough that frames
     * in flight to the device are lost, as on a real reboot.
     */
    long REBOOT_DELAY = Node.REBOOT_DELAY;

    /** The application endpoint hansim's devices use unless a device kind says otherwise. */
    int ENDPOINT = Node.DEFAULT_ENDPOINT;

    /**
     * Told each time a device has finished handling something that can change its state: a frame
     * received, one of its timers fired, power on or off. An observer reads the device's state here
     * and stamps what changed with the virtual time it changed at (issue 13: polling at frames logged a
     * change that happened in a timer at the next frame, ~30 minutes late), and it costs one call per
     * device event rather than a walk over every device per frame.
     */
    @FunctionalInterface
    interface ActivityListener {
        void afterActivity(HanDevice device);
    }

    /** The node this device is built on. */
    Node node();

    default String name() {
        return node().name();
    }

    default long eui64() {
        return node().eui64();
    }

    default int shortAddress() {
        return node().shortAddress();
    }

    default boolean isPowered() {
        return node().isPowered();
    }

    /** The flash, for assertions (image slots, persisted download, attributes). */
    default NonVolatileStore store() {
        return node().store();
    }

    /** The firmware version running now (the running slot's File Version). */
    default long runningFirmwareVersion() {
        return node().store().runningVersion();
    }

    /** Frames the device accepted while powered. */
    default long framesReceived() {
        return node().framesReceived();
    }

    /** ZCL UTCTime now, from the one clock (the CH is the time master, G.4). */
    default long utcNow() {
        return node().utcNow();
    }

    /** The UTC instant now, for GBCS date-times. */
    default java.time.Instant instantNow() {
        return node().instantNow();
    }

    /** Cuts the power: RAM and timers are lost, frames in flight to it are dropped, flash stays. */
    default void powerOff() {
        node().powerOff();
    }

    /** Restores the power: the device boots from its flash. */
    default void powerOn() {
        node().powerOn();
    }

    /** Attaches the device to its bus and boots it (done once by the simulation). */
    default void attachAndBoot() {
        node().attachAndBoot();
    }

    /**
     * Adds an observer of this device's activity. Add it before the device boots (e.g. through
     * the simulation builder) to see timers set at boot fire too.
     */
    default void addActivityListener(ActivityListener l) {
        node().addActivityListener(l);
    }
}
