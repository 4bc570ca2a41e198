package io.hansim.zigbee.ota.server;

import io.hansim.zigbee.ota.image.GbForm;
import io.hansim.zigbee.ota.image.ImageFormat;
import io.hansim.zigbee.ota.image.OtaHeader;
import io.hansim.zigbee.ota.image.OtaImageException;
import io.hansim.zigbee.ota.image.OtaImageParser;
import io.hansim.zigbee.ota.image.OtaImageReport;
import io.hansim.zigbee.ota.image.ParseOptions;
import io.hansim.zigbee.zcl.Bytes;

import java.util.Objects;
import java.util.Optional;
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
    /** The GB form the body was read in, or null for a Zigbee sub-element body. */
    private final GbForm gbForm;

    private OtaImage(OtaHeader header, byte[] data, GbForm gbForm) {
        this.key = new ImageKey(header.manufacturerCode(), header.imageType(), header.fileVersion());
        this.header = header;
        this.data = data;
        this.gbForm = gbForm;
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
        return of(OtaImageParser.parseStrict(file, options));
    }

    /**
     * The image of a GB firmware distribution (SR 11.1, SR 11.4) as the CH stages it: a file whose
     * body reads as Zigbee sub-elements (or is recognised as GB, {@link ImageFormat#AUTO}) is taken
     * as read; any other is taken in the GB form, header + Manufacturer Image with or without the
     * signature tail (requirements G.6, zigbee-ota.md §8), whose body is the device's business, not
     * the CH's. The SR 11.4 form has no structure to check: a PPMID image whose header lacks the
     * GB shape is still an SR 11.4 image (decision 0014). Errors outside the body (no identifier,
     * a prefix, a short or truncated file, a TotalImageSize below the header) still refuse it.
     *
     * @throws OtaImageException with the GB reading's first error
     */
    public static OtaImage fromDistribution(byte[] file) {
        Objects.requireNonNull(file, "file");
        OtaImageReport auto = OtaImageParser.parse(file);
        if (auto.ok()) {
            return of(auto);
        }
        return of(OtaImageParser.parseStrict(file, ParseOptions.defaults().withFormat(ImageFormat.GB)));
    }

    private static OtaImage of(OtaImageReport report) {
        Bytes image = report.imageBytes().orElseThrow(() -> new IllegalStateException(
                "the parser found no error but the file does not hold the whole image"));
        return new OtaImage(report.header(), image.toArray(),
                report.gbBody() == null ? null : report.gbBody().form());
    }

    /** The GB form the body was read in (G.6); empty for a Zigbee sub-element body. */
    public Optional<GbForm> gbForm() {
        return Optional.ofNullable(gbForm);
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
        return "OtaImage[" + key + ", " + data.length + " bytes" + (gbForm == null ? "" : ", " + gbForm) + "]";
    }
}
