/**
 * The Metering cluster 0x0702 attributes an IHD or PPMID reads for consumption history
 * ({@link io.hansim.zigbee.metering.MeteringAttribute}) and the helper that turns historic values
 * into Read Attributes Response records ({@link io.hansim.zigbee.metering.MeteringHistory}).
 * Metering commands (profiles, snapshots, mirroring) are not modelled.
 */
package io.hansim.zigbee.metering;
