package io.hansim.zigbee.ota.server;

/**
 * Why the server did not do what the CH application asked (reported with
 * {@link ServerAction.CommandRefused}). Each reason is a record with the numbers that matter, and
 * {@link #message()} says it in one line.
 */
public sealed interface Refusal {

    /** One line for a human, with the numbers. */
    String message();

    /**
     * The image alone is larger than the whole buffer (R7.9: "refused at staging with a typed
     * error naming both sizes").
     */
    record ImageTooLarge(ImageKey image, long imageSize, long capacityBytes) implements Refusal {
        @Override
        public String message() {
            return "image " + image + " is " + imageSize + " bytes; the CH image buffer holds " + capacityBytes;
        }
    }

    /** The image would fit an empty buffer but not beside those held, and the policy is REFUSE (R7.7). */
    record BufferFull(ImageKey image, long imageSize, long freeBytes, long capacityBytes, int imagesHeld,
            int maxImages) implements Refusal {
        @Override
        public String message() {
            return "image " + image + " is " + imageSize + " bytes; the CH image buffer has " + freeBytes
                    + " of " + capacityBytes + " bytes free and holds " + imagesHeld + " of " + maxImages + " images";
        }
    }

    /** An image with the same ManufacturerCode, ImageType and FileVersion is already staged. */
    record AlreadyStaged(ImageKey image) implements Refusal {
        @Override
        public String message() {
            return "image " + image + " is already staged";
        }
    }

    /** No staged image has this identity. */
    record UnknownImage(ImageKey image) implements Refusal {
        @Override
        public String message() {
            return "no image " + image + " is staged";
        }
    }

    /** The bytes said to have arrived are fewer than before, negative or more than the image. */
    record InvalidArrival(ImageKey image, long availableBytes, long previousBytes, long imageSize)
            implements Refusal {
        @Override
        public String message() {
            return "image " + image + ": " + availableBytes + " bytes arrived is not within " + previousBytes
                    + ".." + imageSize;
        }
    }

    /**
     * The host's {@link OfferPolicy} refuses the client: it is not offered images.
     *
     * @param reason the policy's one-line reason
     */
    record ClientExcluded(long client, String reason) implements Refusal {
        public ClientExcluded {
            java.util.Objects.requireNonNull(reason, "reason");
        }

        @Override
        public String message() {
            return reason;
        }
    }

    /** QueryJitter outside 1..100 (zigbee-ota.md §5.5, §9 #18). */
    record InvalidQueryJitter(int queryJitter) implements Refusal {
        @Override
        public String message() {
            return "QueryJitter " + queryJitter + " is outside 1..100";
        }
    }

    /** PayloadType outside 0..3 (zigbee-ota.md §2 row 0x00). */
    record InvalidPayloadType(int payloadType) implements Refusal {
        @Override
        public String message() {
            return "PayloadType " + payloadType + " is outside 0..3";
        }
    }

    /** {@link ServerEvent.ActivateNow} for a client that is not waiting for an upgrade command. */
    record NoUpgradePending(long client, TransferState state) implements Refusal {
        @Override
        public String message() {
            return String.format("client %016X is %s, not WAITING_FOR_UPGRADE_COMMAND", client, state);
        }
    }

    /**
     * A unicast Image Notify about an image whose distribution to this client ended: the server does
     * not offer it to the client again until {@link ServerEvent.Distribute} opens a new distribution
     * (requirements R7.8).
     */
    record DistributionEnded(long client, ImageKey image) implements Refusal {
        @Override
        public String message() {
            return String.format("the distribution of %s to client %016X has ended; only a new distribution "
                    + "offers it again", image, client);
        }
    }

    /** {@link ServerEvent.RestoreClient} for a client that already has a transfer in this server. */
    record ClientNotIdle(long client, TransferState state) implements Refusal {
        @Override
        public String message() {
            return String.format("client %016X is %s; only an IDLE client is restored", client, state);
        }
    }
}
