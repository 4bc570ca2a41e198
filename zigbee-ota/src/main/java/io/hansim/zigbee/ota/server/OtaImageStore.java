package io.hansim.zigbee.ota.server;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The CH's shared image buffer (requirements R7.7): the staged images keyed by ManufacturerCode,
 * ImageType and FileVersion, in staging order, with a capacity in images and in bytes.
 *
 * <p>An image may still be arriving from the WAN: only its first {@link #availableBytes(ImageKey)}
 * bytes can be served, and block requests past them are answered WAIT_FOR_DATA (R7.7).
 *
 * <p>The store belongs to one {@link OtaServer}, and changes only through the server's events
 * ({@link ServerEvent.StageImage}, {@link ServerEvent.ImageDataArrived},
 * {@link ServerEvent.WithdrawImage}), so that the server can report what an eviction does to the
 * clients downloading the evicted image. Reading it is public.
 */
public final class OtaImageStore {

    /** An image and how much of it has arrived. */
    static final class Entry {
        final OtaImage image;
        long available;

        Entry(OtaImage image, long available) {
            this.image = image;
            this.available = available;
        }
    }

    /** What staging did: refused (with the reason), or stored after evicting zero or more images. */
    record StageResult(Refusal refusal, List<OtaImage> evicted) {
    }

    private final OtaServerConfig.Capacity capacity;
    private final Map<ImageKey, Entry> entries = new LinkedHashMap<>();
    private long usedBytes;

    OtaImageStore(OtaServerConfig.Capacity capacity) {
        this.capacity = Objects.requireNonNull(capacity, "capacity");
    }

    /** The limits. */
    public OtaServerConfig.Capacity capacity() {
        return capacity;
    }

    /** Number of images held. */
    public int imageCount() {
        return entries.size();
    }

    /** Bytes held: the sum of the images' sizes (counted in full while an image is still arriving). */
    public long usedBytes() {
        return usedBytes;
    }

    /** Bytes free. */
    public long freeBytes() {
        return capacity.maxBytes() - usedBytes;
    }

    /** The identities held, oldest first. */
    public List<ImageKey> keys() {
        return List.copyOf(entries.keySet());
    }

    /** The image with this identity. */
    public Optional<OtaImage> image(ImageKey key) {
        Entry e = entries.get(key);
        return e == null ? Optional.empty() : Optional.of(e.image);
    }

    /** How many bytes of the image have arrived, or empty when it is not held. */
    public OptionalLong availableBytes(ImageKey key) {
        Entry e = entries.get(key);
        return e == null ? OptionalLong.empty() : OptionalLong.of(e.available);
    }

    // ---- used by the server --------------------------------------------------------------------

    Entry entry(ImageKey key) {
        return entries.get(key);
    }

    /** The entries in staging order (the server iterates them to answer Query Next Image). */
    Iterable<Entry> entries() {
        return entries.values();
    }

    StageResult stage(OtaImage image, long available) {
        ImageKey key = image.key();
        if (entries.containsKey(key)) {
            return new StageResult(new Refusal.AlreadyStaged(key), List.of());
        }
        long size = image.size();
        if (size > capacity.maxBytes()) {
            return new StageResult(new Refusal.ImageTooLarge(key, size, capacity.maxBytes()), List.of());
        }
        if (fits(size)) {
            put(image, available);
            return new StageResult(null, List.of());
        }
        if (capacity.eviction() == OtaServerConfig.EvictionPolicy.REFUSE) {
            return new StageResult(new Refusal.BufferFull(key, size, freeBytes(), capacity.maxBytes(),
                    entries.size(), capacity.maxImages()), List.of());
        }
        List<OtaImage> evicted = new ArrayList<>();
        Iterator<Entry> it = entries.values().iterator();
        while (!fits(size) && it.hasNext()) {
            Entry oldest = it.next();
            it.remove();
            usedBytes -= oldest.image.size();
            evicted.add(oldest.image);
        }
        put(image, available);
        return new StageResult(null, evicted);
    }

    private boolean fits(long size) {
        return entries.size() < capacity.maxImages() && size <= freeBytes();
    }

    private void put(OtaImage image, long available) {
        entries.put(image.key(), new Entry(image, available));
        usedBytes += image.size();
    }

    /** Removes the image; returns it, or null when none was held. */
    OtaImage remove(ImageKey key) {
        Entry e = entries.remove(key);
        if (e == null) {
            return null;
        }
        usedBytes -= e.image.size();
        return e.image;
    }

    /** Raises the arrived bytes; returns why not, or null. */
    Refusal arrived(ImageKey key, long availableBytes) {
        Entry e = entries.get(key);
        if (e == null) {
            return new Refusal.UnknownImage(key);
        }
        if (availableBytes < e.available || availableBytes > e.image.size()) {
            return new Refusal.InvalidArrival(key, availableBytes, e.available, e.image.size());
        }
        e.available = availableBytes;
        return null;
    }
}
