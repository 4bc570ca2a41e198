package io.hansim.zigbee.ota.client;

import io.hansim.zigbee.zcl.Bytes;

import java.util.List;
import java.util.Objects;

/**
 * What a client needs after a power cut to go on where it stopped: the download in progress, how
 * far it got, and the parts of a multi-image upgrade it already holds.
 *
 * <p>The client emits one in {@link ClientAction.PersistProgress} after every stored block, with
 * {@link #received()} empty: the bytes themselves went out as {@link ClientAction.StoreBlock}s, and
 * the host keeps them in its model of non-volatile storage. After a power cut the host hands the
 * record back in {@link ClientEvent.PowerOn}, with the stored bytes put in by
 * {@link #withReceived(Bytes)}. The client resumes at {@link #resumeOffset()}: the persisted
 * FileOffset, or fewer bytes if the host returns fewer (it never claims bytes it does not get back).
 * A download with every byte received is verified again and the Upgrade End Request sent again, as
 * Silicon Labs' client does after a reboot.
 *
 * <p>{@link ClientAction.DiscardImage} and {@link ClientAction.Activate} end the download: the host
 * then forgets the record.
 *
 * <p>A device that was told to activate by another path than the OTA cluster (an HCALCS's CS06,
 * requirements R7.5) persists that decision too ({@link #activateOutOfBand()}), with the whole image
 * stored: after a power cut in the count-down it verifies the image again and activates it, since
 * no server would repeat the command (the CS06 response already said success).
 *
 * @param image             the image being downloaded, as the server offered it
 * @param imageSize         the offered ImageSize (the whole OTA file)
 * @param fileOffset        bytes 0..fileOffset−1 are stored
 * @param heldParts         earlier parts of a multi-image upgrade, already verified (empty normally)
 * @param received          the stored bytes from offset 0, as the host gives them back; empty in
 *                          {@code PersistProgress}
 * @param activateOutOfBand the device decided to activate this (whole, verified) image on an
 *                          out-of-band command and had not done so yet
 */
public record PersistedDownload(ImageIdentity image, long imageSize, long fileOffset, List<HeldImage> heldParts,
        Bytes received, boolean activateOutOfBand) {

    /** A download in progress, with no activation decided. */
    public PersistedDownload(ImageIdentity image, long imageSize, long fileOffset, List<HeldImage> heldParts,
            Bytes received) {
        this(image, imageSize, fileOffset, heldParts, received, false);
    }

    public PersistedDownload {
        Objects.requireNonNull(image, "image");
        heldParts = List.copyOf(heldParts);
        Objects.requireNonNull(received, "received");
        if (imageSize < 0 || imageSize > 0xFFFF_FFFFL || fileOffset < 0 || fileOffset > imageSize) {
            throw new IllegalArgumentException("need 0 <= fileOffset <= imageSize <= 0xFFFFFFFF: fileOffset "
                    + fileOffset + ", imageSize " + imageSize);
        }
        if (activateOutOfBand && fileOffset != imageSize) {
            throw new IllegalArgumentException("an activation is decided only for a whole image: fileOffset "
                    + fileOffset + ", imageSize " + imageSize);
        }
    }

    /** The same record with the bytes the host stored (from file offset 0). */
    public PersistedDownload withReceived(Bytes bytes) {
        return new PersistedDownload(image, imageSize, fileOffset, heldParts, bytes, activateOutOfBand);
    }

    /** Where the download goes on: the persisted offset, capped by the bytes given back. */
    public long resumeOffset() {
        return Math.min(fileOffset, received.length());
    }
}
