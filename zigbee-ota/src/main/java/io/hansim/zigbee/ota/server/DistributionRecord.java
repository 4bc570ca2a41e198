package io.hansim.zigbee.ota.server;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What the server keeps of one client across its own restart: the part of its state that a CH holds
 * in non-volatile storage (requirements R7.4, R7.5, R7.8, R7.10). The server hands the host a new
 * record in {@link ServerAction.PersistDistribution} whenever it changes (a handful of times per
 * distribution, never per block); after a restart the host gives it back in
 * {@link ServerEvent.RestoreClient}, so that the new server instance
 *
 * <ul>
 *   <li>serves a distribution that was open from the client's resumed block requests, without a
 *       second download;
 *   <li>reads back a client whose download had ended but whose read-back had not, so that the
 *       activation is still reported (R7.10);
 *   <li>answers a repeated Upgrade End Request SUCCESS for the image it delivered with an Upgrade
 *       End Response (zigbee-ota.md §5.2), not ABORT: a client that lost power between download and
 *       activation holds the verified image in its flash and asks again after boot;
 *   <li>does not offer again an image whose distribution to this client ended, until the CH
 *       application opens a new one ({@link ServerEvent.Distribute}).
 * </ul>
 *
 * @param client    the client's EUI-64
 * @param open      the distribution in progress, empty when the client is IDLE
 * @param delivered the last distribution that ended after its image was delivered (every byte
 *                  served, or Upgrade End Request SUCCESS received): an Upgrade End Request SUCCESS
 *                  for its image is answered with an Upgrade End Response
 * @param ended     images whose distribution to this client ended, oldest first: not offered to it
 *                  again until {@link ServerEvent.Distribute}
 */
public record DistributionRecord(long client, Optional<Distribution> open, Optional<Distribution> delivered,
        List<ImageKey> ended) {

    public DistributionRecord {
        Objects.requireNonNull(open, "open");
        Objects.requireNonNull(delivered, "delivered");
        ended = List.copyOf(ended);
    }

    /** A record with nothing to remember. */
    public static DistributionRecord empty(long client) {
        return new DistributionRecord(client, Optional.empty(), Optional.empty(), List.of());
    }

    /**
     * One distribution of an image to the client.
     *
     * @param image           the image
     * @param imageSize       its size in bytes
     * @param servedInFull    whether every byte of it was served to the client
     * @param outcomeReported whether its CCS08 outcome ({@link ServerAction.TransferOutcome}) was reported
     * @param activation      the activation policy of the Upgrade End Response sent, empty while the
     *                        client has not ended the download with Upgrade End Request SUCCESS
     * @param activationAt    virtual time (µs) at which the client was told to apply the image; −1
     *                        while a {@link ActivationPolicy.WaitForCommand} client still waits for
     *                        {@link ServerEvent.ActivateNow}
     * @param activationUtc   the UpgradeTime (UTCTime) of an {@link ActivationPolicy.AtUtcTime} policy
     */
    public record Distribution(ImageKey image, long imageSize, boolean servedInFull, boolean outcomeReported,
            Optional<ActivationPolicy> activation, long activationAt, long activationUtc) {

        public Distribution {
            Objects.requireNonNull(image, "image");
            Objects.requireNonNull(activation, "activation");
            if (imageSize < 0) {
                throw new IllegalArgumentException("imageSize must not be negative: " + imageSize);
            }
        }

        /** Whether the client ended the download with Upgrade End Request SUCCESS and was told when to apply it. */
        public boolean downloaded() {
            return activation.isPresent();
        }

        /** Whether the client may hold the whole image: downloaded, or every byte served. */
        public boolean delivered() {
            return servedInFull || downloaded();
        }
    }
}
