package io.hansim.zigbee.ota.image;

import io.hansim.zigbee.zcl.Bytes;
import java.util.OptionalLong;

/**
 * The firmware inside a simulated image's Manufacturer Image: it says which File Version it is,
 * as real firmware does, so a device reports the version its firmware carries and not the OTA
 * header's (which the GB signature does not cover, zigbee-ota.md §8; issue 14 item 6).
 *
 * <p>Layout (hansim's own, not from any specification): the four ASCII octets {@code hsfw}, the
 * File Version as a 32-bit little-endian integer (the OTA header's byte order), then the
 * generated firmware octets. A Manufacturer Image that does not start with the marker (a real
 * manufacturer's, or one from {@code image build --payload}) carries no version hansim can read;
 * random firmware octets start with the marker once in 2^32.
 */
public final class SimulatedFirmware {
    /** {@code hsfw}. */
    private static final byte[] MARKER = {0x68, 0x73, 0x66, 0x77};
    /** The marker and the File Version. */
    public static final int PREFIX_LENGTH = 8;

    private SimulatedFirmware() {
    }

    /**
     * A Manufacturer Image of {@code size} octets carrying {@code fileVersion}: {@link
     * OtaImageBuilder#generatedPayload} for {@code seed}, {@link #stamped} with the version.
     */
    public static Bytes manufacturerImage(long fileVersion, int size, long seed) {
        return stamped(fileVersion, OtaImageBuilder.generatedPayload(seed, size));
    }

    /**
     * {@code generated} with its first {@link #PREFIX_LENGTH} octets replaced by the marker and
     * {@code fileVersion}; shorter than that, there is no room and it is returned as it is.
     */
    public static Bytes stamped(long fileVersion, Bytes generated) {
        if (fileVersion < 0 || fileVersion > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("fileVersion must be 32-bit: " + fileVersion);
        }
        if (generated.length() < PREFIX_LENGTH) {
            return generated;
        }
        byte[] b = generated.toArray();
        System.arraycopy(MARKER, 0, b, 0, MARKER.length);
        for (int i = 0; i < 4; i++) {
            b[4 + i] = (byte) (fileVersion >>> (8 * i));
        }
        return Bytes.of(b);
    }

    /** The File Version the firmware in {@code manufacturerImage} carries, if it carries one. */
    public static OptionalLong version(Bytes manufacturerImage) {
        if (manufacturerImage == null || manufacturerImage.length() < PREFIX_LENGTH) {
            return OptionalLong.empty();
        }
        for (int i = 0; i < MARKER.length; i++) {
            if (manufacturerImage.get(i) != MARKER[i]) { // all ASCII: signed == unsigned
                return OptionalLong.empty();
            }
        }
        long v = 0;
        for (int i = 0; i < 4; i++) {
            v |= (long) manufacturerImage.get(4 + i) << (8 * i);
        }
        return OptionalLong.of(v);
    }
}
