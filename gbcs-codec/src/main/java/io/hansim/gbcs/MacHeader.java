package io.hansim.gbcs;

/**
 * The MAC Header, DLMS general-ciphering {@code DD} with every routing field empty (gbcs.md §2.1).
 *
 * @param securityControl the security control byte ({@code 11} in every reference vector)
 * @param invocationCounter the 4-byte invocation counter, unsigned ({@code 0} in every vector)
 * @param cipheredLength the ciphered-service length as read: the number of bytes after the length
 *     field (security header + grouping header + payload + signature + MAC)
 */
public record MacHeader(int securityControl, long invocationCounter, int cipheredLength) {
    /** Bytes from the tag up to (not including) the ciphered length: tag and six empty fields. */
    static final int FIXED_PREFIX = 7;
    /** Security control (1) and invocation counter (4). */
    static final int SECURITY_HEADER = 5;

    public MacHeader {
        if (securityControl < 0 || securityControl > 0xFF) {
            throw new IllegalArgumentException("security control is one byte: " + securityControl);
        }
        if (invocationCounter < 0 || invocationCounter > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("invocation counter is 4 bytes: " + invocationCounter);
        }
        if (cipheredLength < 0 || cipheredLength > BerLength.MAX) {
            throw new IllegalArgumentException("ciphered length out of range: " + cipheredLength);
        }
    }
}
