package io.hansim.port;

/**
 * A device's application behind the Java shim ({@link DeviceShim}): the callbacks a Zigbee stack
 * would make into firmware, one per event hansim sends (docs/device-port.md "The session"). Each
 * callback runs to its end before the next; what it does goes out through its {@link Actions}, and the
 * shim ends the answer with {@code DONE} carrying {@link Actions#deadline()}.
 */
public interface DeviceApp {
    /** Who the device is: sent first. */
    PortMessage.Hello hello();

    /** The network the device joined (before the first power-on). Nothing may be sent from here. */
    default void welcome(PortMessage.Welcome welcome) {
    }

    /**
     * Power: {@code ON} is a cold boot (forget RAM, read the regions); {@code OFF} an orderly
     * power-down; {@code CUT} a power failure (whatever is done here is discarded by hansim).
     */
    void power(PortMessage.PowerState state, Actions actions);

    /** A frame the device received. */
    void frame(PortMessage.FrameIn frame, Actions actions);

    /** The deadline the device set has come. */
    void timer(Actions actions);

    /** The run is over (hansim's {@code BYE}). */
    default void bye(String reason) {
    }
}
