/**
 * The OTA Upgrade cluster client of the PPMID and HCALCS reference devices (domain/zigbee-ota.md;
 * requirements R7.3–R7.5, R7.8, R7.9, R7.14), as a sans-I/O state machine (DESIGN.md §2, §4).
 *
 * <ul>
 *   <li>{@link io.hansim.zigbee.ota.client.OtaClient}: {@code handle(ClientEvent) → List<ClientAction>};
 *       its class comment narrates the lifecycle and the answer rules.
 *   <li>{@link io.hansim.zigbee.ota.client.ClientEvent} (frames, timers, power-on, application
 *       requests, out-of-band activation, local upgrade attempts) and
 *       {@link io.hansim.zigbee.ota.client.ClientAction} (frames to send, timers, storage,
 *       attribute and status changes, discard, activate, refusals, and a trace of ignored events).
 *   <li>{@link io.hansim.zigbee.ota.client.ClientProfile}: a device's settings and policies as data,
 *       with the {@link io.hansim.zigbee.ota.client.ClientQuirk}s of real devices (zigbee-ota.md §9).
 *   <li>{@link io.hansim.zigbee.ota.client.PersistedDownload}: what survives a power cut.
 * </ul>
 *
 * <p>To add a behaviour of a real device: a {@code ClientQuirk} constant citing its evidence, the
 * branch in {@code OtaClient} that the quirk switches, and a {@code peerN_} test pair in
 * {@code OtaClientPeerRegressionTest} (right behaviour without the quirk, the failure with it).
 */
package io.hansim.zigbee.ota.client;
