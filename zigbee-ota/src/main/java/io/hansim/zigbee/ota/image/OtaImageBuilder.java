package io.hansim.zigbee.ota.image;

import io.hansim.zigbee.zcl.Bytes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * Writes OTA upgrade files (zigbee-ota.md §7.1, §7.2, §8). Field-control bits follow from the
 * optional fields that are set; HeaderLength and TotalImageSize are computed. The body is a
 * sequence of sub-elements and raw bytes (a GB body is raw bytes).
 *
 * <p>For tests and lint demonstrations it can also write the shapes real files have: a prefix
 * before the identifier, trailing bytes, Telink 0xF000 elements, declared lengths that differ from
 * the data, and HeaderLength / TotalImageSize values that differ from the computed ones.
 *
 * <p>{@link #from(OtaImageReport)} goes the other way: for every report with a readable header,
 * {@code from(parse(f)).build()} equals {@code f} byte for byte, and for every built file
 * {@code parse(b.build())} gives back the fields and elements that were set.
 *
 * <p>Not thread-safe; each setter returns {@code this}.
 */
public final class OtaImageBuilder {

    /** One piece of the body after the header. */
    private sealed interface Part permits ElementPart, RawPart {
        long size();
    }

    private record ElementPart(int tag, long declaredLength, Bytes telinkExtra, Bytes data) implements Part {
        @Override
        public long size() {
            return SubElement.TAG_HEADER_LENGTH + telinkExtra.length() + data.length();
        }
    }

    private record RawPart(Bytes bytes) implements Part {
        @Override
        public long size() {
            return bytes.length();
        }
    }

    private static final Bytes EMPTY_HEADER_STRING = Bytes.of(new byte[OtaHeader.HEADER_STRING_LENGTH]);

    private int headerVersion = OtaHeader.HEADER_VERSION;
    private int reservedFieldControlBits;
    private int manufacturerCode;
    private int imageType;
    private long fileVersion;
    private int zigbeeStackVersion = 2;
    private Bytes headerString = EMPTY_HEADER_STRING;
    private Integer securityCredentialVersion;
    private Long upgradeFileDestination;
    private Integer minimumHardwareVersion;
    private Integer maximumHardwareVersion;
    private Bytes extraHeaderBytes = Bytes.EMPTY;
    private Integer headerLengthOverride;
    private Long totalImageSizeOverride;
    private Bytes prefix = Bytes.EMPTY;
    private Bytes trailing = Bytes.EMPTY;
    private final List<Part> body = new ArrayList<>();

    /** An empty image: header version 0x0100, stack version 2 (PRO), all other fields 0, no elements. */
    public OtaImageBuilder() {
    }

    public static OtaImageBuilder create() {
        return new OtaImageBuilder();
    }

    // ---- header fields ---------------------------------------------------------------------

    public OtaImageBuilder headerVersion(int value) {
        this.headerVersion = u16(value, "headerVersion");
        return this;
    }

    /** Field-control bits other than 0–2, written as they are (a parser reports them). */
    public OtaImageBuilder reservedFieldControlBits(int bits) {
        if ((u16(bits, "reservedFieldControlBits") & OtaHeader.FC_KNOWN_BITS) != 0) {
            throw new IllegalArgumentException("bits 0-2 follow from the optional fields; reserved bits only");
        }
        this.reservedFieldControlBits = bits;
        return this;
    }

    public OtaImageBuilder manufacturerCode(int value) {
        this.manufacturerCode = u16(value, "manufacturerCode");
        return this;
    }

    public OtaImageBuilder imageType(int value) {
        this.imageType = u16(value, "imageType");
        return this;
    }

    /** Unsigned 32 bits (0..0xFFFFFFFF). */
    public OtaImageBuilder fileVersion(long value) {
        if (value < 0 || value > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("fileVersion out of range 0..0xFFFFFFFF: " + value);
        }
        this.fileVersion = value;
        return this;
    }

    public OtaImageBuilder zigbeeStackVersion(int value) {
        this.zigbeeStackVersion = u16(value, "zigbeeStackVersion");
        return this;
    }

    /** Up to 32 raw bytes, NUL-padded to 32. */
    public OtaImageBuilder headerString(Bytes raw) {
        if (raw.length() > OtaHeader.HEADER_STRING_LENGTH) {
            throw new IllegalArgumentException("header string is " + raw.length() + " bytes, at most 32");
        }
        byte[] b = new byte[OtaHeader.HEADER_STRING_LENGTH];
        raw.copyTo(b, 0);
        this.headerString = Bytes.of(b);
        return this;
    }

    /**
     * The header string from its display form ({@link OtaHeader#headerStringDisplay()}): printable
     * ASCII, {@code \\} and {@code \xNN}; NUL-padded to 32 bytes.
     */
    public OtaImageBuilder headerString(String display) {
        this.headerString = OtaHeader.headerStringFromDisplay(display);
        return this;
    }

    /** Sets field-control bit 0; null clears it. */
    public OtaImageBuilder securityCredentialVersion(Integer value) {
        if (value != null && (value < 0 || value > 0xFF)) {
            throw new IllegalArgumentException("securityCredentialVersion out of range 0..255: " + value);
        }
        this.securityCredentialVersion = value;
        return this;
    }

    /** Sets field-control bit 1 (an EUI-64, written as 8 bytes little-endian); null clears it. */
    public OtaImageBuilder upgradeFileDestination(Long eui64) {
        this.upgradeFileDestination = eui64;
        return this;
    }

    /** Sets field-control bit 2 with both versions; {@link #noHardwareVersions()} clears it. */
    public OtaImageBuilder hardwareVersions(int minimum, int maximum) {
        this.minimumHardwareVersion = u16(minimum, "minimumHardwareVersion");
        this.maximumHardwareVersion = u16(maximum, "maximumHardwareVersion");
        return this;
    }

    public OtaImageBuilder noHardwareVersions() {
        this.minimumHardwareVersion = null;
        this.maximumHardwareVersion = null;
        return this;
    }

    /** Bytes after the known header fields, inside HeaderLength (a parser reports them as padding). */
    public OtaImageBuilder extraHeaderBytes(Bytes extra) {
        this.extraHeaderBytes = Objects.requireNonNull(extra, "extra");
        return this;
    }

    /** All header fields of {@code h} except HeaderLength and TotalImageSize, which stay computed. */
    public OtaImageBuilder header(OtaHeader h) {
        headerVersion = h.headerVersion();
        reservedFieldControlBits = h.fieldControl() & ~OtaHeader.FC_KNOWN_BITS;
        manufacturerCode = h.manufacturerCode();
        imageType = h.imageType();
        fileVersion = h.fileVersion();
        zigbeeStackVersion = h.zigbeeStackVersion();
        headerString = h.headerString();
        securityCredentialVersion = h.securityCredentialVersion();
        upgradeFileDestination = h.upgradeFileDestination();
        minimumHardwareVersion = h.minimumHardwareVersion();
        maximumHardwareVersion = h.maximumHardwareVersion();
        extraHeaderBytes = h.extraHeaderBytes();
        return this;
    }

    /** Writes this HeaderLength instead of the computed one (malformed files); null computes it. */
    public OtaImageBuilder headerLengthOverride(Integer value) {
        this.headerLengthOverride = value == null ? null : u16(value, "headerLength");
        return this;
    }

    /** Writes this TotalImageSize instead of the computed one (truncated or overrun files); null computes it. */
    public OtaImageBuilder totalImageSizeOverride(Long value) {
        if (value != null && (value < 0 || value > 0xFFFF_FFFFL)) {
            throw new IllegalArgumentException("totalImageSize out of range 0..0xFFFFFFFF: " + value);
        }
        this.totalImageSizeOverride = value;
        return this;
    }

    // ---- body --------------------------------------------------------------------------------

    /** A sub-element: tag, length = data length, data. */
    public OtaImageBuilder element(int tag, Bytes data) {
        return elementDeclaring(tag, data.length(), data);
    }

    /**
     * A sub-element whose length field says {@code declaredLength} while {@code data} is written
     * as given: the overrun and "chain is not tag/length" shapes of corpora.md §3.
     */
    public OtaImageBuilder elementDeclaring(int tag, long declaredLength, Bytes data) {
        u16(tag, "tag");
        if (declaredLength < 0 || declaredLength > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("declared length out of range 0..0xFFFFFFFF: " + declaredLength);
        }
        body.add(new ElementPart(tag, declaredLength, Bytes.EMPTY, Objects.requireNonNull(data, "data")));
        return this;
    }

    /** A Telink-form 0xF000 element: tag, length = data length, 2 extra bytes, data (corpora.md §3). */
    public OtaImageBuilder telinkElement(Bytes extra, Bytes data) {
        if (extra.length() != 2) {
            throw new IllegalArgumentException("the Telink form has 2 extra bytes, not " + extra.length());
        }
        body.add(new ElementPart(SubElement.TELINK_TAG, data.length(), extra, data));
        return this;
    }

    /** Raw bytes after the header or the previous element (a GB body, a broken chain). */
    public OtaImageBuilder raw(Bytes bytes) {
        body.add(new RawPart(Objects.requireNonNull(bytes, "bytes")));
        return this;
    }

    /** A GB body (zigbee-ota.md §8) as the image's body. */
    public OtaImageBuilder gbBody(GbBody gb) {
        return raw(gb.encode());
    }

    /** Bytes before the identifier (a wrapped file). */
    public OtaImageBuilder prefix(Bytes bytes) {
        this.prefix = Objects.requireNonNull(bytes, "bytes");
        return this;
    }

    /** Bytes after TotalImageSize. */
    public OtaImageBuilder trailing(Bytes bytes) {
        this.trailing = Objects.requireNonNull(bytes, "bytes");
        return this;
    }

    // ---- output ------------------------------------------------------------------------------

    private int fieldControl() {
        return reservedFieldControlBits
                | (securityCredentialVersion != null ? OtaHeader.FC_SECURITY_CREDENTIAL : 0)
                | (upgradeFileDestination != null ? OtaHeader.FC_DESTINATION : 0)
                | (minimumHardwareVersion != null ? OtaHeader.FC_HARDWARE_VERSIONS : 0);
    }

    private long bodyLength() {
        long n = 0;
        for (Part p : body) {
            n += p.size();
        }
        return n;
    }

    /**
     * The header as {@link #build()} writes it.
     *
     * @throws IllegalStateException when the computed HeaderLength or TotalImageSize do not fit
     */
    public OtaHeader header() {
        int fc = fieldControl();
        long headerLength = OtaHeader.knownFieldsLength(fc) + (long) extraHeaderBytes.length();
        if (headerLengthOverride == null && headerLength > 0xFFFF) {
            throw new IllegalStateException("header of " + headerLength + " bytes does not fit HeaderLength (u16)");
        }
        long total = OtaHeader.knownFieldsLength(fc) + (long) extraHeaderBytes.length() + bodyLength();
        if (totalImageSizeOverride == null && total > 0xFFFF_FFFFL) {
            throw new IllegalStateException("image of " + total + " bytes does not fit TotalImageSize (u32)");
        }
        return new OtaHeader(headerVersion, headerLengthOverride != null ? headerLengthOverride : (int) headerLength,
                fc, manufacturerCode, imageType, fileVersion, zigbeeStackVersion, headerString,
                totalImageSizeOverride != null ? totalImageSizeOverride : total, securityCredentialVersion,
                upgradeFileDestination, minimumHardwareVersion, maximumHardwareVersion, extraHeaderBytes);
    }

    /** The file: prefix, header, extra header bytes, body, trailing bytes. */
    public byte[] build() {
        OtaHeader h = header();
        long size = prefix.length() + (long) h.knownFieldsLength() + extraHeaderBytes.length() + bodyLength()
                + trailing.length();
        if (size > Integer.MAX_VALUE - 8) {
            throw new IllegalStateException("file of " + size + " bytes is too large for an array");
        }
        byte[] out = new byte[(int) size];
        int p = 0;
        prefix.copyTo(out, p);
        p += prefix.length();
        p = putU32(out, p, OtaHeader.FILE_IDENTIFIER);
        p = putU16(out, p, h.headerVersion());
        p = putU16(out, p, h.headerLength());
        p = putU16(out, p, h.fieldControl());
        p = putU16(out, p, h.manufacturerCode());
        p = putU16(out, p, h.imageType());
        p = putU32(out, p, h.fileVersion());
        p = putU16(out, p, h.zigbeeStackVersion());
        h.headerString().copyTo(out, p);
        p += OtaHeader.HEADER_STRING_LENGTH;
        p = putU32(out, p, h.totalImageSize());
        if (h.securityCredentialVersion() != null) {
            out[p++] = (byte) (int) h.securityCredentialVersion();
        }
        if (h.upgradeFileDestination() != null) {
            long eui = h.upgradeFileDestination();
            p = putU32(out, p, eui & 0xFFFF_FFFFL);
            p = putU32(out, p, eui >>> 32);
        }
        if (h.minimumHardwareVersion() != null) {
            p = putU16(out, p, h.minimumHardwareVersion());
            p = putU16(out, p, h.maximumHardwareVersion());
        }
        extraHeaderBytes.copyTo(out, p);
        p += extraHeaderBytes.length();
        for (Part part : body) {
            if (part instanceof ElementPart e) {
                p = putU16(out, p, e.tag());
                p = putU32(out, p, e.declaredLength());
                e.telinkExtra().copyTo(out, p);
                p += e.telinkExtra().length();
                e.data().copyTo(out, p);
                p += e.data().length();
            } else if (part instanceof RawPart r) {
                r.bytes().copyTo(out, p);
                p += r.bytes().length();
            }
        }
        trailing.copyTo(out, p);
        return out;
    }

    /** {@link #build()} as an immutable byte string. */
    public Bytes buildBytes() {
        return Bytes.of(build());
    }

    private static int putU16(byte[] out, int p, int v) {
        out[p] = (byte) v;
        out[p + 1] = (byte) (v >>> 8);
        return p + 2;
    }

    private static int putU32(byte[] out, int p, long v) {
        putU16(out, p, (int) (v & 0xFFFF));
        putU16(out, p + 2, (int) ((v >>> 16) & 0xFFFF));
        return p + 4;
    }

    private static int u16(int v, String name) {
        if (v < 0 || v > 0xFFFF) {
            throw new IllegalArgumentException(name + " out of range 0..0xFFFF: " + v);
        }
        return v;
    }

    // ---- the other direction -----------------------------------------------------------------

    /**
     * A builder that writes the parsed file again, byte for byte: prefix, header fields, extra
     * header bytes, the complete elements of the chain (Telink form kept), the rest of the body as
     * raw bytes, trailing bytes; HeaderLength and TotalImageSize are overridden where they differ
     * from what the parts compute (malformed files).
     *
     * @throws IllegalArgumentException when the report has no header (no identifier, too short)
     */
    public static OtaImageBuilder from(OtaImageReport report) {
        OtaHeader h = report.header();
        if (h == null) {
            throw new IllegalArgumentException("no readable header: "
                    + (report.findings().isEmpty() ? "nothing to rebuild" : report.findings().get(0)));
        }
        FileContent f = report.file();
        long len = f.length();
        long idOff = report.identifierOffset();
        OtaImageBuilder b = new OtaImageBuilder().header(h).prefix(f.slice(0, idOff));
        int known = h.knownFieldsLength();
        if (known + h.extraHeaderBytes().length() != h.headerLength()) {
            b.headerLengthOverride(h.headerLength());
        }
        long pos = Math.min(idOff + Math.max(h.headerLength(), known), len);
        long bodyEnd = Math.max(pos, Math.min(report.imageEnd(), len));
        if (report.gbBody() != null && pos + report.gbBody().length() == bodyEnd) {
            b.gbBody(report.gbBody());
            pos = bodyEnd;
        } else {
            for (SubElement e : report.elements()) {
                if (!e.complete() || e.offset() != pos || e.end() > bodyEnd) {
                    break;
                }
                Bytes data = report.elementData(e);
                if (e.telinkExtra().isEmpty()) {
                    b.elementDeclaring(e.tag(), e.length(), data);
                } else {
                    b.body.add(new ElementPart(e.tag(), e.length(), e.telinkExtra(), data));
                }
                pos = e.end();
            }
        }
        if (pos < bodyEnd) {
            b.raw(f.slice(pos, bodyEnd));
        }
        b.trailing(f.slice(bodyEnd, len));
        long computed = known + (long) h.extraHeaderBytes().length() + b.bodyLength();
        if (computed != h.totalImageSize()) {
            b.totalImageSizeOverride(h.totalImageSize());
        }
        return b;
    }

    /**
     * The same as {@link #from(OtaImageReport)}; {@code file} must be the bytes the report was
     * parsed from.
     *
     * @throws IllegalArgumentException if it is not
     */
    public static OtaImageBuilder from(OtaImageReport report, byte[] file) {
        if (!Arrays.equals(report.file().array(), file)) {
            throw new IllegalArgumentException("the file is not the one the report was parsed from");
        }
        return from(report);
    }

    /**
     * {@code size} deterministic pseudo-random bytes for {@code seed} (a {@link SplittableRandom}
     * stream), for test payloads and the CLI's generated images.
     */
    public static Bytes generatedPayload(long seed, int size) {
        if (size < 0) {
            throw new IllegalArgumentException("size must not be negative: " + size);
        }
        byte[] b = new byte[size];
        new SplittableRandom(seed).nextBytes(b);
        return Bytes.of(b);
    }
}
