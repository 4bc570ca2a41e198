package io.hansim.cli.scenario;

import java.nio.file.Path;
import java.util.Optional;

/** An OTA upgrade image the scenario distributes: generated with {@code OtaImageBuilder} or read from a file. */
public sealed interface ImageSpec {

    /** The scenario's name for the image. */
    String id();

    /** Where the image's entry starts. */
    Position position();

    /**
     * An image built at load time (zigbee-ota.md: OTA upgrade file format).
     *
     * @param size       the total image size in octets
     * @param hardware   the hardware version range the image declares, if any (R7.6)
     * @param signingKey a named key to sign with, if any (GB images are signed, zigbee-ota.md §8)
     */
    record Generated(String id, int manufacturerCode, int imageType, long fileVersion, long size,
            Optional<HardwareRange> hardware, Optional<String> signingKey, Position position) implements ImageSpec {
    }

    /** An image file, resolved against the scenario file's folder; it existed when the scenario loaded. */
    record File(String id, Path path, Position position) implements ImageSpec {
    }

    /** A hardware version range, minimum ≤ maximum (OTA header fields Minimum/Maximum Hardware Version). */
    record HardwareRange(int minimum, int maximum) {
    }
}
