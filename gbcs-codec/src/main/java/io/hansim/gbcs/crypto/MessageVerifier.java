package io.hansim.gbcs.crypto;

import io.hansim.gbcs.GbcsCodec;
import io.hansim.gbcs.GbcsMessage;
import java.util.function.LongPredicate;

/**
 * Checks both protections of a message (gbcs.md §4.1, §4.2) and reports them as values.
 *
 * @param acb the Access Control Broker whose KA key MACs every remote-party command (gbcs.md §4.1)
 * @param isDevice which entities are devices: a command a device originates is MAC'd with the two
 *     devices' keys, not the ACB's (see {@link GbcsMac#parties})
 */
public record MessageVerifier(long acb, LongPredicate isDevice) {

    /** Both verdicts for one message. */
    public record Result(Verdict mac, Verdict signature) {}

    /** Device IDs of the DCC Reference Test Data Set start with {@code 00DB12345678} (gbcs.md §10). */
    private static final long RTDS_DEVICE_PREFIX = 0x00DB12345678L;

    /** A verifier for the DCC Reference Test Data Set (ACB {@code 90B3D51F30000002}). */
    public static MessageVerifier rtds() {
        return new MessageVerifier(GbcsMac.RTDS_ACB, id -> (id >>> 16) == RTDS_DEVICE_PREFIX);
    }

    /** A verifier for a network whose only device-originated commands are none: every command is ACB-MAC'd. */
    public static MessageVerifier withAcb(long acb) {
        return new MessageVerifier(acb, id -> false);
    }

    public Result verify(GbcsMessage m, KeyResolver keys) {
        return new Result(GbcsMac.verify(m, acb, isDevice, keys), GbcsSignature.verify(m, keys));
    }

    /** Decodes then verifies; a malformed envelope throws {@link io.hansim.gbcs.GbcsDecodeException}. */
    public Result verify(byte[] wire, KeyResolver keys) {
        GbcsMessage m = GbcsCodec.decode(wire);
        // The MAC is checked over the received bytes, not a re-encoding of them (issue 8).
        Verdict mac = m.mac().isEmpty() ? Verdict.ABSENT
                : GbcsMac.key(m.groupingHeader(), acb, isDevice, keys).map(k -> GbcsMac.verify(wire, m, k))
                        .orElse(Verdict.UNVERIFIABLE);
        return new Result(mac, GbcsSignature.verify(m, keys));
    }
}
