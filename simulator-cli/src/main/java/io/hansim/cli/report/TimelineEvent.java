package io.hansim.cli.report;

import java.util.Objects;

/**
 * Something that happened inside one device (not a frame), for the per-device timeline.
 *
 * @param atMicros virtual time, microseconds
 * @param deviceId the device
 * @param kind     a short class of event, e.g. "status", "activate", "fault", "storage"
 * @param text     what happened, for people
 */
public record TimelineEvent(long atMicros, String deviceId, String kind, String text) {
    public TimelineEvent {
        Objects.requireNonNull(deviceId, "deviceId");
        kind = kind == null ? "" : kind;
        text = text == null ? "" : text;
    }
}
