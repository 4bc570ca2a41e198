package io.hansim.cli.scenario;

import io.hansim.device.node.HanDevice;
import io.hansim.device.Simulation;
import io.hansim.device.inventory.InventoryException;
import io.hansim.device.inventory.SmiEntry;
import io.hansim.device.sim.RunOutcome;
import io.hansim.zigbee.ota.client.ImageUpgradeStatus;
import io.hansim.zigbee.ota.server.ImageKey;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.BooleanSupplier;

/**
 * What a {@link StepKind} runs a step with: the simulation, the scenario's ids, the report being
 * written and the state steps share (what was distributed or refused, the Changes of Tenancy sent,
 * the last CS08 response, the DCC's inventory). The runner implements it; a kind never reaches the
 * runner's own classes, so kinds and runner stay apart (docs/decisions/0022).
 */
public interface StepRun {

    /** The simulation the steps drive. */
    Simulation sim();

    /** The scenario being run. */
    Scenario scenario();

    /** The device with this scenario id ({@code hub} for the CH). */
    HanDevice device(String id);

    /** The EUI-64 of a scenario id. */
    long eui(String id);

    /** The octets of a scenario image, as built for the run. */
    byte[] image(String id);

    /** The Manufacturer Image Hash of a scenario image (GBCS CS06, R7.5). */
    byte[] imageHash(String id);

    // ---- the report ----

    /** A timeline event at the current virtual time, about a device ({@code hub} for the CH). */
    void event(String deviceId, String kind, String text);

    /** A note at the end of the report. */
    void note(String text);

    /** A checked result, stamped with the current virtual time; a failure names {@code at}. */
    void result(String name, Position at, boolean passed, String expected, String actual);

    /** Evaluates an expectation now and adds its result. */
    void check(Expectation expectation, Position at);

    // ---- virtual time ----

    /** Lets virtual time pass, in the run's slices (progress is shown between them). */
    void advance(long micros);

    /** Runs until the condition holds or the timeout passes, in the run's slices. */
    RunOutcome runUntil(BooleanSupplier condition, long timeoutMicros);

    // ---- device state ----

    /** The device's OTA client's Image Upgrade Status; empty without an OTA client. */
    Optional<ImageUpgradeStatus> status(String id);

    /** The status as a report writes it ("powered off", "no OTA client" or the status's name). */
    String statusText(String id);

    /** Issue 17: the status values an external device exports now (empty for the other devices). */
    java.util.Map<String, String> portStatus(String id);

    /** Flags, once each, the local upgrades a PPMID accepted so far (R7.3 policy breaches). */
    void flagLocalUpgrades(String id);

    // ---- state steps share ----

    /**
     * Why the DCC refuses an SR to this device before it reaches the CH, if it does (R202.4, R202.6).
     *
     * @param firmwareUpdate an SR 11.4 (a pre-notified image is checked too), not SR 11.2/11.3
     */
    Optional<String> dccRefusal(String id, boolean firmwareUpdate);

    /** The last distribution to the device was refused for this reason (what {@code refused} checks). */
    void refused(String id, String reason);

    /** An image was staged on the CH for the device (the refusal is cleared, a new download starts). */
    void staged(String id, ImageKey key, long size);

    /** The image last staged for the device, if any. */
    Optional<ImageKey> lastStaged(String id);

    /** A Change of Tenancy was sent for this date-time (R56.5 checks it after the run). */
    void changeOfTenancy(Instant at, Position from);

    /** The next Issuer Event ID for a GCS09 (one counter per run). */
    long nextIssuerEventId();

    /** A CS08 response came for the device (a {@code cs08} expectation checks the last, R7.11). */
    void cs08(String id, long version, int result);

    /** A version read from a device: the inventory takes it (R202.7), and one with no CPL row is reported. */
    void versionRead(long eui, long version, String how);

    /** The DCC's manual SMI fix (R202.6); see {@code ScenarioInventory#manualFix}. */
    SmiEntry inventoryFix(String id, OptionalLong firmwareVersion) throws InventoryException;
}
