package io.hansim.zigbee.ota.image;

import io.hansim.zigbee.zcl.Bytes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * Reads OTA upgrade files (zigbee-ota.md §7, §8) into an {@link OtaImageReport}: header,
 * sub-elements or GB body, and located findings. {@link #parse(byte[])} never throws for any byte
 * input; {@link #parseStrict(byte[])} throws {@link OtaImageException} when there is an ERROR.
 *
 * <p>The rules are those of corpora.md §3 "Derived rules" and the "hansim must" column of §4:
 * <ul>
 *   <li>The identifier belongs at offset 0. When it is not there the parser still searches for it,
 *       reports {@link FindingCode#PREFIX} and describes the image from the offset found.
 *   <li>HeaderLength is honoured: optional fields per field-control bits 0–2 (the destination is
 *       8 bytes), unknown header bytes kept and reported, elements read from HeaderLength.
 *   <li>Elements are walked from HeaderLength up to TotalImageSize and never past it; bytes after
 *       it are {@link FindingCode#TRAILING_BYTES}, never walked.
 *   <li>Lengths are never clamped and never used to allocate: an element that runs past
 *       TotalImageSize is {@link FindingCode#ELEMENT_OVERRUN} at its own offset. A file shorter
 *       than TotalImageSize is {@link FindingCode#TRUNCATED}.
 *   <li>Tag 0xF000 is ordinary unless the chain proves the Telink form ({@link TelinkMode}).
 *   <li>A GB raw body is recognised per {@link ImageFormat}.
 * </ul>
 */
public final class OtaImageParser {
    private static final byte[] IDENTIFIER = {0x1E, (byte) 0xF1, (byte) 0xEE, 0x0B};
    private static final HexFormat HEX = HexFormat.of();

    private OtaImageParser() {
    }

    /** Parses with {@link ParseOptions#defaults()}; never throws for any byte input. */
    public static OtaImageReport parse(byte[] file) {
        return parse(file, ParseOptions.defaults());
    }

    /** Parses {@code file} (copied once); never throws for any byte input. */
    public static OtaImageReport parse(byte[] file, ParseOptions options) {
        Objects.requireNonNull(file, "file");
        return parse(FileContent.copyOf(file), options);
    }

    /** Parses bytes already held in a {@link FileContent}, without copying them. */
    public static OtaImageReport parse(FileContent file, ParseOptions options) {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(options, "options");
        return new Run(file, options).run();
    }

    /**
     * Parses with default options and insists on a well-formed file.
     *
     * @throws OtaImageException naming the first ERROR finding's code and offset
     */
    public static OtaImageReport parseStrict(byte[] file) {
        return parseStrict(file, ParseOptions.defaults());
    }

    /**
     * Parses and insists on no ERROR finding.
     *
     * @throws OtaImageException naming the first ERROR finding's code and offset
     */
    public static OtaImageReport parseStrict(byte[] file, ParseOptions options) {
        OtaImageReport report = parse(file, options);
        if (!report.ok()) {
            throw new OtaImageException(report);
        }
        return report;
    }

    /** Offset of the first {@code 1E F1 EE 0B} in {@code data}, or -1. */
    public static int findIdentifier(byte[] data) {
        outer:
        for (int i = 0; i + IDENTIFIER.length <= data.length; i++) {
            for (int j = 0; j < IDENTIFIER.length; j++) {
                if (data[i + j] != IDENTIFIER[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /** One parse: the file, the options and the findings gathered so far. */
    private static final class Run {
        private final FileContent file;
        private final byte[] d;
        private final int len;
        private final ParseOptions options;
        private final List<Finding> findings = new ArrayList<>();

        Run(FileContent file, ParseOptions options) {
            this.file = file;
            this.d = file.array();
            this.len = d.length;
            this.options = options;
        }

        private void add(FindingCode code, long offset, String message) {
            add(code.defaultSeverity(), code, offset, message);
        }

        private void add(Severity severity, FindingCode code, long offset, String message) {
            findings.add(new Finding(severity, code, offset, message));
        }

        private int u8(long p) {
            return d[(int) p] & 0xFF;
        }

        private int u16(long p) {
            return u8(p) | u8(p + 1) << 8;
        }

        private long u32(long p) {
            return (u16(p) | (long) u16(p + 2) << 16);
        }

        private long u64(long p) {
            return u32(p) | u32(p + 4) << 32;
        }

        private OtaImageReport report(long idOff, OtaHeader header, List<SubElement> elements, GbBody gb) {
            // Stable sort: findings at the same offset keep the order they were found in.
            List<Finding> sorted = new ArrayList<>(findings);
            sorted.sort(Comparator.comparingLong(Finding::offset));
            return new OtaImageReport(len, idOff, header, elements, sorted, gb, file);
        }

        OtaImageReport run() {
            int idOff = findIdentifier(d);
            if (idOff < 0) {
                add(FindingCode.NO_IDENTIFIER, 0, "no upgrade file identifier 1E F1 EE 0B in " + len + " bytes");
                return report(-1, null, List.of(), null);
            }
            if (idOff > 0) {
                // corpora.md §3: IKEA signed containers (488), Legrand (4), a tar file (1536).
                add(options.unwrap() ? Severity.WARNING : Severity.ERROR, FindingCode.PREFIX, 0,
                        idOff + " bytes before the upgrade file identifier at offset " + idOff
                                + (options.unwrap() ? " (unwrapped)" : " (strict mode wants it at 0)"));
            }
            long avail = (long) len - idOff;
            if (avail < OtaHeader.BASE_LENGTH) {
                add(FindingCode.TOO_SHORT, len, "the header needs 56 bytes after the identifier at offset "
                        + idOff + ", the file has " + avail);
                return report(idOff, null, List.of(), null);
            }
            int fieldControl = u16(idOff + 8);
            int known = OtaHeader.knownFieldsLength(fieldControl);
            if (avail < known) {
                add(FindingCode.TOO_SHORT, len, "field control 0x" + hex4(fieldControl) + " announces a " + known
                        + "-byte header after the identifier at offset " + idOff + ", the file has " + avail);
                return report(idOff, null, List.of(), null);
            }
            OtaHeader header = readHeader(idOff, fieldControl, known);
            checkHeader(idOff, header, known);

            long headerEnd = idOff + (long) Math.max(header.headerLength(), known);
            long imageEnd = idOff + header.totalImageSize();
            if (header.totalImageSize() < Math.max(header.headerLength(), known)) {
                add(FindingCode.TOTAL_SIZE, idOff + 52L, "TotalImageSize " + header.totalImageSize()
                        + " is smaller than the " + Math.max(header.headerLength(), known) + "-byte header");
                return report(idOff, header, List.of(), null);
            }
            boolean truncated = imageEnd > len;
            if (truncated) {
                add(FindingCode.TRUNCATED, len, "file length " + len + ", expected " + imageEnd
                        + " (identifier offset " + idOff + " + TotalImageSize " + header.totalImageSize() + "): "
                        + (imageEnd - len) + " bytes missing");
            } else if (imageEnd < len) {
                add(FindingCode.TRAILING_BYTES, imageEnd, (len - imageEnd) + " bytes after TotalImageSize "
                        + header.totalImageSize() + " (image ends at offset " + imageEnd + ", file at " + len + ")");
            }
            if (headerEnd > len) {
                // The file ends inside the header padding: nothing to walk; TRUNCATED says why.
                return report(idOff, header, List.of(), null);
            }

            if (options.format() == ImageFormat.GB) {
                GbBody gb = truncated ? null : readGb(headerEnd, imageEnd);
                if (gb != null) {
                    add(FindingCode.GB_BODY, headerEnd, describeGb(gb) + " (GB form requested)");
                    checkFirmwareVersion(header, gb, headerEnd);
                }
                return report(idOff, header, List.of(), gb);
            }

            Walk walk;
            if (options.telink() == TelinkMode.ALWAYS) {
                walk = walk(headerEnd, imageEnd, true);
                if (walk.firstF000 >= 0) {
                    add(FindingCode.TELINK_F000, walk.firstF000, "tag 0xF000 read with 2 extra bytes after its length"
                            + " (Telink form requested)");
                }
            } else {
                walk = walk(headerEnd, imageEnd, false);
                if (walk.failed && options.telink() == TelinkMode.AUTO) {
                    // corpora.md §4: the Telink form only when the chain proves it.
                    Walk telink = walk(headerEnd, imageEnd, true);
                    if (!telink.failed && telink.end == imageEnd && telink.firstF000 >= 0) {
                        walk = telink;
                        SubElement first = walk.elements.stream().filter(e -> e.offset() == telink.firstF000)
                                .findFirst().orElseThrow();
                        add(FindingCode.TELINK_F000, walk.firstF000, "tag 0xF000 read with 2 extra bytes ("
                                + first.telinkExtra().hex() + ") after its length: the ordinary chain overruns"
                                + " TotalImageSize and the Telink reading ends exactly at it");
                    }
                }
            }
            if (walk.failed && options.format() == ImageFormat.AUTO) {
                // zigbee-ota.md §8: a GB body is not tag/length; recognised only when the chain
                // fails, so that every Zigbee file of the corpus reads as before, and only on
                // evidence in the bytes (decision 0014): the signed form by its tail, the SR 11.4
                // form by the header shape G.6 gives GB images.
                String evidence = hasGbTail(headerEnd, imageEnd)
                        ? "the element chain fails and the body ends with 00 40 + 64 bytes"
                        : !truncated && hasGbHeaderShape(header)
                        ? "the element chain fails, the body has no signature tail and the header has the GB"
                                + " shape of G.6 (HeaderLength 60, field control 0x0004: hardware range only)"
                        : null;
                if (evidence != null) {
                    findings.removeIf(f -> f.code() == FindingCode.TELINK_F000);
                    GbBody gb = readGb(headerEnd, imageEnd);
                    add(FindingCode.GB_BODY, headerEnd, describeGb(gb) + " (detected: " + evidence + ")");
                    checkFirmwareVersion(header, gb, headerEnd);
                    return report(idOff, header, List.of(), gb);
                }
            }
            findings.addAll(walk.findings);
            checkContents(idOff, walk.elements);
            return report(idOff, header, walk.elements, null);
        }

        /** FIRMWARE_VERSION_MISMATCH when the body's simulated firmware names another version than the header. */
        private void checkFirmwareVersion(OtaHeader header, GbBody gb, long offset) {
            if (gb == null || header == null) {
                return;
            }
            java.util.OptionalLong carried = SimulatedFirmware.version(gb.manufacturerImage());
            if (carried.isPresent() && carried.getAsLong() != header.fileVersion()) {
                add(FindingCode.FIRMWARE_VERSION_MISMATCH, offset, String.format("the header says File Version"
                        + " 0x%08X but the firmware in the Manufacturer Image is 0x%08X: a simulated device refuses"
                        + " it", header.fileVersion(), carried.getAsLong()));
            }
        }

        private OtaHeader readHeader(int idOff, int fieldControl, int known) {
            long p = idOff + 56L;
            Integer credential = null;
            Long destination = null;
            Integer minHw = null;
            Integer maxHw = null;
            // Optional fields in this order (zigbee-ota.md §7.1); the destination is 8 bytes, not
            // zsmartsystems' 16 (corpora.md §4).
            if ((fieldControl & OtaHeader.FC_SECURITY_CREDENTIAL) != 0) {
                credential = u8(p);
                p += 1;
            }
            if ((fieldControl & OtaHeader.FC_DESTINATION) != 0) {
                destination = u64(p);
                p += 8;
            }
            if ((fieldControl & OtaHeader.FC_HARDWARE_VERSIONS) != 0) {
                minHw = u16(p);
                maxHw = u16(p + 2);
            }
            int headerLength = u16(idOff + 6);
            Bytes extra = Bytes.EMPTY;
            if (headerLength > known) {
                long from = idOff + (long) known;
                long to = Math.min(idOff + (long) headerLength, len);
                extra = file.slice(from, to);
            }
            return new OtaHeader(u16(idOff + 4), headerLength, fieldControl, u16(idOff + 10), u16(idOff + 12),
                    u32(idOff + 14), u16(idOff + 18), file.slice(idOff + 20L, idOff + 52L), u32(idOff + 52),
                    credential, destination, minHw, maxHw, extra);
        }

        private void checkHeader(int idOff, OtaHeader h, int known) {
            if (h.headerVersion() != OtaHeader.HEADER_VERSION) {
                add(FindingCode.HEADER_VERSION, idOff + 4L, "header version 0x" + hex4(h.headerVersion())
                        + ", expected 0x0100");
            }
            if ((h.fieldControl() & ~OtaHeader.FC_KNOWN_BITS) != 0) {
                add(FindingCode.FIELD_CONTROL_RESERVED, idOff + 8L, "field control 0x" + hex4(h.fieldControl())
                        + " sets reserved bits 0x" + hex4(h.fieldControl() & ~OtaHeader.FC_KNOWN_BITS));
            }
            if (h.headerLength() < known) {
                add(FindingCode.HEADER_LENGTH, idOff + 6L, "HeaderLength " + h.headerLength() + " is less than the "
                        + known + " bytes field control 0x" + hex4(h.fieldControl()) + " announces;"
                        + " elements are read from offset " + (idOff + known));
            } else if (h.headerLength() > known) {
                add(FindingCode.HEADER_PADDING, idOff + (long) known, (h.headerLength() - known)
                        + " header bytes after the known fields (HeaderLength " + h.headerLength() + ", fields "
                        + known + "): kept, elements start at offset " + (idOff + h.headerLength()));
            }
            Bytes s = h.headerString();
            int bad = nonAsciiIndex(s);
            if (bad >= 0) {
                add(FindingCode.HEADER_STRING_NON_ASCII, idOff + 20L, "header string holds "
                        + (s.get(bad) == 0 ? "an embedded NUL" : "byte 0x" + HEX.toHexDigits((byte) s.get(bad)))
                        + " at index " + bad + ": \"" + h.headerStringDisplay() + "\"");
            }
            if (h.manufacturerCode() == 0xFFFF) {
                add(FindingCode.WILDCARD_MANUFACTURER, idOff + 10L,
                        "manufacturer code 0xFFFF (the wildcard) in a file header");
            }
        }

        /**
         * Index of the first byte that makes the header string binary: one of 0x80–0xFF, or a NUL
         * followed by a non-NUL (NUL padding is only trailing). Control characters below 0x20 are
         * ASCII and occur in clean files (a trailing newline, a leading length byte: corpora.md §3).
         */
        private static int nonAsciiIndex(Bytes s) {
            int firstNul = -1;
            for (int i = 0; i < s.length(); i++) {
                int b = s.get(i);
                if (b >= 0x80) {
                    return firstNul >= 0 ? firstNul : i;
                }
                if (b == 0) {
                    if (firstNul < 0) {
                        firstNul = i;
                    }
                } else if (firstNul >= 0) {
                    return firstNul;
                }
            }
            return -1;
        }

        /** The result of walking a sub-element chain. */
        private record Walk(List<SubElement> elements, List<Finding> findings, boolean failed, long end, long firstF000) {
        }

        /**
         * Walks tag/length elements from {@code start} up to {@code limit} (identifier offset +
         * TotalImageSize), never past it. {@code failed}: an element or its header runs past the
         * limit. A file that ends before the limit stops the walk without failing (TRUNCATED).
         */
        private Walk walk(long start, long limit, boolean telink) {
            List<SubElement> elements = new ArrayList<>();
            List<Finding> found = new ArrayList<>();
            long pos = start;
            long firstF000 = -1;
            boolean failed = false;
            while (pos < limit) {
                long room = limit - pos;   // bytes the image still declares
                long have = len - pos;     // bytes the file still holds (pos <= len throughout)
                int tag = have >= 2 ? u16(pos) : -1;
                int need = telink && tag == SubElement.TELINK_TAG ? 8 : SubElement.TAG_HEADER_LENGTH;
                if (room < need) {
                    found.add(new Finding(Severity.ERROR, FindingCode.ELEMENT_OVERRUN, pos, "an element header needs "
                            + need + " bytes, only " + room + " remain before TotalImageSize (offset " + limit + ")"));
                    failed = true;
                    break;
                }
                if (have < need) {
                    break; // the file is cut short: TRUNCATED already says so
                }
                long length = u32(pos + 2);
                Bytes extra = need == 8 ? file.slice(pos + 6, pos + 8) : Bytes.EMPTY;
                long end = pos + need + length;
                boolean complete = end <= limit && end <= len;
                elements.add(new SubElement(tag, pos, length, extra, complete));
                if (tag == SubElement.TELINK_TAG && firstF000 < 0) {
                    firstF000 = pos;
                }
                if (SubElement.isReserved(tag)) {
                    found.add(new Finding(Severity.WARNING, FindingCode.RESERVED_TAG, pos,
                            "tag 0x" + hex4(tag) + " is in the reserved range 0x0007-0xEFFF"));
                }
                if (end > limit) {
                    found.add(new Finding(Severity.ERROR, FindingCode.ELEMENT_OVERRUN, pos, "tag 0x" + hex4(tag)
                            + " declares " + length + " data bytes ending at offset " + end + ", past TotalImageSize"
                            + " (offset " + limit + ")" + (end > len ? " and the file (" + len + " bytes)" : "")));
                    failed = true;
                    break;
                }
                if (end > len) {
                    break; // cut by the end of a truncated file
                }
                int required = SubElement.requiredLength(tag);
                if (required >= 0 && length != required) {
                    found.add(new Finding(Severity.ERROR, FindingCode.ELEMENT_SIZE, pos, "tag 0x" + hex4(tag) + " ("
                            + SubElement.tagName(tag) + ") must hold " + required + " bytes, holds " + length));
                }
                pos = end;
            }
            return new Walk(elements, found, failed, pos, firstF000);
        }

        /**
         * True when the header is the one GB images have (requirements G.6, the DUIS 11.1 and 11.4
         * samples of zigbee-ota.md §8): 60 bytes, and field control 0x0004, the hardware range GB
         * asks for (R7.6) and no other option. No Zigbee file of the corpus with a broken element
         * chain has it.
         */
        private static boolean hasGbHeaderShape(OtaHeader h) {
            return h.headerLength() == OtaHeader.BASE_LENGTH + 4
                    && h.fieldControl() == OtaHeader.FC_HARDWARE_VERSIONS;
        }

        /** True when the body ends with {@code 00 40} + 64 bytes (zigbee-ota.md §8). */
        private boolean hasGbTail(long bodyStart, long bodyEnd) {
            return bodyEnd <= len && bodyEnd - bodyStart >= GbBody.TAIL_LENGTH
                    && u8(bodyEnd - GbBody.TAIL_LENGTH) == 0x00
                    && u8(bodyEnd - GbBody.TAIL_LENGTH + 1) == GbBody.SIGNATURE_LENGTH_BYTE;
        }

        private GbBody readGb(long bodyStart, long bodyEnd) {
            if (hasGbTail(bodyStart, bodyEnd)) {
                long sig = bodyEnd - GbBody.SIGNATURE_LENGTH;
                return new GbBody(file.slice(bodyStart, bodyEnd - GbBody.TAIL_LENGTH), file.slice(sig, bodyEnd),
                        u8(bodyEnd - GbBody.TAIL_LENGTH));
            }
            return GbBody.unsigned(file.slice(bodyStart, bodyEnd));
        }

        private static String describeGb(GbBody gb) {
            return gb.form().label() + ": Manufacturer Image of " + gb.manufacturerImage().length() + " bytes"
                    + (gb.hasSignature() ? ", flag 0x" + HEX.toHexDigits((byte) (int) gb.flag())
                    + ", 64-byte ECDSA P-256 signature (not verified)" : ", no signature tail");
        }

        /** Integrity codes and SE signatures of the complete elements (INFO findings). */
        private void checkContents(long idOff, List<SubElement> elements) {
            for (SubElement e : elements) {
                switch (e.tag()) {
                    case SubElement.IMAGE_INTEGRITY_CODE -> {
                        IntegrityResult r = IntegrityCodes.check(file, idOff, e);
                        FindingCode code = switch (r.outcome()) {
                            case VERIFIED -> FindingCode.INTEGRITY_VERIFIED;
                            case MISMATCH -> FindingCode.INTEGRITY_MISMATCH;
                            case UNVERIFIABLE -> FindingCode.INTEGRITY_UNVERIFIABLE;
                        };
                        add(code, e.offset(), "image integrity code " + r.label() + ": " + r.reason());
                    }
                    case SubElement.ECDSA_SIGNATURE_SUITE_1, SubElement.ECDSA_SIGNATURE_SUITE_2 -> {
                        if (e.complete() && e.length() == SubElement.requiredLength(e.tag())) {
                            // The signer IEEE address is little-endian in the element (zigbee-ota.md §7.3).
                            StringBuilder eui = new StringBuilder(16);
                            for (int i = 7; i >= 0; i--) {
                                eui.append(HEX.toHexDigits((byte) u8(e.dataOffset() + i)));
                            }
                            add(FindingCode.SIGNATURE_NOT_VERIFIED, e.offset(), "crypto suite "
                                    + (e.tag() == SubElement.ECDSA_SIGNATURE_SUITE_1 ? "1 (sect163k1)" : "2 (sect283k1)")
                                    + " signature by signer " + eui + ": present, not verified");
                        }
                    }
                    default -> {
                    }
                }
            }
        }
    }

    private static String hex4(int v) {
        return String.format("%04X", v);
    }
}
