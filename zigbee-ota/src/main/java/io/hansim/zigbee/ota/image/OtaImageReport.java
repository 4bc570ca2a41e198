package io.hansim.zigbee.ota.image;

import io.hansim.zigbee.zcl.Bytes;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@link OtaImageParser} found in a file: the header, the sub-elements or GB body, and every
 * finding, located by absolute file offset. Serving or flashing is a separate decision that takes
 * the findings as input (corpora.md §3).
 *
 * @param fileLength       length of the whole file
 * @param identifierOffset offset of {@code 1E F1 EE 0B}: 0 normally, &gt; 0 when wrapped, -1 when absent
 * @param header           the header, or null when it cannot be read (no identifier, too short)
 * @param elements         the sub-elements in file order (empty for a GB body); the last may be
 *                         incomplete, see {@link SubElement#complete()}
 * @param findings         sorted by offset
 * @param gbBody           the GB body when the body was read in the GB form, else null
 * @param file             the file's bytes, for slicing element data and the image
 */
public record OtaImageReport(long fileLength, long identifierOffset, OtaHeader header, List<SubElement> elements,
                             List<Finding> findings, GbBody gbBody, FileContent file) {

    public OtaImageReport {
        elements = List.copyOf(elements);
        findings = List.copyOf(findings);
        Objects.requireNonNull(file, "file");
        if (fileLength != file.length()) {
            throw new IllegalArgumentException("fileLength " + fileLength + " differs from the file's " + file.length());
        }
        if (identifierOffset < -1 || identifierOffset >= Math.max(fileLength, 1)) {
            throw new IllegalArgumentException("identifierOffset out of range: " + identifierOffset);
        }
    }

    /** The same report with one more finding (for checks made after parsing, e.g. with a key). */
    public OtaImageReport withFinding(Finding extra) {
        java.util.List<Finding> all = new java.util.ArrayList<>(findings);
        all.add(extra);
        all.sort(java.util.Comparator.comparingLong(Finding::offset));
        return new OtaImageReport(fileLength, identifierOffset, header, elements, all, gbBody, file);
    }

    /** No ERROR finding. */
    public boolean ok() {
        return findings.stream().noneMatch(f -> f.severity() == Severity.ERROR);
    }

    /** The findings with this code. */
    public List<Finding> findings(FindingCode code) {
        return findings.stream().filter(f -> f.code() == code).toList();
    }

    public boolean has(FindingCode code) {
        return findings.stream().anyMatch(f -> f.code() == code);
    }

    /** The ERROR findings. */
    public List<Finding> errors() {
        return findings.stream().filter(f -> f.severity() == Severity.ERROR).toList();
    }

    /** Absolute offset just after the image proper (identifier offset + TotalImageSize), or -1 without header. */
    public long imageEnd() {
        return header == null ? -1 : identifierOffset + header.totalImageSize();
    }

    /**
     * True when the sub-element chain is complete and ends exactly at TotalImageSize (an empty
     * chain: the header ends there); false for GB bodies and files without header.
     */
    public boolean chainEndsAtTotalImageSize() {
        if (header == null || gbBody != null || imageEnd() > fileLength) {
            return false;
        }
        long end = identifierOffset + Math.max(header.headerLength(), header.knownFieldsLength());
        for (SubElement e : elements) {
            if (!e.complete() || e.offset() != end) {
                return false;
            }
            end = e.end();
        }
        return end == imageEnd();
    }

    /** The image proper: identifier offset .. + TotalImageSize, when the file holds all of it. */
    public Optional<Bytes> imageBytes() {
        if (header == null || imageEnd() > fileLength
                || header.totalImageSize() < Math.max(header.headerLength(), header.knownFieldsLength())) {
            return Optional.empty();
        }
        return Optional.of(file.slice(identifierOffset, imageEnd()));
    }

    /**
     * The check of each image integrity code (tag 0x0003), in file order; recomputes AES-MMO, the
     * same results the INTEGRITY_* findings summarise.
     */
    public List<IntegrityResult> integrity() {
        return IntegrityCodes.check(this);
    }

    /** The data of a complete element of this report. */
    public Bytes elementData(SubElement e) {
        if (!e.complete()) {
            throw new IllegalArgumentException("element " + e + " is incomplete: its data is not all in the file");
        }
        return file.slice(e.dataOffset(), e.end());
    }
}
