/**
 * The Smart Energy / GBZ Events cluster 0x0709 (SE 1.4 Annex D.11): Clear Event Log Request and
 * Response, which CS11 "Clear ZigBee Device Event Log" carries (requirements G.8, gbcs.md §8.2).
 * Records under {@link io.hansim.zigbee.events.EventsCommand}, framed by
 * {@link io.hansim.zigbee.events.EventsFrame}, coded by {@link io.hansim.zigbee.events.EventsCodec}.
 */
package io.hansim.zigbee.events;
