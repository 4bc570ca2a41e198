package io.hansim.device.cot;

import java.util.Objects;

/**
 * One item of occupier data: a consumption figure, a supplier message, a top-up, a debt-recovery
 * step. {@code recordedAtUtc} is ZCL UTCTime (seconds since 2000-01-01) and decides whose data it
 * is: dated before a handled CoT it belongs to the previous occupier (R56.3, R56.5).
 *
 * @param kind          which store it lives in
 * @param recordedAtUtc when it was recorded, UTCTime seconds, 0..0xFFFFFFFE (0xFFFFFFFF is "invalid")
 * @param description   what it is, as a display would show it (e.g. "2024-03-01 import")
 * @param value         its figure (Wh, pence, a message id) — meaning depends on the kind
 */
public record OccupierRecord(OccupierDataKind kind, long recordedAtUtc, String description, long value) {
    public OccupierRecord {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(description, "description");
        if (recordedAtUtc < 0 || recordedAtUtc >= Utc.INVALID) {
            throw new IllegalArgumentException("recordedAtUtc " + recordedAtUtc + " is not a valid UTCTime");
        }
    }
}
