/**
 * The product and inventory model for MP202 (dual SMETS1/SMETS2+ PPMIDs): the Central Products
 * List ({@link io.hansim.device.inventory.ProductsList}, R202.2, R202.6, R202.7), the Smart Metering
 * Inventory ({@link io.hansim.device.inventory.Inventory}, R202.3, R202.4, R202.6, R202.7),
 * distributions with one image ({@link io.hansim.device.inventory.Distribution}, R202.5) and the
 * OTA-derived identity fields (G.9). Pure data and rules: no I/O, no time.
 */
package io.hansim.device.inventory;
