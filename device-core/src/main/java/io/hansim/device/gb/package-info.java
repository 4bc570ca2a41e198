/**
 * GB smart-metering policy vocabulary that the Zigbee machines do not know: what kind of HAN device
 * a client is as far as the CH's OTA policy cares ({@link io.hansim.device.gb.DeviceClass}) and the
 * CCS08 Firmware Transfer Alert response codes ({@link io.hansim.device.gb.Ccs08Code}) the CH maps
 * the OTA server's Zigbee-native outcomes to. Depends on nothing in device-core.
 */
package io.hansim.device.gb;
