package io.hansim.zigbee.ota.client;

import io.hansim.zigbee.zcl.Bytes;

import java.util.Objects;

/**
 * A whole, verified OTA file the client holds: one part of a multi-image upgrade waiting for the
 * others (REQUIRE_MORE_IMAGE, requirements R7.9).
 *
 * @param identity from the file's header
 * @param image    the OTA file, header included
 */
public record HeldImage(ImageIdentity identity, Bytes image) {

    public HeldImage {
        Objects.requireNonNull(identity, "identity");
        Objects.requireNonNull(image, "image");
    }
}
