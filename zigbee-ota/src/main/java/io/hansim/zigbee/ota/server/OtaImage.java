package io.hansim.zigbee.ota.server;

import io.hansim.zigbee.ota.image.OtaHeader;
import io.hansim.zigbee.ota.image.OtaImageException;
import io.hansim.zigbee.ota.image.OtaImageParser;
import io.hansim.zigbee.ota.image.OtaImageReport;
import io.hansim.zigbee.ota.image.ParseOptions;
import io.hansim.zigbee.zcl.Bytes;

import java.util.Objects;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * One OTA upgrade image as the server serves it: the identity and hardware range from its header
 * (zigbee-ota.md §7.1) and the bytes of the image proper, from the upgrade file identifier to
 * TotalImageSize. The bytes are copied once when the image is made and never handed out whole; the
 * server slices them block by block ({@link #slice(long, int)}).
 *
 * <p>Made only from an OTA file that {@link OtaImageParser} reads without an ERROR finding: a file
 * with one is refused with {@link OtaImageException}, which names the first error's code and file
 * offset and carries the whole report (zigbee-ota.md §9 #15).
 */
public final class OtaImage {
    private final ImageKey key;
    private final OtaHeader header;
    private final byte[] data;

    private OtaImage(OtaHeader header, byte[] data) {
        this.key = new ImageKey(header.manufacturerCode(), header.imageType(), header.fileVersion());
        this.header = header;
        this.data = data;
    }

    /**
     * The image in an OTA file read with {@link ParseOptions#defaults()}.
     *
     * @throws OtaImageException if the file has an ERROR finding
     */
    public static OtaImage fromFile(byte[] file) {
        return fromFile(file, ParseOptions.defaults());
    }

    /**
     * The image in an OTA file, read with {@code options} (e.g. {@code withUnwrap(true)} for a
     * wrapped file, or the GB format for a PPMID body without signature tail).
     *
     * @throws OtaImageException if the file has an ERROR finding
     */
    public static OtaImage fromFile(byte[] file, ParseOptions options) {
        Objects.requireNonNull(file, "file");
        OtaImageReport report = OtaImageParser.parseStrict(file, options);
        Bytes image = report.imageBytes().orElseThrow(() -> new IllegalStateException(
                "the parser found no error but the file does not hold the whole image"));
        return new OtaImage(report.header(), image.toArray());
    }

    /** ManufacturerCode, ImageType, FileVersion. */
    public ImageKey key() {
        return key;
    }

    /** The header as read from the file. */
    public OtaHeader header() {
        return header;
    }

    /** Number of bytes served: the image's TotalImageSize (the ImageSize of Query Next Image Response). */
    public int size() {
        return data.length;
    }

    /** Minimum hardware version of the header, if it has a range (field-control bit 2). */
    public OptionalInt minimumHardwareVersion() {
        Integer v = header.minimumHardwareVersion();
        return v == null ? OptionalInt.empty() : OptionalInt.of(v);
    }

    /** Maximum hardware version of the header, if it has a range. */
    public OptionalInt maximumHardwareVersion() {
        Integer v = header.maximumHardwareVersion();
        return v == null ? OptionalInt.empty() : OptionalInt.of(v);
    }

    /** The upgrade file destination of the header (field-control bit 1): the one device it is for. */
    public OptionalLong destination() {
        Long d = header.upgradeFileDestination();
        return d == null ? OptionalLong.empty() : OptionalLong.of(d);
    }

    /** Whether {@code hardwareVersion} is within the header's range; true when it has none. */
    public boolean acceptsHardwareVersion(int hardwareVersion) {
        Integer min = header.minimumHardwareVersion();
        return min == null || (hardwareVersion >= min && hardwareVersion <= header.maximumHardwareVersion());
    }

    /** The byte at {@code offset}, unsigned. */
    public int byteAt(long offset) {
        return data[Math.toIntExact(offset)] & 0xFF;
    }

    /**
     * A copy of {@code length} bytes from {@code offset}: one Image Block Response's ImageData.
     *
     * @throws IndexOutOfBoundsException if the range is not inside the image
     */
    public Bytes slice(long offset, int length) {
        Objects.checkFromIndexSize(offset, length, data.length);
        return Bytes.of(data, (int) offset, length);
    }

    /** The whole image, copied (for tests and tools; the server never needs it). */
    public Bytes bytes() {
        return Bytes.of(data);
    }

    @Override
    public String toString() {
        return "OtaImage[" + key + ", " + data.length + " bytes]";
    }
}
