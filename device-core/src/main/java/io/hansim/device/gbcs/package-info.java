/**
 * The Communications Hub's GBCS side and the simulated DCC / supplier that talks to it (issue 6):
 * commands arrive on the WAN as GBCS bytes, are checked (MAC, signature, replay) and acted on over
 * the HAN; responses and alerts go back as GBCS bytes MAC'd or signed with the simulation PKI
 * (gbcs.md §4, requirements G.1, G.2, R7.4–R7.10, R56.7).
 */
package io.hansim.device.gbcs;
