package io.hansim.device.role;

/**
 * Where a device's firmware logic raises its G.7 alerts: towards the CH, which sends them to the WAN.
 * Today the CH seals and records each one at once ({@code HubGbcsService}); over the HAN it belongs in
 * the GBCS tunnel (gbcs.md §6), and a sink is the one place that changes when it moves there.
 */
@FunctionalInterface
public interface FirmwareAlertSink {
    /** A sink that drops every alert (a device on no CH, e.g. in a unit test of the download alone). */
    FirmwareAlertSink NONE = a -> { };

    void raise(FirmwareAlert alert);
}
