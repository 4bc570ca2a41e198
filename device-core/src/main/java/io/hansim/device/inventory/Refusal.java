package io.hansim.device.inventory;

import java.util.Objects;

/**
 * A refusal as a value: the reason and what it is about (a CPL row, a device's EUI-64, ...).
 *
 * @param reason why
 * @param subject what was refused, for the message
 */
public record Refusal(RefusalReason reason, String subject) {

    public Refusal {
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(subject, "subject");
    }

    /** {@code subject: description (REASON)}. */
    public String message() {
        return subject + ": " + reason.description() + " (" + reason + ")";
    }

    @Override
    public String toString() {
        return message();
    }
}
