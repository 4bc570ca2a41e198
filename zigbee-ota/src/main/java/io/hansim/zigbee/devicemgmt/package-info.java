/**
 * The Device Management cluster 0x0708 parts that carry Change of Tenancy (gbcs.md §8.2,
 * requirements R56.1–R56.3, R56.7): the Tenancy attributes
 * ({@link io.hansim.zigbee.devicemgmt.DeviceManagementCluster}), the control bitmap
 * ({@link io.hansim.zigbee.devicemgmt.TenancyChangeControl}), Get / Publish Change of Tenancy as
 * records under the sealed {@link io.hansim.zigbee.devicemgmt.DeviceManagementCommand}, their frame
 * and the strict codec ({@link io.hansim.zigbee.devicemgmt.DeviceManagementCodec}). The GBCS GCS09
 * use case carries a Publish Change of Tenancy frame inside its GBZ component.
 *
 * <p>To add a command: its record, its row in
 * {@link io.hansim.zigbee.devicemgmt.DeviceManagementCommandType}, one reader and one writer in the
 * codec, then example and fuzz tests.
 */
package io.hansim.zigbee.devicemgmt;
