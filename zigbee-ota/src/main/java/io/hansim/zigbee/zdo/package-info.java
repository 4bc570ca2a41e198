/**
 * Zigbee Device Objects (ZDP, Zigbee specification §2.4) frames hansim puts on the HAN: Match Descriptor
 * Request (cluster 0x0006) and Response (0x8006), which a device uses to find the endpoint serving a
 * cluster instead of assuming one (requirements G.5). ZDO frames travel on profile 0x0000, endpoint 0;
 * their payload starts with a transaction sequence number and has no ZCL header.
 */
package io.hansim.zigbee.zdo;
