/**
 * Tracing the HAN: the {@link io.hansim.device.han.TraceRecord} every send and delivery produces, and
 * the sinks that write it (DESIGN.md §2, §5, §6): {@link io.hansim.device.trace.PcapTraceSink} (pcap,
 * link type 195, decoded by Wireshark down to ZCL), {@link io.hansim.device.trace.JsonLinesTraceSink}
 * with its reader {@link io.hansim.device.trace.TraceJsonLines}, the golden
 * {@link io.hansim.device.trace.FingerprintTraceSink}, {@link io.hansim.device.trace.TeeTraceSink} to
 * fan out and {@link io.hansim.device.trace.CollectingTraceSink} for tests. All output is a function
 * of the records alone: no wall clock, no hash-map order.
 */
package io.hansim.device.trace;
