package io.hansim.interop;

import static org.junit.jupiter.api.Assertions.fail;

import io.hansim.zigbee.ota.client.ClientProfile;
import io.hansim.zigbee.ota.image.DeterministicEcdsa;
import io.hansim.zigbee.ota.image.GbBody;
import io.hansim.zigbee.ota.image.ImageFormat;
import io.hansim.zigbee.ota.image.OtaImageBuilder;
import io.hansim.zigbee.zcl.Bytes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;

/**
 * The two images of issue 9 and the PPMID profiles that match them: a 256 KiB GB-signed image hansim
 * builds, and a real image from the shared OTA corpus.
 */
final class InteropImages {
    static final int SIZE_256_KIB = 256 * 1024;
    static final int HANSIM_MANUFACTURER = 0x1234;
    static final int HANSIM_IMAGE_TYPE = 0x0084;
    static final long OLD = 0x0100_0001L;
    static final long NEW = 0x0100_0002L;
    static final KeyPair KEY = DeterministicEcdsa.keyPairFromSeed("hansim interop", 1);

    /**
     * The smallest real image of the corpus (corpus/ota/MANIFEST.tsv: NodOn, manufacturer 0x128B,
     * image type 0x0102, file version 0x00010101, 27 162 bytes, one upgrade-image element); herdsman's
     * parser and hansim's agree on it (oracles/herdsman/reference/corpus-ota.tsv).
     */
    static final String REAL_IMAGE = "corpus/ota/128b-0102-10101-700_nodon_sin_2_fm_stm32_V10101.zigbee";
    static final int REAL_MANUFACTURER = 0x128B;
    static final int REAL_IMAGE_TYPE = 0x0102;
    static final long REAL_VERSION = 0x0001_0101L;

    private InteropImages() {
    }

    /** A GB image (signed Manufacturer Image, zigbee-ota.md §8) of exactly 256 KiB. */
    static byte[] hansim256k() {
        int body = SIZE_256_KIB - 200;
        byte[] first = gbImage(body);
        byte[] image = gbImage(body + (SIZE_256_KIB - first.length));
        if (image.length != SIZE_256_KIB) {
            throw new IllegalStateException("image is " + image.length + " bytes");
        }
        return image;
    }

    private static byte[] gbImage(int bodyLength) {
        Bytes mi = OtaImageBuilder.generatedPayload(NEW, bodyLength);
        return new OtaImageBuilder().manufacturerCode(HANSIM_MANUFACTURER).imageType(HANSIM_IMAGE_TYPE)
                .fileVersion(NEW).noHardwareVersions().headerString("hansim interop 256 KiB")
                .gbBody(GbBody.signed(mi, DeterministicEcdsa.sign(mi, KEY.getPrivate()))).buildBytes().toArray();
    }

    /** A GB PPMID that trusts {@link #KEY}, runs {@link #OLD}, 64-octet blocks. */
    static ClientProfile.Builder hansimProfile() {
        return ClientProfile.builder().name("interop-ppmid-gb").upgradeServer(InteropRig.SERVER_EUI64).manufacturerCode(HANSIM_MANUFACTURER)
                .imageType(HANSIM_IMAGE_TYPE).currentFileVersion(OLD).maximumDataSize(64)
                .trustedKey(KEY.getPublic()).imageFormat(ImageFormat.GB);
    }

    /** The real corpus image, read in place from the shared folder. */
    static byte[] real() {
        Path p = SharedData.file(REAL_IMAGE);
        try {
            return Files.readAllBytes(p);
        } catch (IOException e) {
            return fail("cannot read " + p + ": " + e);
        }
    }

    /** A PPMID profile matching the real image's manufacturer code and image type, one version older. */
    static ClientProfile.Builder realProfile() {
        return ClientProfile.builder().name("interop-ppmid-nodon").upgradeServer(InteropRig.SERVER_EUI64).manufacturerCode(REAL_MANUFACTURER)
                .imageType(REAL_IMAGE_TYPE).currentFileVersion(REAL_VERSION - 1).maximumDataSize(64)
                .imageFormat(ImageFormat.AUTO);
    }
}
