package io.hansim.device.storage;

import io.hansim.zigbee.ota.client.PersistedDownload;
import io.hansim.zigbee.zcl.Bytes;
import io.hansim.zigbee.zcl.ZclValue;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A device's flash: two image slots (running and candidate), the persisted download progress of the
 * OTA client ({@link PersistedDownload}, written by its PersistProgress action) with the candidate
 * bytes stored block by block, and persisted attributes. Everything written here survives a power
 * cut; everything else in a device is RAM and is lost (the OTA client object, timers).
 *
 * <p>Activation swaps the slots and the device reboots; if the candidate does not hold exactly the
 * verified bytes, or the new image fails to boot, the old image keeps running. hansim invents no
 * rollback beyond that (R7.14).
 */
public final class NonVolatileStore {
    /** An image slot: the file version and the OTA file bytes (empty for the factory image). */
    public record Slot(long version, Bytes image) {
        public Slot {
            Objects.requireNonNull(image, "image");
        }
    }

    /** What an activation did. */
    public enum ActivationResult {
        /** Slots swapped; the new image runs after the reboot. */
        ACTIVATED,
        /** The candidate slot did not hold the verified bytes: the old image keeps running (R7.14). */
        CANDIDATE_CORRUPT,
        /** The new image failed to boot: the device came back on the old one (R7.14). */
        BOOT_FAILED
    }

    /**
     * How much of an activated image the running slot keeps (issue 8: fleet devices at rest must not
     * hold whole images).
     */
    public enum ImageRetention {
        /** The running slot holds the image bytes (default: tests compare them byte for byte). */
        BYTES,
        /**
         * The running slot holds only its SHA-256; the candidate bytes are kept only while a download
         * is in progress (a resume after a power cut needs them, R7.8) and freed at activation.
         */
        DIGEST
    }

    private ImageRetention retention = ImageRetention.BYTES;
    private Bytes runningDigest;
    private Slot running;
    private Slot previous;
    /** An erased slot; shared, never written (writeCandidate grows a copy first). */
    private static final byte[] ERASED = new byte[0];

    private byte[] candidate = ERASED;
    private int candidateLength;
    private PersistedDownload download;
    /** Made at the first write: most devices persist none (issue 8, memory per idle device). */
    private Map<Integer, ZclValue> attributes;
    private long writes;

    /** A store whose running slot holds the factory image of {@code factoryVersion}. */
    public NonVolatileStore(long factoryVersion) {
        this.running = new Slot(factoryVersion, Bytes.EMPTY);
    }

    /** Chooses what the running slot keeps from the next activation on (default {@link ImageRetention#BYTES}). */
    public void setImageRetention(ImageRetention r) {
        retention = Objects.requireNonNull(r, "retention");
    }

    public ImageRetention imageRetention() {
        return retention;
    }

    /**
     * The SHA-256 of the running image when it was activated with {@link ImageRetention#DIGEST}
     * (its slot's bytes are then empty); empty otherwise.
     */
    public Optional<Bytes> runningDigest() {
        return Optional.ofNullable(runningDigest);
    }

    public Slot running() {
        return running;
    }

    public long runningVersion() {
        return running.version();
    }

    /** The image that ran before the last activation, if any (kept in the other slot). */
    public Optional<Slot> previous() {
        return Optional.ofNullable(previous);
    }

    /** Writes a block of the candidate image at {@code offset} (the client's StoreBlock). */
    public void writeCandidate(long offset, Bytes data) {
        int off = Math.toIntExact(offset);
        int end = Math.addExact(off, data.length());
        if (candidate.length < end) {
            candidate = Arrays.copyOf(candidate, Math.max(end, candidate.length * 2));
        }
        data.copyTo(candidate, off);
        candidateLength = Math.max(candidateLength, end);
        writes++;
    }

    /** The first {@code length} octets of the candidate slot. */
    public Bytes candidate(int length) {
        return Bytes.of(candidate, 0, Math.min(length, candidateLength));
    }

    public int candidateLength() {
        return candidateLength;
    }

    /** Records the download progress (the client's PersistProgress). */
    public void persistDownload(PersistedDownload d) {
        download = Objects.requireNonNull(d, "download");
        writes++;
    }

    public Optional<PersistedDownload> persistedDownload() {
        return Optional.ofNullable(download);
    }

    /**
     * What the client gets back at power-on: the persisted progress with the candidate bytes up to its
     * FileOffset (bytes written beyond it after the last PersistProgress are not trusted).
     */
    public Optional<PersistedDownload> restore() {
        if (download == null) {
            return Optional.empty();
        }
        return Optional.of(download.withReceived(candidate(Math.toIntExact(download.fileOffset()))));
    }

    /**
     * Fault injection (G.7 0x8F1B): inverts the octet at {@code offset} of the candidate slot, as a flash
     * cell lost while the power was off. The device finds out only when it verifies the image again.
     *
     * @throws IllegalArgumentException if the candidate slot holds no octet at {@code offset}
     */
    public void corruptCandidate(int offset) {
        if (offset < 0 || offset >= candidateLength) {
            throw new IllegalArgumentException("offset " + offset + " is outside the candidate slot's "
                    + candidateLength + " octets");
        }
        candidate[offset] ^= (byte) 0xFF;
        writes++;
    }

    /** Forgets the download and erases the candidate slot (the client's DiscardImage). */
    public void discardCandidate() {
        download = null;
        candidate = ERASED;
        candidateLength = 0;
        writes++;
    }

    /**
     * Activates the candidate as file version {@code version}: it must hold exactly {@code verified}
     * (what the OTA client verified) and, if {@code boots}, the slots swap. Either way the download
     * record is cleared.
     */
    public ActivationResult activate(long version, Bytes verified, boolean boots) {
        Bytes held = candidate(verified.length());
        download = null;
        writes++;
        if (held.length() != verified.length() || !held.equals(verified)) {
            return ActivationResult.CANDIDATE_CORRUPT;
        }
        if (!boots) {
            return ActivationResult.BOOT_FAILED;
        }
        previous = running;
        if (retention == ImageRetention.DIGEST) {
            running = new Slot(version, Bytes.EMPTY);
            runningDigest = sha256(held);
        } else {
            running = new Slot(version, held);
            runningDigest = null;
        }
        // The slots swap: the old image now sits in the other slot ({@link #previous()}), which the
        // next download overwrites from offset 0.
        candidate = ERASED;
        candidateLength = 0;
        return ActivationResult.ACTIVATED;
    }

    private static Bytes sha256(Bytes b) {
        try {
            java.security.MessageDigest sha = java.security.MessageDigest.getInstance("SHA-256");
            sha.update(b.toArray());
            return Bytes.of(sha.digest());
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JDK", e);
        }
    }

    public void putAttribute(int id, ZclValue value) {
        if (attributes == null) {
            attributes = new LinkedHashMap<>();
        }
        attributes.put(id, Objects.requireNonNull(value, "value"));
        writes++;
    }

    public Optional<ZclValue> attribute(int id) {
        return attributes == null ? Optional.empty() : Optional.ofNullable(attributes.get(id));
    }

    /** Writes so far (a wear/traffic measure for reports). */
    public long writes() {
        return writes;
    }
}
