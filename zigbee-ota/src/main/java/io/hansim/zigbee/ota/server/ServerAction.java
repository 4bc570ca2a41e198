package io.hansim.zigbee.ota.server;

import io.hansim.zigbee.machine.Action;
import io.hansim.zigbee.machine.ArmTimer;
import io.hansim.zigbee.machine.DisarmTimer;
import io.hansim.zigbee.machine.Transmit;
import io.hansim.zigbee.ota.OtaCluster;
import io.hansim.zigbee.zcl.Bytes;
import io.hansim.zigbee.zcl.ZclStatus;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What the {@link OtaServer} asks its host to do, or tells it, in answer to one event. The host
 * executes them in list order: frames go on the air, timers go into the scheduler, outcomes go into
 * the CH's alerts and reports.
 */
public sealed interface ServerAction extends Action
        permits ServerAction.SendFrame, ServerAction.SetTimer, ServerAction.CancelTimer, ServerAction.TransferOutcome,
        ServerAction.TransferProgress, ServerAction.ReadBackResult, ServerAction.ImageStaged,
        ServerAction.ImageRemoved, ServerAction.CommandRefused, ServerAction.FrameRejected,
        ServerAction.DefaultResponseReceived, ServerAction.PersistDistribution {

    /**
     * Send a ZCL frame on cluster 0x0019 from the CH.
     *
     * @param destinationEui64 the client, or {@link OtaServer#BROADCAST} for a broadcast
     * @param broadcast        whether to broadcast
     * @param zclFrame         the whole ZCL frame
     */
    record SendFrame(long destinationEui64, boolean broadcast, Bytes zclFrame) implements ServerAction, Transmit {
        public SendFrame {
            Objects.requireNonNull(zclFrame, "zclFrame");
        }

        /** OTA Upgrade, 0x0019. */
        @Override
        public int clusterId() {
            return OtaCluster.CLUSTER_ID;
        }
    }

    /**
     * Hand back {@link ServerEvent.TimerFired} for {@code timer} when the virtual time reaches
     * {@code at}; replaces a pending timer with the same identity.
     */
    record SetTimer(ServerTimer timer, long at) implements ServerAction, ArmTimer<ServerTimer> {
        public SetTimer {
            Objects.requireNonNull(timer, "timer");
        }
    }

    /** Drop the pending timer with this identity, if any. */
    record CancelTimer(ServerTimer timer) implements ServerAction, DisarmTimer<ServerTimer> {
        public CancelTimer {
            Objects.requireNonNull(timer, "timer");
        }
    }

    /**
     * A transfer to a client ended, with how (R7.6, R7.7, R7.8, R7.10: a CH host raises its CCS08
     * alert from this). Reported once per distribution (see {@link OtaServer}, "Distributions"):
     * after it, the image is not offered to the client again until {@link ServerEvent.Distribute}.
     *
     * @param client      the client
     * @param result      how the transfer ended, in the OTA cluster's terms
     * @param image       the image concerned
     * @param imageSize   its size in bytes
     * @param bytesServed image bytes sent to the client in Image Block Responses (repeats counted);
     *                    {@code imageSize - bytesServed} is the "bytes not sent" of R7.6 when 0
     * @param reason      one line: what happened, with the numbers
     */
    record TransferOutcome(long client, TransferResult result, ImageKey image, long imageSize, long bytesServed,
            String reason) implements ServerAction {
        public TransferOutcome {
            Objects.requireNonNull(result, "result");
            Objects.requireNonNull(image, "image");
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** A step of a transfer worth a line in a report. */
    enum Milestone {
        /** Query Next Image (or Query Device Specific File) Response SUCCESS sent. */
        IMAGE_OFFERED,
        /** The first block of the image was served. */
        DOWNLOAD_STARTED,
        /** The client sent Upgrade End Request ABORT; it may start again. */
        CLIENT_ABORTED,
        /** The client sent Upgrade End Request INVALID_IMAGE; it may start again. */
        CLIENT_REPORTED_INVALID_IMAGE,
        /** The client sent Upgrade End Request REQUIRE_MORE_IMAGE: one part of a multi-part image done. */
        PART_COMPLETE,
        /** Upgrade End Response sent: the client was told when to apply the image. */
        UPGRADE_SCHEDULED,
        /** Unsolicited Upgrade End Response "now" sent on the CH application's command. */
        ACTIVATION_COMMANDED
    }

    /**
     * A step of a transfer (for reports; nothing to execute).
     *
     * @param bytesServed image bytes served so far
     */
    record TransferProgress(long client, ImageKey image, Milestone milestone, long bytesServed)
            implements ServerAction {
        public TransferProgress {
            Objects.requireNonNull(image, "image");
            Objects.requireNonNull(milestone, "milestone");
        }
    }

    /**
     * The read-back of CurrentFileVersion after an upgrade ended (R7.10): what 0x012B reports
     * ({@link ReadBackStatus#activationConfirmed()}: Activate Image 0 Success, else 1 Failure).
     *
     * @param client      the client
     * @param image       the image it should now run
     * @param status      how the read-back ended
     * @param versionRead the CurrentFileVersion read, when one was
     * @param readStatus  the ZCL status of a failed read (in the record, or of a Default Response)
     * @param attempts    Read Attributes sent
     */
    record ReadBackResult(long client, ImageKey image, ReadBackStatus status, OptionalLong versionRead,
            Optional<ZclStatus> readStatus, int attempts) implements ServerAction {
        public ReadBackResult {
            Objects.requireNonNull(image, "image");
            Objects.requireNonNull(status, "status");
            Objects.requireNonNull(versionRead, "versionRead");
            Objects.requireNonNull(readStatus, "readStatus");
        }
    }

    /**
     * An image was staged.
     *
     * @param evicted images removed to make room, oldest first (each also an {@link ImageRemoved})
     */
    record ImageStaged(ImageKey image, long size, long availableBytes, List<ImageKey> evicted)
            implements ServerAction {
        public ImageStaged {
            Objects.requireNonNull(image, "image");
            evicted = List.copyOf(evicted);
        }
    }

    /** Why an image left the buffer. */
    enum Removal {
        /** Evicted to make room for a newer one (R7.7). */
        EVICTED,
        /** Withdrawn by the CH application. */
        WITHDRAWN
    }

    /** An image left the buffer. */
    record ImageRemoved(ImageKey image, Removal cause) implements ServerAction {
        public ImageRemoved {
            Objects.requireNonNull(image, "image");
            Objects.requireNonNull(cause, "cause");
        }
    }

    /** A command from the CH application was not carried out. */
    record CommandRefused(ServerEvent command, Refusal reason) implements ServerAction {
        public CommandRefused {
            Objects.requireNonNull(command, "command");
            Objects.requireNonNull(reason, "reason");
        }
    }

    /**
     * A received frame was answered with an error Default Response, or dropped without an answer
     * because the ZCL allows none (for reports; the Default Response itself is a {@link SendFrame}).
     *
     * @param source       the sender
     * @param commandId    the frame's command identifier, or -1 when the header could not be read
     * @param answeredWith the Default Response status sent, or empty when nothing was sent
     * @param reason       why, with the decoder's field and offset when there was a decode error
     */
    record FrameRejected(long source, int commandId, Optional<ZclStatus> answeredWith, String reason)
            implements ServerAction {
        public FrameRejected {
            Objects.requireNonNull(answeredWith, "answeredWith");
            Objects.requireNonNull(reason, "reason");
        }
    }

    /**
     * A client sent a Default Response (to an Image Notify that asked for one, or an error about
     * one of the server's frames, zigbee-ota.md §1). Never answered; reported.
     */
    record DefaultResponseReceived(long client, int commandId, ZclStatus status) implements ServerAction {
        public DefaultResponseReceived {
            Objects.requireNonNull(status, "status");
        }
    }

    /**
     * Keep this record in non-volatile storage, replacing the client's previous one, and hand it
     * back in {@link ServerEvent.RestoreClient} after a restart. Emitted when the record changes: a
     * distribution opens, every byte has been served, the download ends, activation is commanded,
     * the distribution ends, or the images barred from offers change. Never per block.
     */
    record PersistDistribution(DistributionRecord record) implements ServerAction {
        public PersistDistribution {
            Objects.requireNonNull(record, "record");
        }
    }
}
