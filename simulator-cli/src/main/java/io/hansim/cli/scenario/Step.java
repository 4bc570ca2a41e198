package io.hansim.cli.scenario;

import io.hansim.zigbee.ota.client.ImageUpgradeStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * One step of a scenario, run in file order; each names where it was written for the report. Each
 * record is read and run by its {@link StepKind} ({@link StepKinds}); the records of the first kinds
 * are here, a new kind may keep its record in its own class.
 */
public interface Step {

    /** Where the step starts. */
    Position position();

    /** The devices the step names (the runner looks at their state after it); none by default. */
    default List<String> devices() {
        return List.of();
    }

    /**
     * The images the step gives to devices, image id → device ids (how a generated image's GB form is
     * chosen, {@code ScenarioImages}); none by default.
     */
    default Map<String, List<String>> imagesGiven() {
        return Map.of();
    }

    /** How an image reaches the CH. */
    enum Route {
        /** SR 11.4 Update HAN Device Firmware, through the DCC and the GBCS codec (R7.4). */
        GBCS,
        /** Loaded straight into the CH's image store, bypassing GBCS. */
        DIRECT
    }

    /** Distribute an image to the CH for the listed devices (SR 11.4, R7.4, R202.5: one image). */
    record Distribute(String image, List<String> to, Route via, Position position) implements Step {
        public Distribute {
            to = List.copyOf(to);
        }

        @Override
        public List<String> devices() {
            return to;
        }

        @Override
        public Map<String, List<String>> imagesGiven() {
            return Map.of(image, to);
        }
    }

    /** The CH sends Image Notify to the devices (ZCL OTA cluster). */
    record Notify(List<String> to, Position position) implements Step {
        public Notify {
            to = List.copyOf(to);
        }

        @Override
        public List<String> devices() {
            return to;
        }
    }

    /**
     * Run until the device's OTA client reaches the status, or (issue 17) until an external device
     * exports the {@code portStatus} values (an empty value: the key unset); fail at the timeout.
     * {@code imageUpgradeStatus} is null for the second form, {@code portStatus} empty for the first.
     */
    record Await(String device, ImageUpgradeStatus imageUpgradeStatus, java.util.Map<String, String> portStatus,
            Duration timeout, Position position) implements Step {
        public Await {
            portStatus = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(portStatus));
        }

        public Await(String device, ImageUpgradeStatus imageUpgradeStatus, Duration timeout, Position position) {
            this(device, imageUpgradeStatus, java.util.Map.of(), timeout, position);
        }

        @Override
        public List<String> devices() {
            return List.of(device);
        }
    }

    /** Cut the device's power (volatile state lost, non-volatile store kept). */
    /**
     * @param corruptImageAt the offset of a held image's octet the flash loses while the power is off
     *                       (fault injection for G.7 0x8F1B); empty: the flash keeps everything
     */
    record PowerCut(String device, java.util.OptionalInt corruptImageAt, Position position) implements Step {
        public PowerCut(String device, Position position) {
            this(device, java.util.OptionalInt.empty(), position);
        }

        @Override
        public List<String> devices() {
            return List.of(device);
        }
    }

    /** Restore the device's power. */
    record PowerOn(String device, Position position) implements Step {
        @Override
        public List<String> devices() {
            return List.of(device);
        }
    }

    /**
     * A local upgrade tool on the premises offers the PPMID an image, bypassing the CH: a compliant
     * PPMID refuses it (R7.3).
     */
    record LocalUpgrade(String device, String image, Position position) implements Step {
        @Override
        public Map<String, List<String>> imagesGiven() {
            return Map.of(image, List.of(device));
        }

        @Override
        public List<String> devices() {
            return List.of(device);
        }
    }

    /**
     * The CH sends an IHD or PPMID a supplier message (a Messaging Display Message on the HAN): data
     * of the occupier that a Change of Tenancy must clear (R56.3).
     */
    record SupplierMessage(String device, String text, Position position) implements Step {
        /** The most octets a Display Message's message (a ZCL character string) carries. */
        public static final int MAX_OCTETS = 254;

        @Override
        public List<String> devices() {
            return List.of(device);
        }
    }

    /** A top-up on a PPMID, kept in its top-up history: a manufacturer extra (R56.4). */
    record TopUp(String device, long amountPence, String code, Position position) implements Step {
        @Override
        public List<String> devices() {
            return List.of(device);
        }
    }

    /** Activate a downloaded image on an HCALCS out of band (CS06), {@code at} after this step. */
    record Activate(String device, String image, Duration at, Position position) implements Step {
        @Override
        public Map<String, List<String>> imagesGiven() {
            return Map.of(image, List.of(device));
        }

        @Override
        public List<String> devices() {
            return List.of(device);
        }
    }

    /**
     * SR 3.2 Restrict Access for Change of Tenancy (R56.7): ECS12 to the ESME and GCS09 to the GPF.
     *
     * @param at      the CoT implementation date-time
     * @param control the Proposed Tenancy Change Control bits (0x200 clears consumer IHD data, R56.3)
     */
    record ChangeOfTenancy(Instant at, long control, Position position) implements Step {
        /** The earliest date GCS09's Implementation Date Time carries: the ZCL UTCTime epoch. */
        public static final Instant EARLIEST = Instant.parse("2000-01-01T00:00:00Z");
        /** The latest: 0xFFFFFFFE seconds after it (0xFFFFFFFF is "not a time" in ZCL). */
        public static final Instant LATEST = EARLIEST.plusSeconds(0xFFFF_FFFEL);
    }

    /**
     * SR 11.2 Read Firmware Version: CS08 (0x0129) through the CH's GBCS side; the response carries the
     * version the device runs, or read failure (R7.11).
     */
    record ReadFirmwareVersion(String device, Position position) implements Step {
        @Override
        public List<String> devices() {
            return List.of(device);
        }
    }

    /**
     * The DCC's manual inventory (SMI) fix after a mismatched join under {@code interim-cpl} (R202.6):
     * the SMI's firmware version becomes {@code firmwareVersion}, or when empty the one of the CPL row
     * for the device's resulting SMETS version.
     */
    record InventoryFix(String device, OptionalLong firmwareVersion, Position position) implements Step {
        @Override
        public List<String> devices() {
            return List.of(device);
        }
    }

    /** Let virtual time pass. */
    record Wait(Duration duration, Position position) implements Step {
    }

    /** Check something now; a failure names this step's position. */
    record Expect(Expectation expectation, Position position) implements Step {
    }
}
