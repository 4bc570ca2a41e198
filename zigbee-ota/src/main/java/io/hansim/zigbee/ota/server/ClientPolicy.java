package io.hansim.zigbee.ota.server;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The per-device settings the host hands the server with {@link ServerEvent.RegisterClient}, each
 * overriding the server's own (zigbee-ota.md §9 #2 per-link block cap, #9 and #24 per-device
 * timeouts, R7.5 activation for an HCALCS). An empty optional means "the server's setting". A
 * client that was never registered has {@link #DEFAULT}. Whether a client is offered images at all
 * is not here: the server asks the host's {@link OfferPolicy}.
 *
 * @param blockSizeCap      most image bytes in one Image Block Response to this client, 1..255
 * @param stallTimeout      how long a download may go without a request from this client
 * @param endRequestTimeout how long to wait for the Upgrade End Request after the last byte
 * @param activation        when this client is told to apply an image
 */
public record ClientPolicy(OptionalInt blockSizeCap, Optional<Duration> stallTimeout,
        Optional<Duration> endRequestTimeout, Optional<ActivationPolicy> activation) {

    /** Every setting the server's. */
    public static final ClientPolicy DEFAULT = new ClientPolicy(OptionalInt.empty(), Optional.empty(),
            Optional.empty(), Optional.empty());

    public ClientPolicy {
        Objects.requireNonNull(blockSizeCap, "blockSizeCap");
        Objects.requireNonNull(stallTimeout, "stallTimeout");
        Objects.requireNonNull(endRequestTimeout, "endRequestTimeout");
        Objects.requireNonNull(activation, "activation");
        if (blockSizeCap.isPresent() && (blockSizeCap.getAsInt() < 1 || blockSizeCap.getAsInt() > 255)) {
            throw new IllegalArgumentException("blockSizeCap must be 1..255: " + blockSizeCap.getAsInt());
        }
        stallTimeout.ifPresent(d -> OtaServerConfig.positive("stallTimeout", d));
        endRequestTimeout.ifPresent(d -> OtaServerConfig.positive("endRequestTimeout", d));
    }

    public ClientPolicy withBlockSizeCap(int cap) {
        return new ClientPolicy(OptionalInt.of(cap), stallTimeout, endRequestTimeout, activation);
    }

    public ClientPolicy withStallTimeout(Duration d) {
        return new ClientPolicy(blockSizeCap, Optional.of(d), endRequestTimeout, activation);
    }

    public ClientPolicy withEndRequestTimeout(Duration d) {
        return new ClientPolicy(blockSizeCap, stallTimeout, Optional.of(d), activation);
    }

    public ClientPolicy withActivation(ActivationPolicy policy) {
        return new ClientPolicy(blockSizeCap, stallTimeout, endRequestTimeout, Optional.of(policy));
    }
}
