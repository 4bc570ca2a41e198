/** JMH benchmarks of hansim's hot paths, side by side with zsmartsystems where it has a peer (issue 8). */
package io.hansim.bench;
