package io.hansim.cli.scenario;

import io.hansim.zigbee.ota.client.ImageUpgradeStatus;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/** What an {@code expect:} step checks. */
public sealed interface Expectation {

    /** Where the expectation is written. */
    Position position();

    /** G.4: the device's clock is at most this far (either way) from the CH's time. */
    record ClockError(String device, long maxErrorSeconds, Position position) implements Expectation {
    }

    /**
     * G.5: the endpoint the device knows for {@code cluster} on {@code peer} ("hub" or a device id),
     * found by Match Descriptor or learnt from a frame; 0: it knows none.
     */
    record Discovered(String device, String peer, int cluster, int endpoint, Position position) implements Expectation {
    }

    /** G.9: what the CH read of the device's Basic identity over the HAN. */
    record Identity(String device, String manufacturer, String model, OptionalLong firmwareVersion, Position position)
            implements Expectation {
    }

    /** The device runs this firmware (OTA File Version, R202.7). */
    record FirmwareVersion(String device, long version, Position position) implements Expectation {
    }

    /** The device's OTA client is in this Image Upgrade Status. */
    record UpgradeStatus(String device, ImageUpgradeStatus status, Position position) implements Expectation {
    }

    /** A ZCL attribute of the device reads as these octets (hex, as sent on the air). */
    record Attribute(String device, int cluster, int attribute, String equalsHex, Position position)
            implements Expectation {
    }

    /**
     * The device holds this many records of a store (R56.3, R56.5).
     *
     * @param kind   consumptionHistory, supplierMessages or the name of an extra store (R56.4)
     * @param before only records dated before this cut-off count
     */
    record StoredData(String device, String kind, Cutoff before, int count, Position position)
            implements Expectation {
    }

    /** The CH sent a CCS08 (firmware distribution receipt) for the device with this status code (R7.4). */
    record HubCcs08(String device, int code, Position position) implements Expectation {
    }

    /**
     * The last CS08 response (SR 11.2 Read Firmware Version, R7.11) for the device carried this
     * firmware version and result (0 read success, 1 read failure); an empty part is not checked.
     */
    record Cs08(String device, OptionalLong firmwareVersion, OptionalInt result, Position position)
            implements Expectation {
    }

    /**
     * The inventory (SMI) entry of the device: its firmware version (R202.7) and whether SRs may
     * target it (R202.6); an empty part is not checked.
     */
    record Inventory(String device, OptionalLong firmwareVersion, Optional<Boolean> targetable, Position position)
            implements Expectation {
    }

    /** An alert with this GBCS alert code was raised, by the given device if named. */
    /**
     * The last distribution to the device was refused before any HAN frame (R7.2, R7.13, R202.4, R202.6),
     * by the DCC's inventory or by the CH, with {@code reason} ({@code "any"} for any reason).
     */
    record Refused(String device, String reason, Position position) implements Expectation {
    }

    record Alert(int code, Optional<String> device, Position position) implements Expectation {
    }

    /** The last CS11 response the GSME sent to the WAN had this ClearedEventsLogs (G.8). */
    record Cs11(String device, int clearedEventsLogs, Position position) implements Expectation {
    }

    /** The GSME's general event log (Log ID 3) holds this many entries (G.8). */
    record EventLog(String device, int entries, Position position) implements Expectation {
    }

    /** The GSME has woken at least this many times, the power-on wake included (G.3). */
    record Wakes(String device, long atLeast, Position position) implements Expectation {
    }

    /**
     * An external device's exported status (docs/device-port.md, STATUS) holds these values now; an
     * empty value: the key is not set.
     */
    record Status(String device, java.util.Map<String, String> values, Position position) implements Expectation {
        public Status {
            values = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(values));
        }
    }

    /**
     * An external device ended with this typed failure of the device port ({@code crashed},
     * {@code timeout}, {@code protocol}, {@code oversized}, {@code version}, {@code left}), or with
     * none ({@code none}). A failure this names does not fail the run by itself.
     */
    record PortFailure(String device, String kind, Position position) implements Expectation {
    }

    /** Which records a {@link StoredData} expectation counts. */
    sealed interface Cutoff {
        /** Every record. */
        record All() implements Cutoff {
        }

        /** Records dated before the last Change of Tenancy (R56.5). */
        record LastChangeOfTenancy() implements Cutoff {
        }

        /** Records dated before an instant. */
        record At(Instant instant) implements Cutoff {
        }
    }
}
