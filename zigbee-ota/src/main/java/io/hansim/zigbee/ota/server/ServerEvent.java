package io.hansim.zigbee.ota.server;

import io.hansim.zigbee.zcl.Bytes;

import java.util.Objects;

/**
 * What can happen to an {@link OtaServer}: a frame from the HAN, a timer the server asked for, or
 * a command from the CH application. Every event carries the virtual time {@code now} in
 * microseconds (DESIGN.md §2); the server has no clock of its own. Times must not go backwards;
 * an event stamped earlier than one already handled is taken to happen at the later time.
 */
public sealed interface ServerEvent
        permits ServerEvent.FrameReceived, ServerEvent.TimerFired, ServerEvent.NotifyClient, ServerEvent.ActivateNow,
        ServerEvent.SetThrottle, ServerEvent.RegisterClient, ServerEvent.StageImage, ServerEvent.ImageDataArrived,
        ServerEvent.WithdrawImage, ServerEvent.Distribute, ServerEvent.RestoreClient {

    /** Virtual time of the event, microseconds since the simulation epoch. */
    long now();

    /**
     * A ZCL frame on cluster 0x0019 arrived from a client. The bytes are the whole ZCL frame (frame
     * control onwards); the server decodes them itself, so that a malformed frame is answered with
     * the spec's Default Response instead of failing anywhere.
     *
     * @param sourceEui64 the sender's IEEE address: the identity of the client
     * @param broadcast   whether the frame was broadcast (or multicast): such a frame never gets
     *                    a Default Response (ZCL: only unicast commands do)
     * @param zclFrame    the ZCL frame
     */
    record FrameReceived(long now, long sourceEui64, boolean broadcast, Bytes zclFrame) implements ServerEvent {
        public FrameReceived {
            Objects.requireNonNull(zclFrame, "zclFrame");
        }

        /** A unicast frame. */
        public static FrameReceived unicast(long now, long sourceEui64, Bytes zclFrame) {
            return new FrameReceived(now, sourceEui64, false, zclFrame);
        }
    }

    /** A timer set with {@link ServerAction.SetTimer} is due. */
    record TimerFired(long now, ServerTimer timer) implements ServerEvent {
        public TimerFired {
            Objects.requireNonNull(timer, "timer");
        }
    }

    /** How an Image Notify is sent (zigbee-ota.md §1, §5.5). */
    enum NotifyMode {
        /** To one client, Disable Default Response set: frame control 0x19. */
        UNICAST,
        /** To one client, asking for a Default Response: frame control 0x09. */
        UNICAST_WITH_DEFAULT_RESPONSE,
        /** To every client; never asks for a Default Response: frame control 0x19. */
        BROADCAST
    }

    /**
     * The CH application asks the server to send an Image Notify about a staged image (R7.4). The
     * server checks PayloadType 0..3 and QueryJitter 1..100 (zigbee-ota.md §5.5, §9 #18), that the
     * image is staged, and for a unicast that the {@link OfferPolicy} lets the client be offered images; otherwise it
     * answers {@link ServerAction.CommandRefused}.
     *
     * @param client      the client (ignored for a broadcast)
     * @param mode        unicast, unicast asking for a Default Response, or broadcast
     * @param payloadType 0: QueryJitter only; 1: + ManufacturerCode; 2: + ImageType; 3: + NewFileVersion
     * @param queryJitter 1..100; 100 means every client that hears it must query
     * @param image       the image the notify is about
     */
    record NotifyClient(long now, long client, NotifyMode mode, int payloadType, int queryJitter, ImageKey image)
            implements ServerEvent {
        public NotifyClient {
            Objects.requireNonNull(mode, "mode");
            Objects.requireNonNull(image, "image");
        }
    }

    /**
     * The CH application says a client that was told to wait (UpgradeTime 0xFFFFFFFF) may apply
     * its image now: the server sends an unsolicited Upgrade End Response with CurrentTime 0 and
     * UpgradeTime 0 (zigbee-ota.md §5.2).
     */
    record ActivateNow(long now, long client) implements ServerEvent {
    }

    /**
     * Throttling on or off: while on, every Image Block Request and Image Page Request is answered
     * WAIT_FOR_DATA (R7.7 an empty CH buffer, R7.8 congestion, zigbee-ota.md §5.3 the SE 1.4
     * critical duty-cycle state).
     */
    record SetThrottle(long now, boolean on) implements ServerEvent {
    }

    /** The host hands the server a client's per-device settings. */
    record RegisterClient(long now, long client, ClientPolicy profile) implements ServerEvent {
        public RegisterClient {
            Objects.requireNonNull(profile, "profile");
        }
    }

    /**
     * The CH application stages an image in the buffer (R7.7, R7.9). The server answers
     * {@link ServerAction.ImageStaged} (with the images evicted to make room, each also reported
     * with {@link ServerAction.ImageRemoved}) or {@link ServerAction.CommandRefused}.
     *
     * @param image          the image
     * @param availableBytes how many of its bytes have arrived from the WAN, 0..size; block requests
     *                       past them get WAIT_FOR_DATA until {@link ImageDataArrived} says more
     */
    record StageImage(long now, OtaImage image, long availableBytes) implements ServerEvent {
        public StageImage {
            Objects.requireNonNull(image, "image");
        }

        /** An image whose bytes have all arrived. */
        public static StageImage complete(long now, OtaImage image) {
            return new StageImage(now, image, image.size());
        }
    }

    /** More of a staged image has arrived from the WAN: now {@code availableBytes} of it. */
    record ImageDataArrived(long now, ImageKey image, long availableBytes) implements ServerEvent {
        public ImageDataArrived {
            Objects.requireNonNull(image, "image");
        }
    }

    /**
     * The CH application removes an image from the buffer. Clients still downloading it are
     * reported with CCS08 IMAGE_DISCARDED, as for an eviction (R7.7).
     */
    record WithdrawImage(long now, ImageKey image) implements ServerEvent {
        public WithdrawImage {
            Objects.requireNonNull(image, "image");
        }
    }

    /**
     * The CH application distributes a staged image to a client (for a GB CH: an SR 11.4 or 11.1
     * naming the device): a new distribution opens. If an earlier distribution of this image to the
     * client ended, the image may be offered to it again; nothing else changes and nothing is sent
     * (a {@link NotifyClient} usually follows). A distribution ends with one
     * {@link ServerAction.TransferOutcome}; after that the image is not offered to that client again
     * until the next {@code Distribute} (requirements R7.8). Refused with
     * {@link Refusal.UnknownImage} or {@link Refusal.ClientExcluded}.
     */
    record Distribute(long now, long client, ImageKey image) implements ServerEvent {
        public Distribute {
            Objects.requireNonNull(image, "image");
        }
    }

    /**
     * After a restart of the server (a new instance: the CH's RAM is lost, its flash is not), the
     * host hands back the last {@link ServerAction.PersistDistribution} record of a client. Refused
     * with {@link Refusal.ClientNotIdle} for a client that already has a transfer in this server.
     */
    record RestoreClient(long now, DistributionRecord record) implements ServerEvent {
        public RestoreClient {
            Objects.requireNonNull(record, "record");
        }
    }
}
