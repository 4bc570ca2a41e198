package io.hansim.gbcs;

import java.util.Objects;
import java.util.OptionalLong;

/**
 * The grouping header's other-information (gbcs.md §2.2): a 2-byte big-endian Message Code, then
 * optionally the Supplementary Remote Party ID and its counter (8 bytes each, the counter only after
 * the ID), then <em>either</em> a Supplementary Originator Counter (8 bytes, length 26 in all)
 * <em>or</em> the Supplementary Remote Party's Key Agreement certificate (DER, so length above 26).
 * Lengths 2, 10, 18, 26 and more than 26 follow.
 *
 * <p>The certificate sits right after the counter: the RTDS ECS21b command to a device for an "other
 * user" (corpora.md §5.1, other-information length 0x1A8 = 2 + 8 + 8 + a 406-byte {@code 30 82 01 92}
 * certificate) shows it, and gbcs-parser reads it so (a length of exactly 26 is the originator
 * counter, anything longer the certificate). The certificate is kept as bytes, so re-encoding is exact
 * (docs/decisions/0012).
 *
 * @param messageCode the Message Code, 0..0xFFFF
 * @param certificate the Supplementary Remote Party KA certificate bytes, empty when absent; present
 *     only with the remote party ID and counter and without a Supplementary Originator Counter, and then
 *     longer than 8 bytes (a shorter one would not decode back: 26 means the originator counter)
 */
public record OtherInformation(
        int messageCode,
        OptionalLong supplementaryRemotePartyId,
        OptionalLong supplementaryRemotePartyCounter,
        OptionalLong supplementaryOriginatorCounter,
        ByteString certificate) {

    public OtherInformation {
        if (messageCode < 0 || messageCode > 0xFFFF) {
            throw new IllegalArgumentException("message code is 2 bytes: " + messageCode);
        }
        Objects.requireNonNull(supplementaryRemotePartyId, "supplementaryRemotePartyId");
        Objects.requireNonNull(supplementaryRemotePartyCounter, "supplementaryRemotePartyCounter");
        Objects.requireNonNull(supplementaryOriginatorCounter, "supplementaryOriginatorCounter");
        Objects.requireNonNull(certificate, "certificate");
        if (supplementaryRemotePartyCounter.isPresent() && supplementaryRemotePartyId.isEmpty()) {
            throw new IllegalArgumentException("remote party counter needs the remote party id");
        }
        if (supplementaryOriginatorCounter.isPresent() && supplementaryRemotePartyCounter.isEmpty()) {
            throw new IllegalArgumentException("supplementary originator counter needs the counter before it");
        }
        if (certificate.length() > 0) {
            if (supplementaryRemotePartyCounter.isEmpty() || supplementaryOriginatorCounter.isPresent()) {
                throw new IllegalArgumentException("a supplementary remote party certificate follows the remote party"
                        + " ID and counter, in place of the supplementary originator counter");
            }
            if (certificate.length() <= 8) {
                throw new IllegalArgumentException("a supplementary remote party certificate is longer than 8 bytes, not "
                        + certificate.length());
            }
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
        return n + certificate.length();
    }
}
