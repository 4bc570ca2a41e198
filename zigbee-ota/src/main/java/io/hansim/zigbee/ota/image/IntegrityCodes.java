package io.hansim.zigbee.ota.image;

import io.hansim.zigbee.zcl.Bytes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Checks image integrity codes (tag 0x0003): AES-MMO over the image from the identifier up to the
 * element, under each {@link IntegrityRule} (corpora.md §3). A match under either rule is
 * "verified (rule)"; a code that matches neither is a "mismatch"; a code that is cut off or has the
 * wrong size is "unverifiable". Rejecting is left to a policy.
 */
public final class IntegrityCodes {
    private IntegrityCodes() {
    }

    /** One result per 0x0003 element of the report, in file order. */
    public static List<IntegrityResult> check(OtaImageReport report) {
        List<IntegrityResult> results = new ArrayList<>();
        if (report.identifierOffset() < 0) {
            return results;
        }
        for (SubElement e : report.elements()) {
            if (e.tag() == SubElement.IMAGE_INTEGRITY_CODE) {
                results.add(check(report.file(), report.identifierOffset(), e));
            }
        }
        return results;
    }

    /** Checks one 0x0003 element of {@code file}, whose image starts at {@code imageStart}. */
    public static IntegrityResult check(FileContent file, long imageStart, SubElement e) {
        if (e.tag() != SubElement.IMAGE_INTEGRITY_CODE) {
            throw new IllegalArgumentException("not an image integrity code element: " + e);
        }
        if (!e.complete()) {
            return new IntegrityResult(e.offset(), IntegrityResult.Outcome.UNVERIFIABLE, null, null,
                    "the code is not all in the image");
        }
        if (e.length() != AesMmo.LENGTH) {
            return new IntegrityResult(e.offset(), IntegrityResult.Outcome.UNVERIFIABLE, null, null,
                    "the code is " + e.length() + " bytes, AES-MMO gives 16");
        }
        byte[] d = file.array();
        Bytes code = file.slice(e.dataOffset(), e.end());
        byte[] expected = code.toArray();
        try {
            for (IntegrityRule rule : IntegrityRule.values()) {
                long to = rule == IntegrityRule.BEFORE_ELEMENT ? e.offset() : e.dataOffset();
                if (Arrays.equals(expected, AesMmo.hash(d, (int) imageStart, (int) to))) {
                    return new IntegrityResult(e.offset(), IntegrityResult.Outcome.VERIFIED, rule, code,
                            "AES-MMO of offsets " + imageStart + ".." + to + " equals the code");
                }
            }
        } catch (IllegalArgumentException tooLong) {
            return new IntegrityResult(e.offset(), IntegrityResult.Outcome.UNVERIFIABLE, null, code, tooLong.getMessage());
        }
        return new IntegrityResult(e.offset(), IntegrityResult.Outcome.MISMATCH, null, code,
                "AES-MMO matches neither rule (bytes before the tag, or before the code)");
    }
}
