package io.hansim.zigbee.ota.image;

/**
 * How much a {@link Finding} matters.
 *
 * <ul>
 *   <li>{@link #ERROR}: the file is not a well-formed OTA upgrade file as read; {@link
 *       OtaImageReport#ok()} is false and {@link OtaImageParser#parseStrict(byte[])} throws.
 *   <li>{@link #WARNING}: the file is readable and self-consistent but departs from the
 *       specification or from common practice (a certification lab would note it); serving or
 *       flashing it is a policy decision.
 *   <li>{@link #INFO}: a fact worth showing (an integrity code checked, a signature present but
 *       not verified, a GB body recognised); never a defect on its own.
 * </ul>
 *
 * <p>The default severity of each code is documented on {@link FindingCode}.
 */
public enum Severity {
    ERROR,
    WARNING,
    INFO
}
