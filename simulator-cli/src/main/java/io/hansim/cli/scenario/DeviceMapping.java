package io.hansim.cli.scenario;

import io.hansim.device.cot.DeviceSpecification;
import io.hansim.device.cot.OccupierDataKind;
import io.hansim.device.cot.TenancyConfig;
import io.hansim.zigbee.ota.client.ClientProfile;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;

/**
 * What a {@link DeviceType} maps its record onto the device-core spec with (implemented by the run's
 * topology mapper): the device's place on the HAN and the parts of the mapping several types share,
 * so a type writes only what is its own.
 */
public interface DeviceMapping {

    /** The CH's EUI-64: the OTA upgrade server of every OTA client. */
    long hubEui();

    /** The short address the mapper gives this device (in the order of the topology). */
    int shortAddress();

    /**
     * The OTA client profile of a device (R7.6, R7.14, R7.3): its OTA identity, the hub as its server,
     * the scenario's trusted key, the GB image format and the file's {@code profile} keys.
     */
    ClientProfile otaClient(String name, int manufacturerCode, int imageType, OptionalInt hardwareVersion,
            long firmwareVersion, OtaProfileSpec profile);

    /**
     * The Change of Tenancy set-up of a device that keeps occupier data (R56.2–R56.6): its document
     * version, the topology's meters as sources, the extras its type keeps (cleared by default) and the
     * file's extras with their clearOnCoT (R56.4); null when the topology has no meter to learn a CoT
     * from (such a device keeps its data as before).
     */
    TenancyConfig tenancy(DeviceSpecification document, SpecVersion version, Set<OccupierDataKind> keptByDefault,
            List<ExtraStore> extras, DeviceSpec.CotSettings settings);

    /** R56.8: per File Version, the PPMIDTS version an image of the device's identity brings. */
    Map<Long, io.hansim.device.cot.SpecVersion> specVersions(String id);

    /** A scenario spec version as device-core's. */
    static io.hansim.device.cot.SpecVersion cotVersion(SpecVersion v) {
        return new io.hansim.device.cot.SpecVersion(v.major(), v.minor());
    }
}
