package io.hansim.zigbee.ota.client;

import io.hansim.zigbee.zcl.Bytes;

import java.util.Objects;

/**
 * What happens to an OTA client: the inputs of {@link OtaClient#handle(ClientEvent)}. Every event
 * carries the virtual time {@link #now()} in microseconds; the client reads no clock (DESIGN.md §2).
 * Times must not go backwards from one event to the next.
 */
public sealed interface ClientEvent {

    /** Virtual time of the event, microseconds since the simulation epoch. */
    long now();

    /**
     * A ZCL frame arrived on the OTA Upgrade cluster (0x0019) at the client's endpoint: an OTA
     * command from a server, or a general command such as Read Attributes or a Default Response.
     * The client decodes the bytes itself; bytes that do not decode are answered, never thrown.
     *
     * @param now         virtual time
     * @param sourceEui64 the sender's IEEE address, as a 64-bit number
     * @param broadcast   whether the frame was broadcast (or groupcast): never answered
     * @param zclFrame    the whole ZCL frame, from the frame-control byte
     */
    record FrameReceived(long now, long sourceEui64, boolean broadcast, Bytes zclFrame) implements ClientEvent {
        public FrameReceived {
            Objects.requireNonNull(zclFrame, "zclFrame");
        }
    }

    /**
     * A timer the client armed with {@link ClientAction.SetTimer} reached its deadline.
     *
     * @param now   virtual time, at or after the deadline
     * @param timer which timer
     */
    record TimerFired(long now, ClientTimer timer) implements ClientEvent {
        public TimerFired {
            Objects.requireNonNull(timer, "timer");
        }
    }

    /**
     * The device starts: the first time, after a power cut, or after the reboot that follows
     * {@link ClientAction.Activate}. Everything volatile is lost; the host's timers from before are
     * void. {@code restored} is the last {@link PersistedDownload} with the stored bytes, or null.
     *
     * @param now      virtual time
     * @param restored the download to resume, or null
     */
    record PowerOn(long now, PersistedDownload restored) implements ClientEvent {
    }

    /** The application asks for a Query Next Image Request now (e.g. a test step, or a user menu). */
    record StartQuery(long now) implements ClientEvent {
    }

    /**
     * An activation command arrived by another path than the OTA cluster: for an HCALCS, a GBCS CS06
     * Activate Firmware (requirements R7.5) whose Manufacturer Image Hash the host has already
     * checked against {@link OtaClient#heldImage()}. The client activates the verified image it
     * holds, or refuses with {@link RefusalReason#NO_IMAGE_HELD}.
     */
    record ActivateOutOfBand(long now) implements ClientEvent {
    }

    /**
     * Someone tries to load firmware by a local path (a service port, a phone app, the internet link
     * of a combined PPMID/CAD): forbidden once SECMP0007 applies (requirements R7.3). A compliant
     * profile refuses; a {@code legacy-local-upgrade} profile verifies and activates the image.
     *
     * @param now   virtual time
     * @param image the OTA file offered
     */
    record LocalUpgradeAttempt(long now, Bytes image) implements ClientEvent {
        public LocalUpgradeAttempt {
            Objects.requireNonNull(image, "image");
        }
    }
}
