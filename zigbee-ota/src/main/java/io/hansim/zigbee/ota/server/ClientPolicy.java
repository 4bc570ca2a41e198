package io.hansim.zigbee.ota.server;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What the CH knows about one OTA client, handed to the server with
 * {@link ServerEvent.RegisterClient}: its device class (for the IHD exclusion of requirements
 * R7.2) and per-device settings that override the server's (zigbee-ota.md §9 #2 per-link block
 * cap, #9 and #24 per-device timeouts, R7.5 activation for an HCALCS). An empty optional means "the
 * server's setting". A client that was never registered has {@link #DEFAULT}.
 *
 * @param deviceClass       what the device is
 * @param blockSizeCap      most image bytes in one Image Block Response to this client, 1..255
 * @param stallTimeout      how long a download may go without a request from this client
 * @param endRequestTimeout how long to wait for the Upgrade End Request after the last byte
 * @param activation        when this client is told to apply an image
 * @param excluded          the CH application excludes this client from OTA whatever its class,
 *                          as {@link OtaServerConfig#excludedDeviceClasses()} excludes an IHD (R7.2):
 *                          a PPMID to which MP202 gives no OTA by this route (R202.4) is never
 *                          notified and its queries are answered NO_IMAGE_AVAILABLE, even when an
 *                          image for its identity is staged for another device
 */
public record ClientPolicy(DeviceClass deviceClass, OptionalInt blockSizeCap, Optional<Duration> stallTimeout,
        Optional<Duration> endRequestTimeout, Optional<ActivationPolicy> activation, boolean excluded) {

    /** An unregistered client: class OTHER, every setting the server's. */
    public static final ClientPolicy DEFAULT = of(DeviceClass.OTHER);

    public ClientPolicy {
        Objects.requireNonNull(deviceClass, "deviceClass");
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

    /** A client that is not excluded by the CH application. */
    public ClientPolicy(DeviceClass deviceClass, OptionalInt blockSizeCap, Optional<Duration> stallTimeout,
            Optional<Duration> endRequestTimeout, Optional<ActivationPolicy> activation) {
        this(deviceClass, blockSizeCap, stallTimeout, endRequestTimeout, activation, false);
    }

    /** A client of this class with the server's settings. */
    public static ClientPolicy of(DeviceClass deviceClass) {
        return new ClientPolicy(deviceClass, OptionalInt.empty(), Optional.empty(), Optional.empty(),
                Optional.empty());
    }

    /** This client, excluded from OTA by the CH application (R202.4) or not. */
    public ClientPolicy withExcluded(boolean value) {
        return new ClientPolicy(deviceClass, blockSizeCap, stallTimeout, endRequestTimeout, activation, value);
    }

    public ClientPolicy withBlockSizeCap(int cap) {
        return new ClientPolicy(deviceClass, OptionalInt.of(cap), stallTimeout, endRequestTimeout, activation, excluded);
    }

    public ClientPolicy withStallTimeout(Duration d) {
        return new ClientPolicy(deviceClass, blockSizeCap, Optional.of(d), endRequestTimeout, activation, excluded);
    }

    public ClientPolicy withEndRequestTimeout(Duration d) {
        return new ClientPolicy(deviceClass, blockSizeCap, stallTimeout, Optional.of(d), activation, excluded);
    }

    public ClientPolicy withActivation(ActivationPolicy policy) {
        return new ClientPolicy(deviceClass, blockSizeCap, stallTimeout, endRequestTimeout, Optional.of(policy), excluded);
    }
}
