package io.hansim.gbcs;

import java.util.Objects;
import java.util.Optional;

/**
 * The Grouping Header, DLMS general-signing {@code DF} (gbcs.md §2.2).
 *
 * @param craFlag command, response or alert
 * @param originatorCounter the 8-byte Originator Counter (as a signed long holding the raw 64 bits)
 * @param originator the originator system title (EUI-64, Business Originator ID)
 * @param recipient the recipient system title (EUI-64, Business Target ID)
 * @param dateTime the 12-byte COSEM date-time, or empty when the field is {@code 00}
 * @param otherInformation message code and the optional supplementary fields
 * @param contentLength the content length field: the number of payload bytes
 */
public record GroupingHeader(
        CraFlag craFlag,
        long originatorCounter,
        long originator,
        long recipient,
        Optional<ByteString> dateTime,
        OtherInformation otherInformation,
        int contentLength) {

    /** Length byte of a present date-time (gbcs.md §2.2). */
    static final int DATE_TIME_LENGTH = 12;

    public GroupingHeader {
        Objects.requireNonNull(craFlag, "craFlag");
        Objects.requireNonNull(dateTime, "dateTime");
        Objects.requireNonNull(otherInformation, "otherInformation");
        if (dateTime.isPresent() && dateTime.get().length() != DATE_TIME_LENGTH) {
            throw new IllegalArgumentException("date-time is 12 bytes, not " + dateTime.get().length());
        }
        if (contentLength < 0 || contentLength > BerLength.MAX) {
            throw new IllegalArgumentException("content length out of range: " + contentLength);
        }
    }
}
