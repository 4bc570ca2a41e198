package io.hansim.zigbee.ota.image;

import io.hansim.zigbee.zcl.Bytes;
import java.util.Objects;

/**
 * The check of one image integrity code (tag 0x0003) against AES-MMO (zigbee-ota.md §7.4).
 *
 * @param elementOffset file offset of the 0x0003 tag
 * @param outcome       verified, mismatch or unverifiable
 * @param rule          the coverage rule that matched, or null unless verified
 * @param code          the 16 bytes in the file, or null when they are not all there
 * @param reason        why, for a human
 */
public record IntegrityResult(long elementOffset, Outcome outcome, IntegrityRule rule, Bytes code, String reason) {

    public enum Outcome {
        VERIFIED,
        MISMATCH,
        UNVERIFIABLE
    }

    public IntegrityResult {
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(reason, "reason");
        if ((rule != null) != (outcome == Outcome.VERIFIED)) {
            throw new IllegalArgumentException("a rule goes with VERIFIED and only with it");
        }
    }

    /** {@code verified (BEFORE_ELEMENT)}, {@code mismatch}, {@code unverifiable}. */
    public String label() {
        return switch (outcome) {
            case VERIFIED -> "verified (" + rule + ")";
            case MISMATCH -> "mismatch";
            case UNVERIFIABLE -> "unverifiable";
        };
    }
}
