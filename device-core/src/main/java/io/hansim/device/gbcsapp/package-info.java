/**
 * A meter's own GBCS application (requirements G.3): the GBCS commands a device receives through the GB
 * tunnel, acted on by the device's roles, and its sealed responses.
 */
package io.hansim.device.gbcsapp;
