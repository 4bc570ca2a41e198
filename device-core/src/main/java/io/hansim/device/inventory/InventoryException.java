package io.hansim.device.inventory;

import java.util.Objects;

/** Thrown when the CPL or SMI refuses an operation; carries the typed {@link Refusal}. */
public final class InventoryException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final Refusal refusal;

    public InventoryException(Refusal refusal) {
        super(Objects.requireNonNull(refusal, "refusal").message());
        this.refusal = refusal;
    }

    public InventoryException(RefusalReason reason, String subject) {
        this(new Refusal(reason, subject));
    }

    public Refusal refusal() {
        return refusal;
    }

    public RefusalReason reason() {
        return refusal.reason();
    }
}
