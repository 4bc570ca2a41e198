/**
 * The OTA Upgrade cluster 0x0019 (domain/zigbee-ota.md §1–§3): its ten commands as immutable
 * records under the sealed {@link io.hansim.zigbee.ota.OtaCommand}, the frame that carries one
 * ({@link io.hansim.zigbee.ota.OtaFrame}) and the strict codec ({@link io.hansim.zigbee.ota.OtaCodec}).
 *
 * <p>To add or change a command: its record (fields in the spec's order and names, range checks in
 * the constructor, {@code payloadLength()}), its row in {@link io.hansim.zigbee.ota.OtaCommandType},
 * and one reader and one writer in {@code OtaCodec}; then a sample in the tests' {@code OtaSamples}
 * (which drives the truncation and trailing-byte tests) and a round-trip fuzz target.
 */
package io.hansim.zigbee.ota;
