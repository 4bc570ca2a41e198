/** The Time cluster (0x000A) attribute catalogue: the CH is the HAN's time master (requirements G.4). */
package io.hansim.zigbee.time;
