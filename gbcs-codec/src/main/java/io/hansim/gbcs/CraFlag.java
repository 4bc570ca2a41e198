package io.hansim.gbcs;

/**
 * The CRA flag, the first byte of the transaction id after its length (gbcs.md §2.2). Value 4 occurs
 * only inside key derivation for encrypted parts (gbcs.md §2.2, §4.3), never on the wire, so it is
 * not accepted here.
 */
public enum CraFlag {
    COMMAND(1),
    RESPONSE(2),
    ALERT(3);

    private final int code;

    CraFlag(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    /** The flag with this code, or {@code null} when the code is not a wire CRA flag. */
    public static CraFlag ofCode(int code) {
        for (CraFlag f : values()) {
            if (f.code == code) {
                return f;
            }
        }
        return null;
    }
}
