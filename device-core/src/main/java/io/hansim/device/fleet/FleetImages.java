package io.hansim.device.fleet;

import io.hansim.zigbee.ota.client.ClientProfile;
import io.hansim.zigbee.ota.image.DeterministicEcdsa;
import io.hansim.zigbee.ota.image.GbBody;
import io.hansim.zigbee.ota.image.ImageFormat;
import io.hansim.zigbee.ota.image.OtaImageBuilder;
import io.hansim.zigbee.zcl.Bytes;
import java.security.KeyPair;
import java.time.Duration;
import java.util.Objects;

/**
 * The OTA upgrade files of a fleet run, built once and shared by reference by every hub (issue 8:
 * "the CH's image bytes are shared"): signed GB images whose contents are generated from the version,
 * so a run needs no files. Hubs read the arrays and never write them.
 */
public final class FleetImages {
    /** The manufacturer code and image types the fleet's devices and images use. */
    public static final int MANUFACTURER = 0x1234;
    public static final int PPMID_IMAGE_TYPE = 0x0084;
    public static final int HCALCS_IMAGE_TYPE = 0x0085;
    /** Hardware the images accept (0x0100..0x01FF) and hardware outside it (R7.6). */
    public static final int HARDWARE = 0x0110;
    public static final int FOREIGN_HARDWARE = 0x0300;

    private final KeyPair key;
    /** One test PKI for every hub (thread-safe, deterministic): keys are made once, not per hub. */
    private final io.hansim.gbcs.crypto.TestPki pki;
    private final byte[] ppmid;
    private final byte[] hcalcs;
    private final Bytes hcalcsManufacturerImageHash;
    /** Client profiles by (image type, foreign hardware): shared by every device of the fleet (memory). */
    private final java.util.Map<Long, ClientProfile> profiles = new java.util.concurrent.ConcurrentHashMap<>();

    private FleetImages(KeyPair key, byte[] ppmid, byte[] hcalcs, Bytes hash, long seed) {
        this.key = key;
        this.pki = new io.hansim.gbcs.crypto.TestPki("hansim fleet PKI " + seed);
        this.ppmid = ppmid;
        this.hcalcs = hcalcs;
        this.hcalcsManufacturerImageHash = hash;
    }

    /**
     * The profile of a fleet device, one instance for all devices alike: the device sets its own
     * IEEE address and learns its upgrade server when it joins (R7.3).
     */
    ClientProfile sharedProfile(int imageType, long currentVersion, int hardware) {
        long k = ((long) imageType << 48) ^ ((long) hardware << 32) ^ currentVersion;
        // The upgrade server given here is a placeholder: joinedTo replaces it with the hub's EUI-64.
        return profiles.computeIfAbsent(k, x -> profile(imageType, currentVersion, hardware)
                .upgradeServer(HubRun.EUI_BASE).build());
    }

    /** Builds the spec's images, signed with a key derived from the fleet seed. */
    public static FleetImages build(FleetSpec spec) {
        Objects.requireNonNull(spec, "spec");
        KeyPair key = DeterministicEcdsa.keyPairFromSeed("hansim fleet signing key", spec.seed());
        byte[] p = image(key, PPMID_IMAGE_TYPE, spec.ppmidImage());
        byte[] h = null;
        Bytes hash = null;
        if (spec.hcalcsImage() != null) {
            h = image(key, HCALCS_IMAGE_TYPE, spec.hcalcsImage());
            hash = io.hansim.zigbee.ota.image.OtaImageParser.parse(h).gbBody().manufacturerImageHash();
        }
        return new FleetImages(key, p, h, hash, spec.seed());
    }

    private static byte[] image(KeyPair key, int imageType, FleetSpec.FleetImage spec) {
        Bytes mi = io.hansim.zigbee.ota.image.SimulatedFirmware.manufacturerImage(spec.toVersion(), spec.size(),
                spec.toVersion() ^ imageType);
        return new OtaImageBuilder().manufacturerCode(MANUFACTURER).imageType(imageType)
                .fileVersion(spec.toVersion()).hardwareVersions(0x0100, 0x01FF).headerString("hansim fleet image")
                .gbBody(GbBody.signed(mi, DeterministicEcdsa.sign(mi, key.getPrivate()))).buildBytes().toArray();
    }

    /** The keys the hubs' GBCS sides sign and MAC with. */
    io.hansim.gbcs.crypto.TestPki pki() {
        return pki;
    }

    /** The PPMID image (shared: do not modify). */
    byte[] ppmid() {
        return ppmid;
    }

    /** The HCALCS image (shared: do not modify), or null. */
    byte[] hcalcs() {
        return hcalcs;
    }

    /** What a CS06 Activate Firmware carries for the HCALCS image (R7.5). */
    Bytes hcalcsManufacturerImageHash() {
        return hcalcsManufacturerImageHash;
    }

    /** A GB client of the fleet's make: 64-octet blocks, trusts the fleet key, no start delay. */
    ClientProfile.Builder profile(int imageType, long currentVersion, int hardware) {
        return ClientProfile.builder().name(imageType == PPMID_IMAGE_TYPE ? "fleet-ppmid" : "fleet-hcalcs")
                .identity(i -> i.manufacturerCode(MANUFACTURER).imageType(imageType).currentFileVersion(currentVersion)
                        .hardwareVersion(hardware))
                .transfer(t -> t.maximumDataSize(64))
                .timing(t -> t.startDelayMax(Duration.ZERO))
                .trust(t -> t.trustedKey(key.getPublic()).imageFormat(ImageFormat.GB));
    }
}
