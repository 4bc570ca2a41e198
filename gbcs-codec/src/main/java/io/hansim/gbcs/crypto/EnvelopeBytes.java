package io.hansim.gbcs.crypto;

import io.hansim.gbcs.GbcsCodec;
import io.hansim.gbcs.GbcsMessage;
import java.util.Arrays;

/** The byte ranges of an encoded message that the MAC and the signature cover (gbcs.md §4.1, §4.2). */
final class EnvelopeBytes {
    private final byte[] wire;
    private final int dfOffset;
    private final int signatureStart;
    private final int signatureEnd;

    EnvelopeBytes(GbcsMessage m) {
        wire = GbcsCodec.encode(m);
        // The ciphered length counts everything after it, security header (5) first (gbcs.md §2.1).
        dfOffset = m.macHeader().map(h -> wire.length - h.cipheredLength() + 5).orElse(0);
        signatureEnd = wire.length - (m.mac().isPresent() ? GbcsMessage.MAC_SIZE : 0);
        signatureStart = signatureEnd - m.signature().encodedLength();
    }

    /** Every byte after the {@code DF} tag up to the end of the payload (gbcs.md §4.2). */
    byte[] signed() {
        return Arrays.copyOfRange(wire, dfOffset + 1, signatureStart);
    }

    /** Every byte from the {@code DF} tag to the end of the signature field (gbcs.md §4.1). */
    byte[] authenticated() {
        return Arrays.copyOfRange(wire, dfOffset, signatureEnd);
    }
}
