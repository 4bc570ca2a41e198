package io.hansim.cli.scenario;

import io.hansim.zigbee.ota.image.GbForm;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/** An OTA upgrade image the scenario distributes: generated with {@code OtaImageBuilder} or read from a file. */
public sealed interface ImageSpec {

    /**
     * The largest image a scenario generates or reads, 16 MiB, as a fleet file's images: eight
     * times what R7.9 asks to transfer (2 MiB; the corpus maximum is 1.8 MB), and small enough that
     * the copies a run holds (the file, the CH's buffer, each client's download) fit a default heap.
     */
    long MAX_SIZE = 16L << 20;

    /** The scenario's name for the image. */
    String id();

    /**
     * The PPMIDTS version the firmware in this image implements (key {@code spec}, R56.8): a PPMID of
     * the image's manufacturer code and image type runs this version once it has activated the
     * image, so an upgrade from PPMIDTS 4.2 to 5.0 turns Change of Tenancy on (R56.6). Empty: the
     * image does not say, and the PPMID keeps its own {@code spec}.
     */
    Optional<SpecVersion> specVersion();

    /** Where the image's entry starts. */
    Position position();

    /**
     * An image built at load time (zigbee-ota.md: OTA upgrade file format), always in a GB form
     * (zigbee-ota.md §8, requirements G.6).
     *
     * @param size        the total image size in octets
     * @param hardware    the hardware version range the image declares, if any (R7.6)
     * @param signingKey  a named key to sign with, if any (the signed form, zigbee-ota.md §8)
     * @param form        the GB form asked for with {@code form:}; empty: chosen from the devices the
     *                    scenario gives the image to ({@code ScenarioImages})
     * @param specVersion the PPMIDTS version the image brings (R56.8)
     */
    record Generated(String id, int manufacturerCode, int imageType, long fileVersion, long size,
            Optional<HardwareRange> hardware, Optional<String> signingKey, Optional<GbForm> form,
            Optional<SpecVersion> specVersion, Position position) implements ImageSpec {
        public Generated {
            Objects.requireNonNull(hardware, "hardware");
            Objects.requireNonNull(signingKey, "signingKey");
            Objects.requireNonNull(form, "form");
            Objects.requireNonNull(specVersion, "specVersion");
        }

        /** An image whose form follows its devices and that brings no PPMIDTS version. */
        public Generated(String id, int manufacturerCode, int imageType, long fileVersion, long size,
                Optional<HardwareRange> hardware, Optional<String> signingKey, Position position) {
            this(id, manufacturerCode, imageType, fileVersion, size, hardware, signingKey, Optional.empty(),
                    Optional.empty(), position);
        }
    }

    /**
     * An image file, resolved against the scenario file's folder; it existed when the scenario loaded.
     *
     * @param specVersion the PPMIDTS version the image brings (R56.8)
     */
    record File(String id, Path path, Optional<SpecVersion> specVersion, Position position) implements ImageSpec {
        public File {
            Objects.requireNonNull(specVersion, "specVersion");
        }

        /** An image file that brings no PPMIDTS version. */
        public File(String id, Path path, Position position) {
            this(id, path, Optional.empty(), position);
        }
    }

    /** A hardware version range, minimum ≤ maximum (OTA header fields Minimum/Maximum Hardware Version). */
    record HardwareRange(int minimum, int maximum) {
    }
}
