package io.hansim.gbcs.crypto;

import java.nio.file.Path;

/**
 * A key file that is there but is not a usable GBCS key: not ASCII PEM, no block of the expected
 * label, not base64, not DER the JDK reads, or not on the curve GBCS uses (P-256, GBCS 4.3.2).
 * Bad input, not a defect: a caller reports it naming {@link #file()}.
 */
public final class UnreadableKeyException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final transient Path file;

    public UnreadableKeyException(Path file, String reason, Throwable cause) {
        super(file + ": " + reason, cause);
        this.file = file;
    }

    /** The file that could not be used. */
    public Path file() {
        return file;
    }
}
