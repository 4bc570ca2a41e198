/**
 * OTA upgrade files (zigbee-ota.md §7, §8; corpora.md §3, §4): parse, lint, build, hash, sign and
 * verify.
 *
 * <ul>
 *   <li>{@link io.hansim.zigbee.ota.image.OtaImageParser} reads any bytes into an
 *       {@link io.hansim.zigbee.ota.image.OtaImageReport}: header, sub-elements or GB body, and
 *       located {@link io.hansim.zigbee.ota.image.Finding}s (severities on
 *       {@link io.hansim.zigbee.ota.image.FindingCode}). It never throws for bad input;
 *       {@code parseStrict} throws {@link io.hansim.zigbee.ota.image.OtaImageException} on an ERROR.
 *   <li>{@link io.hansim.zigbee.ota.image.OtaImageBuilder} writes files, well-formed or in the
 *       malformed shapes real files have, and rebuilds any parsed file byte for byte.
 *   <li>{@link io.hansim.zigbee.ota.image.AesMmo} and
 *       {@link io.hansim.zigbee.ota.image.IntegrityCodes} check image integrity codes (tag 0x0003).
 *   <li>{@link io.hansim.zigbee.ota.image.GbImages} and {@link io.hansim.zigbee.ota.image.PemKeys}
 *       hash, sign and verify GB images (Manufacturer Image Hash, ECDSA P-256 r‖s), JDK only, in
 *       either {@link io.hansim.zigbee.ota.image.GbForm} (the signed SR 11.1 form, the SR 11.4
 *       PPMID form).
 * </ul>
 *
 * <p>All offsets are absolute file offsets. Nothing here does I/O except the PEM file readers.
 */
package io.hansim.zigbee.ota.image;
