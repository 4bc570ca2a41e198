package io.hansim.device.gbcs;

import io.hansim.gbcs.CosemDateTime;
import io.hansim.gbcs.CraFlag;
import io.hansim.gbcs.GbcsCodec;
import io.hansim.gbcs.OtherInformation;
import io.hansim.gbcs.crypto.KeyResolver;
import io.hansim.gbcs.crypto.MessageBuilder;
import io.hansim.gbcs.usecase.UseCaseRecord;
import java.time.Instant;

/**
 * The simulated parties' view of {@link MessageBuilder}: a critical message (per the message-code
 * registry) is signed by its originator's DS key with RFC 6979 nonces, so the same seed gives the
 * same bytes; a device's signed response or alert carries a date-time and no MAC, as the RTDS ones
 * do; everything else on air is MAC'd with the KA keys gbcs.md §4.1 names.
 */
final class GbcsSealer {
    private final long acb;
    private final KeyResolver keys;
    private final MessageBuilder builder;

    GbcsSealer(long acb, KeyResolver keys) {
        this.acb = acb;
        this.keys = keys;
        // Commands come only from remote parties here, so no entity is a device for the MAC key pair.
        this.builder = new MessageBuilder(keys, acb, id -> false);
    }

    long acb() {
        return acb;
    }

    KeyResolver keys() {
        return keys;
    }

    /** A command from a remote party: MAC'd with the ACB's key, signed when critical. */
    byte[] command(long counter, long originator, long recipient, OtherInformation other, UseCaseRecord body) {
        return GbcsCodec.encode(builder.build(
                MessageBuilder.Header.onAir(CraFlag.COMMAND, counter, originator, recipient, other), body));
    }

    /** A response or an alert from a device entity: signed with a date-time when critical, else MAC'd. */
    byte[] fromDevice(CraFlag cra, long counter, long originator, long recipient, OtherInformation other,
            UseCaseRecord body, Instant now) {
        MessageBuilder.Header h = MessageBuilder.Header.onAir(cra, counter, originator, recipient, other);
        if (h.signed()) {
            h = h.withDateTime(CosemDateTime.of(now));
        }
        return GbcsCodec.encode(builder.build(h, body));
    }

    /**
     * A device's alert as the RTDS Firmware Distribution Receipt Alerts have it (0x00CE, 0x00CF): signed
     * when critical, but with no date-time in the grouping header (the time is in the payload).
     */
    byte[] alertWithoutDateTime(long counter, long originator, long recipient, OtherInformation other,
            UseCaseRecord body) {
        return GbcsCodec.encode(builder.build(
                MessageBuilder.Header.onAir(CraFlag.ALERT, counter, originator, recipient, other), body));
    }
}
