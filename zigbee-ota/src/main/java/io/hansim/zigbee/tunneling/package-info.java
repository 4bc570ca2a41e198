/**
 * The Smart Energy Tunneling cluster 0x0704 (SE 1.4 Annex D.6) and the GBCS tunnel command carried in
 * it (requirements G.3, gbcs.md §6): commands are records under the sealed
 * {@link io.hansim.zigbee.tunneling.TunnelingCommand}, framed by
 * {@link io.hansim.zigbee.tunneling.TunnelingFrame} and coded strictly by
 * {@link io.hansim.zigbee.tunneling.TunnelingCodec}; the GET / GET-RESPONSE / PUT byte at the start of
 * Transfer Data is {@link io.hansim.zigbee.tunneling.GbcsTunnelCommand}.
 */
package io.hansim.zigbee.tunneling;
