package io.hansim.zigbee.ota.image;

import java.util.Objects;

/**
 * One located observation about an OTA file.
 *
 * @param severity how much it matters
 * @param code     what it is
 * @param offset   absolute file offset of the field or bytes concerned; the file length when the
 *                 point is "the bytes ran out here" ({@link FindingCode#TRUNCATED},
 *                 {@link FindingCode#TOO_SHORT})
 * @param message  one line for a human, with the numbers that matter (lengths, tags, offsets)
 */
public record Finding(Severity severity, FindingCode code, long offset, String message) {
    public Finding {
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(message, "message");
        if (offset < 0) {
            throw new IllegalArgumentException("offset must not be negative: " + offset);
        }
    }

    @Override
    public String toString() {
        return severity + " " + code + " @" + offset + ": " + message;
    }
}
