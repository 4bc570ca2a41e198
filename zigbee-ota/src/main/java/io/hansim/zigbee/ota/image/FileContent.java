package io.hansim.zigbee.ota.image;

import io.hansim.zigbee.zcl.Bytes;
import java.io.IOException;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/**
 * The bytes of a parsed file, held once by its {@link OtaImageReport} so that element data and the
 * image proper can be sliced on demand: the parser copies the caller's array a single time and
 * never copies element data while it walks (a real file is up to 1.8 MB, corpora.md §1).
 * Immutable (a {@link #wrap wrapped} array as long as its owner keeps the promise not to change it);
 * {@code equals} means equal bytes.
 */
public final class FileContent {
    private final byte[] data;

    private FileContent(byte[] data) {
        this.data = data;
    }

    /** A copy of {@code data}. */
    public static FileContent copyOf(byte[] data) {
        return new FileContent(data.clone());
    }

    /**
     * Wraps {@code data} without copying it: the caller hands the array over and must not change it
     * afterwards. For callers that read a file only to parse it (issue 8: copying a large image cost
     * more than walking it).
     */
    public static FileContent wrap(byte[] data) {
        return new FileContent(java.util.Objects.requireNonNull(data, "data"));
    }

    /** The array itself, for package code that only reads it. */
    byte[] array() {
        return data;
    }

    public int length() {
        return data.length;
    }

    /** The byte at {@code offset}, unsigned. */
    public int get(long offset) {
        checkRange(offset, offset + 1);
        return data[(int) offset] & 0xFF;
    }

    /** A copy of the bytes {@code from} (inclusive) to {@code to} (exclusive). */
    public Bytes slice(long from, long to) {
        checkRange(from, to);
        return Bytes.of(data, (int) from, (int) (to - from));
    }

    /** SHA-256 of the bytes {@code from} to {@code to}, without copying them. */
    public Bytes sha256(long from, long to) {
        checkRange(from, to);
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update(data, (int) from, (int) (to - from));
            return Bytes.of(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JDK", e);
        }
    }

    /** Writes the bytes {@code from} to {@code to}. */
    public void writeTo(OutputStream out, long from, long to) throws IOException {
        checkRange(from, to);
        out.write(data, (int) from, (int) (to - from));
    }

    /** A fresh copy of all bytes. */
    public byte[] toArray() {
        return data.clone();
    }

    private void checkRange(long from, long to) {
        if (from < 0 || to < from || to > data.length) {
            throw new IndexOutOfBoundsException("range " + from + ".." + to + " outside file of " + data.length + " bytes");
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FileContent other && Arrays.equals(data, other.data);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "FileContent[" + data.length + " bytes]";
    }
}
