/**
 * The OTA Upgrade cluster server of the Communications Hub (requirements R7.1–R7.14,
 * domain/zigbee-ota.md): {@link io.hansim.zigbee.ota.server.OtaServer}, a sans-I/O state machine
 * that turns {@link io.hansim.zigbee.ota.server.ServerEvent}s into
 * {@link io.hansim.zigbee.ota.server.ServerAction}s, with its image buffer
 * ({@link io.hansim.zigbee.ota.server.OtaImageStore}, images made with
 * {@link io.hansim.zigbee.ota.server.OtaImage#fromFile(byte[])}) and its configuration as data
 * ({@link io.hansim.zigbee.ota.server.OtaServerConfig}, per client
 * {@link io.hansim.zigbee.ota.server.ClientPolicy}).
 *
 * <p>A host (the CH device model, or a manufacturer's own test harness) feeds it the frames the CH
 * receives on cluster 0x0019, the timers it asked for when they are due, and the CH application's
 * commands; it sends the frames the server returns, keeps the timers, and turns
 * {@link io.hansim.zigbee.ota.server.ServerAction.TransferOutcome} (a Zigbee-native
 * {@link io.hansim.zigbee.ota.server.TransferResult}) into its own alerts (a GB CH: CCS08) and
 * {@link io.hansim.zigbee.ota.server.ServerAction.ReadBackResult} into 0x012B, and keeps each
 * {@link io.hansim.zigbee.ota.server.ServerAction.PersistDistribution} record in non-volatile storage
 * to hand back with {@link io.hansim.zigbee.ota.server.ServerEvent.RestoreClient} after a restart.
 * The host also injects which clients may be offered images
 * ({@link io.hansim.zigbee.ota.server.OfferPolicy}) and what virtual time is in UTC
 * ({@link io.hansim.zigbee.ota.server.UtcClock}). The lifecycle (transfers, distributions), the
 * outcomes and the answer to every wrong-state request are on {@code OtaServer}.
 */
package io.hansim.zigbee.ota.server;
