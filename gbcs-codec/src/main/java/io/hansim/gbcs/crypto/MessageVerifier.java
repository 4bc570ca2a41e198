package io.hansim.gbcs.crypto;

import io.hansim.gbcs.GbcsCodec;
import io.hansim.gbcs.GbcsMessage;

/**
 * Checks both protections of a message (gbcs.md §4.1, §4.2) and reports them as values.
 *
 * @param acb the Access Control Broker whose KA key MACs every command (gbcs.md §4.1)
 */
public record MessageVerifier(long acb) {

    /** Both verdicts for one message. */
    public record Result(Verdict mac, Verdict signature) {}

    /** A verifier for the DCC Reference Test Data Set (ACB {@code 90B3D51F30000002}). */
    public static MessageVerifier rtds() {
        return new MessageVerifier(GbcsMac.RTDS_ACB);
    }

    public Result verify(GbcsMessage m, KeyResolver keys) {
        return new Result(GbcsMac.verify(m, acb, keys), GbcsSignature.verify(m, keys));
    }

    /** Decodes then verifies; a malformed envelope throws {@link io.hansim.gbcs.GbcsDecodeException}. */
    public Result verify(byte[] wire, KeyResolver keys) {
        return verify(GbcsCodec.decode(wire), keys);
    }
}
