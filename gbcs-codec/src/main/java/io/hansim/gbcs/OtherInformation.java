package io.hansim.gbcs;

import java.util.Objects;
import java.util.OptionalLong;

/**
 * The grouping header's other-information (gbcs.md §2.2): a 2-byte big-endian Message Code, then
 * optionally the Supplementary Remote Party ID, its counter and a Supplementary Originator Counter
 * (8 bytes each, in that order, each only when the ones before it are present). Lengths 2, 10, 18 and
 * 26 follow. gbcs.md §2.2 also records lengths above 26 (CS02b appends a supplementary remote party
 * KA certificate); those bytes are kept opaque in {@code trailing} so re-encoding is exact.
 *
 * @param messageCode the Message Code, 0..0xFFFF
 * @param trailing bytes after the three 8-byte fields (empty unless all three are present)
 */
public record OtherInformation(
        int messageCode,
        OptionalLong supplementaryRemotePartyId,
        OptionalLong supplementaryRemotePartyCounter,
        OptionalLong supplementaryOriginatorCounter,
        ByteString trailing) {

    public OtherInformation {
        if (messageCode < 0 || messageCode > 0xFFFF) {
            throw new IllegalArgumentException("message code is 2 bytes: " + messageCode);
        }
        Objects.requireNonNull(supplementaryRemotePartyId, "supplementaryRemotePartyId");
        Objects.requireNonNull(supplementaryRemotePartyCounter, "supplementaryRemotePartyCounter");
        Objects.requireNonNull(supplementaryOriginatorCounter, "supplementaryOriginatorCounter");
        Objects.requireNonNull(trailing, "trailing");
        if (supplementaryRemotePartyCounter.isPresent() && supplementaryRemotePartyId.isEmpty()) {
            throw new IllegalArgumentException("remote party counter needs the remote party id");
        }
        if (supplementaryOriginatorCounter.isPresent() && supplementaryRemotePartyCounter.isEmpty()) {
            throw new IllegalArgumentException("supplementary originator counter needs the counter before it");
        }
        if (trailing.length() > 0 && supplementaryOriginatorCounter.isEmpty()) {
            throw new IllegalArgumentException("trailing bytes only after all three 8-byte fields");
        }
    }

    /** Message code only (length 2). */
    public static OtherInformation of(int messageCode) {
        return new OtherInformation(messageCode, OptionalLong.empty(), OptionalLong.empty(),
                OptionalLong.empty(), ByteString.EMPTY);
    }

    /** Message code, supplementary remote party id and counter (length 18, e.g. CS08). */
    public static OtherInformation of(int messageCode, long remotePartyId, long remotePartyCounter) {
        return new OtherInformation(messageCode, OptionalLong.of(remotePartyId),
                OptionalLong.of(remotePartyCounter), OptionalLong.empty(), ByteString.EMPTY);
    }

    /** The number of bytes this takes after its length field. */
    public int encodedLength() {
        int n = 2;
        if (supplementaryRemotePartyId.isPresent()) {
            n += 8;
        }
        if (supplementaryRemotePartyCounter.isPresent()) {
            n += 8;
        }
        if (supplementaryOriginatorCounter.isPresent()) {
            n += 8;
        }
        return n + trailing.length();
    }
}
