package io.hansim.zigbee.ota.client;

import io.hansim.zigbee.machine.Action;
import io.hansim.zigbee.machine.ArmTimer;
import io.hansim.zigbee.machine.DisarmTimer;
import io.hansim.zigbee.machine.Transmit;
import io.hansim.zigbee.ota.OtaCluster;
import io.hansim.zigbee.ota.attr.OtaClientAttribute;
import io.hansim.zigbee.zcl.Bytes;
import io.hansim.zigbee.zcl.ZclValue;

import java.util.List;
import java.util.Objects;

/**
 * What the client asks its host to do: the outputs of {@link OtaClient#handle(ClientEvent)}, in
 * the order they are to be carried out. The host does the I/O (bus, timers, storage); the client
 * only decides (DESIGN.md §2). {@link SendFrame}, {@link SetTimer} and {@link CancelTimer} are the
 * common actions of every machine ({@link Transmit}, {@link ArmTimer}, {@link DisarmTimer}); the
 * others are the client's own.
 */
public sealed interface ClientAction extends Action {

    /**
     * Send a ZCL frame on the OTA Upgrade cluster, unicast.
     *
     * @param destinationEui64 the upgrade server for requests; the sender for an answer
     * @param zclFrame         the whole frame from the frame-control byte
     */
    record SendFrame(long destinationEui64, Bytes zclFrame) implements ClientAction, Transmit {
        public SendFrame {
            Objects.requireNonNull(zclFrame, "zclFrame");
        }

        /** Always unicast: the client never broadcasts. */
        @Override
        public boolean broadcast() {
            return false;
        }

        /** OTA Upgrade, 0x0019. */
        @Override
        public int clusterId() {
            return OtaCluster.CLUSTER_ID;
        }
    }

    /** Arm {@code timer} for virtual time {@code at}, replacing any earlier deadline of it. */
    record SetTimer(ClientTimer timer, long at) implements ClientAction, ArmTimer<ClientTimer> {
        public SetTimer {
            Objects.requireNonNull(timer, "timer");
        }
    }

    /** Disarm {@code timer}. */
    record CancelTimer(ClientTimer timer) implements ClientAction, DisarmTimer<ClientTimer> {
        public CancelTimer {
            Objects.requireNonNull(timer, "timer");
        }
    }

    /**
     * Write image bytes to non-volatile storage at {@code fileOffset} of the download in progress.
     * A {@link PersistProgress} follows once the bytes are counted.
     */
    record StoreBlock(long fileOffset, Bytes data) implements ClientAction {
        public StoreBlock {
            Objects.requireNonNull(data, "data");
        }
    }

    /** Persist the progress of the download, to be handed back by {@link ClientEvent.PowerOn}. */
    record PersistProgress(PersistedDownload download) implements ClientAction {
        public PersistProgress {
            Objects.requireNonNull(download, "download");
        }
    }

    /** ImageUpgradeStatus (attribute 0x0006) changed; reported here rather than as {@link AttributeChanged}. */
    record StatusChanged(ImageUpgradeStatus from, ImageUpgradeStatus to) implements ClientAction {
        public StatusChanged {
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(to, "to");
        }
    }

    /** A client attribute other than ImageUpgradeStatus took a new value. */
    record AttributeChanged(OtaClientAttribute attribute, ZclValue value) implements ClientAction {
        public AttributeChanged {
            Objects.requireNonNull(attribute, "attribute");
            Objects.requireNonNull(value, "value");
        }
    }

    /**
     * Erase the stored image (or partial image) and the persisted progress; the running image
     * stays (requirements R7.14).
     */
    record DiscardImage(DiscardReason reason, String detail) implements ClientAction {
        public DiscardImage {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(detail, "detail");
        }
    }

    /**
     * Run the new image: the host swaps slots and reboots (then sends {@link ClientEvent.PowerOn}).
     * The new running version is the header's File Version, {@code identity.fileVersion()}; the
     * client reports it as CurrentFileVersion from then on.
     *
     * @param identity   the image's identity from its header
     * @param image      the verified OTA file
     * @param otherParts the earlier parts of a multi-image upgrade (R7.9), in download order; empty
     *                   normally
     * @param trigger    what activated it
     */
    record Activate(ImageIdentity identity, Bytes image, List<HeldImage> otherParts, ActivationTrigger trigger)
            implements ClientAction {
        public Activate {
            Objects.requireNonNull(identity, "identity");
            Objects.requireNonNull(image, "image");
            otherParts = List.copyOf(otherParts);
            Objects.requireNonNull(trigger, "trigger");
        }
    }

    /**
     * The client refused something for security or policy (requirements R7.3). Any Default Response
     * it sends as well is a separate {@link SendFrame}.
     *
     * @param reason      why
     * @param sourceEui64 the sender of the refused frame; for local events the client's own address
     *                    if known, else 0xFFFFFFFFFFFFFFFF
     * @param detail      for a human
     */
    record Refused(RefusalReason reason, long sourceEui64, String detail) implements ClientAction {
        public Refused {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(detail, "detail");
        }
    }

    /** The client did not act on the event, and why (a trace for tests and reports). */
    record Ignored(IgnoreReason reason, String detail) implements ClientAction {
        public Ignored {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(detail, "detail");
        }
    }
}
