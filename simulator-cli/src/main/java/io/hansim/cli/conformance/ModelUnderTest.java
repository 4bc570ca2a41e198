package io.hansim.cli.conformance;

import io.hansim.device.cot.CotProfile;
import io.hansim.device.cot.OccupierDataStore;
import io.hansim.device.cot.OccupierRecord;
import io.hansim.device.cot.SpecVersion;
import io.hansim.device.cot.TenancyConfig;
import io.hansim.device.hcalcs.Hcalcs;
import io.hansim.device.ihd.Ihd;
import io.hansim.device.inventory.SmetsVersion;
import io.hansim.device.node.HanDevice;
import io.hansim.device.ppmid.Ppmid;
import io.hansim.zigbee.ota.client.ClientProfile;
import io.hansim.zigbee.ota.client.ClientQuirk;
import io.hansim.zigbee.ota.image.ImageFormat;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One of hansim's own device models as the device under test, built in the battery's JVM: the fast
 * path for unit tests, and the reference the battery is calibrated against (every model passes). With
 * mutant quirks ({@link ClientQuirk#IGNORES_MINIMUM_BLOCK_PERIOD} … and the CoT profile's
 * keeps-consumption flag) it is a deliberately wrong device that must fail exactly its case.
 *
 * @param kind                   the model
 * @param quirks                 OTA client quirks (mutants among them) for PPMID and HCALCS
 * @param keepsConsumptionMutant the CoT mutant (PPMID and IHD)
 */
public record ModelUnderTest(DeviceKindUnderTest kind, Set<ClientQuirk> quirks, boolean keepsConsumptionMutant)
        implements DeviceUnderTest {

    /** The models' OTA identity (hansim's manufacturer code, G.9), factory firmware version and hardware. */
    public static final int MANUFACTURER = 0x1234;
    public static final int PPMID_IMAGE_TYPE = 0x0084;
    public static final int HCALCS_IMAGE_TYPE = 0x0086;
    public static final long FACTORY_VERSION = 0x0100_0001L;
    public static final int HARDWARE_VERSION = 0x0110;
    /** The tenancy behaviour's version: IHDTS/PPMIDTS v5.0, where CoT clearing applies (R56.6). */
    public static final SpecVersion COT_VERSION = new SpecVersion(5, 0);

    public ModelUnderTest {
        Objects.requireNonNull(kind, "kind");
        quirks = quirks.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(quirks));
        if (!kind.otaClient() && !quirks.isEmpty()) {
            throw new IllegalArgumentException("an " + kind.id() + " has no OTA client for quirks " + quirks);
        }
        if (!kind.cot() && keepsConsumptionMutant) {
            throw new IllegalArgumentException("an " + kind.id() + " keeps no occupier data");
        }
    }

    /** hansim's compliant model of {@code kind}. */
    public static ModelUnderTest of(DeviceKindUnderTest kind) {
        return new ModelUnderTest(kind, Set.of(), false);
    }

    @Override
    public String description() {
        StringBuilder b = new StringBuilder("hansim's " + kind.id() + " model, in-process");
        if (!quirks.isEmpty()) {
            b.append(", quirks ").append(quirks);
        }
        if (keepsConsumptionMutant) {
            b.append(", mutant: keeps consumption after a CoT");
        }
        return b.toString();
    }

    @Override
    public Object spec(Placement p) {
        switch (kind) {
            case PPMID:
                return Ppmid.Spec.of(p.name(), p.eui64(), p.shortAddress(), profile(p, PPMID_IMAGE_TYPE))
                        .withTenancy(tenancy(CotProfile.ppmid(COT_VERSION, p.esmeEui64(), p.gpfEui64())));
            case HCALCS:
                return new Hcalcs.Spec(p.name(), p.eui64(), p.shortAddress(), profile(p, HCALCS_IMAGE_TYPE));
            case IHD:
            default:
                return new Ihd.Spec(p.name(), p.eui64(), p.shortAddress(), FACTORY_VERSION)
                        .withTenancy(tenancy(CotProfile.ihd(COT_VERSION, p.esmeEui64(), p.gpfEui64())));
        }
    }

    private TenancyConfig tenancy(CotProfile cot) {
        return TenancyConfig.of(cot.withKeepsConsumptionMutant(keepsConsumptionMutant));
    }

    /** A GB OTA client that trusts the battery's signing key and asks for blocks of the CH's size. */
    private ClientProfile profile(Placement p, int imageType) {
        ClientProfile.Builder b = ClientProfile.builder().name("hansim-" + kind.id()).upgradeServer(p.hubEui64())
                .manufacturerCode(MANUFACTURER).imageType(imageType).currentFileVersion(FACTORY_VERSION)
                .hardwareVersion(HARDWARE_VERSION).maximumDataSize(p.blockSize()).trustedKey(p.imageKey())
                .imageFormat(ImageFormat.GB).startDelayMax(0);
        for (ClientQuirk q : quirks) {
            b.quirk(q);
        }
        return b.build();
    }

    @Override
    public Map<String, byte[]> regions(HanDevice device) {
        Map<String, byte[]> out = new LinkedHashMap<>();
        occupierData(device).ifPresent(store -> {
            StringBuilder text = new StringBuilder();
            for (OccupierRecord r : store.records()) {
                text.append(r.kind()).append(' ').append(r.recordedAtUtc()).append(' ').append(r.description())
                        .append(' ').append(r.value()).append('\n');
            }
            out.put("occupier-data", text.toString().getBytes(StandardCharsets.UTF_8));
        });
        return out;
    }

    private static Optional<OccupierDataStore> occupierData(HanDevice d) {
        if (d instanceof Ppmid p) {
            return Optional.of(p.occupierData());
        }
        if (d instanceof Ihd i) {
            return Optional.of(i.occupierData());
        }
        return Optional.empty();
    }

    @Override
    public Optional<String> status(HanDevice device, String key) {
        switch (key) {
            case "firmware.version":
                return Optional.of(String.format("%08X", device.runningFirmwareVersion()));
            case "smets":
                if (device instanceof Ppmid p) {
                    return Optional.of(p.resultingSmetsVersion() == SmetsVersion.SMETS1 ? "SMETS1" : "SMETS2+");
                }
                return Optional.empty();
            default:
                return Optional.empty();
        }
    }
}
