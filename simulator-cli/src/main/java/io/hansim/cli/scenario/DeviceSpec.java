package io.hansim.cli.scenario;

import io.hansim.device.inventory.PpmidSmetsCapability;
import io.hansim.device.inventory.SmetsVersion;
import java.util.List;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * A HAN device of the topology, one record per {@code type:}. Each record is read and mapped by its
 * {@link DeviceType} ({@link DeviceTypes#ALL}); the interface is open so a new type's record can
 * live in the type's own class (docs/decisions/0023). The five records of the GB HAN stay here,
 * where tests and step kinds name them.
 */
public interface DeviceSpec {

    /**
     * How an IHD or a PPMID takes part in Change of Tenancy beyond its version (R56.2, R56.6); both
     * values are configuration because SECMP0056 leaves them open.
     *
     * @param from         the version from which the device clears on a CoT (IHDTS or PPMIDTS)
     * @param pollInterval how often it asks the ESME and the GPF (whole seconds)
     */
    record CotSettings(SpecVersion from, java.time.Duration pollInterval) {
        /** {@code CotProfile.DEFAULT_POLL_INTERVAL_SECONDS}: how often an IHD or PPMID asks its meters (R56.2). */
        public static final java.time.Duration DEFAULT_POLL = java.time.Duration.ofSeconds(
                io.hansim.device.cot.CotProfile.DEFAULT_POLL_INTERVAL_SECONDS);
    }

    /** The scenario's name for the device, used by steps and faults. */
    String id();

    /** The device's EUI-64. */
    long eui64();

    /** The firmware version it runs at the start (the OTA File Version for OTA devices, R202.7). */
    long firmwareVersion();

    /** Where the device's entry starts. */
    Position position();

    /** The {@code type:} word of this device's type: its {@link DeviceType#name()}. */
    default String type() {
        return DeviceTypes.of(this).name();
    }

    /** Whether the device runs an OTA client the CH can upgrade (R7). */
    default boolean hasOtaClient() {
        return false;
    }

    /**
     * The OTA client behaviour the file gives the device ({@code profile:}), for a type that models an
     * OTA client (a PPMID, also one with {@code ota: false}; an HCALCS); empty for the others.
     */
    default java.util.Optional<OtaProfileSpec> otaProfile() {
        return java.util.Optional.empty();
    }

    /** The extra stores beyond SMETS the device keeps (R56.4); none by default. */
    default List<ExtraStore> extras() {
        return List.of();
    }

    /**
     * A PPMID (R7, R56, R202): maps onto {@code Ppmid.Spec} and a {@code ClientProfile}.
     *
     * @param ota false for a legacy PPMID without an OTA client (R7.12)
     * @param cplSmets1Firmware the fictitious firmware version of its model's SMETS1 CPL row under
     *                          {@code interim-cpl} (R202.6); empty: the default
     *                          {@link InventorySpec#fictitiousSmets1Firmware}
     */
    record Ppmid(String id, long eui64, int manufacturerCode, int imageType, OptionalInt hardwareVersion,
            long firmwareVersion, PpmidSmetsCapability smets, SmetsVersion preNotified, SpecVersion spec,
            boolean ota, boolean newImagesFailToBoot, OtaProfileSpec profile, OptionalLong cplSmets1Firmware,
            CotSettings cot, Position position) implements DeviceSpec {
        @Override
        public boolean hasOtaClient() {
            return ota;
        }

        @Override
        public java.util.Optional<OtaProfileSpec> otaProfile() {
            return java.util.Optional.of(profile);
        }

        @Override
        public List<ExtraStore> extras() {
            return profile.extras();
        }
    }

    /** An HCALCS (R7): maps onto {@code Hcalcs.Spec}; activation only out of band (CS06). */
    record Hcalcs(String id, long eui64, int manufacturerCode, int imageType, OptionalInt hardwareVersion,
            long firmwareVersion, OtaProfileSpec profile, Position position) implements DeviceSpec {
        @Override
        public boolean hasOtaClient() {
            return true;
        }

        @Override
        public java.util.Optional<OtaProfileSpec> otaProfile() {
            return java.util.Optional.of(profile);
        }

        @Override
        public List<ExtraStore> extras() {
            return profile.extras();
        }
    }

    /**
     * {@code type: external}: a device on the far side of the device port (issue 17,
     * docs/device-port.md) that takes the place of a PPMID, an IHD or an HCALCS. Exactly one of
     * {@code command} (hansim starts it and talks over its stdin/stdout) and {@code connect} (it was
     * started apart and listens on a loopback TCP port or a Unix socket) is set.
     *
     * @param stands          the kind it stands in for: {@code ppmid}, {@code ihd} or {@code hcalcs}
     * @param command         argv of the process hansim starts; empty with {@code connect}
     * @param workdir         where the process starts; empty: hansim's own working directory
     * @param connect         {@code tcp:HOST:PORT} (a loopback host) or {@code unix:PATH}; empty with {@code command}
     * @param realTime        paced to the wall clock (not deterministic) instead of lockstep
     * @param helloTimeout    from start (or connect) to the device's HELLO
     * @param exchangeTimeout from an event to the device's DONE (lockstep)
     * @param byeTimeout      from hansim's BYE to the device's BYE and exit, then it is killed
     * @param maxMessage      the largest message accepted from the device, octets
     * @param smets           the SMETS systems a PPMID stand-in works in (R202.1); DUAL for the others
     */
    record External(String id, long eui64, String stands, List<String> command, java.util.Optional<String> workdir,
            java.util.Optional<String> connect, boolean realTime, java.time.Duration helloTimeout,
            java.time.Duration exchangeTimeout, java.time.Duration byeTimeout, int maxMessage,
            PpmidSmetsCapability smets, Position position) implements DeviceSpec {
        public External {
            command = List.copyOf(command);
        }

        /** The device reports its running firmware through its {@code firmware.version} status. */
        @Override
        public long firmwareVersion() {
            return 0;
        }

        /** A PPMID or an HCALCS stand-in takes firmware from the CH over the OTA cluster (R7). */
        @Override
        public boolean hasOtaClient() {
            return !stands.equals("ihd");
        }
    }

    /** An IHD (R56): maps onto {@code Ihd.Spec}; {@code extras} are its stores beyond SMETS (R56.4). */
    record Ihd(String id, long eui64, long firmwareVersion, SpecVersion spec, List<ExtraStore> extras,
            CotSettings cot, Position position) implements DeviceSpec {
        public Ihd {
            extras = List.copyOf(extras);
        }
    }

    /**
     * An electricity meter (R56.1): maps onto {@code ElectricityMeter.Spec}.
     *
     * @param cotFrom the ESMETS version from which it serves Change of Tenancy on the HAN (R56.6)
     */
    record Esme(String id, long eui64, long firmwareVersion, SpecVersion spec, SpecVersion cotFrom,
            java.util.Optional<HanFirmware> firmware, Position position) implements DeviceSpec {
        public Esme(String id, long eui64, long firmwareVersion, SpecVersion spec, SpecVersion cotFrom,
                Position position) {
            this(id, eui64, firmwareVersion, spec, cotFrom, java.util.Optional.empty(), position);
        }

        /** With {@code manufacturerCode}: the ESME takes firmware from the CH (SR 11.1) and CS06 (SR 11.3). */
        @Override
        public boolean hasOtaClient() {
            return firmware.isPresent();
        }

        @Override
        public java.util.Optional<OtaProfileSpec> otaProfile() {
            return firmware.map(HanFirmware::profile);
        }
    }

    /**
     * A meter's OTA identity when it takes firmware over the HAN from the CH (SR 11.1, G.6, G.7): the
     * same fields as an HCALCS's.
     */
    record HanFirmware(int manufacturerCode, int imageType, OptionalInt hardwareVersion, OtaProfileSpec profile) {
    }

    /**
     * The gas proxy function on the CH (R56.1): maps onto {@code GasProxy.Spec}; its version is its
     * CH's CHTS.
     *
     * @param cotFrom the CHTS version from which it serves Change of Tenancy on the HAN (R56.6)
     */
    record Gpf(String id, long eui64, long firmwareVersion, SpecVersion spec, SpecVersion cotFrom, Position position)
            implements DeviceSpec {
    }

    /**
     * {@code type: gsme}: a battery gas meter behind the GB tunnel (G.3) with an event log (G.8).
     *
     * @param sleepPeriod     time between wakes
     * @param jitter          how far each wake moves, either way (seeded)
     * @param eventLogEntries entries in its general event log at the start
     * @param tunnelProtocolId Request Tunnel ProtocolID (unconfirmed)
     */
    record Gsme(String id, long eui64, long firmwareVersion, java.time.Duration sleepPeriod, java.time.Duration jitter,
            int eventLogEntries, int tunnelProtocolId, java.util.Optional<HanFirmware> firmware, Position position)
            implements DeviceSpec {
        /** With {@code manufacturerCode}: firmware from the CH through its wake-ups (SR 11.1) and CS06 (SR 11.3). */
        @Override
        public boolean hasOtaClient() {
            return firmware.isPresent();
        }

        @Override
        public java.util.Optional<OtaProfileSpec> otaProfile() {
            return firmware.map(HanFirmware::profile);
        }
    }
}
