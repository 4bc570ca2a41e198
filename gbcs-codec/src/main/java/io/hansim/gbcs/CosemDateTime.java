package io.hansim.gbcs;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * The 12-byte COSEM date-time (DLMS Blue Book, octet-string(12)) that GBCS carries in the grouping
 * header and in DLMS payloads such as ECS12's restrict-data date-time (gbcs.md §2.2, §8.2): year
 * (2, big-endian), month, day of month, day of week, hour, minute, second, hundredths, deviation
 * (2, signed minutes; {@code 8000} not specified) and clock status. GBCS times are UTC, so this class
 * writes deviation 0 and clock status 0 and reads a deviation when one is given.
 */
public final class CosemDateTime {
    public static final int LENGTH = 12;
    private static final DateTimeFormatter GENERALIZED = DateTimeFormatter.ofPattern("yyyyMMddHHmmss'Z'")
            .withZone(ZoneOffset.UTC);

    private CosemDateTime() {
    }

    /** The 12 bytes for {@code t} (UTC, whole hundredths). */
    public static ByteString of(Instant t) {
        LocalDateTime d = LocalDateTime.ofInstant(t, ZoneOffset.UTC);
        if (d.getYear() < 0 || d.getYear() > 0xFFFE) {
            throw new IllegalArgumentException("year out of the COSEM range: " + d.getYear());
        }
        byte[] b = new byte[LENGTH];
        b[0] = (byte) (d.getYear() >> 8);
        b[1] = (byte) d.getYear();
        b[2] = (byte) d.getMonthValue();
        b[3] = (byte) d.getDayOfMonth();
        b[4] = (byte) d.getDayOfWeek().getValue(); // COSEM: 1 Monday .. 7 Sunday, as java.time
        b[5] = (byte) d.getHour();
        b[6] = (byte) d.getMinute();
        b[7] = (byte) d.getSecond();
        b[8] = (byte) (d.getNano() / 10_000_000);
        return ByteString.of(b); // deviation 0000 and clock status 00: UTC
    }

    /**
     * The instant {@code b} names. Fields set to "not specified" (0xFF, year 0xFFFF) cannot name an
     * instant and are refused, as is any out-of-range field.
     *
     * @throws GbcsDecodeException naming the field, at offset {@code baseOffset} + its place
     */
    public static Instant toInstant(ByteString b, int baseOffset) {
        if (b.length() != LENGTH) {
            throw new GbcsDecodeException("date-time", baseOffset, "COSEM date-time is 12 bytes, not " + b.length());
        }
        int year = ((b.get(0) & 0xFF) << 8) | (b.get(1) & 0xFF);
        int month = b.get(2) & 0xFF;
        int day = b.get(3) & 0xFF;
        int hour = b.get(5) & 0xFF;
        int minute = b.get(6) & 0xFF;
        int second = b.get(7) & 0xFF;
        int hundredths = b.get(8) & 0xFF;
        int deviation = (short) (((b.get(9) & 0xFF) << 8) | (b.get(10) & 0xFF));
        if (year == 0xFFFF) {
            throw new GbcsDecodeException("date-time.year", baseOffset, "year not specified");
        }
        if (hundredths == 0xFF) {
            hundredths = 0;
        }
        // Blue Book: deviation is the minutes from local time to UTC (CET gives -60), so UTC = local + deviation.
        if (deviation == (short) 0x8000) {
            deviation = 0;
        }
        try {
            LocalDateTime local = LocalDateTime.of(year, month, day, hour, minute, second, hundredths * 10_000_000);
            return local.toInstant(ZoneOffset.UTC).plusSeconds(60L * deviation);
        } catch (DateTimeException e) {
            throw new GbcsDecodeException("date-time", baseOffset, "not a valid date-time: " + e.getMessage());
        }
    }

    /** ASN.1 GeneralizedTime text ({@code YYYYMMDDhhmmssZ}) for {@code t}, as CS06 and the alerts carry. */
    public static String generalizedTime(Instant t) {
        return GENERALIZED.format(t);
    }

    /** The instant of a GeneralizedTime {@code YYYYMMDDhhmmssZ}. */
    public static Instant fromGeneralizedTime(String text) {
        try {
            return java.time.ZonedDateTime.parse(text, GENERALIZED).toInstant();
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("not a GeneralizedTime YYYYMMDDhhmmssZ: " + text, e);
        }
    }
}
