/**
 * Change of Tenancy on IHDs and PPMIDs (SECMP0056, requirements R56.2–R56.6, R56.8): the previous
 * occupier's data on the device ({@link io.hansim.device.cot.OccupierDataStore}, with crash-safe
 * clearing under a journal), the device's CoT profile ({@link io.hansim.device.cot.CotProfile}) and
 * the sans-I/O {@link io.hansim.device.cot.TenancyMonitor} that decides when to clear. Times are ZCL
 * UTCTime seconds (seconds since 2000-01-01, requirements G.4); nothing here reads a clock.
 */
package io.hansim.device.cot;
