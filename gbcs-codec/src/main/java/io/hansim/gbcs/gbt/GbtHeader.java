package io.hansim.gbcs.gbt;

import io.hansim.gbcs.CraFlag;
import java.util.Objects;

/**
 * The transaction fields every block of one General Block Transfer repeats (gbcs.md §7): CRA flag and
 * Originator Counter (the general-ciphering transaction id), originator and recipient system titles,
 * the Message Code (other-information), and the security header (security control, invocation
 * counter). The security-control value GBT uses is (unconfirmed) in gbcs.md §7.
 */
public record GbtHeader(CraFlag cra, long originatorCounter, long originator, long recipient, int messageCode,
        int securityControl, long invocationCounter) {

    public GbtHeader {
        Objects.requireNonNull(cra, "cra");
        if (messageCode < 0 || messageCode > 0xFFFF || securityControl < 0 || securityControl > 0xFF
                || invocationCounter < 0 || invocationCounter > 0xFFFFFFFFL) {
            throw new IllegalArgumentException("GBT header field out of range");
        }
    }
}
